internal import BenchCore
public import BenchStore
public import Foundation

/// The two table layouts of graded evaluation data (docs/ecvl.md, "Data formats").
public enum GradedLayout: String, Sendable, Hashable, CaseIterable {
  /// One row per (sample, model): `sample_id, dataset, model, score, latency_s` and optionally `input_tokens,
  /// output_tokens, prompt, image`.
  case long
  /// One row per sample: `sample_id, dataset` (optionally `prompt, image, input_tokens`) and per model
  /// `score:MODEL`, `latency_s:MODEL` (optionally `output_tokens:MODEL`).
  case wide
}

/// Options of one graded import (`routerbench scenario import`).
public struct GradedImportOptions: Sendable {
  /// The score file: `.csv`, `.tsv` or `.jsonl`.
  public var file: URL
  /// nil: recognised from the header (a `model` column → long; `score:…` columns → wide).
  public var layout: GradedLayout?
  /// `.npy` feature files (ids in `sample_ids.txt` or `NAME_ids.txt` beside each), stored in the same transaction.
  public var features: [URL]
  /// `models.csv` (`model, display_name, params_b, tier`): display names, sizes and tiers.
  public var modelsFile: URL?
  /// Models stored with tier `edge` (the others keep theirs; new models default to `cloud`).
  public var edgeModels: [String]
  /// What to do when a model lacks a sample: refuse (default), drop the sample, drop the model.
  public var missing: MissingPolicy
  /// A graded record counts as correct in the VL-RouterBench view when its judge score is at least this
  /// (ECVL-Router's default MES, 6).
  public var correctJudgeScore: Double
  /// Input tokens charged per image when `input_tokens` is empty.
  public var imageTokens: Int
  /// Counts prompt tokens when `input_tokens` is empty.
  public var tokenCounter: any TokenCounter
  /// Seed of the VL-RouterBench default split stored beside the data (scenario runs make their own splits).
  public var splitSeed: UInt64
  /// Recorded as the `preset` metadata value (e.g. `ecvl` for the simulated preset); nil leaves it as it is.
  public var preset: String?
  public var simulated: Bool?
  /// Paths in errors and in `importedFile` are relative to this directory (default: the score file's).
  public var root: URL?

  public init(file: URL, layout: GradedLayout? = nil, features: [URL] = [], modelsFile: URL? = nil,
              edgeModels: [String] = [], missing: MissingPolicy = .refuse, correctJudgeScore: Double = 6,
              imageTokens: Int = 256, tokenCounter: any TokenCounter = ApproximateTokenCounter(),
              splitSeed: UInt64 = 42, preset: String? = nil, simulated: Bool? = nil, root: URL? = nil) {
    self.file = file
    self.layout = layout
    self.features = features
    self.modelsFile = modelsFile
    self.edgeModels = edgeModels
    self.missing = missing
    self.correctJudgeScore = correctJudgeScore
    self.imageTokens = imageTokens
    self.tokenCounter = tokenCounter
    self.splitSeed = splitSeed
    self.preset = preset
    self.simulated = simulated
    self.root = root
  }
}

/// What a graded import did.
public struct GradedImportSummary: Sendable, Hashable {
  public var layout: GradedLayout
  /// False when the score file (and every feature file) was imported before with the same content.
  public var wrote: Bool
  /// Read from the file.
  public var rowsRead = 0
  public var recordsImported = 0
  /// In the store after the import.
  public var samples = 0, models = 0, records = 0
  public var droppedSamples: [String] = []
  public var droppedModels: [String] = []
  public var featureSets: [String] = []
  public var notes: [String] = []
}

