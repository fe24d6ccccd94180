public import BenchCore
internal import Foundation
internal import GRDB

extension StoreTransaction {
  // MARK: Splits

  public func hasSplit(_ name: String) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM split WHERE name = ?)", arguments: [name]) ?? false
  }

  /// The members of split `name` as sample keys per part (in sample-id order), or nil when it is not stored.
  public func splitMembers(_ name: String) throws -> [SplitName: [String]]? {
    guard try hasSplit(name) else { return nil }
    var out: [SplitName: [String]] = [:]
    for part in SplitName.allCases { out[part] = [] }
    for r in try Row.fetchAll(db, sql: """
      SELECT m.part, s.key FROM splitMember m JOIN sample s ON s.id = m.sampleId WHERE m.splitName = ? ORDER BY s.id
      """, arguments: [name]) {
      if let part = SplitName(rawValue: r[0]) { out[part, default: []].append(r[1]) }
    }
    return out
  }

  /// Stores (replacing any split of the same name) a split given as sample keys per part.
  /// Throws if a key is not stored or appears in two parts.
  public func storeSplit(name: String, seed: UInt64?, description: String = "",
                         parts: [SplitName: [String]]) throws {
    let index = try sampleIndex()
    var ids: [SplitName: [Int64]] = [:]
    var seen: [String: SplitName] = [:]
    for part in SplitName.allCases {
      for key in parts[part] ?? [] {
        guard let ref = index[key] else {
          throw StoreError(.notFound, "split '\(name)' names a sample that is not stored", path: path,
                           table: "splitMember", key: key)
        }
        if let other = seen.updateValue(part, forKey: key) {
          throw StoreError(.invalidArgument, "sample is in both '\(other.rawValue)' and '\(part.rawValue)' of split '\(name)'",
                           path: path, table: "splitMember", key: key)
        }
        ids[part, default: []].append(ref.id)
      }
    }
    try storeSplit(name: name, seed: seed, description: description, sampleIds: ids)
  }

  /// Stores a split given as (distinct, stored) sample ids per part.
  func storeSplit(name: String, seed: UInt64?, description: String, sampleIds: [SplitName: [Int64]]) throws {
    try db.execute(sql: "DELETE FROM split WHERE name = ?", arguments: [name])
    try db.execute(sql: "INSERT INTO split(name, seed, description) VALUES (?, ?, ?)",
                   arguments: [name, seed.map { Int64(bitPattern: $0) }, description])
    let st = try RawStatement(db, "INSERT INTO splitMember(splitName, sampleId, part) VALUES (?, ?, ?)")
    defer { st.reset() }
    for part in SplitName.allCases {
      for id in sampleIds[part] ?? [] {
        st.bind(1, name)
        st.bind(2, id)
        st.bind(3, part.rawValue)
        try st.run()
      }
    }
  }

  /// Stores the default split — 7:1:2, stratified by dataset, seeded (`StratifiedSplit.make`) — over the
  /// stored samples unless a split of that name exists. Returns whether it stored one.
  @discardableResult
  public func ensureDefaultSplit(seed: UInt64, name: String = BenchStore.defaultSplitName) throws -> Bool {
    if try hasSplit(name) { return false }
    let datasets = try datasets()
    var position: [Int64: Int32] = [:]
    for (i, d) in datasets.enumerated() { position[d.id] = Int32(i) }
    var ids: [Int64] = []
    var sampleDataset: [Int32] = []
    let st = try RawStatement(db, "SELECT id, datasetId FROM sample ORDER BY id")
    while try st.step() {
      ids.append(st.int64(0))
      sampleDataset.append(position[st.int64(1)] ?? 0)
    }
    st.reset()
    let rows = StratifiedSplit.make(sampleDataset: sampleDataset, datasetNames: datasets.map(\.info.name), seed: seed)
    var parts: [SplitName: [Int64]] = [:]
    for (part, idx) in rows { parts[part] = idx.map { ids[$0] } }
    try storeSplit(name: name, seed: seed,
                   description: "7:1:2 train/dev/test, stratified by dataset (StratifiedSplit), seed \(seed)",
                   sampleIds: parts)
    return true
  }

  // MARK: Feature sets

  /// Stores a feature set: row `i` of `matrix` is the vector of sample `sampleKeys[i]`, stored as float32
  /// little-endian BLOBs. Replaces a stored set of the same name unless it is identical (same dimension, source,
  /// hash and samples), in which case nothing is written. Returns whether it wrote.
  ///
  /// - Parameter sha256: the source file's hash; `nil` hashes the vectors.
  @discardableResult
  public func saveFeatureSet(name: String, sampleKeys: [String], matrix: Matrix<Float>, source: String,
                             sha256: String? = nil) throws -> Bool {
    guard matrix.rows == sampleKeys.count else {
      throw StoreError(.invalidArgument, "\(sampleKeys.count) sample keys for \(matrix.rows) feature rows",
                       path: path, table: "feature", key: name)
    }
    guard matrix.columns > 0 else {
      throw StoreError(.invalidArgument, "a feature set needs at least one dimension", path: path,
                       table: "featureSet", key: name)
    }
    let hash = sha256 ?? matrix.values.withUnsafeBytes { SHA256.hex($0) }
    if let r = try Row.fetchOne(db, sql: """
      SELECT f.dimension, f.source, f.sha256, (SELECT COUNT(*) FROM feature x WHERE x.featureSetId = f.id)
      FROM featureSet f WHERE f.name = ?
      """, arguments: [name]),
      (r[0] as Int) == matrix.columns, (r[1] as String) == source, (r[2] as String) == hash,
      (r[3] as Int) == matrix.rows
    {
      return false
    }
    let index = try sampleIndex()
    // Rows are inserted in sample-id order, so the table and both indexes grow at their right edge instead of
    // taking each row at a random leaf.
    var order: [(id: Int64, row: Int)] = []
    order.reserveCapacity(sampleKeys.count)
    for (i, key) in sampleKeys.enumerated() {
      guard let ref = index[key] else {
        throw StoreError(.notFound, "feature set '\(name)' has a vector for a sample that is not stored", path: path,
                         table: "feature", key: key)
      }
      order.append((ref.id, i))
    }
    order.sort { $0.id < $1.id }
    for k in order.indices.dropFirst() where order[k].id == order[k - 1].id {
      throw StoreError(.invalidArgument, "feature set '\(name)' has two vectors for this sample", path: path,
                       table: "feature", key: sampleKeys[order[k].row])
    }
    try db.execute(sql: "DELETE FROM featureSet WHERE name = ?", arguments: [name])
    try db.execute(sql: "INSERT INTO featureSet(name, dimension, source, sha256) VALUES (?, ?, ?, ?)",
                   arguments: [name, matrix.columns, source, hash])
    let setId = db.lastInsertedRowID
    let st = try RawStatement(db, "INSERT INTO feature(featureSetId, sampleId, vector) VALUES (?, ?, ?)")
    defer { st.reset() }
    #if !_endian(little)
    var row = [UInt32](repeating: 0, count: matrix.columns)
    #endif
    for (id, i) in order {
      let base = i * matrix.columns
      st.bind(1, setId)
      st.bind(2, id)
      #if _endian(little)
      matrix.values.withUnsafeBytes { all in
        st.bindBlob(3, UnsafeRawBufferPointer(rebasing: all[(base * 4)..<((base + matrix.columns) * 4)]))
      }
      #else
      for j in 0..<matrix.columns { row[j] = matrix.values[base + j].bitPattern.littleEndian }
      row.withUnsafeBytes { st.bindBlob(3, $0) }
      #endif
      try st.run()
    }
    return true
  }
}

