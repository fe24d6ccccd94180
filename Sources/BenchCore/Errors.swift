/// The one error type of BenchCore: what went wrong, and where (file, split).
///
/// Like GRDB's `DatabaseError`, it is a kind for callers that branch on it plus a message and the context a
/// person needs to act on it; `description` renders all of it as one line.
public struct BenchCoreError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// The benchmark has no stored split of that name (`key`).
    case missingSplit
    /// A file cannot be read at all.
    case unreadable
    /// A file's bytes are not valid for its format (bad `.npy` magic, truncated header, wrong data size…).
    case malformed
    /// A valid file whose content is not supported (an `.npy` dtype other than float32, Fortran order…).
    case unsupported
    /// A value given by a person is not valid (a feature key, a fusion name).
    case invalidValue
  }

  public var kind: Kind
  public var message: String
  /// The file involved (a path, or a label such as `<bytes>` for in-memory data), if any.
  public var path: String?
  /// The named thing involved (a split name), if any.
  public var key: String?

  public init(_ kind: Kind, _ message: String, path: String? = nil, key: String? = nil) {
    self.kind = kind
    self.message = message
    self.path = path
    self.key = key
  }

  public var description: String {
    var place: [String] = []
    if let path { place.append(path) }
    if let key { place.append("'\(key)'") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}
