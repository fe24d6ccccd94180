public import BenchCore
internal import Foundation
internal import GRDB
internal import GRDBSQLite

/// Typed writes inside one `BenchStore.transaction`. Everything done through one value commits together.
///
/// The importer drives a whole import through this type so that it never sees SQL, and so that any error leaves
/// the database as it was.
public struct StoreTransaction {
  /// The GRDB connection (internal: other modules see only the typed methods).
  let db: Database
  let path: String?

  init(db: Database, path: String?) {
    self.db = db
    self.path = path
  }

  private func fail(_ kind: StoreError.Kind, _ message: String, table: String? = nil, key: String? = nil)
    -> StoreError
  {
    StoreError(kind, message, path: path, table: table, key: key)
  }

  // MARK: Imported files

  public func importedFile(path: String) throws -> ImportedFile? {
    try ImportedFileRecord.filter(ImportedFileRecord.Columns.path == path).fetchOne(db)?.file
  }

  /// Every imported file, by path.
  public func importedFiles() throws -> [String: ImportedFile] {
    var out: [String: ImportedFile] = [:]
    for r in try ImportedFileRecord.fetchAll(db) { out[r.path] = r.file }
    return out
  }

  /// Records a file as imported and returns its `importedFile.id`. A row with the same path keeps its id; it is
  /// left untouched (importedAt included) when hash, kind and rows are equal.
  @discardableResult
  public func recordImportedFile(_ f: ImportedFile) throws -> Int64 {
    if var stored = try ImportedFileRecord.filter(ImportedFileRecord.Columns.path == f.path).fetchOne(db),
       let id = stored.id
    {
      if !stored.hasSameContent(as: f) {
        stored.sha256 = f.sha256
        stored.kind = f.kind
        stored.rows = f.rows
        stored.importedAt = f.importedAt
        try stored.update(db)
      }
      return id
    }
    var record = ImportedFileRecord(f)
    try record.insert(db)
    return db.lastInsertedRowID
  }

  // MARK: Datasets and models

  /// Stored datasets in position order, with their ids.
  public func datasets() throws -> [(id: Int64, info: DatasetInfo)] {
    try Row.fetchAll(db, sql: "SELECT id, name, displayName, groupName, answerType FROM dataset ORDER BY position, id")
      .map { r in
        (id: r[0], info: DatasetInfo(name: r[1], displayName: r[2], group: DatasetGroup(rawValue: r[3]) ?? .other,
                                     answerType: AnswerType(rawValue: r[4]) ?? .unknown))
      }
  }

  /// Stored models by name (code-point order), with their ids.
  public func models() throws -> [(id: Int64, info: ModelInfo)] {
    try Row.fetchAll(db, sql: "SELECT id, name, displayName, paramsB, tier FROM model ORDER BY name")
      .map { r in
        (id: r[0], info: ModelInfo(name: r[1], displayName: r[2], paramsB: r[3],
                                   tier: ModelTier(rawValue: r[4]) ?? .cloud))
      }
  }

