import CurveFit
import Testing

@Suite struct FrontierRecoveryTests {
  static let curves: [SaturationFrontier] = [
    SaturationFrontier(a: 42, b: 0.9, c: 31),
    SaturationFrontier(a: 10, b: 3, c: 85),
    SaturationFrontier(a: 60, b: 0.05, c: 5),
    SaturationFrontier(a: 25, b: 12, c: 0.5),
    SaturationFrontier(a: 1.5, b: 0.4, c: 97),
  ]

  /// Noise-free samples over costs that span the curve's rise (0.05/b … 6/b, log-spaced).
  static func samples(of curve: SaturationFrontier, count: Int = 10) -> [(cost: Double, accuracy: Double)] {
    (0..<count).map { i in
      let t = Double(i) / Double(count - 1)
      let x = 0.05 / curve.b * _exp(t * _log(120))
      return (cost: x, accuracy: curve(x))
    }
  }

  @Test(arguments: curves)
  func recoversNoiseFreeCurve(curve: SaturationFrontier) throws {
    let fit = try fitSaturationFrontier(points: Self.samples(of: curve))
    #expect(relativeError(fit.a, curve.a) < 1e-6, "a: \(fit.a) vs \(curve.a)")
    #expect(relativeError(fit.b, curve.b) < 1e-6, "b: \(fit.b) vs \(curve.b)")
    #expect(relativeError(fit.c, curve.c) < 1e-6, "c: \(fit.c) vs \(curve.c)")
    #expect(fit.r2 > 1 - 1e-10)
    #expect(fit.status.converged)
  }

  @Test func recoversCurveFromUnsortedPoints() throws {
    let curve = SaturationFrontier(a: 30, b: 0.7, c: 40)
    var points = Self.samples(of: curve, count: 8)
    points.reverse()
    let fit = try fitSaturationFrontier(points: points)
    #expect(maxRelativeError([fit.a, fit.b, fit.c], [30, 0.7, 40]) < 1e-6)
  }

  @Test func curveEvaluation() {
    let curve = SaturationFrontier(a: 40, b: 0.5, c: 30)
    #expect(curve(0) == 30)
    #expect(abs(curve(2 * 0.693_147_180_559_945_3) - 50) < 1e-12)  // half rise at ln 2 / b
    #expect(abs(curve(1e6) - 70) < 1e-12)
    #expect(abs(curve(1e-12) - (30 + 40 * 0.5e-12)) < 1e-20)  // expm1 keeps the tiny rise
  }
}

@Suite struct FrontierInitialGuessTests {
  @Test func paretoFrontKeepsNonDominatedPointsSortedByCost() {
    let points: [(cost: Double, accuracy: Double)] = [
      (cost: 3, accuracy: 70), (cost: 1, accuracy: 50), (cost: 2, accuracy: 45),  // (2, 45) dominated by (1, 50)
      (cost: 1, accuracy: 48), (cost: 4, accuracy: 70), (cost: 5, accuracy: 72), (cost: 0.5, accuracy: 40),
    ]
    let front = SaturationFrontier.paretoFront(of: points)
    #expect(front.map(\.cost) == [0.5, 1, 3, 5])
    #expect(front.map(\.accuracy) == [40, 50, 70, 72])
  }

  @Test func guessFromParetoFront() throws {
    // Front: (0.5, 40), (1, 50), (3, 70), (5, 72) → c = 40, a = 32, half level 56 first reached at cost 3.
    let points: [(cost: Double, accuracy: Double)] = [
      (cost: 3, accuracy: 70), (cost: 1, accuracy: 50), (cost: 2, accuracy: 45), (cost: 5, accuracy: 72),
      (cost: 0.5, accuracy: 40),
    ]
    let guess = try SaturationFrontier.initialGuess(for: points)
    #expect(guess.c == 40)
    #expect(guess.a == 32)
    #expect(guess.b == _log(2) / 3)
  }

  @Test func guessGuardsSinglePointFrontAndZeroCost() throws {
    // The free point is also the most accurate: the front is one point at cost 0.
    let points: [(cost: Double, accuracy: Double)] = [
      (cost: 0, accuracy: 60), (cost: 2, accuracy: 55), (cost: 4, accuracy: 52),
    ]
    let guess = try SaturationFrontier.initialGuess(for: points)
    #expect(guess.c == 60)
    #expect(guess.a == 8)  // accuracy spread
    #expect(guess.b == _log(2) / 2)  // x½ = half the cost range
    #expect(guess.b.isFinite && guess.b > 0)
    let fit = try fitSaturationFrontier(points: points)
    #expect(fit.a >= 0 && fit.b >= 0 && fit.c >= 0 && fit.c <= 100)
    #expect(fit.status.converged)
  }

  @Test func flatDataHasR2OfOne() throws {
    let points: [(cost: Double, accuracy: Double)] = [(cost: 1, accuracy: 50), (cost: 2, accuracy: 50), (cost: 3, accuracy: 50)]
    let fit = try fitSaturationFrontier(points: points)
    for p in points { #expect(abs(fit.frontier(p.cost) - 50) < 1e-5) }
    #expect(fit.r2 == 1)
  }
}

@Suite struct FrontierInputErrorTests {
  @Test func fewerThanThreePoints() {
    #expect(throws: CurveFitError.tooFewPoints(count: 2, required: 3)) {
      try fitSaturationFrontier(points: [(cost: 1, accuracy: 50), (cost: 2, accuracy: 60)])
    }
    #expect(throws: CurveFitError.tooFewPoints(count: 0, required: 3)) { try fitSaturationFrontier(points: []) }
  }

  @Test func allCostsEqual() {
    let points: [(cost: Double, accuracy: Double)] = [(cost: 2, accuracy: 50), (cost: 2, accuracy: 60), (cost: 2, accuracy: 55)]
    #expect(throws: CurveFitError.allCostsEqual(cost: 2, count: 3)) { try fitSaturationFrontier(points: points) }
    let message = CurveFitError.allCostsEqual(cost: 2, count: 3).description
    #expect(message.contains("cost 2.0") && message.contains("3 points"))
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteValues(bad: Double) {
    let badCost: [(cost: Double, accuracy: Double)] = [(cost: 1, accuracy: 50), (cost: bad, accuracy: 60), (cost: 3, accuracy: 70)]
    #expect {
      try fitSaturationFrontier(points: badCost)
    } throws: { error in
      guard case .nonFinitePoint(let index, _, let accuracy) = error as? CurveFitError else { return false }
      return index == 1 && accuracy == 60
    }
    let badAccuracy: [(cost: Double, accuracy: Double)] = [(cost: 1, accuracy: 50), (cost: 2, accuracy: 60), (cost: 3, accuracy: bad)]
    #expect {
      try fitSaturationFrontier(points: badAccuracy)
    } throws: { error in
      guard case .nonFinitePoint(let index, let cost, _) = error as? CurveFitError else { return false }
      return index == 2 && cost == 3 && "\(error)".contains("frontier point 2 is not finite")
    }
  }

  @Test func negativeCost() {
    let points: [(cost: Double, accuracy: Double)] = [(cost: 1, accuracy: 50), (cost: -0.5, accuracy: 60), (cost: 3, accuracy: 70)]
    #expect(throws: CurveFitError.negativeCost(index: 1, cost: -0.5)) { try fitSaturationFrontier(points: points) }
  }
}
