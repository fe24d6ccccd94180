/// A bounded nonlinear least-squares problem:
///
///     minimize  F(x) = ½ ‖r(x)‖²   subject to  lower ≤ x ≤ upper
///
/// where `r: ℝⁿ → ℝᵐ` is the residual function. Bounds may be `±infinity` (unbounded in that
/// direction) and must satisfy `lower[i] < upper[i]`. `m` is taken from the first residual evaluation
/// and must stay the same at every later one.
public struct LeastSquaresProblem: Sendable {
  /// Number of parameters `n` (≥ 1).
  public var parameterCount: Int
  /// Starting point (length `n`). It need not be strictly feasible: the solver first moves it into the
  /// interior of the box exactly as scipy's `make_strictly_feasible` does.
  public var initialGuess: [Double]
  /// Lower bounds (length `n`; `-infinity` for none).
  public var lowerBounds: [Double]
  /// Upper bounds (length `n`; `+infinity` for none).
  public var upperBounds: [Double]
  /// Residual function `x ↦ r(x)` (length `m`, same for every `x`).
  public var residuals: @Sendable ([Double]) -> [Double]
  /// Optional analytic Jacobian `x ↦ ∂r/∂x`, row-major `m×n` (entry `(i, j)` at `i*n + j`). When `nil`,
  /// forward finite differences are used (see `TRFOptions.finiteDifferenceStep`).
  public var jacobian: (@Sendable ([Double]) -> [Double])?

  /// - Parameters:
  ///   - lowerBounds: defaults to all `-infinity`.
  ///   - upperBounds: defaults to all `+infinity`.
  public init(
    parameterCount: Int,
    initialGuess: [Double],
    lowerBounds: [Double]? = nil,
    upperBounds: [Double]? = nil,
    residuals: @escaping @Sendable ([Double]) -> [Double],
    jacobian: (@Sendable ([Double]) -> [Double])? = nil
  ) {
    self.parameterCount = parameterCount
    self.initialGuess = initialGuess
    self.lowerBounds = lowerBounds ?? Array(repeating: -.infinity, count: max(parameterCount, 0))
    self.upperBounds = upperBounds ?? Array(repeating: .infinity, count: max(parameterCount, 0))
    self.residuals = residuals
    self.jacobian = jacobian
  }

  /// Checks shapes, finiteness of `initialGuess` and `lower < upper`.
  func validate() throws(CurveFitError) {
    let n = parameterCount
    guard n >= 1 else { throw .invalidProblem("parameterCount must be ≥ 1, got \(n)") }
    guard initialGuess.count == n else {
      throw .invalidProblem("initialGuess has \(initialGuess.count) entries, parameterCount is \(n)")
    }
    guard lowerBounds.count == n, upperBounds.count == n else {
      throw .invalidProblem(
        "bounds have \(lowerBounds.count) lower and \(upperBounds.count) upper entries, parameterCount is \(n)")
    }
    for i in 0..<n {
      guard initialGuess[i].isFinite else {
        throw .invalidProblem("initialGuess[\(i)] = \(initialGuess[i]) is not finite")
      }
      let lo = lowerBounds[i], hi = upperBounds[i]
      guard !lo.isNaN, !hi.isNaN, lo < hi, lo != .infinity, hi != -.infinity else {
        throw .invalidProblem("bounds for parameter \(i) must satisfy lower < upper, got [\(lo), \(hi)]")
      }
    }
  }
}

/// Options for `solveTRF`. The defaults match scipy's `least_squares(method='trf')` with `x_scale=1`.
public struct TRFOptions: Sendable, Equatable {
  /// Relative cost-reduction tolerance: stop when `dF < ftol·F` on a step whose ratio of actual to
  /// predicted reduction exceeds 0.25. `0` disables the test.
  public var ftol: Double
  /// Step tolerance: stop when `‖dx‖ < xtol·(xtol + ‖x‖)`. `0` disables the test.
  public var xtol: Double
  /// Gradient tolerance: stop when `‖v ∘ g‖∞ < gtol` (the Coleman–Li scaled gradient). `0` disables it.
  public var gtol: Double
  /// Maximum residual evaluations (including the first one); `nil` means `100·n`.
  /// Jacobian evaluations — analytic or finite-difference — are counted separately and not limited.
  public var maxEvaluations: Int?
  /// Relative forward-difference step `h_j = step · max(1, |x_j|)` used when no analytic Jacobian is
  /// given (scipy's '2-point' default is `√ε`). A step that would leave the box is taken backwards.
  public var finiteDifferenceStep: Double
  /// Record one `TRFIterationRecord` per outer iteration in `LeastSquaresResult.iterationLog`.
  public var recordIterations: Bool

