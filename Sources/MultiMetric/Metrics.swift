internal import Foundation

/// The name of one quality metric ("clarity", "hpsv2", …): a typed identity, not a free string.
public struct MetricName: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public let rawValue: String

  /// A name is non-empty and holds no `:` (the wide layout's `metric:NAME:MODEL` columns split on it), no `,` and no
  /// whitespace at its ends.
  public init(_ rawValue: String) throws(MultiMetricError) {
    guard !rawValue.isEmpty, !rawValue.contains(":"), !rawValue.contains(","),
          rawValue.trimmingCharacters(in: .whitespaces) == rawValue
    else {
      throw MultiMetricError(.invalidValue, "a metric name is non-empty, without ':' or ',' and without surrounding "
                               + "spaces", key: rawValue)
    }
    self.rawValue = rawValue
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    try self.init(text)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }

  public static func < (l: MetricName, r: MetricName) -> Bool { l.rawValue < r.rawValue }
  public var description: String { rawValue }
}

/// What a metric is: its name, whether a larger value is better, and its weight in RouteT2I's weighted quality
/// objective (main paper Eq. 3–4; 1 when not given). ΔP itself is the unweighted mean over metrics.
public struct MetricSpec: Sendable, Hashable, Codable {
  public var name: MetricName
  public var higherIsBetter: Bool
  /// ≥ 0 and finite.
  public var weight: Double
  public var description: String

  public init(name: MetricName, higherIsBetter: Bool = true, weight: Double = 1, description: String = "")
    throws(MultiMetricError)
  {
    guard weight.isFinite, weight >= 0 else {
      throw MultiMetricError(.invalidValue, "weight \(weight) is negative or not finite", key: name.rawValue)
    }
    self.name = name
    self.higherIsBetter = higherIsBetter
    self.weight = weight
    self.description = description
  }

  enum CodingKeys: String, CodingKey {
    case name, higherIsBetter = "higher_is_better", weight, description
  }

  /// +1 when a larger value is better, −1 when a smaller one is.
  @inlinable public var orientation: Double { higherIsBetter ? 1 : -1 }
}

/// The ordered metrics of a data set: names unique, at least one, weights not all 0.
public struct MetricCatalog: Sendable, Hashable, Codable, RandomAccessCollection {
  public let specs: [MetricSpec]

  public init(_ specs: [MetricSpec]) throws(MultiMetricError) {
    guard !specs.isEmpty else { throw MultiMetricError(.invalidValue, "a metric catalog needs at least one metric") }
    var seen = Set<MetricName>()
    for s in specs where !seen.insert(s.name).inserted {
      throw MultiMetricError(.invalidValue, "metric listed twice", key: s.name.rawValue)
    }
    guard specs.contains(where: { $0.weight > 0 }) else {
      throw MultiMetricError(.invalidValue, "every metric has weight 0 (at least one must count)")
    }
    self.specs = specs
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { specs.count }
  public subscript(i: Int) -> MetricSpec { specs[i] }
  public var names: [MetricName] { specs.map(\.name) }

  public func index(of name: MetricName) -> Int? { specs.firstIndex { $0.name == name } }

  /// The metrics of RouteT2I's supplementary Table 3 (and Tables 5–22), in the tables' column order, all
  /// higher-is-better with weight 1.
  public static let routeT2ITable3: MetricCatalog = {
    let rows: [(String, String)] = [
      ("definition", "High definition photo / Low definition photo"), ("detail", "Detailed photo / Lacking Detail photo"),
      ("clarity", "Clear photo / Blurred photo"), ("sharpness", "Sharp / Hazy"),
      ("harmony", "Visually harmonious / Visually chaotic"), ("realism", "Realism / Distortion"),
      ("color", "Color accurate / Color distorted"), ("consistency", "Color consistency / Color conflict"),
      ("layout", "Reasonable composition / Chaotic composition"), ("integrity", "Object completion / Object twisting"),
    ]
    // The literals are valid names; a failure here is a programming error.
    return try! MetricCatalog(rows.map { try! MetricSpec(name: MetricName($0.0), description: $0.1) })
  }()
}
