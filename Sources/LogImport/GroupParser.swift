internal import BenchCore
internal import BenchStore
internal import Foundation

/// One row of a prediction file, scored.
struct ParsedRow: Sendable {
  var index: String
  var score: Float
  var outputTokens: Int32
  /// Row of the file that gave the score (judged file, or the prediction file when there is none).
  var sourceRow: Int32
  var predictionRow: Int32
  /// The output tokens are a per-task estimate (the row has no prediction).
  var estimated: Bool = false
}

/// A (model, dataset) group after parsing (or skipped because its files are unchanged).
struct ParsedGroup: Sendable {
  var model: String
  var dataset: String
  var skipped: Bool
  var rows: [ParsedRow] = []
  /// The file whose rows are `sourceRow`s.
  var scoreFile: String = ""
  var predictionFile: String = ""
  /// Every file read, for `importedFile`.
  var files: [ImportedFile] = []
  /// Samples seen in the prediction file (only for datasets without a dataset file).
  var prompts: [SampleRow] = []
  /// Agreement of the per-sample scores with VLMEvalKit's stored aggregates.
  var crossChecks: [CrossCheck] = []
  /// Indices whose prediction is VLMEvalKit's "Failed to obtain answer via API".
  var failedAPI: [String] = []
  /// Rows with no prediction (output tokens estimated).
  var estimatedRows = 0
  /// How the group was scored, for the report.
  var scoring = ""
  /// The era decision (label and evidence) and the rule's summary, for the report.
  var era = ""
  var rule = ""
}

/// A dataset file after parsing.
struct ParsedDataset: Sendable {
  var name: String
  var samples: [SampleRow]
  var file: ImportedFile
}

/// A feature file after reading: `values` is `keys.count` × (product of `shape.dropFirst()`) float32.
struct ParsedFeatures: Sendable {
  var name: String
  var path: String
  var idsPath: String
  var sha256: String
  var keys: [String]
  var shape: [Int]
  var values: [Float]
}

/// What parsing needs; immutable and shared by the parallel parse tasks.
struct ParseContext: Sendable {
  var readers: TableReaders
  var counter: any TokenCounter
  var imageTokens: Int
  var now: String
  /// `importedFile` rows stored before this import, by path.
  var existing: [String: ImportedFile]
  /// (model, dataset) pairs with stored records.
  var pairsWithRecords: Set<[String]>
  /// Datasets whose samples come from a dataset file (their prediction files' questions are not needed).
  var datasetsWithFile: Set<String>
  var root: URL
  /// `--on-error`: whether a group that cannot be read fails the import or is skipped.
  var onError: GroupErrorPolicy = .refuse
}

enum GroupParser {
  /// Whether a dataset uses VLMEvalKit's circular evaluation (its name mentions MMBench, CCBench or circular).
  static func isCircular(_ dataset: String) -> Bool {
    let n = dataset.lowercased()
    return n.contains("mmbench") || n.contains("ccbench") || n.contains("circular")
  }

  /// Whether an index of a circular dataset is a rotated copy (≥ 1,000,000); only main rows are samples.
  @inline(__always) static func isCircularCopy(index: String) -> Bool {
    index.utf8.count >= 7 && (Int(index) ?? 0) >= 1_000_000
  }

  /// Checks a data row has as many cells as the header.
  @inline(__always) static func checkWidth(_ row: TableRow, header: Int, file: String) throws(ImportError) {
    if row.count != header {
      throw ImportError(.malformed, "row has \(row.count) cells but the header has \(header)", file: file,
                        row: row.number)
    }
  }

  /// Runs a reader, normalising every error to `ImportError`.
  static func wrap<T>(_ path: String, _ body: () throws -> T) throws(ImportError) -> T {
    do { return try body() } catch let e as ImportError { throw e } catch {
      throw ImportError(.unreadable, "\(error)", file: path)
    }
  }

  /// Whether every file of a group was imported before with the same SHA-256.
  static func unchanged(_ files: [FoundFile], _ ctx: ParseContext) throws(ImportError) -> Bool {
    for f in files {
      guard let before = ctx.existing[f.path] else { return false }
      if try sha256(ofFile: f.url, displayPath: f.path).hex != before.sha256 { return false }
    }
    return true
  }

