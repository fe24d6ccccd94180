/// The one error type of EdgeCloud: what went wrong, and where (pair, model, sample, router, feature set).
public struct EdgeCloudError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// A value given by the user is invalid (an MES outside [1, 10], an unknown scenario, a malformed pair…).
    case invalidValue
    /// The database lacks what scenario routing needs (a model, judge scores, latencies, a feature set).
    case missingData
    /// A router's configuration or input is invalid, or fitting failed.
    case router
    /// Stored runs are missing for a report.
    case missingRuns
  }

  public var kind: Kind
  public var message: String
  /// The model pair (`CLOUD/EDGE`), if any.
  public var pair: String?
  /// The model, sample, router or feature set involved, if any.
  public var key: String?

  public init(_ kind: Kind, _ message: String, pair: String? = nil, key: String? = nil) {
    self.kind = kind
    self.message = message
    self.pair = pair
    self.key = key
  }

  public var description: String {
    var place: [String] = []
    if let pair { place.append("pair \(pair)") }
    if let key { place.append("'\(key)'") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}
