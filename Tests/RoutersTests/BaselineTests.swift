import BenchCore
import Testing

@testable import Routers

/// A 6-sample × 3-model benchmark whose baseline answers are known by hand.
///   model 0: cheap (1e-5), right on rows 0,1;    model 1: mid (1e-4), right on 0,2,3,4;
///   model 2: dear (1e-3), right on 2,3,4,5.       Train = rows 0–3, test = rows 4,5.
func tinyBenchmark() -> Benchmark {
  let correct: [[Float]] = [[1, 1, 0], [1, 0, 0], [0, 1, 1], [0, 1, 1], [0, 1, 1], [0, 0, 1]]
  let price: [Double] = [1e-5, 1e-4, 1e-3]
  let ds = [DatasetInfo(name: "A", displayName: "A", group: .general, answerType: .multipleChoice),
            DatasetInfo(name: "B", displayName: "B", group: .stem, answerType: .math)]
  return Benchmark(
    name: "tiny", datasets: ds,
    models: ["m0", "m1", "m2"].map { ModelInfo(name: $0, displayName: $0) },
    sampleIDs: (0..<6).map { "A/\($0)" }, sampleDataset: [0, 0, 1, 1, 0, 1], inputTokens: Array(repeating: 100, count: 6),
    quality: Matrix(rows: 6, columns: 3, values: correct.flatMap { $0 }),
    cost: Matrix(rows: 6, columns: 3, values: (0..<6).flatMap { _ in price }),
    splits: [.train: [0, 1, 2, 3], .dev: [], .test: [4, 5]])
}

@Suite struct BaselineTests {
  let b = tinyBenchmark()

  func fitRoute<R: Router>(_ r: R, rows: [Int]) throws -> [Int] {
    var r = r
    var g = SplitMix64(seed: 1)
    try r.fit(TrainingData(benchmark: b, trainRows: b.splits[.train]!, devRows: []), objective: Objective(lambda: 0), using: &g)
    let inputs = RoutingInputs(benchmark: b, rows: rows)
    if let upper = r as? any UpperBoundRouter { return try upper.route(inputs, labels: RoutedLabels(benchmark: b, rows: rows)) }
    return try r.route(inputs)
  }

  @Test func oracleTakesCheapestCorrectElseCheapest() throws {
    // row 0: m0 and m1 correct → m0; row 2: m1, m2 → m1; row 5: only m2; a row with none correct → m0.
    #expect(try fitRoute(OracleRouter(), rows: [0, 2, 5]) == [0, 1, 2])
  }

  @Test func strongestIsFitOnTrainNotTest() throws {
    // Train accuracy: m0 2/4, m1 3/4, m2 2/4 → m1, although m2 is best on the test rows.
    #expect(try fitRoute(StrongestRouter(), rows: [4, 5]) == [1, 1])
  }

  @Test func cheapestPicksLowestTrainCost() throws {
    #expect(try fitRoute(CheapestRouter(), rows: [4, 5]) == [0, 0])
  }

  @Test func strongestPerDatasetUsesEachDatasetsTrainRows() throws {
    // Dataset A train rows 0,1: m0 2/2 → m0. Dataset B train rows 2,3: m1 and m2 tie at 2/2 → first index m1.
    #expect(try fitRoute(StrongestPerDatasetRouter(), rows: [4, 5]) == [0, 1])
  }

  @Test func randomIsSeededAndBatchIndependent() throws {
    let all = try fitRoute(RandomRouter(), rows: [0, 1, 2, 3, 4, 5])
    let part = try fitRoute(RandomRouter(), rows: [3, 4])
    #expect(Array(all[3...4]) == part)
    #expect(all.allSatisfy { (0..<3).contains($0) })
  }

  @Test func unfittedRouterThrows() {
    #expect(throws: RouterError.self) { try StrongestRouter().scores(for: RoutingInputs(benchmark: b, rows: [0])) }
  }

  @Test func registryResolvesGroupsAndRejectsUnknownNames() throws {
    let reg = RouterRegistry.builtIn
    #expect(try reg.resolve("baselines").map(\.name) == ["Oracle", "Strongest", "Cheapest", "StrongestPerDataset", "Random", "BestValuePerDataset"])
    #expect(try reg.resolve("cheapest, Oracle").map(\.name) == ["Oracle", "Cheapest"])
    #expect(throws: RouterError.self) { try reg.resolve("baselines,NoSuchRouter") }
  }
}

@Suite struct ExampleRouterTests {
  @Test func bestValuePerDatasetTradesAccuracyForCost() throws {
    // Dataset A train rows 0, 1: m0 is right on both and cheapest → m0.
    // Dataset B train rows 2, 3: m1 and m2 both right on both; m1 is 10× cheaper → m1 (Strongest-per-dataset
    // would pick m1 too, by index; make m2 the only correct one on row 3 to see the trade-off).
    var b = tinyBenchmark()
    b.quality[3, 1] = 0
    var r = BestValuePerDatasetRouter()
    var g = SplitMix64(seed: 1)
    try r.fit(TrainingData(benchmark: b, trainRows: [0, 1, 2, 3], devRows: []), objective: Objective(lambda: 0), using: &g)
    // B: m1 has 50 % at 1e-4, m2 100 % at 1e-3 (= c_max of this benchmark → rank score 0): m1 wins.
    #expect(r.choices == [0, 1])
    var s = StrongestPerDatasetRouter()
    try s.fit(TrainingData(benchmark: b, trainRows: [0, 1, 2, 3], devRows: []), objective: Objective(lambda: 0), using: &g)
    #expect(s.choices == [0, 2])
  }
}