  /// Samples of an LMUData-style dataset TSV (`index`, `question`, optional `image`, `image_path`, `category`).
  static func readDataset(_ url: URL, path: String, dataset: String, _ ctx: ParseContext) throws(ImportError)
    -> ParsedDataset
  {
    let reader = try ctx.readers.reader(for: url, displayPath: path)
    var cols: (index: Int, question: Int, image: Int?, imagePath: Int?, category: Int?) = (0, 0, nil, nil, nil)
    var width = 0
    var samples: [SampleRow] = []
    var seen: [String: Int] = [:]
    var imageHashes: [String: String] = [:]
    let circular = isCircular(dataset)
    let result = try wrap(path) {
      try reader.read(url, displayPath: path, header: { cells in
        let h = TableHeader(cells, file: path)
        width = cells.count
        cols = (try h.require("index"), try h.require("question"), h.index(of: "image"), h.index(of: "image_path"),
                h.index(of: "category"))
        return nil
      }, row: { row in
        try checkWidth(row, header: width, file: path)
        let index = row[cols.index]
        if circular, isCircularCopy(index: index) { return }
        if let first = seen.updateValue(row.number, forKey: index) {
          throw ImportError(.duplicate, "index '\(index)' appears twice (first in row \(first))", file: path,
                            row: row.number, column: "index")
        }
        let question = row[cols.question]
        let image = cols.image.map { row[$0] } ?? ""
        let imagePath = cols.imagePath.map { row[$0] } ?? ""
        var images = 1
        if let list = PythonLiteral.list(image.isEmpty ? imagePath : image) { images = list.count }
        var ref: String? = imagePath.isEmpty ? nil : imagePath
        var hash: String?
        if image.utf8.count > 64 {
          hash = try ImageContent.hash(base64Cell: image, file: path, row: row.number)
          imageHashes[index] = hash
          if ref == nil { ref = "\(path)#\(index)" }
        } else if !image.isEmpty {
          // ≤ 64 characters: the index of another row whose image this row reuses (same content hash).
          hash = imageHashes[image]
          if ref == nil { ref = SampleRow.key(dataset: dataset, index: image) }
        }
        let category = cols.category.map { row[$0] }
        samples.append(SampleRow(dataset: dataset, sourceIndex: index, prompt: question, imageRef: ref, imageHash: hash,
                                 inputTokens: ctx.counter.count(question) + ctx.imageTokens * images,
                                 category: category?.isEmpty == false ? category : nil))
      })
    }
    return ParsedDataset(name: dataset, samples: samples,
                         file: ImportedFile(path: path, sha256: result.sha256, kind: "dataset", rows: result.rows,
                                            importedAt: ctx.now))
  }

