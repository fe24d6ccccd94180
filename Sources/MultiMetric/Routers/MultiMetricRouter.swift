public import BenchCore
public import EdgeCloud
internal import Foundation
public import Routers

/// What a multi-metric router is fit on: every sample's inputs (prompt features and statistics), and the training
/// rows with both models' metric values. Test rows' values are nowhere in it.
public struct QualityTrainingSet: Sendable {
  public var inputs: RouterInputs
  public var metrics: MetricCatalog
  public var trainRows: [Int]
  /// trainRows.count × M values of the edge and of the cloud model, aligned with `trainRows`.
  public var edge: Matrix<Double>
  public var cloud: Matrix<Double>

  public init(inputs: RouterInputs, metrics: MetricCatalog, trainRows: [Int], edge: Matrix<Double>,
              cloud: Matrix<Double>) {
    precondition(edge.rows == trainRows.count && cloud.rows == trainRows.count
                   && edge.columns == metrics.count && cloud.columns == metrics.count,
                 "QualityTrainingSet: \(trainRows.count) rows, edge \(edge.rows)×\(edge.columns)")
    self.inputs = inputs
    self.metrics = metrics
    self.trainRows = trainRows
    self.edge = edge
    self.cloud = cloud
  }

  /// The training set of `rows` of `data`.
  public init(data: PairQuality, inputs: RouterInputs, rows: [Int]) {
    self.init(inputs: inputs, metrics: data.metrics, trainRows: rows, edge: data.edge.selecting(rows: rows),
              cloud: data.cloud.selecting(rows: rows))
  }

  /// Per training row and metric, the oriented gap (cloud − edge)·o_m divided by that gap's standard deviation
  /// over the training rows (1 when it is 0): "how much better the cloud is", comparable across metrics.
  public var standardizedGaps: Matrix<Double> {
    let n = trainRows.count, m = metrics.count
    var g = Matrix<Double>(rows: n, columns: m, repeating: 0)
    for j in 0..<m {
      var mean = 0.0
      for r in 0..<n { mean += (cloud[r, j] - edge[r, j]) * metrics[j].orientation }
      mean /= Double(max(n, 1))
      var v = 0.0
      for r in 0..<n {
        let d = (cloud[r, j] - edge[r, j]) * metrics[j].orientation - mean
        v += d * d
      }
      let sd = (v / Double(max(n, 1))).squareRoot()
      let s = sd > 0 ? sd : 1
      for r in 0..<n { g[r, j] = (cloud[r, j] - edge[r, j]) * metrics[j].orientation / s }
    }
    return g
  }

  /// G_r = Σ_m w_m·g_rm / Σ_m w_m over the standardised gaps: the weighted multi-metric advantage of the cloud
  /// model on training row r (RouteT2I's weighted quality, main paper Eq. 3–4).
  public var weightedGap: [Double] {
    let g = standardizedGaps
    let total = metrics.reduce(0.0) { $0 + $1.weight }
    return (0..<trainRows.count).map { r in
      var s = 0.0
      for j in 0..<metrics.count { s += metrics[j].weight * g[r, j] }
      return s / total
    }
  }
}

/// A router of the fixed-rate protocol: it scores every prompt for "send to cloud" (larger = more deserving of the
/// cloud model); the harness sends the top round(r·n) to the cloud (`FixedRateRule`).
public protocol QualityRouter: Sendable {
  /// The router's name in tables ("RouteLLM-MF", "HybridLLM", …).
  var name: String { get }
  /// Canonical JSON of its configuration (part of the run identity).
  var configurationJSON: String { get }
  /// Bump when a code change alters results under the same configuration.
  var revision: Int { get }
  var dependsOnSeed: Bool { get }
  /// The branches it reads (text features, statistics).
  var branches: [RouterBranch] { get }
  /// The prompts' token states it reads (`RouterInputs.prompts`), computed once per workspace; nil (the default)
  /// for routers that read feature branches only.
  var textRequest: TextRequest? { get }

  mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws
  /// A finite cloud score per row of `rows`.
  func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double]
}

extension QualityRouter {
  public var revision: Int { 1 }
  public var textRequest: TextRequest? { nil }
}

func canonicalJSON<T: Encodable>(_ value: T) -> String {
  let e = JSONEncoder()
  e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return (try? e.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}

// MARK: - Random

/// A seeded uniform score per prompt: at rate r a uniformly random round(r·n) prompts go to the cloud (the tables'
/// Random row, whose expected ΔP at r = 0.5 is 10·k − 50).
public struct RandomQualityRouter: QualityRouter {
  public let name = "Random"
  public var configurationJSON: String { "{}" }
  public let dependsOnSeed = true
  public var branches: [RouterBranch] { [] }
  private var seed: UInt64?

  public init() {}

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) { seed = rng.next() }

  /// Row i's score depends on the seed and i only.
  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    guard let seed else { throw MultiMetricError(.router, "cloudScores() before fit()", key: name) }
    let root = SplitMix64(seed: seed)
    return rows.map { i in
      var g = root.derived("row/\(i)")
      return g.nextUnit()
    }
  }
}

// MARK: - Binary routers of the edge/cloud protocol

/// One of the edge/cloud protocol's binary routers (`EdgeCloudRouter`: GBDT, MLP, RouteLLM-MF, ECVL-Router)
/// adapted to the fixed-rate decision: it is fit on the label L = "the edge model is competent" = G ≤ 0 (the cloud
/// model's weighted standardised advantage, `QualityTrainingSet.weightedGap`, is not positive) and scores a prompt
/// 1 − P(edge competent). The protocol chooses no τ and no epoch: the router keeps its last epoch's weights.
public struct BinaryQualityRouter<R: EdgeCloudRouter>: QualityRouter {
  public let name: String
  public var router: R
  public var configurationJSON: String { canonicalJSON(router.configuration) }
  public var revision: Int { R.revision }
  public var dependsOnSeed: Bool { R.dependsOnSeed }
  public var branches: [RouterBranch] { router.branches }

  public init(_ router: R, name: String? = nil) {
    self.router = router
    self.name = name ?? R.kind
  }

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws {
    let labels = data.weightedGap.map { $0 <= 0 }
    let set = TrainingSet(inputs: data.inputs, trainRows: data.trainRows, trainLabels: labels, devRows: [])
    var monitor = EpochMonitor<R>.detached(inputs: data.inputs)
    try router.fit(set, monitor: &monitor, using: &rng)
  }

  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    try router.probabilities(inputs, rows: rows).map { 1 - Double($0) }
  }
}
