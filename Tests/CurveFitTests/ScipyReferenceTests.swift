import CurveFit
import Testing

/// Our TRF against scipy 1.17 `least_squares(method='trf')` on the fixed datasets of scipy_reference.py.
@Suite struct ScipyReferenceTests {
  static let uniqueFrontiers: [(String, FrontierCase)] = [
    ("noisyFrontier", ScipyReference.noisyFrontier),
    ("upperBoundActive", ScipyReference.upperBoundActive),
    ("dominatedSweep", ScipyReference.dominatedSweep),
  ]

  @Test(arguments: uniqueFrontiers)
  func frontierMatchesScipy(name: String, reference: FrontierCase) throws {
    let guess = try SaturationFrontier.initialGuess(for: reference.points)
    #expect(maxRelativeError([guess.a, guess.b, guess.c], reference.initialGuess) == 0, "\(name): initial guess")
    let fit = try fitSaturationFrontier(points: reference.points)
    let x = [fit.a, fit.b, fit.c]
    let deviation = maxRelativeError(x, reference.x)
    print("[scipy] \(name): x = \(x), scipy = \(reference.x), max rel dev = \(deviation), "
          + "nfev = \(fit.functionEvaluations) (scipy \(reference.nfev)), status \(fit.status.rawValue) (scipy \(reference.status))")
    #expect(deviation < 1e-6, "\(name): \(x) vs scipy \(reference.x)")
    #expect(relativeError(fit.cost, reference.cost) < 1e-9, "\(name): cost \(fit.cost) vs \(reference.cost)")
    // Same algorithm, same start: the paths coincide, so the evaluation count and stop reason agree too.
    #expect(fit.functionEvaluations == reference.nfev)
    #expect(fit.status.rawValue == reference.status)
  }

  @Test func upperBoundOnCIsActiveLikeScipy() throws {
    let reference = ScipyReference.upperBoundActive
    #expect(reference.activeMask == [0, 0, 1])
    let fit = try fitSaturationFrontier(points: reference.points)
    #expect(fit.c <= 100)
    #expect(fit.c > 100 - 1e-9)
    #expect(fit.a > 0 && fit.b > 0)
  }

  /// Non-unique optimum (flat fit): only the cost and the fitted values are comparable.
  @Test func decreasingAccuracyMatchesScipyCostAndValues() throws {
    let reference = ScipyReference.decreasingAccuracy
    let fit = try fitSaturationFrontier(points: reference.points)
    let scipyCurve = SaturationFrontier(a: reference.x[0], b: reference.x[1], c: reference.x[2])
    #expect(relativeError(fit.cost, reference.cost) < 1e-6, "cost \(fit.cost) vs \(reference.cost)")
    let mean = reference.accuracies.reduce(0, +) / Double(reference.accuracies.count)
    for x in reference.costs {
      #expect(abs(fit.frontier(x) - scipyCurve(x)) < 1e-3, "at cost \(x)")
      #expect(abs(fit.frontier(x) - mean) < 1e-3, "flat fit at the mean, at cost \(x)")
    }
    #expect(fit.a >= 0 && fit.b >= 0 && fit.c >= 0 && fit.c <= 100)
    #expect(abs(fit.r2) < 1e-6, "a flat fit explains nothing: r2 = \(fit.r2)")
  }

  @Test func boundedRosenbrockMatchesScipy() throws {
    let reference = ScipyReference.boundedRosenbrock
    let problem = LeastSquaresProblem(
      parameterCount: 2, initialGuess: reference.x0, lowerBounds: reference.lower, upperBounds: reference.upper,
      residuals: { x in [10 * (x[1] - x[0] * x[0]), 1 - x[0]] },
      jacobian: { x in [-20 * x[0], 10, -1, 0] })
    let result = try solveTRF(problem)
    let deviation = maxRelativeError(result.x, reference.x)
    print("[scipy] boundedRosenbrock: x = \(result.x), scipy = \(reference.x), max rel dev = \(deviation), "
          + "nfev = \(result.functionEvaluations) (scipy \(reference.nfev))")
    #expect(deviation < 1e-6)
    #expect(relativeError(result.cost, reference.cost) < 1e-9)
    #expect(result.x[1] >= 1.5)
    #expect(result.functionEvaluations == reference.nfev)
    #expect(result.status.rawValue == reference.status)
  }

  @Test(arguments: ScipyReference.rosenbrockBoxes)
  func rosenbrockInBoxesMatchesScipy(reference: GeneralCase) throws {
    let problem = SolverBehaviourTests.rosenbrock(x0: reference.x0, lower: reference.lower, upper: reference.upper)
    let result = try solveTRF(problem)
    let deviation = zip(result.x, reference.x).map { relativeError($0, $1, floor: 1) }.max()!
    print("[scipy] rosenbrock box \(reference.lower)…\(reference.upper): max rel dev = \(deviation), "
          + "nfev = \(result.functionEvaluations) (scipy \(reference.nfev))")
    #expect(deviation < 1e-6, "x = \(result.x) vs scipy \(reference.x)")
    #expect(abs(result.cost - reference.cost) <= 1e-9 * max(1, reference.cost))
    #expect(result.functionEvaluations == reference.nfev)
    #expect(result.status.rawValue == reference.status)
    for j in 0..<2 { #expect(result.x[j] >= reference.lower[j] && result.x[j] <= reference.upper[j]) }
  }

  @Test func expDecayWithFiniteDifferencesMatchesScipy() throws {
    let reference = ScipyReference.expDecay
    let t = ScipyReference.expDecayT, y = ScipyReference.expDecayY
    let problem = LeastSquaresProblem(
      parameterCount: 2, initialGuess: reference.x0, lowerBounds: reference.lower, upperBounds: reference.upper,
      residuals: { p in zip(t, y).map { ti, yi in p[0] * _exp(-p[1] * ti) - yi } })
    let result = try solveTRF(problem)
    let deviation = maxRelativeError(result.x, reference.x)
    print("[scipy] expDecay (finite differences): x = \(result.x), scipy = \(reference.x), max rel dev = \(deviation), "
          + "nfev = \(result.functionEvaluations) (scipy \(reference.nfev))")
    #expect(deviation < 1e-6)
    #expect(relativeError(result.cost, reference.cost) < 1e-9)
    #expect(result.functionEvaluations == reference.nfev)
    #expect(result.status.rawValue == reference.status)
  }
}