  /// Reads one (model, dataset) group: scores from the judged file (or the prediction file), output tokens
  /// from the prediction file, joined on `index`. Skips the group when its files are unchanged and its records
  /// are stored.
  static func readGroup(_ g: FileGroup, _ ctx: ParseContext) throws(ImportError) -> ParsedGroup {
    let files = [g.prediction] + (g.judged.map { [$0] } ?? [])
    let dataset = g.dataset.name
    if ctx.pairsWithRecords.contains([g.model, dataset]), try unchanged(files, ctx) {
      return ParsedGroup(model: g.model, dataset: dataset, skipped: true)
    }
    let rule = g.rule
    let columns = rule.columns
    let circular = isCircular(dataset)
    let collectPrompts = !ctx.datasetsWithFile.contains(dataset)
    var out = ParsedGroup(model: g.model, dataset: dataset, skipped: false)

    func positions(_ h: TableHeader) throws(ImportError) -> [Int?] {
      var p: [Int?] = []
      for c in columns { p.append(c.required ? try h.require(c.name) : h.index(of: c.name)) }
      return p
    }
    func score(_ row: TableRow, _ positions: [Int?], file: String) throws(ImportError) -> Double {
      do { return try rule.preciseScore(RuleRow(row: row, positions: positions)) } catch {
        var e = error  // the rule names the column; the file and row are known here
        e.file = file
        e.row = row.number
        throw e
      }
    }

    // Judged file: index → position in the score arrays.
    var slot: [String: Int32] = [:]
    var scores: [Float] = []
    var precise: [Double] = []
    var scoreRows: [Int32] = []
    var taken: [Bool] = []
    // Columns the cross-check needs (per-row split, category, image), read from the scored file.
    let extraNames = g.aggregates.isEmpty ? [] : CrossCheck.extraColumns(for: g.dataset.name)
    var extraPositions: [Int?] = []
    var extras = [[String]](repeating: [], count: extraNames.count)
    func collectExtras(_ row: TableRow) {
      for (k, p) in extraPositions.enumerated() { extras[k].append(p.map { row[$0] } ?? "") }
    }
    if let judged = g.judged {
      let reader = try ctx.readers.reader(for: judged.url, displayPath: judged.path)
      var indexColumn = 0, width = 0
      var p: [Int?] = []
      let result = try wrap(judged.path) {
        try reader.read(judged.url, displayPath: judged.path, header: { cells in
          let h = TableHeader(cells, file: judged.path)
          width = cells.count
          indexColumn = try h.require("index")
          p = try positions(h)
          extraPositions = extraNames.map { h.index(of: $0) }
          return h.selecting([indexColumn] + p + extraPositions)
        }, row: { row in
          try checkWidth(row, header: width, file: judged.path)
          let index = row[indexColumn]
          if circular, isCircularCopy(index: index) { return }
          let s = try score(row, p, file: judged.path)
          if let first = slot.updateValue(Int32(scores.count), forKey: index) {
            throw ImportError(.duplicate, "index '\(index)' appears twice for model \(g.model) (first in row "
                                + "\(scoreRows[Int(first)]))", file: judged.path, row: row.number, column: "index")
          }
          scores.append(Float(s))
          precise.append(s)
          collectExtras(row)
          scoreRows.append(Int32(row.number))
        })
      }
      taken = [Bool](repeating: false, count: scores.count)
      out.scoreFile = judged.path
      out.files.append(ImportedFile(path: judged.path, sha256: result.sha256, kind: "judged", rows: result.rows,
                                    importedAt: ctx.now))
    }

    let p = g.prediction
    let reader = try ctx.readers.reader(for: p.url, displayPath: p.path)
    var cols: (index: Int, prediction: Int, question: Int?) = (0, 0, nil)
    var width = 0
    var scorePositions: [Int?] = []
    var seen: [String: Int] = [:]
    var rows: [ParsedRow] = []
    rows.reserveCapacity(max(scores.count, 64))
    let judged = g.judged
    let counter = ctx.counter
    let estimate = Int32(TokenEstimates.outputTokens(for: g.dataset.answerType))
    var failedAPI: [String] = []
    var estimatedRows = 0
    let foldsCopies = (rule as? ExactMatchingChoiceRule)?.scoresCircularCopies ?? false
    var copyScores: [String: Double] = [:]
    let result = try wrap(p.path) {
      try reader.read(p.url, displayPath: p.path, header: { cells in
        let h = TableHeader(cells, file: p.path)
        width = cells.count
        cols = (try h.require("index"), try h.require("prediction"), h.index(of: "question"))
        if judged == nil {
          scorePositions = try positions(h)
          extraPositions = extraNames.map { h.index(of: $0) }
        }
        return h.selecting([cols.index, cols.prediction, collectPrompts ? cols.question : nil] + scorePositions
                             + (judged == nil ? extraPositions : []))
      }, row: { row in
        try checkWidth(row, header: width, file: p.path)
        let index = row[cols.index]
        if circular, isCircularCopy(index: index) {
          // Exact matching of a circular dataset: a rotation that is wrong makes its sample wrong.
          if judged == nil, foldsCopies, let n = Int(index) {
            let d = try score(row, scorePositions, file: p.path)
            let main = String(n % 1_000_000)
            copyScores[main] = min(copyScores[main] ?? 1, d)
          }
          return
        }
        let s: Float, sourceRow: Int32
        if let judged {
          guard let k = slot[index].map(Int.init) else {
            throw ImportError(.missingJudgedFile, "no judged row for index '\(index)' (prediction file \(p.path), "
                                + "row \(row.number))", file: judged.path, column: "index")
          }
          if taken[k] {
            throw ImportError(.duplicate, "index '\(index)' appears twice for model \(g.model)", file: p.path,
                              row: row.number, column: "index")
          }
          taken[k] = true
          (s, sourceRow) = (scores[k], scoreRows[k])
        } else {
          if let first = seen.updateValue(row.number, forKey: index) {
            throw ImportError(.duplicate, "index '\(index)' appears twice for model \(g.model) (first in row \(first))",
                              file: p.path, row: row.number, column: "index")
          }
          let d = try score(row, scorePositions, file: p.path)
          precise.append(d)
          collectExtras(row)
          s = Float(d)
          sourceRow = Int32(row.number)
        }
        let prediction = row[cols.prediction]
        if TokenEstimates.isFailedAPI(prediction) { failedAPI.append(index) }
        if prediction.isEmpty {
          estimatedRows += 1
          rows.append(ParsedRow(index: index, score: s, outputTokens: estimate, sourceRow: sourceRow,
                                predictionRow: Int32(row.number), estimated: true))
        } else {
          rows.append(ParsedRow(index: index, score: s, outputTokens: Int32(clamping: counter.count(prediction)),
                                sourceRow: sourceRow, predictionRow: Int32(row.number)))
        }
        if collectPrompts {
          let question = cols.question.map { row[$0] } ?? ""
          out.prompts.append(SampleRow(dataset: dataset, sourceIndex: index, prompt: question,
                                       inputTokens: counter.count(question) + ctx.imageTokens))
        }
      })
    }
    if !copyScores.isEmpty {
      for k in rows.indices {
        guard let c = copyScores[rows[k].index], c < precise[k] else { continue }
        precise[k] = c
        rows[k].score = Float(c)
      }
    }
    out.rows = rows
    out.failedAPI = failedAPI
    out.estimatedRows = estimatedRows
    out.scoring = rule.summary + " (" + g.eraNote + ")"
    out.era = g.eraNote
    out.rule = rule.summary
    var extraColumns: [String: [String]] = [:]
    for (k, name) in extraNames.enumerated() where extraPositions.indices.contains(k) && extraPositions[k] != nil {
      extraColumns[name] = extras[k]
    }
    out.crossChecks = CrossCheck.compare(g, precise: precise, columns: extraColumns)
    out.predictionFile = p.path
    if judged == nil { out.scoreFile = p.path }
    out.files.append(ImportedFile(path: p.path, sha256: result.sha256, kind: "prediction", rows: result.rows,
                                  importedAt: ctx.now))
    return out
  }

