#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The saturating cost–accuracy frontier of VL-RouterBench (App. D):
///
///     y(x) = a·(1 − e^{−b·x}) + c
///
/// with `x` the average cost (USD per 10K samples) and `y` the accuracy (%). `c` is the accuracy at zero
/// cost, `a + c` the asymptote, and `b` the rate (`ln 2 / b` is the cost at which half of `a` is gained).
public struct SaturationFrontier: Sendable, Hashable {
  public var a: Double
  public var b: Double
  public var c: Double

  public init(a: Double, b: Double, c: Double) {
    self.a = a
    self.b = b
    self.c = c
  }

  /// `a·(1 − e^{−b·x}) + c`, evaluated as `−a·expm1(−b·x) + c` to keep precision for small `b·x`.
  public func callAsFunction(_ x: Double) -> Double {
    -a * expm1(-b * x) + c
  }

  /// Lower bounds used by `fitSaturationFrontier`: `a ≥ 0, b ≥ 0, c ≥ 0`.
  public static let lowerBounds: [Double] = [0, 0, 0]
  /// Upper bounds used by `fitSaturationFrontier`: `a, b` unbounded, `c ≤ 100`.
  public static let upperBounds: [Double] = [.infinity, .infinity, 100]

  /// The Pareto-optimal points (non-dominated: no other point is at most as expensive and at least as
  /// accurate, with one of the two strict), sorted by increasing cost — hence strictly increasing accuracy.
  /// Of several points with the same cost only the most accurate can qualify.
  public static func paretoFront(of points: [(cost: Double, accuracy: Double)]) -> [(cost: Double, accuracy: Double)] {
    let order = points.indices.sorted { i, j in
      points[i].cost != points[j].cost ? points[i].cost < points[j].cost : points[i].accuracy > points[j].accuracy
    }
    var front: [(cost: Double, accuracy: Double)] = []
    var best = -Double.infinity
    for i in order where points[i].accuracy > best {
      front.append(points[i])
      best = points[i].accuracy
    }
    return front
  }

  /// The starting point of `fitSaturationFrontier`, from the Pareto front `P` (sorted by cost):
  /// * `c₀` = the lowest accuracy on `P` (its cheapest point), clamped to `[0, 100]`;
  /// * `a₀` = the highest accuracy on `P` minus `c₀`; if that is not positive (a single-point front, or
  ///   clamping), `a₀` = the accuracy spread of all points, or 1 if every accuracy is equal;
  /// * `b₀ = ln 2 / x½`, with `x½` the cost of the first point of `P` whose accuracy reaches `c₀ + a₀/2`.
  ///   If no point reaches it or `x½` is not positive, `x½` = half the cost range (positive for valid input).
  ///
  /// - Throws: the same input errors as `fitSaturationFrontier`.
  public static func initialGuess(for points: [(cost: Double, accuracy: Double)]) throws(CurveFitError)
    -> SaturationFrontier
  {
    try validateFrontierPoints(points)
    let front = paretoFront(of: points)
    let c0 = min(max(front[0].accuracy, 0), 100)
    var a0 = front[front.count - 1].accuracy - c0
    if !(a0 > 0) {
      let accuracies = points.map(\.accuracy)
      let spread = accuracies.max()! - accuracies.min()!
      a0 = spread > 0 ? spread : 1
    }
    let costs = points.map(\.cost)
    let fallbackHalf = 0.5 * (costs.max()! - costs.min()!)
    var xHalf = front.first { $0.accuracy >= c0 + 0.5 * a0 }?.cost ?? fallbackHalf
    if !(xHalf > 0) { xHalf = fallbackHalf }
    return SaturationFrontier(a: a0, b: log(2.0) / xHalf, c: c0)
  }
}

