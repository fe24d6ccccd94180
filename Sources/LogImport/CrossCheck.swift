public import BenchCore
internal import Foundation

/// Output-token estimates for rows with no prediction (VL-RouterBench spec §1.8), and VLMEvalKit's failure text.
public enum TokenEstimates {
  /// What VLMEvalKit writes as the prediction when an API call failed.
  public static let failedAPIMarker = "Failed to obtain answer via API"

  /// Whether `prediction` contains `failedAPIMarker`, as Python's `in` decides it: a search for the marker's
  /// UTF-8 bytes (code-point substring; no Unicode equivalence). Foundation's `String.contains` goes through
  /// NSString and cost ~15 % of an import's CPU time, once per row.
  static func isFailedAPI(_ prediction: String) -> Bool {
    var text = prediction
    return text.withUTF8 { t in markerBytes.withUnsafeBufferPointer { firstIndex(of: $0, in: t) != nil } }
  }

  private static let markerBytes = Array(failedAPIMarker.utf8)

  /// vqa_mc (multiple choice, yes/no) 10, vqa_oe (open VQA) 50, ocr_qa 50, math 150, else 100.
  public static func outputTokens(for type: AnswerType) -> Int {
    switch type {
    case .multipleChoice, .yesNo: 10
    case .openVQA, .ocr: 50
    case .math: 150
    case .unknown: 100
    }
  }
}

/// One comparison of our per-sample scores with an aggregate VLMEvalKit stored for the same (model, dataset).
public struct CrossCheck: Sendable, Hashable {
  public enum Outcome: Sendable, Hashable {
    /// Bit-for-bit the stored double.
    case exact
    /// Equal up to floating-point rounding (|difference| ≤ 1e-9 on the stored scale).
    case agrees
    /// A real difference (on the stored scale).
    case differs(Double)
    /// Not comparable (e.g. the aggregate is per split and the rows carry no split); the reason.
    case notCompared(String)
  }

  public var model: String
  public var dataset: String
  /// The aggregate file, relative to the import root.
  public var file: String
  /// Which figure: e.g. `Overall`, `aAcc (Overall)`, `hit (Overall)`, `Final Score`.
  public var figure: String
  public var scale: String
  public var stored: Double?
  public var recomputed: Double?
  public var samples: Int
  public var outcome: Outcome

  public var isAgreement: Bool {
    switch outcome {
    case .exact, .agrees: true
    default: false
    }
  }

  /// The outcome in a few words.
  public var outcomePhrase: String {
    switch outcome {
    case .exact: "exact"
    case .agrees: "agrees (rounding)"
    case .differs(let d): "differs by \(d)"
    case .notCompared(let why): "not compared: \(why)"
    }
  }

  /// One group's cross-checks in one phrase, for the report's per-group table.
  static func phrase(_ checks: [CrossCheck]) -> String {
    guard !checks.isEmpty else { return "no aggregate file" }
    return checks.map { c in
      let file = (c.file as NSString).lastPathComponent
      return c.figure == "—" ? "\(file): \(c.outcomePhrase)" : "\(c.figure) of \(file): \(c.outcomePhrase)"
    }.joined(separator: "; ")
  }

  static func make(_ g: FileGroup, _ file: FoundFile, figure: String, stored: Double, scale: AggregateScale,
                   precise: [Double]) -> CrossCheck {
    let cmp = AggregateFiles.compare(stored: stored, perSample: precise, scale: scale)
    let outcome: Outcome = cmp.exact ? .exact : abs(cmp.difference) <= 1e-9 ? .agrees : .differs(cmp.difference)
    let scaleName = switch scale {
    case .fraction: "0–1"
    case .percent: "0–100"
    case .count: "count"
    }
    return CrossCheck(model: g.model, dataset: g.dataset.name, file: file.path, figure: figure, scale: scaleName,
                      stored: stored, recomputed: cmp.recomputed, samples: precise.count, outcome: outcome)
  }

  /// ImageVQA datasets store percentages in `_acc`; MCQ store fractions.
  static func accScale(_ d: DatasetInfo, stored: Double) -> AggregateScale {
    switch d.answerType {
    case .openVQA, .ocr: .percent
    case .multipleChoice, .yesNo: .fraction
    default: stored > 1 ? .percent : .fraction
    }
  }

  /// Per-row columns of the scored file the cross-check of `dataset` needs: `split` (MCQ `_acc` per split),
  /// `category` (POPE's per-category rows), `category` and `image_path` (MME's per-task `acc + acc+`).
  static func extraColumns(for dataset: String) -> [String] {
    if dataset.hasPrefix("MME") && !dataset.hasPrefix("MMEval") { return ["split", "category", "image_path"] }
    return ["split", "category"]
  }