  /// The id of dataset `info.name`, inserting it (at `position`) if absent. Existing rows are not modified.
  public func ensureDataset(_ info: DatasetInfo, position: Int) throws -> Int64 {
    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [info.name]) {
      return id
    }
    try db.execute(sql: """
      INSERT INTO dataset(name, displayName, groupName, answerType, position) VALUES (?, ?, ?, ?, ?)
      """, arguments: [info.name, info.displayName, info.group.rawValue, info.answerType.rawValue, position])
    return db.lastInsertedRowID
  }

  /// The id of model `info.name`, inserting it if absent. Existing rows are not modified.
  public func ensureModel(_ info: ModelInfo) throws -> Int64 {
    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM model WHERE name = ?", arguments: [info.name]) {
      return id
    }
    try db.execute(sql: "INSERT INTO model(name, displayName, paramsB, tier) VALUES (?, ?, ?, ?)",
                   arguments: [info.name, info.displayName, info.paramsB, info.tier.rawValue])
    return db.lastInsertedRowID
  }

  // MARK: Prices

  /// The active price table, with prices of the stored models.
  public func activePriceTable() throws -> (id: Int64, table: PriceTable)? {
    guard let active = try PriceTableRecord.active.fetchOne(db), let id = active.id else { return nil }
    let names = Dictionary(uniqueKeysWithValues: try models().map { ($0.id, $0.info.name) })
    var prices: [String: TokenPrice] = [:]
    for p in try PriceRecord.filter(PriceRecord.Columns.priceTableId == id).fetchAll(db) {
      if let name = names[p.modelId] { prices[name] = p.price }
    }
    return (id, PriceTable(name: active.name, version: active.version, date: active.date, source: active.source,
                           prices: prices))
  }

  /// Makes `table` the active price table for the stored models.
  ///
  /// When the active table has the same name, version, date and source and agrees on every price it already
  /// holds, only prices of newly stored models are added (`.unchanged`). Otherwise a new table is stored and
  /// activated (`.activated`), and the caller must `recomputeCosts()`.
  public func activatePriceTable(_ table: PriceTable, createdAt: String) throws -> PriceTableChange {
    let models = try models()
    if let (id, active) = try activePriceTable(), active.name == table.name, active.version == table.version,
       active.date == table.date, active.source == table.source,
       active.prices.allSatisfy({ table.prices[$0.key] == $0.value })
    {
      for (modelId, info) in models where active.prices[info.name] == nil {
        if let p = table.prices[info.name] { try PriceRecord(priceTableId: id, modelId: modelId, p).insert(db) }
      }
      return .unchanged
    }
    try PriceTableRecord.active.updateAll(db, PriceTableRecord.Columns.isActive.set(to: false))
    var stored = PriceTableRecord(name: table.name, version: table.version, date: table.date, source: table.source,
                                  createdAt: createdAt, isActive: true)
    try stored.insert(db)
    let id = db.lastInsertedRowID
    for (modelId, info) in models {
      if let p = table.prices[info.name] { try PriceRecord(priceTableId: id, modelId: modelId, p).insert(db) }
    }
    return .activated(id: id)
  }

  /// Recomputes every record's `costUSD` = (inputTokens × input price + outputTokens × output price) / 1e6 from
  /// the active price table. Throws if a model with records has no active price.
  @discardableResult
  public func recomputeCosts() throws -> Int {
    guard let (id, _) = try activePriceTable() else {
      throw fail(.notFound, "no active price table", table: "priceTable")
    }
    let priced = Set(try PriceRecord.filter(PriceRecord.Columns.priceTableId == id)
      .select(PriceRecord.Columns.modelId, as: Int64.self).fetchAll(db))
    if let (_, unpriced) = try models().first(where: { !priced.contains($0.id) }) {
      throw fail(.notFound, "the active price table has no price for this model", table: "price", key: unpriced.name)
    }
    try db.execute(sql: """
      UPDATE record SET costUSD = (
        SELECT (s.inputTokens * p.inputPerMillion + record.outputTokens * p.outputPerMillion) / 1000000.0
        FROM sample s, price p
        WHERE s.id = record.sampleId AND p.modelId = record.modelId AND p.priceTableId = ?)
      """, arguments: [id])
    return db.changesCount
  }

  // MARK: Samples

  /// Every stored sample by key.
  public func sampleIndex() throws -> [String: SampleRef] {
    let st = try RawStatement(db, "SELECT key, id, datasetId, inputTokens FROM sample")
    defer { st.reset() }
    var out: [String: SampleRef] = [:]
    while try st.step() {
      out[st.text(0)] = SampleRef(id: st.int64(1), datasetId: st.int64(2), inputTokens: Int(st.int64(3)))
    }
    return out
  }

  /// Stored samples by dataset name, then by source index.
  public func samplesByDataset() throws -> [String: [String: SampleRef]] {
    let st = try RawStatement(db, """
      SELECT d.name, s.sourceIndex, s.id, s.datasetId, s.inputTokens FROM sample s JOIN dataset d ON d.id = s.datasetId
      """)
    defer { st.reset() }
    var out: [String: [String: SampleRef]] = [:]
    while try st.step() {
      out[st.text(0), default: [:]][st.text(1)] = SampleRef(id: st.int64(2), datasetId: st.int64(3),
                                                            inputTokens: Int(st.int64(4)))
    }
    return out
  }

  /// Stored samples of one dataset by source index.
  public func samples(ofDataset name: String) throws -> [String: SampleRef] {
    let st = try RawStatement(db, """
      SELECT s.sourceIndex, s.id, s.datasetId, s.inputTokens FROM sample s JOIN dataset d ON d.id = s.datasetId
      WHERE d.name = ?
      """)
    defer { st.reset() }
    st.bind(1, name)
    var out: [String: SampleRef] = [:]
    while try st.step() {
      out[st.text(0)] = SampleRef(id: st.int64(1), datasetId: st.int64(2), inputTokens: Int(st.int64(3)))
    }
    return out
  }

  /// (model name, dataset name) pairs that have at least one record.
  public func recordPairs() throws -> Set<[String]> {
    var out = Set<[String]>()
    for r in try Row.fetchAll(db, sql: """
      SELECT m.name, d.name FROM (SELECT DISTINCT r.modelId, s.datasetId FROM record r JOIN sample s ON s.id = r.sampleId) x
      JOIN model m ON m.id = x.modelId JOIN dataset d ON d.id = x.datasetId
      """) { out.insert([r[0], r[1]]) }
    return out
  }

  /// Every stored (model, dataset) group: its record count and the files its records were read from
  /// (`importedFile` paths, sorted).
  public func storedGroups() throws -> [StoredGroup] {
    var out: [String: StoredGroup] = [:]
    for r in try Row.fetchAll(db, sql: """
      SELECT m.name, d.name, COUNT(*), f.path FROM record r JOIN sample s ON s.id = r.sampleId
      JOIN model m ON m.id = r.modelId JOIN dataset d ON d.id = s.datasetId
      LEFT JOIN importedFile f ON f.id = r.sourceFileId
      GROUP BY m.name, d.name, f.path
      """) {
      let model: String = r[0], dataset: String = r[1], n: Int = r[2], path: String? = r[3]
      let key = model + "\u{0}" + dataset
      out[key, default: StoredGroup(model: model, dataset: dataset, records: 0, files: [])].records += n
      if let path { out[key]!.files.append(path) }
    }
    return out.values.map { var g = $0; g.files.sort(); return g }.sorted { ($0.model, $0.dataset) < ($1.model, $1.dataset) }
  }

  /// Deletes every record of `model` on `dataset` (a group about to be replaced whole, or one that can no longer
  /// be read); returns how many were deleted.
  @discardableResult
  public func deleteRecords(model: String, dataset: String) throws -> Int {
    try db.execute(sql: """
      DELETE FROM record WHERE modelId = (SELECT id FROM model WHERE name = ?)
        AND sampleId IN (SELECT s.id FROM sample s JOIN dataset d ON d.id = s.datasetId WHERE d.name = ?)
      """, arguments: [model, dataset])
    return db.changesCount
  }

  /// Inserts new samples and (unless `updateExisting` is false) updates stored ones whose content differs;
  /// returns (inserted, updated). The datasets must be stored already.
  @discardableResult
  public func upsertSamples(_ samples: [SampleRow], updateExisting: Bool = true) throws
    -> (inserted: Int, updated: Int)
  {
    var datasetIds: [String: Int64] = [:]
    for (id, info) in try datasets() { datasetIds[info.name] = id }
    // Whether each sample is stored already, by one key lookup each (the whole sample index used to be built on
    // every call: the importer calls this once or twice per dataset, so 14 datasets read ~200,000 index rows).
    let lookup = try count(.sample) == 0 ? nil : try RawStatement(db, "SELECT 1 FROM sample WHERE key = ?")
    defer { lookup?.reset() }
    func isStored(_ key: String) throws -> Bool {
      guard let lookup else { return false }
      lookup.bind(1, key)
      defer { lookup.reset() }
      return try lookup.step()
    }
    let st = try RawStatement(db, """
      INSERT INTO sample(datasetId, sourceIndex, key, prompt, imageRef, imageHash, inputTokens, category)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET prompt = excluded.prompt, imageRef = excluded.imageRef,
        imageHash = excluded.imageHash, inputTokens = excluded.inputTokens, category = excluded.category
      WHERE prompt IS NOT excluded.prompt OR imageRef IS NOT excluded.imageRef OR imageHash IS NOT excluded.imageHash
        OR inputTokens IS NOT excluded.inputTokens OR category IS NOT excluded.category
      """)
    defer { st.reset() }
    var inserted = 0, updated = 0
    for s in samples {
      let existed = try isStored(s.key)
      if !updateExisting, existed { continue }
      guard let d = datasetIds[s.dataset] else {
        throw fail(.notFound, "sample of an unknown dataset '\(s.dataset)'", table: "sample", key: s.key)
      }
      st.bind(1, d)
      st.bind(2, s.sourceIndex)
      st.bind(3, s.key)
      st.bind(4, s.prompt)
      st.bind(5, s.imageRef)
      st.bind(6, s.imageHash)
      st.bind(7, s.inputTokens)
      st.bind(8, s.category)
      try st.run()
      if db.changesCount > 0 { if existed { updated += 1 } else { inserted += 1 } }
    }
    return (inserted, updated)
  }

  // MARK: Records

  /// Inserts records, replacing a stored record of the same (sample, model). Rows are written in
  /// (sampleId, modelId) order — sorted here unless they already are — so SQLite appends to its B-tree.
  public func writeRecords(_ records: [RecordRow]) throws {
    var sorted = true
    for i in records.indices.dropFirst() {
      let a = records[i - 1], b = records[i]
      if a.sampleId > b.sampleId || (a.sampleId == b.sampleId && a.modelId >= b.modelId) {
        sorted = false
        break
      }
    }
    let ordered = sorted ? records : records.sorted {
      $0.sampleId != $1.sampleId ? $0.sampleId < $1.sampleId : $0.modelId < $1.modelId
    }
    // Multi-row INSERTs (64 rows per statement) cut the per-statement VDBE overhead.
    let columns = "sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, latencySeconds, metrics, "
      + "sourceFileId, sourceRow"
    let upsert = """
       ON CONFLICT(sampleId, modelId) DO UPDATE SET score = excluded.score, correct = excluded.correct,
        outputTokens = excluded.outputTokens, tokensEstimated = excluded.tokensEstimated, costUSD = excluded.costUSD,
        latencySeconds = excluded.latencySeconds, metrics = excluded.metrics, sourceFileId = excluded.sourceFileId,
        sourceRow = excluded.sourceRow
      """
    func statement(rows: Int) throws -> RawStatement {
      let one = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      return try RawStatement(db, "INSERT INTO record(\(columns)) VALUES "
                                + Array(repeating: one, count: rows).joined(separator: ", ") + upsert)
    }
    let batch = 64
    let full = try statement(rows: batch)
    defer { full.reset() }
    var start = 0
    while start < ordered.count {
      let n = min(batch, ordered.count - start)
      let st = n == batch ? full : try statement(rows: n)
      for k in 0..<n {
        let r = ordered[start + k]
        guard r.score >= 0, r.score <= 1, r.score.isFinite else {
          throw fail(.invalidArgument, "score \(r.score) is outside [0, 1]", table: "record")
        }
        let b = Int32(k * 11)
        st.bind(b + 1, r.sampleId)
        st.bind(b + 2, r.modelId)
        st.bind(b + 3, Double(r.score))
        st.bind(b + 4, r.correct ? 1 : 0)
        st.bind(b + 5, Int(r.outputTokens))
        st.bind(b + 6, r.tokensEstimated ? 1 : 0)
        st.bind(b + 7, r.costUSD)
        st.bind(b + 8, r.latencySeconds)
        st.bind(b + 9, r.metricsJSON)
        st.bind(b + 10, r.sourceFileId)
        st.bind(b + 11, Int(r.sourceRow))
      }
      try st.run()
      if n != batch { st.reset() }
      start += n
    }
  }

  /// Re-derives every record's `correct` flag as `score ≥ threshold`.
  public func recomputeCorrect(threshold: Float) throws {
    try db.execute(sql: "UPDATE record SET correct = (score >= ?) WHERE correct IS NOT (score >= ?)",
                   arguments: [Double(threshold), Double(threshold)])
  }

  /// Keys of stored samples that are not members of split `name`.
  public func samplesOutsideSplit(_ name: String) throws -> [String] {
    try String.fetchAll(db, sql: """
      SELECT key FROM sample s WHERE NOT EXISTS (SELECT 1 FROM splitMember m WHERE m.splitName = ? AND m.sampleId = s.id)
      ORDER BY id
      """, arguments: [name])
  }

  // MARK: Completeness

  /// The (model, dataset) pairs whose records do not cover every stored sample of the dataset, with up to
  /// `examples` missing sample keys each. Empty when the matrix is complete.
  public func missingCells(examples: Int = 5) throws -> [MissingCells] {
    // Fast path: the (sample, model) key is unique and every key names a stored sample, so the matrix is
    // complete iff every model has as many records as there are samples.
    let samples = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") ?? 0
    let modelCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model") ?? 0
    var perModel: [Int] = []
    let quick = try RawStatement(db, "SELECT COUNT(*) FROM record GROUP BY modelId")
    while try quick.step() { perModel.append(Int(quick.int64(0))) }
    quick.reset()
    if perModel.count == modelCount, perModel.allSatisfy({ $0 == samples }) { return [] }
    var expected: [Int64: Int] = [:]
    for r in try Row.fetchAll(db, sql: "SELECT datasetId, COUNT(*) FROM sample GROUP BY datasetId") {
      expected[r[0]] = r[1]
    }
    var present: [Int64: [Int64: Int]] = [:]  // model → dataset → count
    let st = try RawStatement(db, """
      SELECT r.modelId, s.datasetId, COUNT(*) FROM record r JOIN sample s ON s.id = r.sampleId
      GROUP BY r.modelId, s.datasetId
      """)
    while try st.step() { present[st.int64(0), default: [:]][st.int64(1)] = Int(st.int64(2)) }
    st.reset()
    var out: [MissingCells] = []
    let datasets = try datasets()
    for (modelId, model) in try models() {
      for (datasetId, dataset) in datasets {
        let n = expected[datasetId] ?? 0
        let have = present[modelId]?[datasetId] ?? 0
        guard have < n else { continue }
        let keys = try String.fetchAll(db, sql: """
          SELECT s.key FROM sample s WHERE s.datasetId = ?
            AND NOT EXISTS (SELECT 1 FROM record r WHERE r.sampleId = s.id AND r.modelId = ?)
          ORDER BY s.id LIMIT ?
          """, arguments: [datasetId, modelId, examples])
        out.append(MissingCells(model: model.name, dataset: dataset.name, missing: n - have, expected: n,
                                examples: keys))
      }
    }
    return out
  }

  /// Deletes every sample that lacks a record for some stored model (with its records, split memberships and
  /// features), then datasets left without samples. Returns the deleted sample keys.
  @discardableResult
  public func deleteIncompleteSamples() throws -> [String] {
    let k = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model") ?? 0
    let keys = try String.fetchAll(db, sql: """
      SELECT key FROM sample s WHERE (SELECT COUNT(*) FROM record r WHERE r.sampleId = s.id) < ? ORDER BY id
      """, arguments: [k])
    try db.execute(sql: """
      DELETE FROM sample WHERE (SELECT COUNT(*) FROM record r WHERE r.sampleId = sample.id) < ?
      """, arguments: [k])
    try deleteEmptyDatasets()
    return keys
  }

  /// Deletes the named models with their records, prices and decisions.
  public func deleteModels(_ names: [String]) throws {
    for name in names { try db.execute(sql: "DELETE FROM model WHERE name = ?", arguments: [name]) }
  }

  /// Deletes datasets that have no samples.
  public func deleteEmptyDatasets() throws {
    try db.execute(sql: "DELETE FROM dataset WHERE NOT EXISTS (SELECT 1 FROM sample s WHERE s.datasetId = dataset.id)")
  }

  // MARK: Counts

  public func count(_ table: StoreTable) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0
  }
}

/// Tables whose rows can be counted through `StoreTransaction.count`.
public enum StoreTable: String, Sendable, CaseIterable {
  case dataset, model, priceTable, price, sample, record, importedFile, split, splitMember, featureSet, feature,
    metadata, run, decision, result, experiment, experimentRun, embeddingChunk, scenarioResult, scenarioCurve,
    scenarioDecision
}
