internal import GRDB

extension BenchStore {
  /// The content hash of every stored feature set, by name (part of every run identity that uses it).
  public func featureSetHashes() throws(StoreError) -> [String: String] {
    try read { db in
      Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sha256 FROM featureSet").map { ($0[0], $0[1]) })
    }
  }
}

extension BenchStore {
  /// Copies the whole database into a new file at `path` (SQLite's online backup).
  public func backup(to path: String) throws(StoreError) {
    do {
      let target = try DatabaseQueue(path: path)
      try writer.backup(to: target)
    } catch {
      throw StoreError.wrap(error, path: path)
    }
  }
}
