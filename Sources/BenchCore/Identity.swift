internal import Foundation

// Typed values for everything that names a run: λ, the feature key, the router family, the run status.
// None of them is turned into a label and parsed back: labels are for people and tables only.

/// The tool's version, shown in reports' provenance and `--version`.
public enum RouterBenchVersion {
  public static let current = "0.2.0"
}

/// A number as a label: whole numbers without a decimal point ("100", not "100.0"), others in Swift's shortest
/// round-tripping form ("0.05"). λ labels, cost scales and scale tags use it.
public func shortNumber(_ v: Double) -> String {
  v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
}

// MARK: - λ

/// VL-RouterBench's accuracy–cost trade-off λ (Eq. 5) as a run carries it.
///
/// `.notApplicable` marks routers whose behaviour does not depend on λ (they run once and appear in every λ
/// table); `.finite` holds a λ ≥ 0; `.infinity` means hard labels on the cheapest correct model (decision 6).
/// Ordered numerically (not applicable < 0 < 10 < … < ∞).
public enum Lambda: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  case notApplicable
  case finite(Double)
  case infinity

  /// `.infinity` for an infinite value, `.finite` otherwise; `nil` for negative or NaN values.
  public init?(_ value: Double) {
    guard !value.isNaN, value >= 0 else { return nil }
    self = value.isInfinite ? .infinity : .finite(value)
  }

  /// Parses what people type: "0", "10", "1e4", "inf", "∞", "infinity"; "-" or "n/a" is `.notApplicable`.
  public init?(parsing text: String) {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch t {
    case "inf", "infinity", "∞", "+inf": self = .infinity
    case "-", "n/a", "na", "none": self = .notApplicable
    default:
      guard let v = Double(t), v.isFinite, !t.hasPrefix("0x") else { return nil }
      self.init(v)
    }
  }

  /// The numeric value: `nil` when not applicable, `.infinity` for ∞.
  public var value: Double? {
    switch self {
    case .notApplicable: nil
    case .finite(let v): v
    case .infinity: .infinity
    }
  }

  /// Whether the run has a λ at all.
  public var isApplicable: Bool { self != .notApplicable }

  /// "0", "10", …, "inf" as the paper writes them; "-" when not applicable.
  public var label: String {
    switch self {
    case .notApplicable: "-"
    case .infinity: "inf"
    case .finite(let v): shortNumber(v)
    }
  }

  public var description: String { label }


  private var order: (Int, Double) {
    switch self {
    case .notApplicable: (0, 0)
    case .finite(let v): (1, v)
    case .infinity: (2, 0)
    }
  }

  public static func < (l: Lambda, r: Lambda) -> Bool { l.order < r.order }

  /// The paper's grid: 0, 10, 100, 1000, 10000, ∞.
  public static let paperGrid: [Lambda] = [.finite(0), .finite(10), .finite(100), .finite(1000), .finite(10_000), .infinity]

  // Encoded as its label ("inf" is not a JSON number), so canonical JSON stays valid and readable.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Double.self), let l = Lambda(v) { self = l; return }
    let s = try c.decode(String.self)
    guard let l = Lambda(parsing: s) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a λ: a number ≥ 0, 'inf' or '-'")
    }
    self = l
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(label)
  }
}

// MARK: - Features

/// How a text embedding q and an image embedding v become one feature matrix (VL-RouterBench App. G.2,
/// Eq. A20–A26; spec §3.2–3.3). Learning implements the fixed rules (`fuse(text:image:)`) and the trainable
/// layers.
///
/// The first five are fixed functions; the last three have parameters and are layers of a `Network` that reads
/// the raw concatenation `[q ; v]`.
public enum FusionMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// `[q ; v]`.
  case concat
  /// Row-wise L2 normalisation of each view (zero rows unchanged), then `[q ; v]`. The default of every
  /// feature-level router in the paper.
  case normalizeConcat = "normalize_concat"
  /// `α·v + (1−α)·q` with a learnable α = σ(a) (a `Network` layer); views truncated to min(d_q, d_v).
  case weightedAverage = "weighted_average"
  case onlyText = "only_text"
  case onlyImage = "only_image"
  /// Gated Multimodal Unit (Arevalo et al. 2017), a `Network` layer.
  case gmu
  /// Multimodal Low-rank Bilinear pooling (Kim et al. 2017), a `Network` layer.
  case mlb

  /// Whether the fusion has parameters (and so must be trained inside a `Network`).
  public var isTrainable: Bool { self == .weightedAverage || self == .gmu || self == .mlb }

  /// Accepts the raw value with dashes or underscores ("normalize-concat").
  public init?(parsing text: String) {
    self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_"))
  }
}

/// The features a run uses: one stored feature set, or two fused by a `FusionMethod` (text first, then image).
public struct FeatureKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// One or two feature-set names, e.g. ["text", "image"].
  public var sets: [String]
  public var fusion: FusionMethod

  /// The paper's sweep features: text and image embeddings, L2-normalised per view and concatenated.
  public static let paperDefault = FeatureKey(sets: ["text", "image"], fusion: .normalizeConcat)

  public init(sets: [String], fusion: FusionMethod = .normalizeConcat) {
    self.sets = sets
    self.fusion = fusion
  }

  /// Parses `text+image`, `text+image/gmu` or `hashed-text`, with an optional separate fusion.
  public init(parsing sets: String, fusion: String? = nil) throws(BenchCoreError) {
    let parts = sets.split(separator: "/", maxSplits: 1).map(String.init)
    let names = (parts.first ?? "").split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
    guard (1...2).contains(names.count), names.allSatisfy({ !$0.isEmpty }) else {
      throw BenchCoreError(.invalidValue, "features: name one feature set or two joined by '+', e.g. text+image; got '\(sets)'")
    }
    let fusionText = fusion ?? (parts.count > 1 ? parts[1] : FusionMethod.normalizeConcat.rawValue)
    guard let f = FusionMethod(parsing: fusionText) else {
      throw BenchCoreError(.invalidValue, "unknown fusion '\(fusionText)'; one of \(FusionMethod.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if names.count == 1 && f.isTrainable {
      throw BenchCoreError(.invalidValue, "the trainable fusion '\(f.rawValue)' needs two feature sets, e.g. text+image")
    }
    self.init(sets: names, fusion: f)
  }

  /// `text+image/normalize_concat`; a single set is written alone (its fusion does not apply).
  public var label: String { sets.count == 1 ? sets[0] : sets.joined(separator: "+") + "/" + fusion.rawValue }
  public var description: String { label }

  public static func < (l: FeatureKey, r: FeatureKey) -> Bool { l.label < r.label }
}

// MARK: - Routers and runs

/// Where a router comes from, for grouping in tables (VL-RouterBench Table 2 families).
public enum RouterFamily: String, Sendable, Hashable, Codable, CaseIterable {
  case baseline
  case feature
  case endToEnd = "end-to-end"
  case scenario
  case external
  /// RouteT2I's multi-metric fixed-rate runs (docs/multimetric.md).
  case multimetric
}

/// A stored run's state.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Finished; its decisions and results are stored.
  case done
  /// Failed; the error is stored and a later sweep retries it.
  case failed
}
