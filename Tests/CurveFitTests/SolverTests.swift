import CurveFit
import Testing

/// Bounds, monotone cost, stop reasons and error reporting of `solveTRF` through the general API.
@Suite struct SolverBehaviourTests {
  static func rosenbrock(x0: [Double] = [2, 2], lower: [Double] = [-.infinity, 1.5],
                         upper: [Double] = [.infinity, .infinity]) -> LeastSquaresProblem {
    LeastSquaresProblem(
      parameterCount: 2, initialGuess: x0, lowerBounds: lower, upperBounds: upper,
      residuals: { x in [10 * (x[1] - x[0] * x[0]), 1 - x[0]] },
      jacobian: { x in [-20 * x[0], 10, -1, 0] })
  }

  static func frontierProblem(_ reference: FrontierCase, analytic: Bool) -> LeastSquaresProblem {
    let xs = reference.costs, ys = reference.accuracies
    let residuals: @Sendable ([Double]) -> [Double] = { p in
      let curve = SaturationFrontier(a: p[0], b: p[1], c: p[2])
      return zip(xs, ys).map { x, y in curve(x) - y }
    }
    let jacobian: @Sendable ([Double]) -> [Double] = { p in
      var jac: [Double] = []
      for x in xs {
        let e = _exp(-p[1] * x)
        jac += [1 - e, p[0] * x * e, 1]
      }
      return jac
    }
    return LeastSquaresProblem(
      parameterCount: 3, initialGuess: reference.initialGuess,
      lowerBounds: SaturationFrontier.lowerBounds, upperBounds: SaturationFrontier.upperBounds,
      residuals: residuals, jacobian: analytic ? jacobian : nil)
  }

  static let loggedProblems: [(String, LeastSquaresProblem)] = [
    ("rosenbrock, x₁ ≥ 1.5", rosenbrock()),
    ("rosenbrock in a box, start on a corner", rosenbrock(x0: [-1, 3], lower: [-1, 1.5], upper: [0.9, 3])),
    ("frontier, c ≤ 100 active", frontierProblem(ScipyReference.upperBoundActive, analytic: true)),
    ("frontier, flat", frontierProblem(ScipyReference.decreasingAccuracy, analytic: true)),
    ("frontier, finite differences", frontierProblem(ScipyReference.dominatedSweep, analytic: false)),
  ]