/// A fitted frontier and how well it fits.
public struct FrontierFit: Sendable, Equatable {
  /// The fitted curve.
  public var frontier: SaturationFrontier
  /// The starting point the solver used (see `SaturationFrontier.initialGuess(for:)`).
  public var initialGuess: SaturationFrontier
  /// Coefficient of determination `R² = 1 − SS_res/SS_tot` over all points (not only the Pareto ones).
  /// When every accuracy is equal (`SS_tot = 0`), `R²` is 1 if the curve reproduces them
  /// (`SS_res ≤ 1e-12·Σy²`, or exactly 0) and 0 otherwise.
  public var r2: Double
  /// Solver cost `½·SS_res`.
  public var cost: Double
  /// Solver outer iterations.
  public var iterations: Int
  /// Residual evaluations used by the solver.
  public var functionEvaluations: Int
  /// Why the solver stopped.
  public var status: TRFStatus

  public var a: Double { frontier.a }
  public var b: Double { frontier.b }
  public var c: Double { frontier.c }
}

/// Fits `y = a(1 − e^{−bx}) + c` to `(cost, accuracy)` points by bounded least squares (`solveTRF`
/// with the analytic Jacobian), under `a ≥ 0`, `b ≥ 0`, `0 ≤ c ≤ 100`, from
/// `SaturationFrontier.initialGuess(for:)`.
///
/// - Throws: `CurveFitError.tooFewPoints` (fewer than 3), `.nonFinitePoint`, `.negativeCost`,
///   `.allCostsEqual`; solver errors are passed through.
public func fitSaturationFrontier(points: [(cost: Double, accuracy: Double)], options: TRFOptions = TRFOptions())
  throws(CurveFitError) -> FrontierFit
{
  let guess = try SaturationFrontier.initialGuess(for: points)
  let xs = points.map(\.cost)
  let ys = points.map(\.accuracy)
  let count = points.count
  let problem = LeastSquaresProblem(
    parameterCount: 3, initialGuess: [guess.a, guess.b, guess.c],
    lowerBounds: SaturationFrontier.lowerBounds, upperBounds: SaturationFrontier.upperBounds,
    residuals: { p in
      var r = [Double](repeating: 0, count: count)
      for i in 0..<count { r[i] = -p[0] * expm1(-p[1] * xs[i]) + p[2] - ys[i] }
      return r
    },
    jacobian: { p in
      var jac = [Double](repeating: 0, count: 3 * count)
      for i in 0..<count {
        let e = exp(-p[1] * xs[i])
        jac[3 * i] = -expm1(-p[1] * xs[i])
        jac[3 * i + 1] = p[0] * xs[i] * e
        jac[3 * i + 2] = 1
      }
      return jac
    })
  let result = try solveTRF(problem, options: options)

  var mean = 0.0
  for y in ys { mean += y }
  mean /= Double(count)
  var ssTot = 0.0, sumSquares = 0.0
  for y in ys {
    ssTot += (y - mean) * (y - mean)
    sumSquares += y * y
  }
  let ssRes = dot(result.residuals, result.residuals)
  let r2: Double
  if ssTot > 0 {
    r2 = 1 - ssRes / ssTot
  } else {
    r2 = ssRes <= 1e-12 * sumSquares ? 1 : 0
  }
  return FrontierFit(
    frontier: SaturationFrontier(a: result.x[0], b: result.x[1], c: result.x[2]), initialGuess: guess, r2: r2,
    cost: result.cost, iterations: result.iterations, functionEvaluations: result.functionEvaluations,
    status: result.status)
}

func validateFrontierPoints(_ points: [(cost: Double, accuracy: Double)]) throws(CurveFitError) {
  guard points.count >= 3 else { throw .tooFewPoints(count: points.count, required: 3) }
  for (i, point) in points.enumerated() {
    guard point.cost.isFinite, point.accuracy.isFinite else {
      throw .nonFinitePoint(index: i, cost: point.cost, accuracy: point.accuracy)
    }
    guard point.cost >= 0 else { throw .negativeCost(index: i, cost: point.cost) }
  }
  let first = points[0].cost
  guard points.contains(where: { $0.cost != first }) else { throw .allCostsEqual(cost: first, count: points.count) }
}
