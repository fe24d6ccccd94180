public import BenchCore
public import BenchStore
internal import Foundation

/// The matrices, ids and split of a VL-RouterBench data release, read and checked (not yet stored).
public struct ReleaseData: Sendable {
  /// Benchmark rows, in the release's row order (Y's rows).
  public var sampleIDs: [String]
  /// Benchmark columns, in the release's column order (Y's columns; code-point sorted in the release).
  public var models: [String]
  /// `sampleIDs.count × models.count`, row-major: Y's value (0/1; a float Y in [0, 1] is kept as a score).
  public var quality: [Double]
  /// The same shape: C's value in USD per sample, aligned to Y's rows and columns by id.
  public var cost: [Double]
  /// The paper's split from `SPLITS/`, restricted to the matrices' samples; nil when there is no `SPLITS/`.
  public var split: [SplitName: [String]]?
  /// The files read, with their SHA-256 (paths relative to the release root).
  public var files: [ImportedFile]
  /// The file the costs came from (`data/matrices/C.npy` or `C.npz`).
  public var costFile: String
  public var notes: [String] = []
  public var warnings: [String] = []
}

/// What a release import did.
public struct ReleaseImportSummary: Sendable {
  public var samples = 0, models = 0, records = 0, datasets = 0
  /// The split stored as `default`: the release's (`SPLITS/`), or RouterBench's stratified one when it had none.
  public var splitSource = ""
  public var splitSizes: [SplitName: Int] = [:]
  /// True when the database already held exactly these files (nothing written).
  public var unchanged = false
  public var notes: [String] = []
  public var warnings: [String] = []
  public var seconds = 0.0
}

/// `routerbench import RELEASE_DIR`: a VL-RouterBench data release (docs/interchange.md) into a new benchmark
/// database — one transaction, refused into a database that holds another benchmark.
///
/// Rows are the release's samples (Y's rows) in its order, columns its models; quality = Y, cost = C (no token
/// counts: `record.outputTokens` = 0, `tokensEstimated` = 1, `sample.inputTokens` = 0, and metadata
/// `costSource` names the cost file, so `reprice` refuses); the dataset of a sample is its id's prefix
/// (`MMStar/12` → MMStar, as the reference pipeline builds ids); the split stored as `default` is `SPLITS/`.
public struct ReleaseImport: Sendable {
  public var layout: ReleaseLayout
  /// The datasets' and models' display names and groups (default: the VL-RouterBench preset).
  public var catalog: BenchmarkCatalog
  public var correctThreshold: Float
  /// Seed of the stratified split stored when the release has no `SPLITS/`.
  public var seed: UInt64

  public init(layout: ReleaseLayout, catalog: BenchmarkCatalog = ImportOptions.defaultCatalog,
              correctThreshold: Float = 1.0, seed: UInt64 = 42) {
    self.layout = layout
    self.catalog = catalog
    self.correctThreshold = correctThreshold
    self.seed = seed
  }

  // MARK: Reading

