import CurveFit

/// A frontier dataset with scipy's solution (see scipy_reference.py).
struct FrontierCase: Sendable {
  var costs: [Double]
  var accuracies: [Double]
  var initialGuess: [Double]
  /// scipy's solution (a, b, c).
  var x: [Double]
  var cost: Double
  var nfev: Int
  var status: Int
  /// scipy's `active_mask` (−1 lower, 1 upper, 0 inactive).
  var activeMask: [Int]

  var points: [(cost: Double, accuracy: Double)] { Array(zip(costs, accuracies)).map { (cost: $0.0, accuracy: $0.1) } }
}

/// A general bounded problem with scipy's solution.
struct GeneralCase: Sendable {
  var x0: [Double]
  var lower: [Double]
  var upper: [Double]
  var x: [Double]
  var cost: Double
  var nfev: Int
  var status: Int
}

/// `|a − b| / max(|b|, floor)`.
func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
  abs(a - b) / max(abs(b), floor)
}

/// Largest component-wise relative error.
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { relativeError($0, $1) }.max() ?? 0
}

/// Deterministic generator for test data (SplitMix64), independent of the platform's RNG.
struct TestRandom: Sendable {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

  /// Standard normal (Box–Muller).
  mutating func normal() -> Double {
    let u1 = max(uniform(), 1e-300), u2 = uniform()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}

// Elementary functions without Foundation.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
func _log(_ x: Double) -> Double { log(x) }
func _cos(_ x: Double) -> Double { cos(x) }
func _exp(_ x: Double) -> Double { exp(x) }
