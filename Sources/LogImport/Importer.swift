public import BenchCore
public import BenchStore
public import Foundation

/// What to do when some model lacks some samples (the stored matrix must be complete).
public enum MissingPolicy: String, Sendable, CaseIterable {
  /// Fail, naming the model, dataset, count and a few missing sample keys (the default).
  case refuse
  /// Drop samples that some model lacks.
  case dropSample = "drop-sample"
  /// Drop models that lack some sample.
  case dropModel = "drop-model"
}

/// Options of one import (`routerbench import`).
public struct ImportOptions: Sendable {
  /// The directory given on the command line: a root holding `work_dir/` (and by default `LMUData/`,
  /// `pricing.yaml`, `features/`, `simulation.json` beside it), or a VLMEvalKit work directory itself.
  public var root: URL
  /// Price table; default `ROOT/pricing.yaml`, else the VL-RouterBench paper's prices.
  public var pricing: URL?
  /// Dataset TSVs `<dataset>.tsv`; default `ROOT/LMUData`. Without one, samples come from prediction files.
  public var lmuData: URL?
  /// `.npy` feature files (with `sample_ids.txt` beside them); default `ROOT/features/*.npy`.
  public var features: [URL]
  public var missing: MissingPolicy
  /// Seed of the default split stored when none is.
  public var seed: UInt64
  /// A record is correct when its score is at least this.
  public var correctThreshold: Float
  /// Input tokens per image.
  public var imageTokens: Int
  public var tokenCounter: any TokenCounter
  public var rules: DatasetRules
  public var readers: TableReaders
  /// Datasets the importer recognises in file names (default: the VL-RouterBench catalog).
  public var datasets: [DatasetInfo]

  public init(root: URL, pricing: URL? = nil, lmuData: URL? = nil, features: [URL] = [],
              missing: MissingPolicy = .refuse, seed: UInt64 = 42, correctThreshold: Float = 1.0,
              imageTokens: Int = 256, tokenCounter: any TokenCounter = ApproximateTokenCounter(),
              rules: DatasetRules = .standard, readers: TableReaders = .standard,
              datasets: [DatasetInfo] = VLRouterBenchCatalog.datasets.map(\.info)) {
    self.root = root
    self.pricing = pricing
    self.lmuData = lmuData
    self.features = features
    self.missing = missing
    self.seed = seed
    self.correctThreshold = correctThreshold
    self.imageTokens = imageTokens
    self.tokenCounter = tokenCounter
    self.rules = rules
    self.readers = readers
    self.datasets = datasets
  }
}

/// Progress reported while importing.
public enum ImportEvent: Sendable {
  /// One (model, dataset) file group was read (`skipped`: its files were imported before and are unchanged).
  case group(index: Int, total: Int, model: String, dataset: String, records: Int, skipped: Bool)
  case note(String)
}

/// What an import did.
public struct ImportSummary: Sendable {
  /// In the store after the import.
  public var datasets = 0, models = 0, samples = 0, records = 0
  /// Records read and written by this import.
  public var recordsImported = 0
  public var filesRead = 0
  public var groupsSkipped = 0
  public var droppedSamples: [String] = []
  public var droppedModels: [String] = []
  public var splitStored = false
  public var featureSets: [String] = []
  public var seconds = 0.0
  public var warnings: [String] = []
  public var recordsPerSecond: Double { seconds > 0 ? Double(recordsImported) / seconds : 0 }
}

/// Imports VLMEvalKit-style logs into a `BenchStore` — atomically (one transaction) and idempotently (files
/// already imported with the same SHA-256 are skipped). See docs/importing.md.
public struct Importer: Sendable {
  public var options: ImportOptions

  public init(options: ImportOptions) { self.options = options }

  /// Shadow names VLMEvalKit files may carry: known, so that the longest-name match never reads them as a
  /// suffix of a VL-RouterBench dataset, but not imported.
  static let shadowDatasets = ["MathVerse_MINI_Vision_Only", "MathVerse_MINI_Vision_Dominant",
                               "MathVerse_MINI_Vision_Intensive", "MathVerse_MINI_Text_Lite",
                               "MathVerse_MINI_Text_Dominant", "MMBench_DEV_EN", "MMBench_TEST_EN_V11"]