  @Test(arguments: loggedProblems)
  func iteratesStayStrictlyFeasibleAndCostNeverIncreases(name: String, problem: LeastSquaresProblem) throws {
    let result = try solveTRF(problem, options: TRFOptions(recordIterations: true))
    let log = try #require(result.iterationLog)
    #expect(log.count == result.iterations + 1, "\(name): one record per iteration plus the final state")
    #expect(log.map(\.iteration) == Array(0...result.iterations))
    #expect(log.last?.cost == result.cost)
    #expect(log.last?.x == result.x)
    #expect(log.last?.optimality == result.optimality)
    for record in log {
      for j in 0..<problem.parameterCount {
        #expect(record.x[j] > problem.lowerBounds[j] && record.x[j] < problem.upperBounds[j],
                "\(name): iteration \(record.iteration), x[\(j)] = \(record.x[j]) not strictly inside")
      }
    }
    for (previous, next) in zip(log, log.dropFirst()) {
      #expect(next.cost <= previous.cost, "\(name): cost rose from \(previous.cost) to \(next.cost)")
      #expect(next.functionEvaluations > previous.functionEvaluations)
    }
    #expect(log.first!.cost > result.cost, "\(name): the solver made progress")
    #expect(result.status.converged)
  }

  @Test func withoutLoggingThereIsNoLog() throws {
    #expect(try solveTRF(Self.rosenbrock()).iterationLog == nil)
  }

  @Test func startOutsideTheBoxIsMovedInside() throws {
    // x0 = (5, −3) violates both 0 ≤ x₀ ≤ 1 and x₁ ≥ 1.5; the optimum has x₀ at its upper bound.
    let problem = Self.rosenbrock(x0: [5, -3], lower: [0, 1.5], upper: [1, .infinity])
    let result = try solveTRF(problem, options: TRFOptions(recordIterations: true))
    let start = try #require(result.iterationLog?.first?.x)
    #expect(start[0] < 1 && start[0] >= 1 - 1e-9)
    #expect(start[1] > 1.5 && start[1] <= 1.5 + 1e-9)
    #expect(result.x[0] <= 1 && result.x[0] > 1 - 1e-6)
    #expect(result.x[1] >= 1.5)
    // With x₀ = 1 fixed, r₀ = 10(x₁ − 1) is minimized at the feasible x₁ closest to 1.
    #expect(abs(result.x[1] - 1.5) < 1e-6)
  }

  @Test func lowerBoundActiveOnAOneDimensionalProblem() throws {
    let problem = LeastSquaresProblem(parameterCount: 1, initialGuess: [3], lowerBounds: [0], upperBounds: [.infinity],
                                      residuals: { x in [x[0] + 2] }, jacobian: { _ in [1] })
    let result = try solveTRF(problem)
    #expect(result.x[0] > 0 && result.x[0] < 1e-6)
    #expect(abs(result.cost - 2) < 1e-5)
  }

  @Test func analyticAndFiniteDifferenceJacobiansAgree() throws {
    let analytic = try solveTRF(Self.frontierProblem(ScipyReference.noisyFrontier, analytic: true))
    let numeric = try solveTRF(Self.frontierProblem(ScipyReference.noisyFrontier, analytic: false))
    #expect(maxRelativeError(numeric.x, analytic.x) < 1e-6)
    let largest = analytic.jacobian.map(abs).max()!
    let worst = zip(numeric.jacobian, analytic.jacobian).map { abs($0 - $1) }.max()!
    #expect(worst < 1e-6 * largest, "finite-difference error \(worst) vs largest entry \(largest)")
    #expect(analytic.jacobianEvaluations >= 1 && numeric.jacobianEvaluations >= 1)
  }

  @Test func stopsAtTheEvaluationBudget() throws {
    let result = try solveTRF(Self.rosenbrock(x0: [-1.2, 2]), options: TRFOptions(maxEvaluations: 3))
    #expect(result.status == .maxEvaluations)
    #expect(!result.status.converged)
    #expect(result.functionEvaluations == 3)
  }

  @Test func defaultBudgetIsHundredTimesN() throws {
    // Constant residuals with a deliberately wrong Jacobian: every step promises a reduction that never
    // comes, so each trial is rejected and only the default budget (100·n evaluations) stops the solver.
    let problem = LeastSquaresProblem(parameterCount: 2, initialGuess: [0.3, 0.3],
                                      residuals: { _ in [1, 1] }, jacobian: { _ in [-1, 0, 0, -1] })
    let result = try solveTRF(problem, options: TRFOptions(ftol: 0, xtol: 0, gtol: 1e-15))
    #expect(result.status == .maxEvaluations)
    #expect(result.functionEvaluations == 200)
    #expect(result.x == [0.3, 0.3])
  }

  @Test func gtolForAnExactLinearFit() throws {
    let problem = LeastSquaresProblem(parameterCount: 2, initialGuess: [0, 0],
                                      residuals: { x in [x[0] - 3, x[1] + 4, x[0] + x[1] + 1] },
                                      jacobian: { _ in [1, 0, 0, 1, 1, 1] })
    let result = try solveTRF(problem)
    #expect(abs(result.x[0] - 3) < 1e-10 && abs(result.x[1] + 4) < 1e-10)
    #expect(result.status == .gtolSatisfied)
    #expect(result.optimality < 1e-8)
  }

  @Test func recoversFromNonFiniteTrialPoints() throws {
    // log is undefined for x ≤ 0; the first Gauss–Newton step from x = 10 lands there.
    let problem = LeastSquaresProblem(parameterCount: 1, initialGuess: [10],
                                      residuals: { x in [_log(x[0]) - _log(0.5)] }, jacobian: { x in [1 / x[0]] })
    let result = try solveTRF(problem, options: TRFOptions(recordIterations: true))
    #expect(abs(result.x[0] - 0.5) < 1e-7)
    #expect(result.status.converged)
    #expect(result.functionEvaluations > result.iterationLog!.count, "some trial points were rejected")
  }

  @Test func underdeterminedProblem() throws {
    // One residual, two parameters: the Jacobian is rank deficient; any point on the line is optimal.
    let problem = LeastSquaresProblem(parameterCount: 2, initialGuess: [2, 3], lowerBounds: [0, 0], upperBounds: [10, 10],
                                      residuals: { x in [x[0] + x[1] - 1] }, jacobian: { _ in [1, 1] })
    let result = try solveTRF(problem)
    #expect(result.cost < 1e-12)
    #expect(result.x.allSatisfy { $0 >= 0 && $0 <= 10 })
  }
}

