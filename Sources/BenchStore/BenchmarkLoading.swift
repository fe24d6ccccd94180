public import BenchCore
internal import Foundation
internal import GRDB

extension BenchStore {
  /// Loads the stored benchmark into memory.
  ///
  /// Rows are samples ordered by `sample.id` (import order: datasets in position order, samples in their
  /// dataset-file order); columns are models ordered by name in code-point order (`ORDER BY name`, BINARY
  /// collation); `datasets` are in position order. `splits` holds the stored split named `split` (empty if that
  /// split is not stored). `correctThreshold` is the `correctThreshold` metadata value (default 1.0).
  ///
  /// - Parameter name: the benchmark's name; `nil` uses the `preset` metadata value, else the file's stem.
  /// - Throws: `StoreError` (`.incomplete` if some (sample, model) cell has no record).
  /// - Complexity: one pass over the record table through raw SQLite cursors (≈0.1 s for 30,540 × 17 records).
  public func loadBenchmark(name: String? = nil, split: String = BenchStore.defaultSplitName)
    throws(StoreError) -> Benchmark
  {
    try read { db in try Self.loadBenchmark(db, path: path, name: name, split: split).benchmark }
  }

  /// The benchmark with what a run needs to store its results against exactly this data: the sample and model
  /// row ids in matrix order, the data generation and the content fingerprint, all read in one snapshot.
  public func snapshot(name: String? = nil, split: String = BenchStore.defaultSplitName)
    throws(StoreError) -> BenchmarkSnapshot
  {
    try read { db in try Self.loadSnapshot(db, path: path, name: name, split: split) }
  }

  /// `snapshot(name:split:)` inside a read that also loads other tables from the same snapshot.
  static func loadSnapshot(_ db: Database, path: String?, name: String?, split: String) throws -> BenchmarkSnapshot {
    let (b, samples, models) = try loadBenchmark(db, path: path, name: name, split: split)
    return BenchmarkSnapshot(benchmark: b, sampleRowIDs: samples, modelRowIDs: models,
                             generation: try dataGeneration(db), fingerprint: b.fingerprint(split: split),
                             splitName: split)
  }