/// Imports graded evaluation data — 1–10 judge scores and latencies per (sample, model), ECVL-Router App. A —
/// into a `BenchStore`: atomically (one transaction: a failure leaves the database as it was) and idempotently
/// (a file already imported with the same SHA-256 is not written again). Errors are `ImportError`s naming the
/// file, row and column.
public enum GradedImport {
  /// The missing-cell policy on a matrix being imported (every stored model needs every stored sample): refuse
  /// with the first cells named, or drop the incomplete samples or models; returns what was dropped. Shared by the
  /// graded and the multi-metric imports.
  static func completeMatrix(_ tx: StoreTransaction, policy: MissingPolicy, matrix: String, fix: String,
                             file display: String) throws -> (samples: [String], models: [String]) {
    let missing = try tx.missingCells()
    guard !missing.isEmpty else { return ([], []) }
    var dropped: (samples: [String], models: [String]) = ([], [])
    switch policy {
    case .refuse:
      throw ImportError(.incomplete, "the \(matrix) matrix is incomplete: "
                          + missing.prefix(5).map(\.description).joined(separator: "; ")
                          + (missing.count > 5 ? "; … (\(missing.count) model × dataset cells)" : "")
                          + ". \(fix), or import with --missing drop-sample or drop-model", file: display)
    case .dropSample:
      dropped.samples = try tx.deleteIncompleteSamples()
    case .dropModel:
      dropped.models = Array(Set(missing.map(\.model))).sorted()
      try tx.deleteModels(dropped.models)
    }
    if try tx.count(.sample) == 0 || tx.count(.model) == 0 {
      throw ImportError(.incomplete, "nothing is left after dropping incomplete "
                          + (policy == .dropSample ? "samples" : "models"), file: display)
    }
    return dropped
  }

  /// Deletes the default split when some stored sample is outside it, so `ensureDefaultSplit` makes it again over
  /// every sample.
  static func resetDefaultSplitIfPartial(_ tx: StoreTransaction) throws {
    if try tx.hasSplit(BenchStore.defaultSplitName),
       try !tx.samplesOutsideSplit(BenchStore.defaultSplitName).isEmpty {
      try tx.deleteSplit(BenchStore.defaultSplitName)
    }
  }

  public static let longRequired = ["sample_id", "dataset", "model", "score", "latency_s"]
  public static let longOptional = ["input_tokens", "output_tokens", "prompt", "image"]
  public static let wideSampleColumns = ["sample_id", "dataset", "prompt", "image", "input_tokens"]

