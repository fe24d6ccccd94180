internal import BenchCore
internal import Foundation

// Typed values of the ECVL-Router protocol (Sec. 3): scenario weights, the Minimal Expectation Score, labelling
// rules, model pairs and the τ grid. None is passed around as a string.

// MARK: - RCS

/// The weights of the Routing Comprehensive Score, RCS = α·APSP + β·CA − γ·AIL (ECVL-Router Eq. 7).
public struct RCSWeights: Sendable, Hashable, Codable, CustomStringConvertible {
  public var alpha: Double
  public var beta: Double
  public var gamma: Double

  public init(alpha: Double, beta: Double, gamma: Double) {
    self.alpha = alpha
    self.beta = beta
    self.gamma = gamma
  }

  /// α·APSP + β·CA − γ·AIL (AIL in seconds).
  @inlinable public func score(apsp: Double, ca: Double, ail: Double) -> Double {
    alpha * apsp + beta * ca - gamma * ail
  }

  public var description: String { "(\(shortNumber(alpha)), \(shortNumber(beta)), \(shortNumber(gamma)))" }
}

/// A user scenario: the three of the paper (Sec. 3.2) or named custom weights.
public enum Scenario: Sendable, Hashable, CustomStringConvertible, Codable {
  /// RCS1, (α, β, γ) = (1.2, 0.1, 0.001).
  case quality
  /// RCS2, (1.0, 0.12, 0.001).
  case efficiency
  /// RCS3, (1.0, 0.1, 0.0015).
  case speed
  case custom(name: String, weights: RCSWeights)

  /// The paper's three, in its order (RCS1, RCS2, RCS3).
  public static let paper: [Scenario] = [.quality, .efficiency, .speed]

  public var weights: RCSWeights {
    switch self {
    case .quality: RCSWeights(alpha: 1.2, beta: 0.1, gamma: 0.001)
    case .efficiency: RCSWeights(alpha: 1.0, beta: 0.12, gamma: 0.001)
    case .speed: RCSWeights(alpha: 1.0, beta: 0.1, gamma: 0.0015)
    case .custom(_, let w): w
    }
  }

  /// "quality", "efficiency", "speed" or the custom name: the key results are stored under.
  public var name: String {
    switch self {
    case .quality: "quality"
    case .efficiency: "efficiency"
    case .speed: "speed"
    case .custom(let n, _): n
    }
  }

  /// The column label: RCS1/RCS2/RCS3 as the paper writes them, `RCS(name)` for custom weights.
  public var rcsLabel: String {
    switch self {
    case .quality: "RCS1"
    case .efficiency: "RCS2"
    case .speed: "RCS3"
    case .custom(let n, _): "RCS(\(n))"
    }
  }

  public var description: String { "\(name) \(weights)" }

  /// Parses `quality`, `efficiency`, `speed` (also `rcs1`…`rcs3`) or `NAME=α,β,γ`.
  public init(parsing text: String) throws(EdgeCloudError) {
    let t = text.trimmingCharacters(in: .whitespaces)
    switch t.lowercased() {
    case "quality", "rcs1": self = .quality
    case "efficiency", "rcs2": self = .efficiency
    case "speed", "rcs3": self = .speed
    default:
      let parts = t.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, !parts[0].isEmpty else {
        throw EdgeCloudError(.invalidValue, "scenario '\(t)' is not quality, efficiency, speed or NAME=α,β,γ")
      }
      let w = try RCSWeights(parsing: parts[1])
      guard !["quality", "efficiency", "speed", "rcs1", "rcs2", "rcs3"].contains(parts[0].lowercased()) else {
        throw EdgeCloudError(.invalidValue, "'\(parts[0])' names a built-in scenario; give custom weights another name")
      }
      guard parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
        throw EdgeCloudError(.invalidValue, "a scenario name is letters, digits, '-' and '_': '\(parts[0])'")
      }
      self = .custom(name: parts[0], weights: w)
    }
  }

  // Always encoded with its weights, so the built-in weights are part of every run identity.
  private enum CodingKeys: String, CodingKey { case name, alpha, beta, gamma }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let name = try c.decode(String.self, forKey: .name)
    let w = RCSWeights(alpha: try c.decode(Double.self, forKey: .alpha), beta: try c.decode(Double.self, forKey: .beta),
                       gamma: try c.decode(Double.self, forKey: .gamma))
    switch name {
    case "quality" where w == Scenario.quality.weights: self = .quality
    case "efficiency" where w == Scenario.efficiency.weights: self = .efficiency
    case "speed" where w == Scenario.speed.weights: self = .speed
    default: self = .custom(name: name, weights: w)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(weights.alpha, forKey: .alpha)
    try c.encode(weights.beta, forKey: .beta)
    try c.encode(weights.gamma, forKey: .gamma)
  }
}

extension RCSWeights {
  /// Parses `α,β,γ` (three finite numbers).
  public init(parsing text: String) throws(EdgeCloudError) {
    let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == 3, let a = values[0], let b = values[1], let g = values[2],
          a.isFinite, b.isFinite, g.isFinite else {
      throw EdgeCloudError(.invalidValue, "weights '\(text)' are not three numbers α,β,γ")
    }
    self.init(alpha: a, beta: b, gamma: g)
  }
}

// MARK: - MES

