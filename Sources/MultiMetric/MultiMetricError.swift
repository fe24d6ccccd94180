/// An error of the multi-metric fixed-rate protocol (docs/multimetric.md), naming what failed: the pair, the metric,
/// the sample, the router or the routing rate.
public struct MultiMetricError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// A value given by the user is invalid (a routing rate outside [0, 1], a metric weight < 0, an unknown router…).
    case invalidValue
    /// The data lacks what the protocol needs (a model, a metric, a record's metric values, a feature set).
    case missingData
    /// A router's configuration or output is invalid, or fitting failed.
    case router
  }

  public var kind: Kind
  public var message: String
  /// The model pair (`CLOUD/EDGE`), if any.
  public var pair: String?
  /// The metric, sample, model, router or feature set involved, if any.
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