  /// Compares `precise` (per-sample scores in the order of the scored file) with every aggregate beside the group.
  /// `columns` holds the scored file's `split` / `category` / `image_path` cells in the same order, where present.
  static func compare(_ g: FileGroup, precise: [Double], columns: [String: [String]] = [:]) -> [CrossCheck] {
    var out: [CrossCheck] = []
    for f in g.aggregates {
      func skip(_ why: String, figure: String = "—") {
        out.append(CrossCheck(model: g.model, dataset: g.dataset.name, file: f.path, figure: figure, scale: "—",
                              stored: nil, recomputed: nil, samples: precise.count, outcome: .notCompared(why)))
      }
      /// The scores of the rows whose `column` cell is `value` (in order).
      func subset(_ column: String, _ value: String) -> [Double]? {
        guard let cells = columns[column], cells.count == precise.count else { return nil }
        let picked = zip(cells, precise).filter { $0.0 == value }.map(\.1)
        return picked.isEmpty ? nil : picked
      }
      do {
        if f.ext == "json" {
          if let v = try? AggregateFiles.jsonNumber(f.url, key: "Final Score") {
            out.append(make(g, f, figure: "Final Score", stored: v, scale: .count, precise: precise))
          } else if let v = try? AggregateFiles.jsonNumber(f.url, key: "Overall") {
            out.append(make(g, f, figure: "Overall", stored: v, scale: accScale(g.dataset, stored: v), precise: precise))
          } else {
            skip("no `Final Score` or `Overall` number")
          }
          continue
        }
        let t = try AggregateFiles.readTable(f.url, ext: f.ext, displayPath: f.path)
        if t.header.contains("perception") || t.header.contains("reasoning") {
          out += mme(g, f, t, precise: precise, columns: columns)
        } else if t.header.contains("acc"), t.header.contains("precision"), t.header.contains("recall"),
                  let s = t.header.firstIndex(of: "split"), let a = t.header.firstIndex(of: "acc") {
          // POPE: `Overall` is the F1 score of "Yes" answers, not a mean of per-sample scores; `acc` is.
          skip("`Overall` is POPE's F1 score of the yes answers (with precision and recall), not a mean of "
                 + "per-sample scores; `acc` is compared instead", figure: "Overall (F1)")
          for (r, row) in t.rows.enumerated() where s < row.count && a < row.count {
            let split = row[s]
            guard let v = CellValue.decimal(row[a]) else { skip("acc of row \(r + 2) is not a number"); continue }
            if split == "Overall" {
              out.append(make(g, f, figure: "acc (Overall)", stored: v, scale: .percent, precise: precise))
            } else if let sub = subset("category", split) {
              out.append(make(g, f, figure: "acc (\(split))", stored: v, scale: .percent, precise: sub))
            } else {
              skip("no rows of category '\(split)' scored", figure: "acc (\(split))")
            }
          }
        } else if t.header.contains("hit"), t.header.contains("tot"), let r = t.row(whereFirstColumnIs: "Overall") {
          let (tot, hit, _) = try AggregateFiles.mathOverall(t, file: f.path)
          if tot != precise.count {
            skip("stored total \(tot) ≠ \(precise.count) rows scored")
          } else {
            _ = r
            out.append(make(g, f, figure: "hit (Overall)", stored: Double(hit), scale: .count, precise: precise))
          }
        } else if let c = t.header.firstIndex(of: "aAcc"), let r = t.row(whereFirstColumnIs: "Overall") {
          guard let v = CellValue.decimal(t.rows[r][c]) else { skip("aAcc is not a number"); continue }
          out.append(make(g, f, figure: "aAcc (Overall)", stored: v, scale: .percent, precise: precise))
        } else if let c = t.header.firstIndex(of: "Overall") {
          let s = t.header.firstIndex(of: "split")
          if t.rows.count == 1 || s == nil {
            guard let row = t.rows.first, c < row.count, let v = CellValue.decimal(row[c]) else {
              skip("no number in `Overall`")
              continue
            }
            let split = s.map { " (split \(row[$0]))" } ?? ""
            if let s, row[s] != "none", row[s] != "Overall", let sub = subset("split", row[s]), sub.count != precise.count {
              out.append(make(g, f, figure: "Overall" + split, stored: v, scale: accScale(g.dataset, stored: v), precise: sub))
            } else {
              out.append(make(g, f, figure: "Overall" + split, stored: v, scale: accScale(g.dataset, stored: v),
                              precise: precise))
            }
            continue
          }
          // One row per split (MMMU's dev / validation): each compared with the mean over the rows of that split.
          for row in t.rows where s! < row.count && c < row.count {
            let split = row[s!]
            guard let v = CellValue.decimal(row[c]) else { skip("Overall of split \(split) is not a number"); continue }
            if split == "Overall" || split == "none" {
              out.append(make(g, f, figure: "Overall (split \(split))", stored: v, scale: accScale(g.dataset, stored: v),
                              precise: precise))
            } else if let sub = subset("split", split) {
              out.append(make(g, f, figure: "Overall (split \(split))", stored: v, scale: accScale(g.dataset, stored: v),
                              precise: sub))
            } else {
              skip(columns["split"] == nil ? "per split, and the scored file has no `split` column"
                     : "no scored rows of split '\(split)'", figure: "Overall (split \(split))")
            }
          }
        } else {
          skip("no Overall / aAcc / hit / acc figure")
        }
      } catch {
        skip("unreadable: \(error)")
      }
    }
    return out
  }