@Suite struct SolverErrorTests {
  static let good = SolverBehaviourTests.rosenbrock()

  @Test func invalidProblems() {
    var p = Self.good
    p.parameterCount = 0
    #expect(throws: CurveFitError.invalidProblem("parameterCount must be ≥ 1, got 0")) { try solveTRF(p) }

    p = Self.good
    p.initialGuess = [1]
    #expect(throws: CurveFitError.invalidProblem("initialGuess has 1 entries, parameterCount is 2")) { try solveTRF(p) }

    p = Self.good
    p.upperBounds = [1, 2, 3]
    #expect(throws: CurveFitError.self) { try solveTRF(p) }

    p = Self.good
    p.lowerBounds = [0, 2]
    p.upperBounds = [1, 2]
    #expect(throws: CurveFitError.invalidProblem("bounds for parameter 1 must satisfy lower < upper, got [2.0, 2.0]")) {
      try solveTRF(p)
    }

    p = Self.good
    p.initialGuess = [.nan, 1]
    #expect(throws: CurveFitError.invalidProblem("initialGuess[0] = nan is not finite")) { try solveTRF(p) }
  }

  @Test func invalidOptions() {
    #expect(throws: CurveFitError.invalidOption(name: "ftol", value: -1, requirement: "must be finite and ≥ 0")) {
      try solveTRF(Self.good, options: TRFOptions(ftol: -1))
    }
    #expect(throws: CurveFitError.self) { try solveTRF(Self.good, options: TRFOptions(ftol: 0, xtol: 0, gtol: 0)) }
    #expect(throws: CurveFitError.self) { try solveTRF(Self.good, options: TRFOptions(maxEvaluations: 0)) }
    #expect(throws: CurveFitError.self) { try solveTRF(Self.good, options: TRFOptions(finiteDifferenceStep: 0)) }
  }

  @Test func badResidualsAndJacobians() {
    var p = Self.good
    p.residuals = { _ in [] }
    #expect(throws: CurveFitError.invalidResiduals(count: 0, expected: nil, nonFinite: false, at: [2, 2])) { try solveTRF(p) }

    p = Self.good
    p.residuals = { x in [x[0], .nan] }
    #expect(throws: CurveFitError.invalidResiduals(count: 2, expected: 2, nonFinite: true, at: [2, 2])) { try solveTRF(p) }

    p = Self.good
    p.jacobian = { _ in [1, 2, 3] }
    #expect(throws: CurveFitError.invalidJacobian(count: 3, expected: 4, nonFinite: false, at: [2, 2])) { try solveTRF(p) }

    p = Self.good
    p.jacobian = { _ in [1, 2, 3, .infinity] }
    #expect(throws: CurveFitError.invalidJacobian(count: 4, expected: 4, nonFinite: true, at: [2, 2])) { try solveTRF(p) }

    // The residual count must not change between evaluations.
    p = Self.good
    p.residuals = { x in x[0] == 2 ? [x[0] - 1, x[1] - 1] : [x[0] - 1] }
    #expect {
      try solveTRF(p)
    } throws: { error in
      guard case .invalidResiduals(let count, let expected, false, _) = error as? CurveFitError else { return false }
      return count == 1 && expected == 2
    }
  }

  @Test func descriptionsCarryContext() {
    #expect(CurveFitError.tooFewPoints(count: 2, required: 3).description == "frontier fit needs at least 3 points, got 2")
    #expect(CurveFitError.invalidJacobian(count: 3, expected: 4, nonFinite: false, at: [2, 2]).description
            == "Jacobian function returned 3 entries at x = [2.0, 2.0], expected 4 (row-major m×n)")
    #expect(CurveFitError.svdFailed(info: 3, rows: 5, columns: 3).description.contains("info = 3"))
  }
}