/// The Minimal Expectation Score: the lowest judge score (1–10) a user accepts (ECVL-Router Sec. 3.1).
public struct MES: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let value: Double

  /// - Throws: `EdgeCloudError.invalidValue` unless 1 ≤ value ≤ 10.
  public init(_ value: Double) throws(EdgeCloudError) {
    guard value.isFinite, (1...10).contains(value) else {
      throw EdgeCloudError(.invalidValue, "an MES is a judge score in [1, 10], not \(value)")
    }
    self.value = value
  }

  private init(unchecked value: Double) { self.value = value }

  /// The paper's default, 6 ("basically correct, passing line", App. A.2).
  public static let paperDefault = MES(unchecked: 6)
  /// MES 1…10, the sweep of Fig. 11–12.
  public static let sweep: [MES] = (1...10).map { MES(unchecked: Double($0)) }

  /// Whether a response with this judge score satisfies the user.
  @inlinable public func isMet(by score: Double) -> Bool { score >= value }

  public static func < (l: MES, r: MES) -> Bool { l.value < r.value }
  public var description: String { shortNumber(value) }

  public init(from decoder: any Decoder) throws {
    let v = try decoder.singleValueContainer().decode(Double.self)
    do { try self.init(v) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                                            debugDescription: error.description)) }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(value)
  }
}

// MARK: - Labels

/// How a training sample is labelled "edge competent" (L = 1) from the two judge scores.
public enum LabelRule: Sendable, Hashable, Codable, CustomStringConvertible {
  /// ECVL-Router Eq. 2: L = 1 iff Score_edge ≥ min(Score_cloud, MES) (Case A) or Score_cloud < MES (Case B).
  case mes
  /// Score_edge ≥ Score_cloud (Table 4, "win-hard").
  case winHard
  /// Score_edge + k ≥ Score_cloud (Table 4, "win-soft(k)").
  case winSoft(Double)

  /// The labels of Table 4, in its order.
  public static let table4: [LabelRule] = [.mes, .winHard, .winSoft(1), .winSoft(2)]

  /// Whether the edge model is competent for a sample with these judge scores.
  @inlinable public func isEdgeCompetent(edge: Double, cloud: Double, mes: MES) -> Bool {
    switch self {
    case .mes: edge >= min(cloud, mes.value) || cloud < mes.value
    case .winHard: edge >= cloud
    case .winSoft(let k): edge + k >= cloud
    }
  }

  /// `mes`, `win-hard`, `win-soft(1)`: what the command line takes and runs are keyed by.
  public var label: String {
    switch self {
    case .mes: "mes"
    case .winHard: "win-hard"
    case .winSoft(let k): "win-soft(\(shortNumber(k)))"
    }
  }

  /// The column title of Table 4.
  public var title: String {
    switch self {
    case .mes: "Proposed"
    case .winHard: "win-hard"
    case .winSoft(let k): "win-soft (\(shortNumber(k)))"
    }
  }

  public var description: String { label }

  /// Parses `mes`, `win-hard`, `win-soft(K)`, `win-soft:K` or `win-soft=K` (K a finite number ≥ 0).
  public init(parsing text: String) throws(EdgeCloudError) {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
    switch t {
    case "mes", "proposed": self = .mes
    case "win-hard", "winhard": self = .winHard
    default:
      var rest = Substring(t)
      guard rest.hasPrefix("win-soft") else {
        throw EdgeCloudError(.invalidValue, "label rule '\(text)' is not mes, win-hard or win-soft(K)")
      }
      rest = rest.dropFirst("win-soft".count)
      if rest.hasPrefix("(") && rest.hasSuffix(")") {
        rest = rest.dropFirst().dropLast()
      } else if rest.hasPrefix(":") || rest.hasPrefix("=") {
        rest = rest.dropFirst()
      }
      guard let k = Double(rest), k.isFinite, k >= 0 else {
        throw EdgeCloudError(.invalidValue, "win-soft needs a margin K ≥ 0, e.g. win-soft(1); got '\(text)'")
      }
      self = .winSoft(k)
    }
  }

  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(parsing: s) } catch {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(label)
  }
}

// MARK: - Pairs

/// One edge model and one cloud model (ECVL-Router Sec. 3.1), written `CLOUD/EDGE` as the paper names its pairs
/// ("InternVL 38B/1B").
public struct EdgeCloudPair: Sendable, Hashable, Codable, CustomStringConvertible {
  public var edge: String
  public var cloud: String

  public init(edge: String, cloud: String) throws(EdgeCloudError) {
    guard !edge.isEmpty, !cloud.isEmpty else { throw EdgeCloudError(.invalidValue, "a pair needs two model names") }
    guard edge != cloud else {
      throw EdgeCloudError(.invalidValue, "a pair needs two different models", key: edge)
    }
    self.edge = edge
    self.cloud = cloud
  }

  /// Parses `CLOUD/EDGE`.
  public init(parsing text: String) throws(EdgeCloudError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
      throw EdgeCloudError(.invalidValue, "a pair is CLOUD/EDGE (e.g. InternVL3-38B/InternVL2_5-1B), not '\(text)'")
    }
    try self.init(edge: parts[1], cloud: parts[0])
  }

  /// `CLOUD/EDGE`.
  public var label: String { cloud + "/" + edge }
  public var description: String { label }
}

// MARK: - τ

/// The decision threshold grid: route to the edge iff p ≥ τ (Eq. 3), τ searched on dev (Sec. 4.2).
public struct ThresholdGrid: Sendable, Hashable, Codable {
  /// Ascending, in [0, 1].
  public var values: [Double]

  public init(values: [Double]) throws(EdgeCloudError) {
    guard !values.isEmpty, values.allSatisfy({ $0.isFinite && (0...1).contains($0) }),
          zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw EdgeCloudError(.invalidValue, "a τ grid is ascending values in [0, 1]")
    }
    self.values = values
  }

  /// 0, 0.05, …, 1 (21 values, each k/20 exactly).
  public static let paper = ThresholdGrid(unchecked: (0...20).map { Double($0) / 20 })

  private init(unchecked values: [Double]) { self.values = values }
}