  /// Reads one `.npy` feature file and its sample keys: `<name>_ids.txt` or `sample_ids.txt` beside it
  /// (one "<dataset>/<index>" per line, in row order).
  static func readFeatures(_ url: URL, _ ctx: ParseContext) throws(ImportError) -> ParsedFeatures {
    try readFeatures(url, ids: nil, name: nil, root: ctx.root)
  }

  /// Reads a `.npy` feature file and its sample ids: `ids`, else `NAME_ids.txt` or `sample_ids.txt` beside it.
  /// The set is named `name`, else after the file.
  static func readFeatures(_ url: URL, ids: URL?, name: String?, root: URL) throws(ImportError) -> ParsedFeatures {
    let path = WorkDirectoryScanner.relative(url, to: root)
    let name = name ?? url.deletingPathExtension().lastPathComponent
    let (sha, _) = try sha256(ofFile: url, displayPath: path)
    let dir = url.deletingLastPathComponent()
    let stem = url.deletingPathExtension().lastPathComponent
    let candidates = ids.map { [$0] } ?? [dir.appendingPathComponent(stem + "_ids.txt"), dir.appendingPathComponent("sample_ids.txt")]
    guard let idsURL = candidates.first(where: WorkDirectoryScanner.isRegularFile) else {
      throw ImportError(.features, ids == nil ? "no sample_ids.txt (one sample key per row) beside the feature file"
                          : "no ids file at \(ids!.path)", file: path)
    }
    let idsPath = WorkDirectoryScanner.relative(idsURL, to: root)
    try requireRegularFile(idsURL, displayPath: idsPath)
    let text: String
    do { text = try String(contentsOf: idsURL, encoding: .utf8) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: idsPath)
    }
    let keys = text.split(whereSeparator: \.isNewline).map { String(CellValue.trimmed(String($0))) }
      .filter { !$0.isEmpty }
    let array = try FeatureFile.read(url, path: path)
    guard array.shape.count >= 2, array.shape[0] == keys.count else {
      throw ImportError(.features, "shape \(array.shape) does not match \(keys.count) sample ids in \(idsPath)", file: path)
    }
    return ParsedFeatures(name: name, path: path, idsPath: idsPath, sha256: sha, keys: keys, shape: array.shape,
                          values: array.values)
  }
}
