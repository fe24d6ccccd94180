public import BenchCore
internal import Foundation

/// Output-token estimates for rows with no prediction (VL-RouterBench spec §1.8), and VLMEvalKit's failure text.
public enum TokenEstimates {
  /// What VLMEvalKit writes as the prediction when an API call failed.
  public static let failedAPIMarker = "Failed to obtain answer via API"

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

  /// Compares `precise` (per-sample scores in the order of the scored file) with every aggregate beside the group.
  static func compare(_ g: FileGroup, precise: [Double]) -> [CrossCheck] {
    var out: [CrossCheck] = []
    for f in g.aggregates {
      func skip(_ why: String) {
        out.append(CrossCheck(model: g.model, dataset: g.dataset.name, file: f.path, figure: "—", scale: "—",
                              stored: nil, recomputed: nil, samples: precise.count, outcome: .notCompared(why)))
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
        let t = try AggregateFiles.readCSV(f.url)
        if t.header.contains("hit"), t.header.contains("tot"), let r = t.row(whereFirstColumnIs: "Overall") {
          let (tot, hit, _) = try AggregateFiles.mathOverall(f.url)
          if tot != precise.count {
            skip("stored total \(tot) ≠ \(precise.count) rows scored")
          } else {
            _ = r
            out.append(make(g, f, figure: "hit (Overall)", stored: Double(hit), scale: .count, precise: precise))
          }
        } else if let c = t.header.firstIndex(of: "aAcc"), let r = t.row(whereFirstColumnIs: "Overall") {
          guard let v = Double(t.rows[r][c]) else { skip("aAcc is not a number"); continue }
          out.append(make(g, f, figure: "aAcc (Overall)", stored: v, scale: .percent, precise: precise))
        } else if let c = t.header.firstIndex(of: "Overall") {
          var row: Int?
          if t.rows.count == 1 {
            row = 0
          } else if let s = t.header.firstIndex(of: "split") {
            row = t.rows.firstIndex { $0.count > s && ($0[s] == "Overall" || $0[s] == "none") }
          }
          guard let row, c < t.rows[row].count, let v = Double(t.rows[row][c]) else {
            skip("\(t.rows.count) rows (per split); no overall row to compare")
            continue
          }
          let split = t.header.firstIndex(of: "split").map { " (split \(t.rows[row][$0]))" } ?? ""
          out.append(make(g, f, figure: "Overall" + split, stored: v, scale: accScale(g.dataset, stored: v),
                          precise: precise))
        } else {
          skip("no Overall / aAcc / hit figure")
        }
      } catch {
        skip("unreadable: \(error)")
      }
    }
    return out
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