  /// MME `_score.csv`: per task (category) `acc + acc+` — the mean score ×100 plus the share of images whose two
  /// questions are both right ×100 — and the perception / reasoning sums of the tasks (VLMEvalKit's `MME_rating`).
  static func mme(_ g: FileGroup, _ f: FoundFile, _ t: AggregateFiles.Table, precise: [Double],
                  columns: [String: [String]]) -> [CrossCheck] {
    func note(_ figure: String, _ why: String) -> CrossCheck {
      CrossCheck(model: g.model, dataset: g.dataset.name, file: f.path, figure: figure, scale: "—", stored: nil,
                 recomputed: nil, samples: precise.count, outcome: .notCompared(why))
    }
    guard let categories = columns["category"], let images = columns["image_path"],
          categories.count == precise.count, images.count == precise.count else {
      return [note("perception / reasoning", "MME's scores are sums of per-task acc + acc+; the scored file lacks "
                     + "`category` or `image_path` to recompute them")]
    }
    // stats[category][image_path] = scores, both in order of first appearance (Python dicts keep insertion order).
    var order: [String] = []
    var stats: [String: (images: [String], scores: [String: [Double]])] = [:]
    for (k, c) in categories.enumerated() {
      if stats[c] == nil { order.append(c); stats[c] = ([], [:]) }
      if stats[c]!.scores[images[k]] == nil { stats[c]!.images.append(images[k]) }
      stats[c]!.scores[images[k], default: []].append(precise[k])
    }
    var task: [String: Double] = [:]
    for c in order {
      let s = stats[c]!
      let normal = s.images.flatMap { s.scores[$0]! }
      let plus = s.images.map { s.scores[$0]!.count >= 2 ? s.scores[$0]![0] * s.scores[$0]![1] : .nan }
      task[c] = NumPy.mean(normal) * 100 + NumPy.mean(plus) * 100
    }
    let superCategories: [(String, [String])] = [
      ("perception", ["OCR", "artwork", "celebrity", "color", "count", "existence", "landmark", "position", "posters",
                      "scene"]),
      ("reasoning", ["code_reasoning", "commonsense_reasoning", "numerical_calculation", "text_translation"]),
    ]
    var out: [CrossCheck] = []
    var figures: [(String, Double?)] = []
    for (name, tasks) in superCategories {
      var base = 0.0
      var complete = true
      for c in tasks { if let v = task[c] { base += v } else { complete = false } }
      figures.append((name, complete ? base : nil))
    }
    for c in order { figures.append((c, task[c])) }
    for (figure, ours) in figures {
      guard let col = t.header.firstIndex(of: figure), let row = t.rows.first, col < row.count,
            let stored = CellValue.decimal(row[col]) else { continue }
      guard let ours, ours.isFinite else {
        out.append(note(figure, "some of its tasks have no scored rows (or an image with one question)"))
        continue
      }
      let outcome: Outcome = ours == stored ? .exact : abs(ours - stored) <= 1e-9 ? .agrees : .differs(ours - stored)
      out.append(CrossCheck(model: g.model, dataset: g.dataset.name, file: f.path, figure: "\(figure) (acc + acc+)",
                            scale: "sum of 0–100", stored: stored, recomputed: ours, samples: precise.count,
                            outcome: outcome))
    }
    return out.isEmpty ? [note("perception / reasoning", "no perception, reasoning or task column with a number")] : out
  }
}

/// Image content hashes for de-duplication: SHA-256 of the decoded bytes (no pixel decoding).
enum ImageContent {
  /// The hash of a dataset TSV `image` cell: base64 of one image, or a Python list of base64 strings (multi-image:
  /// the hash of the concatenated per-image hashes). Invalid base64 is a `badValue` error naming the row.
  static func hash(base64Cell cell: String, file: String, row: Int) throws(ImportError) -> String {
    func one(_ b64: String) throws(ImportError) -> String {
      guard let data = Data(base64Encoded: b64, options: .ignoreUnknownCharacters), !data.isEmpty else {
        throw ImportError(.badValue, "image is neither base64 nor a ≤ 64-character row reference", file: file, row: row,
                          column: "image")
      }
      return SHA256.hex(data)
    }
    if cell.hasPrefix("["), let list = PythonLiteral.list(cell), list.count > 1 {
      var parts = ""
      for item in list { parts += try one(item) }
      return SHA256.hex(parts.utf8)
    }
    return try one(cell)
  }
}
