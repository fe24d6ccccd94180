public import BenchCore

/// Scores that put 1 on one model per row and 0 elsewhere.
func oneHotScores(_ choices: [Int], models: Int) -> Matrix<Float> {
  var m = Matrix<Float>(rows: choices.count, columns: models, repeating: 0)
  for (i, c) in choices.enumerated() { m[i, c] = 1 }
  return m
}

/// Per-model mean over rows of a per-(row, model) value (first index wins ties in the callers' arg-ops).
func columnMeans(rows: [Int], models: Int, _ value: (Int, Int) -> Double) -> [Double] {
  var sums = [Double](repeating: 0, count: models)
  for i in rows { for m in 0..<models { sums[m] += value(i, m) } }
  return sums.map { rows.isEmpty ? 0 : $0 / Double(rows.count) }
}

func argmax(_ v: [Double]) -> Int { v.indices.reduce(0) { v[$1] > v[$0] ? $1 : $0 } }
func argmin(_ v: [Double]) -> Int { v.indices.reduce(0) { v[$1] < v[$0] ? $1 : $0 } }

/// Oracle: per sample, the cheapest correct model; if none is correct, the cheapest model (VL-RouterBench §4.3).
/// An upper bound, not a router: it reads the routed samples' labels.
public struct OracleRouter: UpperBoundRouter, PlainRouter {
  public static let name = "Oracle"
  public static let family = RouterFamily.baseline
  public static let summary = "Upper bound: cheapest correct model per sample, else the cheapest model."
  public init() {}
  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) {}
  public func scores(for inputs: RoutingInputs, labels: RoutedLabels) -> Matrix<Float> {
    let k = inputs.samples.modelCount
    let choices = inputs.rows.indices.map { r -> Int in
      let costs = (0..<k).map { labels.cost[r, $0] }
      return SoftLabels.cheapestCorrect(correct: (0..<k).map { labels.isCorrect(r, $0) }, cost: costs)
        ?? argmin(costs)
    }
    return oneHotScores(choices, models: k)
  }
}

/// Strongest: the single model with the highest training accuracy (fit on train, our decision 2).
public struct StrongestRouter: PlainRouter {
  public static let name = "Strongest"
  public static let family = RouterFamily.baseline
  public static let summary = "Always the model with the highest accuracy on the training split."
  public private(set) var choice: Int?
  public init() {}
  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let b = data.benchmark
    guard !data.trainRows.isEmpty else { throw RouterError.noTrainingSignal(router: Self.name, message: "empty training split") }
    choice = argmax(columnMeans(rows: data.trainRows, models: b.modelCount) { b.isCorrect($0, $1) ? 1 : 0 })
  }
  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let choice else { throw RouterError.notFitted(Self.name) }
    return oneHotScores(Array(repeating: choice, count: inputs.rows.count), models: inputs.samples.modelCount)
  }
  public var fitReport: [String: String] { ["model": choice.map(String.init) ?? ""] }
}

/// Cheapest: the single model with the lowest average training cost.
public struct CheapestRouter: PlainRouter {
  public static let name = "Cheapest"
  public static let family = RouterFamily.baseline
  public static let summary = "Always the model with the lowest average cost on the training split."
  public private(set) var choice: Int?
  public init() {}
  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let b = data.benchmark
    guard !data.trainRows.isEmpty else { throw RouterError.noTrainingSignal(router: Self.name, message: "empty training split") }
    choice = argmin(columnMeans(rows: data.trainRows, models: b.modelCount) { b.cost[$0, $1] })
  }
  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let choice else { throw RouterError.notFitted(Self.name) }
    return oneHotScores(Array(repeating: choice, count: inputs.rows.count), models: inputs.samples.modelCount)
  }
  public var fitReport: [String: String] { ["model": choice.map(String.init) ?? ""] }
}

/// StrongestPerDataset: per dataset, the model with the highest training accuracy on that dataset; a dataset with
/// no training rows falls back to the global strongest model.
public struct StrongestPerDatasetRouter: PlainRouter {
  public static let name = "StrongestPerDataset"
  public static let family = RouterFamily.baseline
  public static let summary = "Per dataset, the model with the highest accuracy on that dataset's training rows."
  public private(set) var choices: [Int] = []
  public init() {}
  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let b = data.benchmark
    guard !data.trainRows.isEmpty else { throw RouterError.noTrainingSignal(router: Self.name, message: "empty training split") }
    let global = argmax(columnMeans(rows: data.trainRows, models: b.modelCount) { b.isCorrect($0, $1) ? 1 : 0 })
    var byDataset = [[Int]](repeating: [], count: b.datasets.count)
    for i in data.trainRows { byDataset[Int(b.sampleDataset[i])].append(i) }
    choices = byDataset.map { rows in
      rows.isEmpty ? global : argmax(columnMeans(rows: rows, models: b.modelCount) { b.isCorrect($0, $1) ? 1 : 0 })
    }
  }
  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard !choices.isEmpty else { throw RouterError.notFitted(Self.name) }
    let b = inputs.samples
    return oneHotScores(inputs.rows.map { choices[Int(b.sampleDataset[$0])] }, models: b.modelCount)
  }
}

/// Random: a uniformly random model per sample. The choice for a sample depends only on the seed and the sample's
/// id, so it does not change with batching or the order rows are routed in.
public struct RandomRouter: PlainRouter {
  public static let name = "Random"
  public static let family = RouterFamily.baseline
  public static let dependsOnSeed = true
  public static let summary = "A uniformly random model per sample (seeded)."
  public private(set) var streamSeed: UInt64?
  public init() {}
  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) {
    streamSeed = rng.next()
  }
  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let streamSeed else { throw RouterError.notFitted(Self.name) }
    let b = inputs.samples
    let root = SplitMix64(seed: streamSeed)
    let choices = inputs.rows.map { i -> Int in
      var g = root.derived(b.sampleIDs[i])
      return Int(g.next() % UInt64(b.modelCount))
    }
    return oneHotScores(choices, models: b.modelCount)
  }
}
