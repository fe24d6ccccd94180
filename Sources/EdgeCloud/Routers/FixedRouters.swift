public import BenchCore

/// Every query to the cloud model (ECVL-Router's All-at-Large baseline).
public struct AllAtLarge: EdgeCloudRouter {
  public static let kind = "All-at-Large"
  public static let summary = "every query to the cloud (large) model"
  public static let usesThreshold = false
  public let configuration: NoEdgeCloudConfiguration
  public var branches: [RouterBranch] { [] }

  public init(configuration: NoEdgeCloudConfiguration = NoEdgeCloudConfiguration()) {
    self.configuration = configuration
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<AllAtLarge>, using rng: inout SplitMix64) {}

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) -> [Float] { Array(repeating: 0, count: rows.count) }
}

/// Every query to the edge model (All-at-Small).
public struct AllAtSmall: EdgeCloudRouter {
  public static let kind = "All-at-Small"
  public static let summary = "every query to the edge (small) model"
  public static let usesThreshold = false
  public let configuration: NoEdgeCloudConfiguration
  public var branches: [RouterBranch] { [] }

  public init(configuration: NoEdgeCloudConfiguration = NoEdgeCloudConfiguration()) {
    self.configuration = configuration
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<AllAtSmall>, using rng: inout SplitMix64) {}

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) -> [Float] { Array(repeating: 1, count: rows.count) }
}

/// A seeded coin per query: the edge with probability `edgeRate` (Table 3's Random, CA = 0.5).
public struct RandomRouter: EdgeCloudRouter {
  public struct Configuration: EdgeCloudConfiguration {
    /// Share of queries sent to the edge, in [0, 1].
    public var edgeRate: Double = 0.5
    public init() {}
    enum CodingKeys: String, CodingKey { case edgeRate = "edge_rate" }
  }

  public static let kind = "Random"
  public static let summary = "a seeded coin per query: edge with probability edge_rate (0.5)"
  public static let usesThreshold = false
  public static let dependsOnSeed = true
  public let configuration: Configuration
  public var branches: [RouterBranch] { [] }
  private var seed: UInt64?

  public init(configuration: Configuration = Configuration()) throws(EdgeCloudError) {
    guard configuration.edgeRate.isFinite, (0...1).contains(configuration.edgeRate) else {
      throw EdgeCloudError(.router, "edge_rate \(configuration.edgeRate) is outside [0, 1]", key: Self.kind)
    }
    self.configuration = configuration
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<RandomRouter>,
                           using rng: inout SplitMix64) {
    seed = rng.next()
  }

  /// The coin of row i depends on the seed and i only, so a row gets the same decision in any batch.
  public func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float] {
    guard let seed else { throw EdgeCloudError(.router, "probabilities() before fit()", key: Self.kind) }
    let root = SplitMix64(seed: seed)
    return rows.map { i in
      var g = root.derived("row/\(i)")
      return g.nextUnit() < configuration.edgeRate ? 1 : 0
    }
  }
}
