import CurveFit
import Testing

/// The general API on problems other than the frontier.
@Suite struct GeneralProblemTests {
  @Test(arguments: [(5.0, 1.3), (0.2, 0.05), (120.0, 7.5)])
  func exponentialDecayNoiseFreeWithFiniteDifferences(amplitude: Double, rate: Double) throws {
    let t = (0..<15).map { Double($0) * 0.3 / rate }
    let y = t.map { amplitude * _exp(-rate * $0) }
    let problem = LeastSquaresProblem(parameterCount: 2, initialGuess: [1, 1], lowerBounds: [0, 0], upperBounds: [.infinity, 50],
                                      residuals: { p in zip(t, y).map { ti, yi in p[0] * _exp(-p[1] * ti) - yi } })
    let result = try solveTRF(problem)
    #expect(relativeError(result.x[0], amplitude) < 1e-6, "A: \(result.x[0])")
    #expect(relativeError(result.x[1], rate) < 1e-6, "k: \(result.x[1])")
    #expect(result.status.converged)
    #expect(result.residualCount == 15)
    #expect(result.residuals.count == 15 && result.jacobian.count == 30)
  }

  @Test func exponentialDecayWithAnActiveUpperBoundOnTheRate() throws {
    // True rate 1.3, but k ≤ 1: the fit must sit on the bound.
    let t = (0..<15).map { Double($0) * 0.25 }
    let y = t.map { 5 * _exp(-1.3 * $0) }
    // Closure types spelled out: inferring them took the type checker seconds.
    let problem = LeastSquaresProblem(
      parameterCount: 2, initialGuess: [1, 0.5], lowerBounds: [0, 0], upperBounds: [.infinity, 1],
      residuals: { (p: [Double]) -> [Double] in
        zip(t, y).map { (ti: Double, yi: Double) -> Double in p[0] * _exp(-p[1] * ti) - yi }
      },
      jacobian: { (p: [Double]) -> [Double] in
        t.flatMap { (ti: Double) -> [Double] in [_exp(-p[1] * ti), -p[0] * ti * _exp(-p[1] * ti)] }
      })
    let result = try solveTRF(problem)
    #expect(result.x[1] <= 1 && result.x[1] > 1 - 1e-6)
    #expect(result.cost > 1e-3, "the bound keeps the fit from being exact")
    // With k fixed at 1 the best amplitude is Σ yᵢeᵢ / Σ eᵢ² (eᵢ = e^{−tᵢ}).
    let e = t.map { _exp(-$0) }
    let numerator: Double = zip(y, e).map { $0 * $1 }.reduce(0, +)
    let best: Double = numerator / e.map { $0 * $0 }.reduce(0, +)
    #expect(relativeError(result.x[0], best) < 1e-5)
  }

  @Test func rosenbrockUnconstrainedOptimumInsideLooseBounds() throws {
    let problem = SolverBehaviourTests.rosenbrock(x0: [-1.2, 1], lower: [-2, -2], upper: [2, 2])
    let result = try solveTRF(problem)
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
    #expect(result.cost < 1e-12)
  }

  @Test func rosenbrockWithoutBounds() throws {
    let problem = SolverBehaviourTests.rosenbrock(x0: [-1.2, 1], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity])
    let result = try solveTRF(problem)
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
  }
}
