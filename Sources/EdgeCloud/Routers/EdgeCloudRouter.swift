public import BenchCore
public import Routers

/// One of the inputs an edge/cloud router may read (ECVL-Router's three branches, Sec. 4.2.1).
public enum RouterBranch: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case text, image, statistics

  public static func < (l: RouterBranch, r: RouterBranch) -> Bool {
    allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
  }

  /// "Text", "Image", "Statistic" as Table 3 writes them.
  public var title: String {
    switch self {
    case .text: "Text"
    case .image: "Image"
    case .statistics: "Statistic"
    }
  }
}

/// What a router may read of every sample: the feature views, and nothing about either model's answer.
public struct RouterInputs: Sendable {
  /// N × d text features (a stored feature set), if the run has them.
  public var text: Matrix<Float>?
  /// N × d image features, if the run has them.
  public var image: Matrix<Float>?
  /// N × s query statistics (`QueryStatistics`).
  public var statistics: Matrix<Float>
  /// Every prompt's MiniLM token states (`TextTokens`, N rows), for routers that read the prompt text itself
  /// (MultiMetric's RouteLLM-BERT); nil for the others.
  public var prompts: TextTokens?
  public var count: Int { statistics.rows }

  public init(text: Matrix<Float>?, image: Matrix<Float>?, statistics: Matrix<Float>, prompts: TextTokens? = nil) {
    precondition(text.map { $0.rows == statistics.rows } ?? true && image.map { $0.rows == statistics.rows } ?? true
                   && prompts.map { $0.rowCount == statistics.rows } ?? true,
                 "RouterInputs: views of different lengths")
    self.text = text
    self.image = image
    self.statistics = statistics
    self.prompts = prompts
  }

  /// The view of one branch.
  public func view(_ b: RouterBranch) throws(EdgeCloudError) -> Matrix<Float> {
    switch b {
    case .statistics: return statistics
    case .text:
      guard let text else { throw EdgeCloudError(.missingData, "the run has no text features", key: "text") }
      return text
    case .image:
      guard let image else { throw EdgeCloudError(.missingData, "the run has no image features", key: "image") }
      return image
    }
  }

  /// The given branches of `rows`, concatenated column-wise in branch order.
  public func concatenated(_ branches: [RouterBranch], rows: [Int]) throws(EdgeCloudError) -> Matrix<Float> {
    var views: [Matrix<Float>] = []
    for b in branches.sorted() { views.append(try view(b)) }
    let width = views.reduce(0) { $0 + $1.columns }
    var out = [Float]()
    out.reserveCapacity(rows.count * width)
    for i in rows {
      for v in views { out.append(contentsOf: v.row(i)) }
    }
    return Matrix(rows: rows.count, columns: width, values: out)
  }
}

/// What a router is fit on: the inputs of every sample, the training rows with their labels, and the dev rows'
/// inputs (their outcomes stay with the harness's `EpochMonitor`). Test rows' labels are nowhere in it.
public struct TrainingSet: Sendable {
  public var inputs: RouterInputs
  public var trainRows: [Int]
  /// L per training row (true: the edge model is competent), aligned with `trainRows`.
  public var trainLabels: [Bool]
  public var devRows: [Int]

  public init(inputs: RouterInputs, trainRows: [Int], trainLabels: [Bool], devRows: [Int]) {
    precondition(trainRows.count == trainLabels.count, "TrainingSet: \(trainRows.count) rows, \(trainLabels.count) labels")
    self.inputs = inputs
    self.trainRows = trainRows
    self.trainLabels = trainLabels
    self.devRows = devRows
  }
}

/// A router's typed hyperparameters; `init()` gives the defaults.
public protocol EdgeCloudConfiguration: Codable, Sendable, Hashable {
  init()
}

/// A binary edge/cloud router: it predicts p = P(edge competent | query) (ECVL-Router Sec. 3.1) and the harness
/// routes to the edge iff p ≥ τ, with τ chosen on dev per scenario. Fixed policies (`usesThreshold == false`)
/// return 0 or 1 and are taken as they are.
///
/// A router that trains in epochs calls `monitor.observe(self, epoch:)` after each; the monitor keeps, per scenario,
/// the (weights, τ) of the epoch with the best dev RCS (Sec. 4.2.2). A router that does not call it is observed
/// once after `fit`.
public protocol EdgeCloudRouter: Sendable {
  associatedtype Configuration: EdgeCloudConfiguration
  /// The router kind ("ECVL-Router", "GBDT", …).
  static var kind: String { get }
  static var summary: String { get }
  /// Bump when a code change alters results under the same configuration.
  static var revision: Int { get }
  static var dependsOnSeed: Bool { get }
  static var usesThreshold: Bool { get }

  var configuration: Configuration { get }
  /// The branches it reads (the run loads those feature sets and names them in its identity).
  var branches: [RouterBranch] { get }

  init(configuration: Configuration) throws(EdgeCloudError)
  mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<Self>, using rng: inout SplitMix64) throws
  /// p per row of `rows`, in [0, 1].
  func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float]
  /// What fitting found, stored with the run (not part of its identity).
  var fitReport: [String: String] { get }
}

extension EdgeCloudRouter {
  public static var revision: Int { 1 }
  public static var dependsOnSeed: Bool { false }
  public static var usesThreshold: Bool { true }
  public var fitReport: [String: String] { [:] }
}

/// The configuration of a router without hyperparameters.
public struct NoEdgeCloudConfiguration: EdgeCloudConfiguration {
  public init() {}
}