  public static func run(_ o: GradedImportOptions, into store: BenchStore) throws -> GradedImportSummary {
    let root = o.root ?? o.file.deletingLastPathComponent()
    let display = WorkDirectoryScanner.relative(o.file, to: root)
    let parsed = try parse(o.file, display: display, layout: o.layout)
    let modelInfo = try o.modelsFile.map { try readModelsFile($0, root: root) } ?? [:]
    let features = try o.features.map { url throws(ImportError) in
      try GroupParser.readFeatures(url, ids: nil, name: nil, root: root)
    }
    for name in o.edgeModels where !parsed.models.contains(name) && modelInfo[name] == nil {
      throw ImportError(.usage, "--edge names model '\(name)', which \(display) does not score (models: "
                          + parsed.models.joined(separator: ", ") + ")")
    }
    let now = ISO8601DateFormatter().string(from: Date())
    let threshold = o.correctJudgeScore
    guard threshold.isFinite, (1...10).contains(threshold) else {
      throw ImportError(.usage, "the correct-judge-score threshold \(threshold) is outside [1, 10]")
    }

    return try store.transaction { tx in
      var summary = GradedImportSummary(layout: parsed.layout, wrote: false)
      summary.rowsRead = parsed.rows
      let stored = try tx.importedFile(path: display)
      let featuresUnchanged = try features.allSatisfy { try tx.importedFile(path: $0.path)?.sha256 == $0.sha256 }
      if let stored, stored.sha256 == parsed.sha256, stored.kind == "graded", featuresUnchanged {
        (summary.samples, summary.models, summary.records) = try storeCounts(tx)
        summary.notes.append("\(display) was imported before with the same content; nothing written")
        return summary
      }
      summary.wrote = true

      // Datasets and models.
      let knownDatasets = try tx.datasets()
      var position = knownDatasets.count
      for d in parsed.datasets where !knownDatasets.contains(where: { $0.info.name == d }) {
        _ = try tx.ensureDataset(DatasetInfo(name: d, displayName: d, group: .other, answerType: .unknown),
                                 position: position)
        position += 1
      }
      var modelIDs: [String: Int64] = [:]
      for m in parsed.models {
        let info = modelInfo[m] ?? ModelInfo(name: m, displayName: m)
        modelIDs[m] = try tx.ensureModel(info)
      }
      for (name, info) in modelInfo where parsed.models.contains(name) { try tx.setTier(info.tier, ofModel: name) }
      for name in o.edgeModels { try tx.setTier(.edge, ofModel: name) }

      // Samples.
      let rows = parsed.samples.map { s in
        SampleRow(dataset: s.dataset, sourceIndex: s.index, prompt: s.prompt, imageRef: s.image,
                  inputTokens: s.inputTokens ?? (o.tokenCounter.count(s.prompt) + (s.image == nil ? 0 : o.imageTokens)))
      }
      try tx.upsertSamples(rows)
      if parsed.samples.contains(where: { $0.inputTokens == nil }) {
        summary.notes.append("input tokens counted from the prompts (\(o.tokenCounter.name)) where input_tokens is empty")
      }

      // Records.
      let fileID = try tx.recordImportedFile(ImportedFile(path: display, sha256: parsed.sha256, kind: "graded",
                                                          rows: parsed.rows, importedAt: now))
      let index = try tx.sampleIndex()
      var records: [GradedRecordRow] = []
      records.reserveCapacity(parsed.cells.count)
      for c in parsed.cells {
        guard let sample = index[SampleRow.key(dataset: c.dataset, index: c.index)], let model = modelIDs[c.model]
        else { continue }
        records.append(GradedRecordRow(sampleId: sample.id, modelId: model, judgeScore: c.score,
                                       latencySeconds: c.latency, outputTokens: Int32(clamping: c.outputTokens ?? 0),
                                       correct: c.score >= threshold, sourceFileId: fileID, sourceRow: Int32(c.row)))
      }
      try tx.writeGradedRecords(records)
      summary.recordsImported = records.count
      if parsed.cells.contains(where: { $0.outputTokens == nil }) {
        summary.notes.append("no output tokens for some records: they are stored as 0 and token saving reads n/a")
      }

      // The VL-RouterBench view: a default split over every sample, the correctness threshold.
      let end = try finish(tx, matrix: "graded", fix: "Score every model on every sample", file: display,
                           missing: o.missing, splitSeed: o.splitSeed,
                           correctThreshold: String(Float((threshold - 1) / 9)), preset: o.preset,
                           simulated: o.simulated, features: features, importedAt: now)
      (summary.droppedSamples, summary.droppedModels, summary.featureSets) = (end.droppedSamples, end.droppedModels,
                                                                             end.featureSets)
      (summary.samples, summary.models, summary.records) = try storeCounts(tx)
      return summary
    }
  }

  /// What `finish` did: the missing policy's drops and the feature sets stored.
  struct Finished {
    var droppedSamples: [String]
    var droppedModels: [String]
    var featureSets: [String]
  }

  /// The end both graded layouts' imports share, inside their transaction: completeness (every stored model needs
  /// every stored sample, under `missing`), the default split over every sample, the metadata, the feature sets.
  static func finish(_ tx: StoreTransaction, matrix: String, fix: String, file display: String,
                     missing: MissingPolicy, splitSeed: UInt64, correctThreshold: String, preset: String?,
                     simulated: Bool?, features: [ParsedFeatures], importedAt now: String) throws -> Finished {
    let dropped = try completeMatrix(tx, policy: missing, matrix: matrix, fix: fix, file: display)
    try resetDefaultSplitIfPartial(tx)
    try tx.ensureDefaultSplit(seed: splitSeed)
    try tx.setMetadata(.correctThreshold, correctThreshold)
    if let preset { try tx.setMetadata(.preset, preset) }
    if let simulated { try tx.setMetadata(.simulated, simulated ? "true" : "false") }
    for f in features { _ = try FeatureImport.store(f, in: tx, importedAt: now) }
    return Finished(droppedSamples: dropped.samples, droppedModels: dropped.models, featureSets: features.map(\.name))
  }

  /// Samples, models and records in the store.
  static func storeCounts(_ tx: StoreTransaction) throws -> (samples: Int, models: Int, records: Int) {
    (try tx.count(.sample), try tx.count(.model), try tx.count(.record))
  }

  // MARK: Parsing

