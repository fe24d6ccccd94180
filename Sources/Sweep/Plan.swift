public import BenchCore
public import Routers

/// One run of the sweep: a router at one λ and one seed, on one feature set.
public struct RunSpec: Sendable, Hashable, Codable {
  public var router: String
  public var family: RouterFamily
  /// λ, or nil for routers that do not depend on λ (they run once and appear in every λ table).
  public var lambda: Double?
  public var seed: UInt64
  public var featureSet: String?
  public var costScale: Double

  public init(router: String, family: RouterFamily, lambda: Double?, seed: UInt64, featureSet: String?,
              costScale: Double) {
    self.router = router
    self.family = family
    self.lambda = lambda
    self.seed = seed
    self.featureSet = featureSet
    self.costScale = costScale
  }

  /// "0", "10", …, "inf", or "-" when the router does not depend on λ.
  public var lambdaLabel: String { lambda.map(Objective.label) ?? "-" }

  /// The name results are stored and reported under: the router's name, with the feature key appended when the
  /// run does not use the default features (so `MLP` on GMU fusion is its own column, `MLP[text+image/gmu]`).
  public var displayName: String {
    guard let f = featureSet, f != SweepConfig.defaultFeatureSet else { return router }
    return "\(router)[\(f)]"
  }

  /// A stable identity for resume: the same key means the same work.
  public var key: String {
    "\(router)|λ=\(lambdaLabel)|seed=\(seed)|features=\(featureSet ?? "-")|scale=\(Objective.label(costScale))"
  }
}

/// What to sweep.
public struct SweepConfig: Sendable {
  public var routers: [RouterRegistry.Entry]
  public var lambdas: [Double]
  /// Seeds used, e.g. [1, 2, 3, 4, 5]. Routers that do not depend on the seed run with the first only.
  public var seeds: [UInt64]
  public var featureSet: String?
  public var costScale: Double

  public static let paperLambdas: [Double] = [0, 10, 100, 1000, 10_000, .infinity]
  /// The features of the paper's sweeps: text and image embeddings, L2-normalised per view and concatenated.
  public static let defaultFeatureSet = "text+image/normalize_concat"

  public init(routers: [RouterRegistry.Entry], lambdas: [Double] = SweepConfig.paperLambdas,
              seeds: [UInt64] = [1, 2, 3, 4, 5], featureSet: String? = nil,
              costScale: Double = Objective.defaultCostScale) {
    self.routers = routers
    self.lambdas = lambdas
    self.seeds = seeds
    self.featureSet = featureSet
    self.costScale = costScale
  }

  /// router × λ × seed, in registry order; deterministic routers once, λ-independent routers once per seed.
  public func plan() -> [RunSpec] {
    var out: [RunSpec] = []
    for e in routers {
      let ls: [Double?] = e.dependsOnLambda ? lambdas.map { $0 } : [nil]
      let ss = e.dependsOnSeed ? seeds : Array(seeds.prefix(1))
      for l in ls {
        for s in ss {
          out.append(RunSpec(router: e.name, family: e.family, lambda: l, seed: s,
                             featureSet: e.needsFeatures ? featureSet : nil, costScale: costScale))
        }
      }
    }
    return out
  }
}

/// Selects one slice of a plan for a cluster job array: shard i of n takes every n-th run starting at i.
public func shard(_ plan: [RunSpec], index: Int, of count: Int) -> [RunSpec] {
  precondition(count > 0 && (0..<count).contains(index))
  return plan.enumerated().filter { $0.offset % count == index }.map(\.element)
}