  public init(
    ftol: Double = 1e-8, xtol: Double = 1e-8, gtol: Double = 1e-8, maxEvaluations: Int? = nil,
    finiteDifferenceStep: Double = Double.ulpOfOne.squareRoot(), recordIterations: Bool = false
  ) {
    self.ftol = ftol
    self.xtol = xtol
    self.gtol = gtol
    self.maxEvaluations = maxEvaluations
    self.finiteDifferenceStep = finiteDifferenceStep
    self.recordIterations = recordIterations
  }

  func validate() throws(CurveFitError) {
    for (name, value) in [("ftol", ftol), ("xtol", xtol), ("gtol", gtol)] {
      guard value.isFinite, value >= 0 else {
        throw .invalidOption(name: name, value: value, requirement: "must be finite and ≥ 0")
      }
    }
    guard ftol >= .ulpOfOne || xtol >= .ulpOfOne || gtol >= .ulpOfOne else {
      throw .invalidOption(name: "ftol/xtol/gtol", value: max(ftol, xtol, gtol),
                           requirement: "at least one tolerance must be ≥ machine epsilon")
    }
    if let maxEvaluations, maxEvaluations < 1 {
      throw .invalidOption(name: "maxEvaluations", value: Double(maxEvaluations), requirement: "must be ≥ 1")
    }
    guard finiteDifferenceStep.isFinite, finiteDifferenceStep > 0 else {
      throw .invalidOption(name: "finiteDifferenceStep", value: finiteDifferenceStep,
                           requirement: "must be finite and > 0")
    }
  }
}

/// Why `solveTRF` stopped (the numbers are scipy's `status` codes).
public enum TRFStatus: Int, Sendable, Equatable, CustomStringConvertible {
  /// The residual-evaluation budget (`maxEvaluations`) ran out before any tolerance was met.
  case maxEvaluations = 0
  /// `‖v ∘ g‖∞ < gtol`.
  case gtolSatisfied = 1
  /// `dF < ftol·F` with ratio > 0.25.
  case ftolSatisfied = 2
  /// `‖dx‖ < xtol·(xtol + ‖x‖)`.
  case xtolSatisfied = 3
  /// Both the ftol and the xtol tests held on the same step.
  case ftolAndXtolSatisfied = 4

  /// `true` for every status except `.maxEvaluations`.
  public var converged: Bool { self != .maxEvaluations }

  public var description: String {
    switch self {
    case .maxEvaluations: return "maximum number of function evaluations exceeded"
    case .gtolSatisfied: return "gtol termination condition satisfied"
    case .ftolSatisfied: return "ftol termination condition satisfied"
    case .xtolSatisfied: return "xtol termination condition satisfied"
    case .ftolAndXtolSatisfied: return "both ftol and xtol termination conditions satisfied"
    }
  }
}

/// The state at the start of one outer iteration (after the previous step was accepted or rejected).
public struct TRFIterationRecord: Sendable, Equatable {
  /// Outer iteration index, starting at 0 for the initial point.
  public var iteration: Int
  /// Residual evaluations used so far.
  public var functionEvaluations: Int
  /// Current parameters.
  public var x: [Double]
  /// Current cost `½‖r(x)‖²`.
  public var cost: Double
  /// Current first-order optimality `‖v ∘ g‖∞`.
  public var optimality: Double
  /// Current trust-region radius (in the scaled variables).
  public var trustRadius: Double
}

/// The outcome of `solveTRF`.
public struct LeastSquaresResult: Sendable, Equatable {
  /// Solution, always inside `[lower, upper]`.
  public var x: [Double]
  /// `½‖r(x)‖²`.
  public var cost: Double
  /// `r(x)` (length `m`).
  public var residuals: [Double]
  /// Jacobian at `x`, row-major `m×n`.
  public var jacobian: [Double]
  /// Number of residuals `m`.
  public var residualCount: Int
  /// Outer iterations performed (each solves at least one trust-region subproblem).
  public var iterations: Int
  /// Residual evaluations, including the initial one (scipy's `nfev`).
  public var functionEvaluations: Int
  /// Jacobian evaluations (analytic calls or finite-difference sweeps; scipy's `njev`).
  public var jacobianEvaluations: Int
  /// Why the solver stopped.
  public var status: TRFStatus
  /// First-order optimality `‖v ∘ g‖∞` at the last iteration's start (scipy's `optimality`).
  public var optimality: Double
  /// One record per outer iteration when `TRFOptions.recordIterations` is set, else `nil`.
  public var iterationLog: [TRFIterationRecord]?
}