  struct Cell {
    var dataset: String
    var index: String
    var model: String
    var score: Double
    var latency: Double
    var outputTokens: Int?
    var row: Int
  }

  struct Sample {
    var dataset: String
    var index: String
    var prompt: String
    var image: String?
    var inputTokens: Int?
    var row: Int
  }

  struct Parsed {
    var layout: GradedLayout
    var sha256: String
    var rows: Int
    /// In order of first appearance.
    var datasets: [String]
    var models: [String]
    var samples: [Sample]
    var cells: [Cell]
  }

  /// Reads a score file into samples and cells, checking every value.
  static func parse(_ url: URL, display: String, layout: GradedLayout?) throws(ImportError) -> Parsed {
    let table = try readTable(url, display: display)
    let header = table.header
    let chosen: GradedLayout
    if let layout {
      chosen = layout
    } else if header.contains("model") {
      chosen = .long
    } else if header.contains(where: { $0.hasPrefix("score:") }) {
      chosen = .wide
    } else {
      throw ImportError(.missingColumn, "neither the long layout (columns " + longRequired.joined(separator: ", ")
                          + ") nor the wide one (sample_id, dataset, score:MODEL, latency_s:MODEL)", file: display,
                        row: 1)
    }
    var builder = Builder(display: display)
    switch chosen {
    case .long: try builder.readLong(table)
    case .wide: try builder.readWide(table)
    }
    guard !builder.cells.isEmpty else {
      throw ImportError(.incomplete, "the file has no scored rows", file: display)
    }
    return Parsed(layout: chosen, sha256: table.sha256, rows: table.rows.count, datasets: builder.datasets,
                  models: builder.models, samples: builder.samples, cells: builder.cells)
  }

  struct Table {
    var header: [String]
    var rows: [(number: Int, cells: [String])]
    var sha256: String
  }

