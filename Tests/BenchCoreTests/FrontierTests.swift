import Testing

@testable import BenchCore

@Suite struct FrontierTests {
  let pts = [
    OperatingPoint(cost: 1, quality: 50, label: "a"), OperatingPoint(cost: 2, quality: 55, label: "b"),
    OperatingPoint(cost: 3, quality: 70, label: "c"), OperatingPoint(cost: 4, quality: 65, label: "d"),
    OperatingPoint(cost: 5, quality: 80, label: "e"), OperatingPoint(cost: 5, quality: 60, label: "f"),
  ]

  @Test func nonDominatedDropsWorseAndCostlier() {
    #expect(Frontier.nonDominated(pts).map(\.label) == ["a", "b", "c", "e"])
  }

  @Test func hullDropsPointsUnderTheChord() {
    // b (2, 55) lies under the chord a → c (quality 60 at cost 2), so the hull is a, c, e.
    let hull = Frontier.nonDecreasingConvexHull(pts)
    #expect(hull.map(\.label) == ["a", "c", "e"])
    #expect(Frontier.value(of: hull, at: 2) == 60)
    #expect(Frontier.value(of: hull, at: 4) == 75)
    #expect(Frontier.value(of: hull, at: 9) == 80)
    #expect(Frontier.value(of: hull, at: 0.5) == 0)
  }

  @Test func aiqIsTheMeanHullQualityOverTheRange() {
    // Over [1, 5]: trapezoids (50+70)/2·2 + (70+80)/2·2 = 120 + 150 = 270 → 270 / 4 = 67.5.
    #expect(abs(Frontier.aiq(pts, costMin: 1, costMax: 5) - 67.5) < 1e-12)
    // Over [0, 6]: 0 on [0, 1), 270 on [1, 5], 80 on [5, 6] → 350 / 6.
    #expect(abs(Frontier.aiq(pts, costMin: 0, costMax: 6) - 350.0 / 6) < 1e-12)
  }

  @Test func emptyAndSinglePointInputs() {
    #expect(Frontier.nonDecreasingConvexHull([]).isEmpty)
    #expect(Frontier.aiq([OperatingPoint(cost: 2, quality: 40)], costMin: 1, costMax: 3) == 20)
  }
}
