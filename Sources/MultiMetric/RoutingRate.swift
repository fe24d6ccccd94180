/// The share of prompts sent to the cloud model, r ∈ [0, 1] (RouteT2I: "routing rate").
public struct RoutingRate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public let value: Double

  public init(_ value: Double) throws(MultiMetricError) {
    guard value.isFinite, (0...1).contains(value) else {
      throw MultiMetricError(.invalidValue, "routing rate \(value) is outside [0, 1]")
    }
    self.value = value
  }

  init(unchecked value: Double) { self.value = value }

  /// Parses `0.5` or `50%`.
  public init(parsing text: String) throws(MultiMetricError) {
    let t = text.hasSuffix("%") ? String(text.dropLast()) : text
    guard let v = Double(t) else { throw MultiMetricError(.invalidValue, "'\(text)' is not a routing rate") }
    try self.init(text.hasSuffix("%") ? v / 100 : v)
  }

  /// The supplementary's operating point: half the prompts to the cloud (Tables 4–22).
  public static let half = RoutingRate(unchecked: 0.5)
  /// 0, 0.1, …, 1: the 11 rates of the ΔP–routing-rate curve.
  public static let curve: [RoutingRate] = (0...10).map { RoutingRate(unchecked: Double($0) / 10) }

  public init(from decoder: any Decoder) throws { try self.init(try decoder.singleValueContainer().decode(Double.self)) }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(value)
  }

  public static func < (l: RoutingRate, r: RoutingRate) -> Bool { l.value < r.value }
  /// "50%", "12.5%".
  public var description: String {
    let p = value * 100
    return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
  }

  /// How many of n prompts go to the cloud: round(r·n), halves rounded up (r = 0.5 of 5 prompts sends 3).
  public func cloudCount(of n: Int) -> Int {
    min(n, max(0, Int((value * Double(n)).rounded(.toNearestOrAwayFromZero))))
  }
}

/// The fixed-rate routing rule: the router scores every prompt for "send to cloud"; at rate r the round(r·n)
/// prompts with the highest scores go to the cloud. Ties are broken by sample order: among equal scores the
/// earlier row (smaller position in `scores`) goes to the cloud first, so the decision never depends on a sort's
/// stability or on the order of evaluation. NaN scores are refused.
public enum FixedRateRule {
  /// `true` (cloud) per position of `scores`.
  public static func cloudDecisions(scores: [Double], rate: RoutingRate) throws(MultiMetricError) -> [Bool] {
    if let bad = scores.firstIndex(where: { $0.isNaN }) {
      throw MultiMetricError(.router, "cloud score of row \(bad) is NaN")
    }
    let order = ranking(scores)
    var decisions = [Bool](repeating: false, count: scores.count)
    for p in order.prefix(rate.cloudCount(of: scores.count)) { decisions[p] = true }
    return decisions
  }

  /// Positions by descending score, ties by ascending position.
  public static func ranking(_ scores: [Double]) -> [Int] {
    scores.indices.sorted { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
  }

  /// Decisions at every rate of `rates` from one ranking (the curve's 11 rates sort once).
  public static func cloudDecisions(scores: [Double], rates: [RoutingRate]) throws(MultiMetricError) -> [[Bool]] {
    if let bad = scores.firstIndex(where: { $0.isNaN }) {
      throw MultiMetricError(.router, "cloud score of row \(bad) is NaN")
    }
    let order = ranking(scores)
    return rates.map { r in
      var d = [Bool](repeating: false, count: scores.count)
      for p in order.prefix(r.cloudCount(of: scores.count)) { d[p] = true }
      return d
    }
  }
}