  static func loadBenchmark(_ db: Database, path: String?, name: String?, split: String) throws
    -> (benchmark: Benchmark, sampleIDs: [Int64], modelIDs: [Int64])
  {
    do {
      let datasetRows = try Row.fetchAll(db, sql: """
        SELECT id, name, displayName, groupName, answerType FROM dataset ORDER BY position, id
        """)
      var datasetIndex: [Int64: Int32] = [:]
      var datasets: [DatasetInfo] = []
      for (i, r) in datasetRows.enumerated() {
        datasetIndex[r[0]] = Int32(i)
        datasets.append(DatasetInfo(name: r[1], displayName: r[2], group: DatasetGroup(rawValue: r[3]) ?? .other,
                                    answerType: AnswerType(rawValue: r[4]) ?? .unknown))
      }
      let modelRows = try Row.fetchAll(db, sql: "SELECT id, name, displayName, paramsB, tier FROM model ORDER BY name")
      var models: [ModelInfo] = []
      var modelIds: [Int64] = []
      for r in modelRows {
        modelIds.append(r[0])
        models.append(ModelInfo(name: r[1], displayName: r[2], paramsB: r[3], tier: ModelTier(rawValue: r[4]) ?? .cloud))
      }
      let k = models.count

      // Samples, ordered by id. `rowOf[id - minId]` maps a sample id to its row.
      let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") ?? 0
      let bounds = try Row.fetchOne(db, sql: "SELECT IFNULL(MIN(id), 0), IFNULL(MAX(id), -1) FROM sample")
      let minId: Int64 = bounds?[0] ?? 0
      let maxId: Int64 = bounds?[1] ?? -1
      var rowOf = [Int32](repeating: -1, count: Int(maxId - minId + 1))
      var keys: [String] = []
      keys.reserveCapacity(n)
      var sampleIDs: [Int64] = []
      sampleIDs.reserveCapacity(n)
      var sampleDataset: [Int32] = []
      sampleDataset.reserveCapacity(n)
      var inputTokens: [Int32] = []
      inputTokens.reserveCapacity(n)
      do {
        let st = try RawStatement(db, "SELECT id, datasetId, key, inputTokens FROM sample ORDER BY id")
        defer { st.reset() }
        while try st.step() {
          rowOf[Int(st.int64(0) - minId)] = Int32(keys.count)
          sampleIDs.append(st.int64(0))
          sampleDataset.append(datasetIndex[st.int64(1)] ?? 0)
          keys.append(st.text(2))
          inputTokens.append(Int32(clamping: st.int64(3)))
        }
      }

      // Records → N × K matrices.
      var column = [Int32](repeating: -1, count: Int((modelIds.max() ?? 0) + 1))
      for (j, id) in modelIds.enumerated() { column[Int(id)] = Int32(j) }
      var quality = [Float](repeating: 0, count: n * k)
      var cost = [Double](repeating: 0, count: n * k)
      var filled = [Bool](repeating: false, count: n * k)
      var count = 0
      do {
        let st = try RawStatement(db, "SELECT sampleId, modelId, score, costUSD FROM record")
        defer { st.reset() }
        try quality.withUnsafeMutableBufferPointer { q in
          try cost.withUnsafeMutableBufferPointer { c in
            try filled.withUnsafeMutableBufferPointer { f in
              try rowOf.withUnsafeBufferPointer { rows in
                try column.withUnsafeBufferPointer { cols in
                  while try st.step() {
                    let i = Int(rows[Int(st.int64(0) - minId)])
                    let j = Int(cols[Int(st.int64(1))])
                    let at = i * k + j
                    q[at] = Float(st.double(2))
                    c[at] = st.double(3)
                    if !f[at] { f[at] = true; count += 1 }
                  }
                }
              }
            }
          }
        }
      }
      if count != n * k, let at = filled.firstIndex(of: false) {
        throw StoreError(.incomplete, "\(n * k - count) of \(n * k) (sample, model) cells have no record, e.g. "
                           + "sample \(keys[at / k]) × model \(models[at % k].name); re-import with a missing-cell policy",
                         path: path, table: "record")
      }

      // The stored split, if any.
      var splits: [SplitName: [Int]] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT sampleId, part FROM splitMember WHERE splitName = ?",
                                arguments: [split]) {
        let id: Int64 = r[0]
        let part = SplitName(rawValue: r[1]) ?? .train
        splits[part, default: []].append(Int(rowOf[Int(id - minId)]))
      }
      if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM split WHERE name = ?)", arguments: [split]) == true {
        for part in SplitName.allCases { splits[part, default: []].sort() }
      }

      let threshold = try MetadataRecord.value(of: MetadataKey.correctThreshold.rawValue, in: db)
        .flatMap(Float.init) ?? 1.0
      let preset = try MetadataRecord.value(of: MetadataKey.preset.rawValue, in: db)
      let benchName = name ?? preset ?? path.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        ?? "benchmark"
      let b = Benchmark(
        name: benchName, datasets: datasets, models: models, sampleIDs: keys, sampleDataset: sampleDataset,
        inputTokens: inputTokens, quality: Matrix(rows: n, columns: k, values: quality),
        cost: Matrix(rows: n, columns: k, values: cost), splits: splits, correctThreshold: threshold)
      return (b, sampleIDs, modelIds)
    }
  }

  /// Per (model, dataset) totals of the stored records, ordered by model name then dataset position.
  public func summary() throws(StoreError) -> [SummaryRow] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT m.name, d.name, COUNT(*), SUM(r.correct), SUM(r.score), SUM(r.costUSD), SUM(s.inputTokens),
               SUM(r.outputTokens)
        FROM record r JOIN sample s ON s.id = r.sampleId JOIN dataset d ON d.id = s.datasetId
          JOIN model m ON m.id = r.modelId
        GROUP BY r.modelId, s.datasetId
        ORDER BY m.name, d.position
        """).map { r in
        SummaryRow(model: r[0], dataset: r[1], samples: r[2], correct: r[3], scoreSum: r[4], costSum: r[5],
                   inputTokens: r[6], outputTokens: r[7])
      }
    }
  }

  /// Row counts of every table (for CLI summaries and tests).
  public func counts() throws(StoreError) -> [StoreTable: Int] {
    try read { db in
      var out: [StoreTable: Int] = [:]
      for t in StoreTable.allCases { out[t] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t.rawValue)") ?? 0 }
      return out
    }
  }
}

extension BenchStore {
  /// Every row of every table as text, sorted — a fingerprint of the database content for tests and checks
  /// ("re-importing changes nothing", "a failed import leaves the file unchanged").
  public func dump() throws(StoreError) -> [String: [String]] {
    try read { db in
      var out: [String: [String]] = [:]
      for t in StoreTable.allCases {
        out[t.rawValue] = try Row.fetchAll(db, sql: "SELECT * FROM \(t.rawValue)").map { row in
          row.databaseValues.map(\.description).joined(separator: "|")
        }.sorted()
      }
      return out
    }
  }
}

/// Where a record's score came from.
public struct RecordProvenance: Sendable, Hashable {
  /// Path relative to the import root.
  public var file: String
  /// Row in that file (header = row 1).
  public var row: Int
  public var sha256: String
}

extension BenchStore {
  /// The provenance of the record of (sample `key`, model `model`), from the `recordSource` view.
  public func provenance(sample key: String, model: String) throws(StoreError) -> RecordProvenance? {
    try read { db in
      try Row.fetchOne(db, sql: """
        SELECT p.sourceFile, p.sourceRow, p.sourceSHA256 FROM recordSource p
        JOIN sample s ON s.id = p.sampleId JOIN model m ON m.id = p.modelId
        WHERE s.key = ? AND m.name = ?
        """, arguments: [key, model]).map { RecordProvenance(file: $0[0], row: $0[1], sha256: $0[2]) }
    }
  }
}

/// A benchmark as one run loaded it: the matrices, the database ids of its rows and columns, the data
/// generation and the content fingerprint. Runs are saved against it (`saveRun(_:loadedFrom:experiment:)`).
public struct BenchmarkSnapshot: Sendable {
  public var benchmark: Benchmark
  /// `sample.id` of each benchmark row.
  public let sampleRowIDs: [Int64]
  /// `model.id` of each benchmark column.
  public let modelRowIDs: [Int64]
  /// The data generation when the snapshot was read (see `BenchStore.bumpDataGeneration`).
  public var generation: Int64
  /// SHA-256 of the content every run result depends on (see `Benchmark.fingerprint(split:)`).
  public var fingerprint: String
  /// The stored split the benchmark's train/dev/test rows come from.
  public var splitName: String
  /// Benchmark row of each `sample.id`, and column of each `model.id` (the inverse of the two id lists, built
  /// once per snapshot for every decision read).
  let rowOfSampleID: [Int64: Int]
  let columnOfModelID: [Int64: Int]

  init(benchmark: Benchmark, sampleRowIDs: [Int64], modelRowIDs: [Int64], generation: Int64, fingerprint: String,
       splitName: String) {
    self.benchmark = benchmark
    self.sampleRowIDs = sampleRowIDs
    self.modelRowIDs = modelRowIDs
    self.generation = generation
    self.fingerprint = fingerprint
    self.splitName = splitName
    rowOfSampleID = Dictionary(uniqueKeysWithValues: sampleRowIDs.enumerated().map { ($1, $0) })
    columnOfModelID = Dictionary(uniqueKeysWithValues: modelRowIDs.enumerated().map { ($1, $0) })
  }
}

extension Benchmark {
  /// SHA-256 over everything a routing result depends on: dataset and model names, sample keys and datasets,
  /// input tokens, the quality and cost matrices (their exact bits), the correctness threshold and the split
  /// (its name and members). Two databases with the same content have the same fingerprint; any re-import that
  /// changes a score, a cost, a sample or the split changes it.
  func fingerprint(split: String) -> String {
    var h = SHA256()
    func text(_ s: String) { h.update(Array(s.utf8)); h.update([0]) }
    text("routerbench-benchmark-v1")
    for d in datasets { text(d.name) }
    text("models")
    for m in models { text(m.name) }
    text("samples")
    for (i, key) in sampleIDs.enumerated() { text("\(key)\t\(sampleDataset[i])\t\(inputTokens[i])") }
    quality.values.withUnsafeBytes { h.update($0) }
    cost.values.withUnsafeBytes { h.update($0) }
    text("threshold \(correctThreshold.bitPattern)")
    text("split \(split)")
    for part in SplitName.allCases {
      text(part.rawValue)
      (splits[part] ?? []).map(Int64.init).withUnsafeBytes { h.update($0) }
    }
    return h.hexDigest()
  }
}