  /// A CSV/TSV through the strict delimited reader, or JSONL (one object per line; keys are the columns, `null` is an
  /// empty cell, the keys of the first object are the header).
  static func readTable(_ url: URL, display: String) throws(ImportError) -> Table {
    let ext = url.pathExtension.lowercased()
    switch ext {
    case "csv", "tsv":
      var header: [String] = []
      var rows: [(number: Int, cells: [String])] = []
      let reader = ext == "csv" ? DelimitedTableReader.csv : DelimitedTableReader.tsv
      let result: TableReadResult
      do {
        result = try reader.read(url, displayPath: display, header: { h in
          header = h
          return nil
        }, row: { r in
          rows.append((r.number, (0..<r.count).map { r[$0] }))
        })
      } catch let e as ImportError {
        throw e
      } catch {
        throw ImportError(.unreadable, "\(error)", file: display)
      }
      if header.isEmpty { throw ImportError(.malformed, "the file is empty (no header)", file: display, row: 1) }
      return Table(header: header.map { $0.trimmingCharacters(in: .whitespaces) }, rows: rows, sha256: result.sha256)
    case "jsonl":
      let data: Data
      do { data = try Data(contentsOf: url) } catch {
        throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: display)
      }
      let sha = data.withUnsafeBytes { SHA256.hex($0) }
      var header: [String] = []
      var rows: [(number: Int, cells: [String])] = []
      var lineNumber = 0
      let decoder = JSONDecoder()
      for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
        lineNumber += 1
        var text = line.last == 0x0D ? line.dropLast() : line
        if lineNumber == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }  // a UTF-8 BOM
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
        let dict: [String: JSONScalar]
        do { dict = try decoder.decode([String: JSONScalar].self, from: Data(text)) } catch {
          throw ImportError(.malformed, "not a JSON object of numbers, strings and nulls: \(error)", file: display,
                            row: lineNumber)
        }
        if header.isEmpty { header = dict.keys.sorted() }
        for key in dict.keys.sorted() where !header.contains(key) {
          throw ImportError(.badValue, "key '\(key)' is not in the first line's keys (\(header.joined(separator: ", ")))",
                            file: display, row: lineNumber, column: key)
        }
        rows.append((lineNumber, header.map { dict[$0]?.text ?? "" }))
      }
      if header.isEmpty { throw ImportError(.malformed, "the file has no JSON objects", file: display) }
      return Table(header: header, rows: rows, sha256: sha)
    default:
      throw ImportError(.unsupported, "graded scores are read from .csv, .tsv or .jsonl, not .\(ext)", file: display)
    }
  }

  /// Collects samples and cells, checking values and consistency as rows arrive.
  struct Builder {
    let display: String
    var datasets: [String] = []
    var models: [String] = []
    var samples: [Sample] = []
    var sampleIndex: [String: Int] = [:]
    var cells: [Cell] = []
    /// (sample key, model) → row of its first cell.
    var seen: [String: Int] = [:]

    init(display: String) { self.display = display }

    func fail(_ kind: ImportError.Kind, _ message: String, row: Int, column: String?) -> ImportError {
      ImportError(kind, message, file: display, row: row, column: column)
    }

    func text(_ value: String, row: Int, column: String) throws(ImportError) -> String {
      let t = value.trimmingCharacters(in: .whitespaces)
      guard !t.isEmpty else { throw fail(.badValue, "empty", row: row, column: column) }
      guard !t.contains("/") || column != "dataset" else {
        throw fail(.badValue, "a dataset name cannot contain '/' (sample keys are DATASET/SAMPLE_ID)", row: row,
                   column: column)
      }
      return t
    }

    func judge(_ value: String, row: Int, column: String) throws(ImportError) -> Double {
      let t = value.trimmingCharacters(in: .whitespaces)
      guard let v = Double(t), v.isFinite else {
        throw fail(.badValue, t.isEmpty ? "empty judge score" : "judge score '\(t)' is not a number", row: row,
                   column: column)
      }
      guard (1...10).contains(v) else {
        throw fail(.badValue, "judge score \(t) is outside [1, 10]", row: row, column: column)
      }
      return v
    }

    func latency(_ value: String, row: Int, column: String) throws(ImportError) -> Double {
      let t = value.trimmingCharacters(in: .whitespaces)
      guard let v = Double(t) else {
        throw fail(.badValue, t.isEmpty ? "empty latency" : "latency '\(t)' is not a number", row: row,
                   column: column)
      }
      guard v.isFinite else { throw fail(.badValue, "latency \(t) is not finite", row: row, column: column) }
      guard v >= 0 else { throw fail(.badValue, "latency \(t) s is negative", row: row, column: column) }
      return v
    }

    func count(_ value: String, row: Int, column: String) throws(ImportError) -> Int? {
      let t = value.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { return nil }
      guard let v = Int(t), v >= 0 else {
        throw fail(.badValue, "'\(t)' is not a token count (an integer ≥ 0)", row: row, column: column)
      }
      return v
    }

    /// Registers the sample of a row, or checks the row agrees with the sample's first row.
    mutating func sample(dataset: String, index: String, prompt: String, image: String, inputTokens: Int?,
                         row: Int) throws(ImportError) -> String {
      let key = SampleRow.key(dataset: dataset, index: index)
      let image = image.isEmpty ? nil : image
      if let at = sampleIndex[key] {
        let first = samples[at]
        if first.prompt != prompt {
          throw fail(.badValue, "sample \(key): the prompt differs from row \(first.row)", row: row, column: "prompt")
        }
        if first.image != image {
          throw fail(.badValue, "sample \(key): the image differs from row \(first.row)", row: row, column: "image")
        }
        if first.inputTokens != inputTokens {
          throw fail(.badValue, "sample \(key): input_tokens differs from row \(first.row)", row: row,
                     column: "input_tokens")
        }
        return key
      }
      if !datasets.contains(dataset) { datasets.append(dataset) }
      sampleIndex[key] = samples.count
      samples.append(Sample(dataset: dataset, index: index, prompt: prompt, image: image, inputTokens: inputTokens,
                            row: row))
      return key
    }

    mutating func cell(key: String, _ c: Cell, column: String) throws(ImportError) {
      if let first = seen.updateValue(c.row, forKey: key + "\u{0}" + c.model) {
        throw fail(.duplicate, "sample \(key) is scored twice for model \(c.model) (first at row \(first))",
                   row: c.row, column: column)
      }
      if !models.contains(c.model) { models.append(c.model) }
      cells.append(c)
    }

    mutating func readLong(_ t: Table) throws(ImportError) {
      var at: [String: Int] = [:]
      for (i, name) in t.header.enumerated() {
        guard Self.longColumns.contains(name) else {
          throw ImportError(.badValue, "unknown column '\(name)' in the long layout (columns: "
                              + (GradedImport.longRequired + GradedImport.longOptional).joined(separator: ", ") + ")",
                            file: display, row: 1, column: name)
        }
        if at.updateValue(i, forKey: name) != nil {
          throw ImportError(.duplicate, "column '\(name)' appears twice", file: display, row: 1, column: name)
        }
      }
      for name in GradedImport.longRequired where at[name] == nil {
        throw ImportError(.missingColumn, "no '\(name)' column (the long layout needs "
                            + GradedImport.longRequired.joined(separator: ", ") + ")", file: display, row: 1,
                          column: name)
      }
      func cell(_ r: [String], _ name: String) -> String { at[name].map { $0 < r.count ? r[$0] : "" } ?? "" }
      for (n, r) in t.rows {
        let dataset = try text(cell(r, "dataset"), row: n, column: "dataset")
        let index = try text(cell(r, "sample_id"), row: n, column: "sample_id")
        let model = try text(cell(r, "model"), row: n, column: "model")
        let score = try judge(cell(r, "score"), row: n, column: "score")
        let seconds = try latency(cell(r, "latency_s"), row: n, column: "latency_s")
        let output = try count(cell(r, "output_tokens"), row: n, column: "output_tokens")
        let input = try count(cell(r, "input_tokens"), row: n, column: "input_tokens")
        let key = try sample(dataset: dataset, index: index, prompt: cell(r, "prompt"), image: cell(r, "image"),
                             inputTokens: input, row: n)
        try self.cell(key: key, Cell(dataset: dataset, index: index, model: model, score: score, latency: seconds,
                                     outputTokens: output, row: n), column: "model")
      }
    }

    static let longColumns = Set(GradedImport.longRequired + GradedImport.longOptional)

    mutating func readWide(_ t: Table) throws(ImportError) {
      var at: [String: Int] = [:]
      var scoreColumn: [String: Int] = [:], latencyColumn: [String: Int] = [:], tokenColumn: [String: Int] = [:]
      var modelOrder: [String] = []
      for (i, name) in t.header.enumerated() {
        if at.updateValue(i, forKey: name) != nil {
          throw ImportError(.duplicate, "column '\(name)' appears twice", file: display, row: 1, column: name)
        }
        if GradedImport.wideSampleColumns.contains(name) { continue }
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty, ["score", "latency_s", "output_tokens"].contains(parts[0]) else {
          throw ImportError(.badValue, "unknown column '\(name)' in the wide layout (sample columns: "
                              + GradedImport.wideSampleColumns.joined(separator: ", ")
                              + "; per model: score:MODEL, latency_s:MODEL, output_tokens:MODEL)",
                            file: display, row: 1, column: name)
        }
        let model = parts[1]
        if !modelOrder.contains(model) { modelOrder.append(model) }
        switch parts[0] {
        case "score": scoreColumn[model] = i
        case "latency_s": latencyColumn[model] = i
        default: tokenColumn[model] = i
        }
      }
      for name in ["sample_id", "dataset"] where at[name] == nil {
        throw ImportError(.missingColumn, "no '\(name)' column", file: display, row: 1, column: name)
      }
      for m in modelOrder {
        guard scoreColumn[m] != nil else {
          throw ImportError(.missingColumn, "model \(m) has no 'score:\(m)' column", file: display, row: 1,
                            column: "score:\(m)")
        }
        guard latencyColumn[m] != nil else {
          throw ImportError(.missingColumn, "model \(m) has no 'latency_s:\(m)' column", file: display, row: 1,
                            column: "latency_s:\(m)")
        }
      }
      guard !modelOrder.isEmpty else {
        throw ImportError(.missingColumn, "no score:MODEL column", file: display, row: 1)
      }
      func cell(_ r: [String], _ i: Int?) -> String { i.map { $0 < r.count ? r[$0] : "" } ?? "" }
      for (n, r) in t.rows {
        let dataset = try text(cell(r, at["dataset"]), row: n, column: "dataset")
        let index = try text(cell(r, at["sample_id"]), row: n, column: "sample_id")
        let input = try count(cell(r, at["input_tokens"]), row: n, column: "input_tokens")
        let key = try sample(dataset: dataset, index: index, prompt: cell(r, at["prompt"]),
                             image: cell(r, at["image"]), inputTokens: input, row: n)
        for m in modelOrder {
          let scoreText = cell(r, scoreColumn[m]).trimmingCharacters(in: .whitespaces)
          let latencyText = cell(r, latencyColumn[m]).trimmingCharacters(in: .whitespaces)
          if scoreText.isEmpty && latencyText.isEmpty { continue }  // a missing cell: the missing-cell policy decides
          if scoreText.isEmpty {
            throw fail(.badValue, "a latency without a judge score", row: n, column: "score:\(m)")
          }
          if latencyText.isEmpty {
            throw fail(.badValue, "a judge score without a latency", row: n, column: "latency_s:\(m)")
          }
          let score = try judge(scoreText, row: n, column: "score:\(m)")
          let seconds = try latency(latencyText, row: n, column: "latency_s:\(m)")
          let output = try count(cell(r, tokenColumn[m]), row: n, column: "output_tokens:\(m)")
          if let previous = seen.updateValue(n, forKey: key + "\u{0}" + m), previous != n {
            throw fail(.duplicate, "sample \(key) appears twice (first at row \(previous))", row: n,
                       column: "sample_id")
          }
          if !models.contains(m) { models.append(m) }
          cells.append(Cell(dataset: dataset, index: index, model: m, score: score, latency: seconds,
                            outputTokens: output, row: n))
        }
      }
    }
  }

  /// A JSONL cell: a string, a number (written back as text, integers without a decimal point) or null. Booleans,
  /// arrays and objects are refused by decoding.
  struct JSONScalar: Decodable {
    var text: String
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        text = ""
      } else if let s = try? c.decode(String.self) {
        text = s
      } else {
        let v = try c.decode(Double.self)
        text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
      }
    }
  }

  // MARK: models.csv

  /// `model, display_name, params_b, tier` (display name, size and tier optional per row; tier edge or cloud).
  static func readModelsFile(_ url: URL, root: URL) throws(ImportError) -> [String: ModelInfo] {
    let display = WorkDirectoryScanner.relative(url, to: root)
    let t = try readTable(url, display: display)
    guard let m = t.header.firstIndex(of: "model") else {
      throw ImportError(.missingColumn, "no 'model' column", file: display, row: 1, column: "model")
    }
    let dn = t.header.firstIndex(of: "display_name"), pb = t.header.firstIndex(of: "params_b")
    let ti = t.header.firstIndex(of: "tier")
    var out: [String: ModelInfo] = [:]
    for (n, r) in t.rows {
      func cell(_ i: Int?) -> String {
        i.map { $0 < r.count ? r[$0].trimmingCharacters(in: .whitespaces) : "" } ?? ""
      }
      let name = cell(m)
      guard !name.isEmpty else { throw ImportError(.badValue, "empty", file: display, row: n, column: "model") }
      var params: Double?
      if !cell(pb).isEmpty {
        guard let v = Double(cell(pb)), v.isFinite, v > 0 else {
          throw ImportError(.badValue, "'\(cell(pb))' is not a positive number of billions", file: display, row: n,
                            column: "params_b")
        }
        params = v
      }
      var tier = ModelTier.cloud
      if !cell(ti).isEmpty {
        guard let t = ModelTier(rawValue: cell(ti).lowercased()) else {
          throw ImportError(.badValue, "tier '\(cell(ti))' is neither edge nor cloud", file: display, row: n,
                            column: "tier")
        }
        tier = t
      }
      guard out.updateValue(ModelInfo(name: name, displayName: cell(dn).isEmpty ? name : cell(dn), paramsB: params,
                                      tier: tier), forKey: name) == nil else {
        throw ImportError(.duplicate, "model \(name) is listed twice", file: display, row: n, column: "model")
      }
    }
    return out
  }
}