extension BenchStore {
  /// Stores a split given as sample keys per part (see `StoreTransaction.storeSplit`).
  public func storeSplit(name: String, seed: UInt64?, description: String = "",
                         parts: [SplitName: [String]]) throws(StoreError) {
    try write { tx in try tx.storeSplit(name: name, seed: seed, description: description, parts: parts) }
  }

  /// Stores the seeded 7:1:2 stratified default split unless one is stored; returns whether it stored one.
  @discardableResult
  public func ensureDefaultSplit(seed: UInt64) throws(StoreError) -> Bool {
    try write { tx in try tx.ensureDefaultSplit(seed: seed) }
  }

  /// The stored split names, sorted.
  public func splitNames() throws(StoreError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT name FROM split ORDER BY name") }
  }

  /// Stores a feature set (see `StoreTransaction.saveFeatureSet`).
  @discardableResult
  public func saveFeatureSet(name: String, sampleKeys: [String], matrix: Matrix<Float>, source: String,
                             sha256: String? = nil) throws(StoreError) -> Bool {
    try write { tx in
      try tx.saveFeatureSet(name: name, sampleKeys: sampleKeys, matrix: matrix, source: source, sha256: sha256)
    }
  }

  /// The stored feature-set names, sorted.
  public func featureSetNames() throws(StoreError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT name FROM featureSet ORDER BY name") }
  }

  /// A feature set as an N × D matrix whose rows line up with `loadBenchmark()` rows (samples by id).
  /// - Throws: `StoreError.notFound` for an unknown set, `.incomplete` if a stored sample has no vector.
  public func loadFeatures(name: String) throws(StoreError) -> Matrix<Float> {
    let path = path
    return try read { db in
      guard let set = try Row.fetchOne(db, sql: "SELECT id, dimension FROM featureSet WHERE name = ?",
                                       arguments: [name]) else {
        let known = try String.fetchAll(db, sql: "SELECT name FROM featureSet ORDER BY name")
        throw StoreError(.notFound, "no such feature set (stored: \(known.isEmpty ? "none" : known.joined(separator: ", ")))",
                         path: path, table: "featureSet", key: name)
      }
      let setId: Int64 = set[0]
      let d: Int = set[1]
      let st = try RawStatement(db, """
        SELECT s.key, f.vector FROM sample s LEFT JOIN feature f ON f.sampleId = s.id AND f.featureSetId = ?
        ORDER BY s.id
        """)
      defer { st.reset() }
      st.bind(1, setId)
      var values: [Float] = []
      var n = 0
      while try st.step() {
        let blob = st.blob(1)
        guard !st.isNull(1) else {
          throw StoreError(.incomplete, "feature set '\(name)' has no vector for this sample", path: path,
                           table: "feature", key: st.text(0))
        }
        guard blob.count == d * 4 else {
          throw StoreError(.incomplete, "vector of \(blob.count) bytes, expected \(d) float32", path: path,
                           table: "feature", key: st.text(0))
        }
        for j in 0..<d {
          values.append(Float(bitPattern: UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self))))
        }
        n += 1
      }
      return Matrix(rows: n, columns: d, values: values)
    }
  }
}