  public func run(into store: BenchStore, progress: (ImportEvent) -> Void = { _ in }) throws(ImportError)
    -> ImportSummary
  {
    let clock = ContinuousClock()
    let start = clock.now
    do {
      var summary = try withoutActuallyEscaping(progress) { progress in
        try store.transaction { tx in
          var run = ImportRun(options: options, tx: tx, progress: progress)
          return try run.execute()
        }
      }
      summary.seconds = Double((clock.now - start).components.attoseconds) / 1e18
        + Double((clock.now - start).components.seconds)
      return summary
    } catch let e as ImportError {
      throw e
    } catch let e as StoreError {
      throw ImportError(.store, e.description, file: e.path)
    } catch {
      throw ImportError(.store, "\(error)")
    }
  }
}

/// One import, inside its transaction.
struct ImportRun {
  let options: ImportOptions
  let tx: StoreTransaction
  let progress: (ImportEvent) -> Void
  var summary = ImportSummary()
  let now = ISO8601DateFormatter().string(from: Date())

  init(options: ImportOptions, tx: StoreTransaction, progress: @escaping (ImportEvent) -> Void) {
    self.options = options
    self.tx = tx
    self.progress = progress
  }

  /// A parsed (model, dataset) group before sample ids are known.
  struct ParsedGroup {
    var model: String
    var dataset: String
    var rows: [ParsedRow]
    var source: Int32
    /// Samples seen in the prediction file (only for datasets without a dataset file).
    var prompts: [SampleRow]
  }
  struct ParsedRow {
    var index: String
    var score: Float
    var outputTokens: Int32
    var sourceRow: Int32
    /// The prediction file's row, for messages.
    var predictionRow: Int32
    var predictionFile: Int32
  }

