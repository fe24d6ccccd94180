import CurveFit
import Testing

/// Throughput check: 1,000 frontier fits of 6–20 points each. It prints the elapsed time and never asserts
/// on it (machines differ); measure in release with
///
///     swift test -c release --filter CurveFitTests.ThousandFitsTests
@Suite struct ThousandFitsTests {
  static func datasets(count: Int = 1000, seed: UInt64 = 42) -> [[(cost: Double, accuracy: Double)]] {
    var rng = TestRandom(seed: seed)
    return (0..<count).map { _ in
      let curve = SaturationFrontier(a: rng.uniform(5, 50), b: rng.uniform(0.05, 5), c: rng.uniform(5, 45))
      let n = 6 + Int(rng.next() % 15)
      return (0..<n).map { _ in
        let x = _exp(rng.uniform(_log(0.02 / curve.b), _log(8 / curve.b)))
        // Routers at or below the frontier, plus measurement noise.
        return (cost: x, accuracy: curve(x) - abs(rng.normal()) * 1.5 + rng.normal() * 0.5)
      }
    }
  }

  @Test func thousandFits() throws {
    let data = Self.datasets()
    let clock = ContinuousClock()
    var fits: [FrontierFit] = []
    fits.reserveCapacity(data.count)
    let elapsed = try clock.measure {
      for points in data { fits.append(try fitSaturationFrontier(points: points)) }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let evaluations = fits.map(\.functionEvaluations).reduce(0, +)
    print("[thousandFits] \(fits.count) frontier fits in \(seconds) s "
          + "(\(seconds / Double(fits.count) * 1e6) µs per fit, \(Double(evaluations) / Double(fits.count)) evaluations per fit)")

    #expect(fits.count == 1000)
    for fit in fits {
      #expect(fit.a >= 0 && fit.b >= 0 && fit.c >= 0 && fit.c <= 100)
    }
    // A fit may only miss convergence when the data look linear over their cost range: then the optimum
    // lies at a → ∞, b → 0 with a·b fixed, and the solver (like scipy, checked on these data) runs out of
    // evaluations walking towards it.
    var unconverged = 0
    for (fit, points) in zip(fits, data) where !fit.status.converged {
      unconverged += 1
      let maxCost = points.map(\.cost).max()!
      #expect(fit.a > 1000 && fit.b * maxCost < 0.1, "unconverged fit is not in the linear limit: \(fit.frontier)")
    }
    #expect(unconverged <= 10, "\(unconverged) fits hit the evaluation budget")
    let goodFits = fits.filter { $0.r2 > 0.9 }.count
    #expect(goodFits >= 900, "only \(goodFits) of 1000 fits have R² > 0.9")
  }
}
