internal import GRDB

/// The one error type of BenchStore: what went wrong, and where (database file, table, key).
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// The database file could not be created or opened.
    case open
    /// A migration failed.
    case schema
    /// A named thing (split, feature set, sample, model) is not stored.
    case notFound
    /// The stored matrix has a missing (sample, model) cell, or a feature set misses a sample.
    case incomplete
    /// The caller passed something inconsistent (duplicate key, wrong sizes, …).
    case invalidArgument
    /// The benchmark's data changed under a run between its load and its save.
    case stale
    /// A stored text (a prompt) is not valid UTF-8; `key` names the sample.
    case invalidText
    /// Another database disagrees with this one about a run of the same identity (`mergeRuns`).
    case conflict
    /// SQLite reported an error.
    case database
  }

  public var kind: Kind
  public var message: String
  /// The database file (`nil` for in-memory stores).
  public var path: String?
  /// The table involved, if any.
  public var table: String?
  /// The row key involved (sample key, model name, split name…), if any.
  public var key: String?

  public init(_ kind: Kind, _ message: String, path: String? = nil, table: String? = nil, key: String? = nil) {
    self.kind = kind
    self.message = message
    self.path = path
    self.table = table
    self.key = key
  }

  public var description: String {
    var place: [String] = []
    if let path { place.append(path) }
    if let table { place.append("table '\(table)'") }
    if let key { place.append("'\(key)'") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }

  /// Wraps any error thrown by GRDB / SQLite; StoreErrors pass through with the path filled in.
  static func wrap(_ error: any Error, path: String?, table: String? = nil) -> StoreError {
    if var e = error as? StoreError {
      if e.path == nil { e.path = path }
      return e
    }
    if let e = error as? DatabaseError {
      return StoreError(.database, "\(e.message ?? "SQLite error \(e.resultCode)") (\(e.sql ?? "no SQL"))",
                        path: path, table: table)
    }
    return StoreError(.database, String(describing: error), path: path, table: table)
  }
}