  mutating func execute() throws -> ImportSummary {
    let root = options.root.standardizedFileURL
    var known: [String: DatasetInfo] = [:]
    for d in options.datasets { known[d.name] = d }
    let lmuDir = options.lmuData ?? existingDirectory(root.appendingPathComponent("LMUData"))
    if let lmuDir {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: lmuDir.path)) ?? [] where name.hasSuffix(".tsv") {
        let stem = String(name.dropLast(4))
        if known[stem] == nil {
          known[stem] = DatasetInfo(name: stem, displayName: stem, group: .other, answerType: .unknown)
        }
      }
    }
    for s in Importer.shadowDatasets where known[s] == nil {
      known[s] = DatasetInfo(name: s, displayName: s, group: .other, answerType: .unknown)
    }
    let scanner = WorkDirectoryScanner(knownDatasets: known, rules: options.rules, readers: options.readers)
    let layout = try scanner.scan(root: root)
    summary.warnings += layout.warnings
    for w in layout.warnings { progress(.note("warning: " + w)) }
    guard !layout.groups.isEmpty else {
      throw ImportError(.usage, "no prediction files (work_dir/<model>/T<date>_G<hex>/<model>_<dataset>.tsv) found",
                        file: root.path)
    }
    let lmuDirectory = lmuDir
    let existing = try tx.importedFiles()
    var fileRecords: [ImportedFile] = []

    // Prices.
    let pricingURL = options.pricing ?? existingFile(root.appendingPathComponent("pricing.yaml"))
    var prices: PriceTable
    if let pricingURL {
      let path = WorkDirectoryScanner.relative(pricingURL, to: root)
      prices = try PricingFile.read(pricingURL, path: path)
      let (sha, _) = try sha256(ofFile: pricingURL, displayPath: path)
      fileRecords.append(ImportedFile(path: path, sha256: sha, kind: "pricing", rows: prices.prices.count, importedAt: now))
    } else {
      prices = PricingFile.catalog
    }
    let modelNames = Array(Set(layout.groups.map(\.model))).sorted()
    for m in modelNames where prices.prices[m] == nil {
      throw ImportError(.missingPrice, "model \(m) has no price (priced models: "
                          + prices.prices.keys.sorted().joined(separator: ", ") + ")",
                        file: prices.source ?? "pricing", column: "models.\(m)")
    }

    // Datasets and models.
    let catalogOrder = Dictionary(options.datasets.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    let storedDatasets = try tx.datasets()
    var datasetIds: [String: Int64] = [:]
    for (id, info) in storedDatasets { datasetIds[info.name] = id }
    var nextPosition = 1000 + storedDatasets.count
    for g in layout.groups where datasetIds[g.dataset.name] == nil {
      let position = catalogOrder[g.dataset.name] ?? { nextPosition += 1; return nextPosition }()
      datasetIds[g.dataset.name] = try tx.ensureDataset(g.dataset, position: position)
    }
    var modelIds: [String: Int64] = [:]
    for m in modelNames {
      modelIds[m] = try tx.ensureModel(VLRouterBenchCatalog.model(named: m) ?? ModelInfo(name: m, displayName: m))
    }
    let recordsBefore = try tx.count(.record)
    var needsCostRecompute = false
    if case .activated = try tx.activatePriceTable(prices, createdAt: now), recordsBefore > 0 {
      needsCostRecompute = true
    }

    // Samples from LMUData dataset files.
    let datasetNames = Array(Set(layout.groups.map(\.dataset.name))).sorted {
      (catalogOrder[$0] ?? Int.max, $0) < (catalogOrder[$1] ?? Int.max, $1)
    }
    var lmuDefined = Set<String>()
    var storedSamples = try tx.sampleIndex()
    let datasetsWithSamples = Set(storedSamples.values.map(\.datasetId))
    for name in datasetNames {
      guard let lmuDirectory else { break }
      let url = lmuDirectory.appendingPathComponent(name + ".tsv")
      guard existingFile(url) != nil else { continue }
      lmuDefined.insert(name)
      let path = WorkDirectoryScanner.relative(url, to: root)
      if let before = existing[path], datasetsWithSamples.contains(datasetIds[name]!),
         try sha256(ofFile: url, displayPath: path).hex == before.sha256 {
        continue
      }
      let (samples, result) = try readDatasetFile(url, path: path, dataset: name)
      let (_, updated) = try tx.upsertSamples(samples)
      if updated > 0 { needsCostRecompute = true }
      fileRecords.append(ImportedFile(path: path, sha256: result.sha256, kind: "dataset", rows: result.rows, importedAt: now))
      summary.filesRead += 1
      progress(.note("\(path): \(samples.count) samples"))
    }
    if !lmuDefined.isEmpty { storedSamples = try tx.sampleIndex() }

    // Prediction and judged files.
    var sources: [RecordSource] = []
    var parsed: [ParsedGroup] = []
    var promptSamples: [SampleRow] = []
    for (n, g) in layout.groups.enumerated() {
      let files = [g.prediction] + (g.judged.map { [$0] } ?? [])
      var unchanged = try files.allSatisfy { f in
        guard let before = existing[f.path] else { return false }
        return try sha256(ofFile: f.url, displayPath: f.path).hex == before.sha256
      }
      if unchanged {
        unchanged = try tx.hasRecords(modelId: modelIds[g.model]!, datasetId: datasetIds[g.dataset.name]!)
      }
      if unchanged {
        summary.groupsSkipped += 1
        progress(.group(index: n + 1, total: layout.groups.count, model: g.model, dataset: g.dataset.name, records: 0,
                        skipped: true))
        continue
      }
      let group = try readGroup(g, sources: &sources, files: &fileRecords,
                                collectPrompts: !lmuDefined.contains(g.dataset.name))
      promptSamples += group.prompts
      summary.filesRead += files.count
      progress(.group(index: n + 1, total: layout.groups.count, model: g.model, dataset: g.dataset.name,
                      records: group.rows.count, skipped: false))
      parsed.append(group)
    }

    // Samples of datasets without a dataset file come from the prediction files (first seen wins).
    if !promptSamples.isEmpty {
      let position = { (d: String) in catalogOrder[d] ?? Int.max }
      let ordered = promptSamples.enumerated().sorted {
        (position($0.element.dataset), $0.element.dataset, $0.offset)
          < (position($1.element.dataset), $1.element.dataset, $1.offset)
      }.map(\.element)
      try tx.upsertSamples(ordered, updateExisting: false)
      storedSamples = try tx.sampleIndex()
    }

    // Records.
    var records: [RecordRow] = []
    records.reserveCapacity(parsed.reduce(0) { $0 + $1.rows.count })
    let counter = options.tokenCounter
    for group in parsed {
      let price = prices.prices[group.model]!
      let modelId = modelIds[group.model]!
      for r in group.rows {
        guard let ref = storedSamples[SampleRow.key(dataset: group.dataset, index: r.index)] else {
          throw ImportError(.badValue, "index '\(r.index)' is not a sample of \(group.dataset) "
                              + "(not in \(group.dataset).tsv of the dataset directory)",
                            file: sources[Int(r.predictionFile)].path, row: Int(r.predictionRow), column: "index")
        }
        records.append(RecordRow(
          sampleId: ref.id, modelId: modelId, score: r.score, correct: r.score >= options.correctThreshold,
          outputTokens: r.outputTokens, tokensEstimated: counter.isEstimate,
          costUSD: price.cost(inputTokens: Double(ref.inputTokens), outputTokens: Double(r.outputTokens)),
          source: group.source, sourceRow: r.sourceRow))
      }
    }
    try tx.writeRecords(records, sources: sources)
    summary.recordsImported = records.count
    if needsCostRecompute { try tx.recomputeCosts() }
    let thresholdText = "\(options.correctThreshold)"
    if let stored = try tx.metadata("correctThreshold"), stored != thresholdText {
      try tx.recomputeCorrect(threshold: options.correctThreshold)
    }

    // The matrix must be complete.
    try applyMissingPolicy()

    // Default split.
    summary.splitStored = try tx.ensureDefaultSplit(seed: options.seed)
    let outside = try tx.samplesOutsideSplit(BenchStore.defaultSplitName)
    if !outside.isEmpty {
      let w = "\(outside.count) samples (e.g. \(outside.prefix(3).joined(separator: ", "))) are not in the stored "
        + "split '\(BenchStore.defaultSplitName)'"
      summary.warnings.append(w)
      progress(.note("warning: " + w))
    }

    // Feature files.
    let featureFiles = options.features.isEmpty ? defaultFeatureFiles(root) : options.features
    for url in featureFiles {
      try importFeatures(url, root: root, existing: existing, files: &fileRecords)
    }

    // Metadata.
    let simulation = existingFile(root.appendingPathComponent("simulation.json"))
    if let simulation {
      let path = WorkDirectoryScanner.relative(simulation, to: root)
      let preset = try readPreset(simulation, path: path)
      if let preset { try tx.setMetadata("preset", preset) }
      let (sha, _) = try sha256(ofFile: simulation, displayPath: path)
      fileRecords.append(ImportedFile(path: path, sha256: sha, kind: "simulation", rows: 1, importedAt: now))
    }
    try tx.setMetadata("simulated", simulation == nil ? "false" : "true")
    try tx.setMetadata("tokenCounter", counter.name)
    try tx.setMetadata("correctThreshold", thresholdText)
    try tx.setMetadata("imageTokens", "\(options.imageTokens)")
    for f in fileRecords { try tx.recordImportedFile(f) }

    summary.datasets = try tx.count(.dataset)
    summary.models = try tx.count(.model)
    summary.samples = try tx.count(.sample)
    summary.records = try tx.count(.record)
    return summary
  }

  // MARK: Missing cells

  mutating func applyMissingPolicy() throws {
    let missing = try tx.missingCells()
    guard !missing.isEmpty else { return }
    switch options.missing {
    case .refuse:
      let lines = missing.prefix(8).map { "  " + $0.description }
      throw ImportError(.incomplete, "the matrix is incomplete (\(missing.count) model × dataset cells miss samples):\n"
                          + lines.joined(separator: "\n")
                          + (missing.count > 8 ? "\n  …" : "")
                          + "\nfix the logs, or re-run with --missing drop-sample or --missing drop-model")
    case .dropSample:
      summary.droppedSamples = try tx.deleteIncompleteSamples()
      let w = "dropped \(summary.droppedSamples.count) samples some model lacks (e.g. "
        + summary.droppedSamples.prefix(3).joined(separator: ", ") + ")"
      summary.warnings.append(w)
      progress(.note(w))
    case .dropModel:
      summary.droppedModels = Array(Set(missing.map(\.model))).sorted()
      try tx.deleteModels(summary.droppedModels)
      let w = "dropped models with missing samples: " + summary.droppedModels.joined(separator: ", ")
      summary.warnings.append(w)
      progress(.note(w))
    }
    if try tx.count(.model) == 0 || tx.count(.sample) == 0 {
      throw ImportError(.incomplete, "nothing is left after applying --missing \(options.missing.rawValue): "
                          + missing.prefix(3).map(\.description).joined(separator: "; "))
    }
    let still = try tx.missingCells()
    if let first = still.first {
      throw ImportError(.incomplete, "still incomplete after --missing \(options.missing.rawValue): \(first)")
    }
  }

  // MARK: Files

  func existingFile(_ url: URL) -> URL? {
    WorkDirectoryScanner.isRegularFile(url) ? url : nil
  }
  func existingDirectory(_ url: URL) -> URL? {
    WorkDirectoryScanner.isDirectory(url) ? url : nil
  }

  /// Whether a row of a circular-evaluation dataset (MMBench…) is a rotated copy (index ≥ 1,000,000); only
  /// the main rows are samples.
  static func isCircularCopy(dataset: String, index: String) -> Bool {
    let n = dataset.lowercased()
    guard n.contains("mmbench") || n.contains("ccbench") || n.contains("circular"), let i = Int(index) else {
      return false
    }
    return i >= 1_000_000
  }

  /// Checks a data row has as many cells as the header.
  static func checkWidth(_ row: TableRow, header: Int, file: String) throws(ImportError) {
    if row.count != header {
      throw ImportError(.malformed, "row has \(row.count) cells but the header has \(header)", file: file,
                        row: row.number)
    }
  }

  /// Samples of an LMUData-style dataset TSV (`index`, `question`, optional `image`, `image_path`, `category`).
  func readDatasetFile(_ url: URL, path: String, dataset: String) throws(ImportError)
    -> ([SampleRow], TableReadResult)
  {
    let reader = try options.readers.reader(for: url, displayPath: path)
    var cols: (index: Int, question: Int, image: Int?, imagePath: Int?, category: Int?) = (0, 0, nil, nil, nil)
    var width = 0
    var samples: [SampleRow] = []
    var seen: [String: Int] = [:]
    let counter = options.tokenCounter
    let imageTokens = options.imageTokens
    let result = try wrap(path) {
      try reader.read(url, displayPath: path, header: { cells in
        let h = TableHeader(cells, file: path)
        width = cells.count
        cols = (try h.require("index"), try h.require("question"), h.index(of: "image"), h.index(of: "image_path"),
                h.index(of: "category"))
        return nil
      }, row: { row in
        try ImportRun.checkWidth(row, header: width, file: path)
        let index = row[cols.index]
        if ImportRun.isCircularCopy(dataset: dataset, index: index) { return }
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
          hash = SHA256.hex(image.utf8)
          if ref == nil { ref = "\(path)#\(index)" }
        } else if !image.isEmpty, ref == nil {
          ref = SampleRow.key(dataset: dataset, index: image)  // reuses another row's image
        }
        let category = cols.category.map { row[$0] }
        samples.append(SampleRow(dataset: dataset, sourceIndex: index, prompt: question, imageRef: ref, imageHash: hash,
                                 inputTokens: counter.count(question) + imageTokens * images,
                                 category: category?.isEmpty == false ? category : nil))
      })
    }
    return (samples, result)
  }

  /// Reads one (model, dataset) group: scores from the judged file (or the prediction file), output tokens
  /// from the prediction file.
  mutating func readGroup(_ g: FileGroup, sources: inout [RecordSource], files: inout [ImportedFile],
                          collectPrompts: Bool) throws(ImportError) -> ParsedGroup {
    var prompts: [SampleRow] = []
    let rule = g.rule
    let dataset = g.dataset.name
    let counter = options.tokenCounter
    var scores: [String: (score: Float, row: Int32)] = [:]
    var scoreSource = Int32(sources.count)

    /// Scores rows of `file` with the rule; calls `each(index, score, row)`.
    func scoreColumns(_ h: TableHeader) throws(ImportError) -> [Int?] {
      var out: [Int?] = []
      for c in rule.columns { out.append(c.required ? try h.require(c.name) : h.index(of: c.name)) }
      return out
    }
    func score(_ row: TableRow, _ positions: [Int?], file: String) throws(ImportError) -> Float {
      do { return try rule.score(RuleRow(row: row, positions: positions)) } catch {
        throw ImportError(.badValue, error.message, file: file, row: row.number, column: rule.columns[error.column].name)
      }
    }

    if let judged = g.judged {
      let reader = try options.readers.reader(for: judged.url, displayPath: judged.path)
      var indexColumn = 0, width = 0
      var positions: [Int?] = []
      let result = try wrap(judged.path) {
        try reader.read(judged.url, displayPath: judged.path, header: { cells in
          let h = TableHeader(cells, file: judged.path)
          width = cells.count
          indexColumn = try h.require("index")
          positions = try scoreColumns(h)
          return h.selecting([indexColumn] + positions)
        }, row: { row in
          try ImportRun.checkWidth(row, header: width, file: judged.path)
          let index = row[indexColumn]
          if ImportRun.isCircularCopy(dataset: dataset, index: index) { return }
          let s = try score(row, positions, file: judged.path)
          if let first = scores.updateValue((s, Int32(row.number)), forKey: index) {
            throw ImportError(.duplicate, "index '\(index)' appears twice for model \(g.model) (first in row \(first.row))",
                              file: judged.path, row: row.number, column: "index")
          }
        })
      }
      scoreSource = Int32(sources.count)
      sources.append(RecordSource(path: judged.path, sha256: result.sha256))
      files.append(ImportedFile(path: judged.path, sha256: result.sha256, kind: "judged", rows: result.rows, importedAt: now))
    }

    let p = g.prediction
    let predictionSource = Int32(sources.count)
    let reader = try options.readers.reader(for: p.url, displayPath: p.path)
    var cols: (index: Int, prediction: Int, question: Int?) = (0, 0, nil)
    var width = 0
    var positions: [Int?] = []
    var rows: [ParsedRow] = []
    var seen: [String: Int] = [:]
    let imageTokens = options.imageTokens
    let judged = g.judged
    let result = try wrap(p.path) {
      try reader.read(p.url, displayPath: p.path, header: { cells in
        let h = TableHeader(cells, file: p.path)
        width = cells.count
        cols = (try h.require("index"), try h.require("prediction"), h.index(of: "question"))
        if judged == nil { positions = try scoreColumns(h) }
        return h.selecting([cols.index, cols.prediction, collectPrompts ? cols.question : nil] + positions)
      }, row: { row in
        try ImportRun.checkWidth(row, header: width, file: p.path)
        let index = row[cols.index]
        if ImportRun.isCircularCopy(dataset: dataset, index: index) { return }
        if let first = seen.updateValue(row.number, forKey: index) {
          throw ImportError(.duplicate, "index '\(index)' appears twice for model \(g.model) (first in row \(first))",
                            file: p.path, row: row.number, column: "index")
        }
        let s: Float, sourceRow: Int32
        if let judged {
          guard let hit = scores[index] else {
            throw ImportError(.missingJudgedFile, "no judged row for index '\(index)' (prediction file \(p.path), row \(row.number))",
                              file: judged.path, column: "index")
          }
          (s, sourceRow) = hit
        } else {
          s = try score(row, positions, file: p.path)
          sourceRow = Int32(row.number)
        }
        let prediction = row[cols.prediction]
        rows.append(ParsedRow(index: index, score: s, outputTokens: Int32(clamping: counter.count(prediction)),
                              sourceRow: sourceRow, predictionRow: Int32(row.number), predictionFile: predictionSource))
        if collectPrompts {
          let question = cols.question.map { row[$0] } ?? ""
          prompts.append(SampleRow(dataset: dataset, sourceIndex: index, prompt: question,
                                           inputTokens: counter.count(question) + imageTokens))
        }
      })
    }
    sources.append(RecordSource(path: p.path, sha256: result.sha256))
    files.append(ImportedFile(path: p.path, sha256: result.sha256, kind: "prediction", rows: result.rows, importedAt: now))
    if judged == nil { scoreSource = predictionSource }
    return ParsedGroup(model: g.model, dataset: dataset, rows: rows, source: scoreSource, prompts: prompts)
  }

  /// Runs a reader, normalising every error to `ImportError`.
  func wrap<T>(_ path: String, _ body: () throws -> T) throws(ImportError) -> T {
    do { return try body() } catch let e as ImportError { throw e } catch {
      throw ImportError(.unreadable, "\(error)", file: path)
    }
  }

  // MARK: Features

  func defaultFeatureFiles(_ root: URL) -> [URL] {
    let dir = root.appendingPathComponent("features")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
    return names.filter { $0.hasSuffix(".npy") }.sorted().map { dir.appendingPathComponent($0) }
  }

  /// Stores one `.npy` feature file as the feature set named after it; sample keys come from
  /// `<name>_ids.txt` or `sample_ids.txt` beside it (one "<dataset>/<index>" per line, in row order).
  mutating func importFeatures(_ url: URL, root: URL, existing: [String: ImportedFile],
                               files: inout [ImportedFile]) throws(ImportError) {
    let path = WorkDirectoryScanner.relative(url, to: root)
    let name = url.deletingPathExtension().lastPathComponent
    let (sha, _) = try sha256(ofFile: url, displayPath: path)
    let dir = url.deletingLastPathComponent()
    guard let idsURL = existingFile(dir.appendingPathComponent(name + "_ids.txt"))
      ?? existingFile(dir.appendingPathComponent("sample_ids.txt")) else {
      throw ImportError(.features, "no sample_ids.txt (one sample key per row) beside the feature file", file: path)
    }
    let idsPath = WorkDirectoryScanner.relative(idsURL, to: root)
    let text: String
    do { text = try String(contentsOf: idsURL, encoding: .utf8) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: idsPath)
    }
    let keys = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let array = try NumpyArray.read(url, path: path)
    guard array.shape.count >= 2, array.shape[0] == keys.count else {
      throw ImportError(.features, "shape \(array.shape) does not match \(keys.count) sample ids in \(idsPath)", file: path)
    }
    let dimension = array.shape.dropFirst().reduce(1, *)
    let stored: [String: SampleRef]
    do { stored = try tx.sampleIndex() } catch { throw ImportError(.store, "\(error)", file: path) }
    var keep: [Int] = []
    var covered = Set<String>()
    for (i, k) in keys.enumerated() where stored[k] != nil {
      guard covered.insert(k).inserted else {
        throw ImportError(.duplicate, "sample '\(k)' appears twice", file: idsPath, row: i + 1)
      }
      keep.append(i)
    }
    if covered.count < stored.count {
      let lacking = stored.keys.filter { !covered.contains($0) }.sorted().prefix(3)
      throw ImportError(.features, "\(stored.count - covered.count) stored samples have no vector (e.g. "
                          + lacking.joined(separator: ", ") + ")", file: path)
    }
    var values: [Float] = []
    values.reserveCapacity(keep.count * dimension)
    for i in keep { values.append(contentsOf: array.values[(i * dimension)..<((i + 1) * dimension)]) }
    let hash = keep.count == keys.count ? sha : nil  // a subset: hash the stored vectors instead
    let wrote: Bool
    do {
      wrote = try tx.saveFeatureSet(name: name, sampleKeys: keep.map { keys[$0] },
                                    matrix: Matrix(rows: keep.count, columns: dimension, values: values), source: path,
                                    sha256: hash)
      try tx.setMetadata("featureShape.\(name)", array.shape.dropFirst().map(String.init).joined(separator: "x"))
    } catch { throw ImportError(.store, "\(error)", file: path) }
    summary.featureSets.append(name)
    if wrote { progress(.note("\(path): feature set '\(name)', \(keep.count) × \(dimension)")) }
    files.append(ImportedFile(path: path, sha256: sha, kind: "features", rows: keys.count, importedAt: now))
  }

  func readPreset(_ url: URL, path: String) throws(ImportError) -> String? {
    do {
      let data = try Data(contentsOf: url)
      let object = try JSONSerialization.jsonObject(with: data)
      return (object as? [String: Any])?["preset"] as? String
    } catch {
      throw ImportError(.malformed, "not valid JSON: \(error.localizedDescription)", file: path)
    }
  }
}