  /// Reads and cross-checks every file of the release; writes nothing.
  public func read() throws(ImportError) -> ReleaseData {
    let now = ISO8601DateFormatter().string(from: Date())
    var files: [ImportedFile] = []
    var notes: [String] = [], warnings: [String] = []
    func record(_ path: String, kind: String, rows: Int) throws(ImportError) {
      let (sha, _) = try sha256(ofFile: layout.url(path), displayPath: path)
      files.append(ImportedFile(path: path, sha256: sha, kind: kind, rows: rows, importedAt: now))
    }
    let m = ReleaseLayout.matrices, r = ReleaseLayout.registry

    // Ids: C's rows and columns; Y's from the registry when it has them, else the same.
    let sampleIDsPath = "\(m)/sample_ids.pkl", modelNamesPath = "\(m)/model_names.pkl"
    let cRows = try ReleaseFiles.pickledStrings(layout.url(sampleIDsPath), path: sampleIDsPath)
    let cColumns = try ReleaseFiles.pickledStrings(layout.url(modelNamesPath), path: modelNamesPath)
    try record(sampleIDsPath, kind: "release-ids", rows: cRows.count)
    try record(modelNamesPath, kind: "release-ids", rows: cColumns.count)
    var yRows = cRows, yColumns = cColumns
    for (path, target) in [("\(r)/sample_index.pkl", 0), ("\(r)/model_index.pkl", 1)] where layout.exists(path) {
      let ids = try ReleaseFiles.pickledStrings(layout.url(path), path: path)
      try record(path, kind: "release-ids", rows: ids.count)
      if target == 0 { yRows = ids } else { yColumns = ids }
    }
    try Self.requireUnique(yRows, path: layout.exists("\(r)/sample_index.pkl") ? "\(r)/sample_index.pkl" : sampleIDsPath, what: "sample id")
    try Self.requireUnique(cRows, path: sampleIDsPath, what: "sample id")
    try Self.requireUnique(yColumns, path: layout.exists("\(r)/model_index.pkl") ? "\(r)/model_index.pkl" : modelNamesPath, what: "model")
    try Self.requireUnique(cColumns, path: modelNamesPath, what: "model")
    guard !yRows.isEmpty, !yColumns.isEmpty else {
      throw ImportError(.incomplete, "the release has \(yRows.count) samples and \(yColumns.count) models", file: sampleIDsPath)
    }

    // Y.
    let yPath = "\(m)/Y.npz"
    let (y, yMember) = try ReleaseFiles.npz(layout.url(yPath), path: yPath, key: "Y")
    try record(yPath, kind: "release-quality", rows: y.rows)
    guard y.rows == yRows.count, y.columns == yColumns.count else {
      var e = ImportError(.malformed, "Y is \(y.rows) × \(y.columns) but there are \(yRows.count) sample ids × "
                            + "\(yColumns.count) model names", file: yPath)
      e.part = yMember
      throw e
    }

    // C: C.npy, else the legacy C.npz.
    let c: NumpyMatrix, cPath: String
    if layout.exists("\(m)/C.npy") {
      cPath = "\(m)/C.npy"
      c = try ReleaseFiles.npy(layout.url(cPath), path: cPath)
      if layout.exists("\(m)/C.npz") { notes.append("\(m)/C.npz not read: C.npy supersedes it (the reference's legacy placeholder costs)") }
    } else if layout.exists("\(m)/C.npz") {
      cPath = "\(m)/C.npz"
      c = try ReleaseFiles.npz(layout.url(cPath), path: cPath, key: "C").0
    } else {
      throw ImportError(.unreadable, "missing: the costs are data/matrices/C.npy (or the legacy C.npz)", file: "\(m)/C.npy")
    }
    try record(cPath, kind: "release-cost", rows: c.rows)
    guard c.rows == cRows.count, c.columns == cColumns.count else {
      throw ImportError(.malformed, "C is \(c.rows) × \(c.columns) but \(sampleIDsPath) has \(cRows.count) ids and "
                          + "\(modelNamesPath) \(cColumns.count) names", file: cPath)
    }
    if cPath.hasSuffix(".npz"), c.rows > 1,
       (0..<c.columns).allSatisfy({ j in (0..<c.rows).allSatisfy { c[$0, j] == c[0, j] } }) {
      warnings.append("\(cPath): every model has one constant cost on every sample — the reference pipeline's "
                        + "legacy placeholder (usd_per_sample); the token-based costs are C.npy")
    }

    // Align C to Y by id.
    let cRow = Dictionary(uniqueKeysWithValues: cRows.enumerated().map { ($1, $0) })
    let cColumn = Dictionary(uniqueKeysWithValues: cColumns.enumerated().map { ($1, $0) })
    let rowMap = try yRows.map { id throws(ImportError) -> Int in
      guard let i = cRow[id] else {
        throw ImportError(.incomplete, "sample \(id) of Y has no row in C (\(sampleIDsPath))", file: cPath)
      }
      return i
    }
    let columnMap = try yColumns.map { name throws(ImportError) -> Int in
      guard let j = cColumn[name] else {
        throw ImportError(.incomplete, "model \(name) of Y has no column in C (\(modelNamesPath))", file: cPath)
      }
      return j
    }
    if cRows.count > yRows.count { notes.append("\(cRows.count - yRows.count) rows of C have no row in Y (not imported)") }
    let k = yColumns.count
    var quality = [Double](repeating: 0, count: yRows.count * k)
    var cost = [Double](repeating: 0, count: yRows.count * k)
    for i in 0..<yRows.count {
      for j in 0..<k {
        let q = y[i, j]
        guard q >= 0, q <= 1 else {
          var e = ImportError(.badValue, "Y[\(i), \(j)] = \(q) (sample \(yRows[i]), model \(yColumns[j])) is not in [0, 1]",
                              file: yPath, row: i + 1, column: yColumns[j])
          e.part = yMember
          throw e
        }
        let v = c[rowMap[i], columnMap[j]]
        guard v.isFinite, v >= 0 else {
          throw ImportError(.badValue, "C[\(rowMap[i]), \(columnMap[j])] = \(v) (sample \(yRows[i]), model \(yColumns[j])) "
                              + "is not a cost ≥ 0 in USD", file: cPath, row: rowMap[i] + 1, column: yColumns[j])
        }
        quality[i * k + j] = q
        cost[i * k + j] = v
      }
    }
    if ![.int8, .uint8, .bool].contains(y.dtype) {
      notes.append("\(yPath) holds \(y.dtype.rawValue) values: kept as scores in [0, 1] (the paper's Y is int8 0/1)")
    }

    // Sample ids must carry their dataset.
    for (i, id) in yRows.enumerated() where Self.split(id) == nil {
      throw ImportError(.badValue, "sample id '\(id)' has no '<dataset>/' prefix (the reference pipeline names samples "
                          + "<DATASET>/<index>)", file: sampleIDsPath, row: i + 1)
    }

    // cost_bounds.json: checked against C with the reference's formula.
    let boundsPath = "\(m)/cost_bounds.json"
    if layout.exists(boundsPath) {
      let object = try ReleaseFiles.jsonObject(layout.url(boundsPath), path: boundsPath)
      try record(boundsPath, kind: "release-cost-bounds", rows: 1)
      let reference = ReleaseCostBounds(cost: cost, rows: yRows.count, models: yColumns)
      for (key, value) in [("cmin", reference.cmin), ("cmax", reference.cmax)] {
        guard let stored = (object[key] as? NSNumber)?.doubleValue else {
          throw ImportError(.missingColumn, "no number '\(key)'", file: boundsPath, column: key)
        }
        if abs(stored - value) > 1e-6 * max(abs(value), 1e-12) {
          warnings.append("\(boundsPath): \(key) = \(stored), but the mean over the entries > 0 of C's cheapest/dearest "
                            + "model is \(value)")
        }
      }
      let ours = CostBounds(costs: Matrix(rows: yRows.count, columns: k, values: cost), models: yColumns)
      if abs(ours.cmin - reference.cmin) > 1e-12 || abs(ours.cmax - reference.cmax) > 1e-12 {
        notes.append("Rank Score bounds: RouterBench uses each model's mean cost over all samples (cmin \(ours.cmin), "
                       + "cmax \(ours.cmax)); cost_bounds.json averages only the entries > 0 (cmin \(reference.cmin), "
                       + "cmax \(reference.cmax)) — C has zero costs")
      }
    } else {
      notes.append("no \(boundsPath): Rank Score bounds are computed from C")
    }

    if layout.exists("\(r)/meta.parquet") {
      notes.append("\(r)/meta.parquet not read (no Parquet reader for Swift on Linux): its columns are derived — "
                     + "dataset from the sample id's prefix, split from SPLITS/, task type from the dataset")
    }

    // The split.
    var split: [SplitName: [String]]?
    if let dir = ReleaseSplitFiles.directory(in: layout.root.appendingPathComponent(ReleaseLayout.splits)) {
      let all = try ReleaseSplitFiles.read(directory: dir)
      for part in SplitName.allCases {
        try record("\(ReleaseLayout.splits)/\(part.rawValue).jsonl", kind: "split", rows: all[part]?.count ?? 0)
      }
      let known = Set(yRows)
      var kept: [SplitName: [String]] = [:]
      var unknown = 0
      for (part, ids) in all {
        kept[part] = ids.filter(known.contains)
        unknown += ids.count - kept[part]!.count
      }
      if unknown > 0 { notes.append("\(unknown) ids of SPLITS/ are not in the matrices (ignored)") }
      let inSplit = kept.values.reduce(0) { $0 + $1.count }
      if inSplit < yRows.count {
        let members = Set(kept.values.flatMap { $0 })
        let outside = yRows.filter { !members.contains($0) }
        warnings.append("\(outside.count) samples are in no part of SPLITS/ (e.g. \(outside.prefix(3).joined(separator: ", "))); "
                          + "no run trains or tests on them")
      }
      split = kept
    } else {
      warnings.append("no SPLITS/{train,dev,test}.jsonl: the stored split is RouterBench's stratified 7:1:2 split "
                        + "(seed \(seed)), not the paper's")
    }
    return ReleaseData(sampleIDs: yRows, models: yColumns, quality: quality, cost: cost, split: split, files: files,
                       costFile: cPath, notes: notes, warnings: warnings)
  }

