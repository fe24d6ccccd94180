internal import GRDB

/// The keys of the `metadata` table: facts about the whole benchmark, written by the importer.
///
/// Feature-set shapes are stored under `featureShape.<set>` and have their own methods
/// (`StoreTransaction.setFeatureShape(_:ofFeatureSet:)`, `BenchStore.featureShape(ofFeatureSet:)`).
public enum MetadataKey: String, Sendable, Hashable, CaseIterable {
  /// The simulation preset the benchmark was generated from (e.g. `tiny-test`); absent for real logs.
  case preset
  /// `true` for a simulated benchmark, `false` for imported evaluation logs.
  case simulated
  /// The token counter's name (`cl100k_base`, `approximate-v1`, …).
  case tokenCounter
  /// The score a record needs to count as correct (default 1.0).
  case correctThreshold
  /// Input tokens charged per image.
  case imageTokens
  /// Where the records' costs come from: absent (or `tokens`) when they are token counts × the active price table;
  /// the file they were read from (`data/matrices/C.npy`) for a VL-RouterBench release import, whose records
  /// carry no token counts — `reprice` and a log import on top refuse such a database.
  case costSource
}

extension StoreTransaction {
  // MARK: Metadata

  /// The value stored for `key`, or `nil`.
  public func metadata(_ key: MetadataKey) throws -> String? { try MetadataRecord.value(of: key.rawValue, in: db) }

  /// Sets a value (no write when it is already equal); `nil` removes the key.
  public func setMetadata(_ key: MetadataKey, _ value: String?) throws { try store(value, forKey: key.rawValue) }

  /// Stores the trailing dimensions of a feature set's `.npy` array (its first dimension is the sample count),
  /// written as `16x32`; `nil` removes them.
  public func setFeatureShape(_ dimensions: [Int]?, ofFeatureSet name: String) throws {
    try store(dimensions.map { $0.map(String.init).joined(separator: "x") }, forKey: Self.featureShapeKey(name))
  }

  static func featureShapeKey(_ featureSet: String) -> String { "featureShape.\(featureSet)" }

  private func store(_ value: String?, forKey key: String) throws {
    guard let value else {
      try MetadataRecord.deleteOne(db, key: key)
      return
    }
    if try MetadataRecord.value(of: key, in: db) != value { try MetadataRecord(key: key, value: value).upsert(db) }
  }
}

extension BenchStore {
  // MARK: Metadata

  /// The value stored for `key` (e.g. `.preset`, `.simulated`), or `nil`.
  public func metadata(_ key: MetadataKey) throws(StoreError) -> String? {
    try read { db in try MetadataRecord.value(of: key.rawValue, in: db) }
  }

  /// Sets (or, with `nil`, removes) a metadata value.
  public func setMetadata(_ key: MetadataKey, _ value: String?) throws(StoreError) {
    try write { tx in try tx.setMetadata(key, value) }
  }

  /// The trailing dimensions of feature set `name`'s source array (e.g. `[16, 32]`), or `nil` if not stored.
  public func featureShape(ofFeatureSet name: String) throws(StoreError) -> [Int]? {
    let key = StoreTransaction.featureShapeKey(name)
    guard let text = try read({ db in try MetadataRecord.value(of: key, in: db) }) else { return nil }
    return text.split(separator: "x").compactMap { Int($0) }
  }

  /// Every stored pair, sorted by key (feature shapes appear as `featureShape.<set>`).
  public func allMetadata() throws(StoreError) -> [(key: String, value: String)] {
    try read { db in
      try MetadataRecord.order(MetadataRecord.Columns.key).fetchAll(db).map { (key: $0.key, value: $0.value) }
    }
  }
}