  static func requireUnique(_ ids: [String], path: String, what: String) throws(ImportError) {
    var first: [String: Int] = [:]
    for (i, id) in ids.enumerated() {
      if let j = first.updateValue(i, forKey: id) {
        throw ImportError(.duplicate, "\(what) '\(id)' is item \(j) and item \(i) of the list", file: path)
      }
    }
  }

  /// `MMStar/12` → (MMStar, 12).
  static func split(_ id: String) -> (dataset: String, index: String)? {
    guard let slash = id.firstIndex(of: "/"), slash != id.startIndex, id.index(after: slash) != id.endIndex else { return nil }
    return (String(id[..<slash]), String(id[id.index(after: slash)...]))
  }

  // MARK: Storing

  /// Reads the release and stores it in one transaction. Refused (nothing written) when the database already holds
  /// samples, unless it holds exactly these files (then nothing changes: `unchanged`).
  public func run(into store: BenchStore) throws(ImportError) -> ReleaseImportSummary {
    let start = ContinuousClock.now
    let data = try read()
    var summary = ReleaseImportSummary()
    summary.notes = data.notes
    summary.warnings = data.warnings
    let catalog = catalog
    let threshold = correctThreshold
    let seed = seed
    do {
      try store.transaction { tx in
        if try tx.count(.sample) > 0 {
          let stored = try tx.importedFiles()
          if data.files.allSatisfy({ stored[$0.path]?.sha256 == $0.sha256 }), try tx.metadata(.costSource) == data.costFile {
            summary.unchanged = true
            return
          }
          throw ImportError(.usage, "the database already holds a benchmark (\(try tx.count(.sample)) samples); import the "
                              + "release into a new database (--db NEW.sqlite)", file: store.path)
        }
        // Datasets in catalog order, then others by name.
        var position: [String: Int] = [:]
        for (i, d) in catalog.datasets.enumerated() where position[d.name] == nil { position[d.name] = i }
        let names = Set(data.sampleIDs.compactMap { Self.split($0)?.dataset })
        var extra = 1000
        for n in names.sorted() where position[n] == nil {
          position[n] = extra
          extra += 1
        }
        for n in names.sorted(by: { position[$0]! < position[$1]! }) {
          let info = catalog.dataset(named: n) ?? DatasetInfo(name: n, displayName: n, group: .other, answerType: .unknown)
          _ = try tx.ensureDataset(info, position: position[n]!)
        }
        var modelIds: [Int64] = []
        for name in data.models {
          modelIds.append(try tx.ensureModel(catalog.model(named: name) ?? ModelInfo(name: name, displayName: name)))
        }
        try tx.upsertSamples(data.sampleIDs.map { id in
          let (d, index) = Self.split(id)!
          return SampleRow(dataset: d, sourceIndex: index, prompt: "", inputTokens: 0)
        })
        var fileIds: [String: Int64] = [:]
        for f in data.files { fileIds[f.path] = try tx.recordImportedFile(f) }
        let index = try tx.sampleIndex()
        let yFile = fileIds["\(ReleaseLayout.matrices)/Y.npz"]!
        let k = data.models.count
        var records: [RecordRow] = []
        records.reserveCapacity(data.quality.count)
        for (i, id) in data.sampleIDs.enumerated() {
          let sample = index[id]!.id
          for j in 0..<k {
            let q = Float(data.quality[i * k + j])
            records.append(RecordRow(sampleId: sample, modelId: modelIds[j], score: q, correct: q >= threshold,
                                     outputTokens: 0, tokensEstimated: true, costUSD: data.cost[i * k + j],
                                     sourceFileId: yFile, sourceRow: Int32(i + 1)))
          }
        }
        try tx.writeRecords(records)
        if let split = data.split {
          try tx.storeSplit(name: BenchStore.defaultSplitName, seed: nil,
                            description: "the VL-RouterBench release's split (SPLITS/train, dev, test.jsonl)", parts: split)
          summary.splitSource = "SPLITS/ (the paper's split)"
        } else {
          try tx.ensureDefaultSplit(seed: seed)
          summary.splitSource = "RouterBench's stratified 7:1:2 split, seed \(seed) (the release has no SPLITS/)"
        }
        try tx.setMetadata(.simulated, "false")
        try tx.setMetadata(.costSource, data.costFile)
        try tx.setMetadata(.tokenCounter, "none (VL-RouterBench release: costs from \(data.costFile))")
        try tx.setMetadata(.correctThreshold, "\(threshold)")
      }
    } catch {
      throw Importer.importError(error)
    }
    summary.samples = data.sampleIDs.count
    summary.models = data.models.count
    summary.records = data.quality.count
    summary.datasets = Set(data.sampleIDs.compactMap { Self.split($0)?.dataset }).count
    if let split = data.split {
      for (p, ids) in split { summary.splitSizes[p] = ids.count }
    }
    summary.seconds = (ContinuousClock.now - start).seconds
    return summary
  }
}

/// The reference's `cost_bounds.json`: per model the mean of its costs that are > 0 (over all samples), and the
/// lowest / highest of those means (first model on ties, as NumPy's argmin/argmax).
struct ReleaseCostBounds {
  var models: [String]
  var perModel: [Double]
  var cmin: Double, cmax: Double
  var cminModel: String, cmaxModel: String

  init(cost: [Double], rows: Int, models: [String]) {
    self.models = models
    let k = models.count
    perModel = (0..<k).map { j in
      var sum = 0.0, n = 0
      for i in 0..<rows where cost[i * k + j] > 0 {
        sum += cost[i * k + j]
        n += 1
      }
      return n > 0 ? sum / Double(n) : .nan
    }
    var lo = 0, hi = 0
    for j in perModel.indices {
      if perModel[j] < perModel[lo] { lo = j }
      if perModel[j] > perModel[hi] { hi = j }
    }
    cmin = perModel.isEmpty ? 0 : perModel[lo]
    cmax = perModel.isEmpty ? 0 : perModel[hi]
    cminModel = models.isEmpty ? "" : models[lo]
    cmaxModel = models.isEmpty ? "" : models[hi]
  }
}
