public import BenchCore
internal import Foundation

/// What one run is expected to cost, for balancing the shards of a job array (docs/slurm.md, "How runs are
/// split").
///
/// A run's estimate, in seconds, is the first of: the experiment's `estimated_seconds` for its variant, this
/// model's figure for its router kind, its family's figure. Only the ratios matter for balancing (every run of a
/// plan is on the same data), so the figures need not match another machine or scale; they are what the
/// committed full-scale run measured (`results/timings.csv`: mean train + route seconds of a release build, two
/// runs side by side on two cores) plus `overheadSeconds` for storing a run (its decisions and results).
public struct RunCostModel: Sendable, Hashable {
  /// Seconds per run by router kind (case-insensitive).
  public var byKind: [String: Double]
  /// Seconds per run of a kind the table does not list, by family.
  public var byFamily: [RouterFamily: Double]
  /// Seconds every run adds whatever its router (saving its decisions and results).
  public var overheadSeconds: Double

  public init(byKind: [String: Double], byFamily: [RouterFamily: Double], overheadSeconds: Double) {
    self.byKind = Dictionary(byKind.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    self.byFamily = byFamily
    self.overheadSeconds = overheadSeconds
  }

  /// The built-in table (docs/slurm.md lists it with where each figure comes from). A router added to the
  /// registry gets its family's figure until a measured one is added here.
  public static let builtIn = RunCostModel(
    byKind: [
      "Oracle": 0.0026, "Strongest": 0.0010, "Cheapest": 0.0006, "StrongestPerDataset": 0.0014,
      "Random": 0.0017, "BestValuePerDataset": 0.0047,
      "KNN": 2.64, "PRkNN": 2.93, "OVR": 15.9, "K-means": 0.256, "Linear": 0.348, "MLP": 2.00,
      // Full-scale runs at the defaults (3 epochs over 20,440 rows), from the fitting thread's CPU seconds of one
      // measured epoch (33 s, dual stream) and of the default experiment's runs (docs/end-to-end.md, "Times").
      "CosineCls": 105, "RouterDC": 110, "VLC": 105, "ZOOTER": 45,
    ],
    byFamily: [
      .baseline: 0.005,
      .feature: 15.9,
      // The dearest end-to-end router's figure.
      .endToEnd: 110,
      .scenario: 15.9,
      // Scores read from a file.
      .external: 0.01,
    ],
    // Release build, full scale: 6, 25 and 65 baseline runs in one process took 1.74, 4.33 and 7.98 s, i.e.
    // 0.106 s per run of which ~0.003 s is the routers' own work (docs/slurm.md).
    overheadSeconds: 0.10)

  /// The estimated seconds of one run.
  public func estimate(_ spec: RunSpec) -> Double {
    if let s = spec.estimatedSeconds { return s + overheadSeconds }
    let base = byKind[spec.identity.router.lowercased()] ?? byFamily[spec.family] ?? byFamily[.feature] ?? 1
    return base + overheadSeconds
  }
}

/// A plan split into shards of about equal estimated cost, for a job array (`run --shard i/n`, `routerbench
/// slurm`).
///
/// Longest-processing-time-first: runs in decreasing estimated cost (ties in plan order) each go to the shard
/// with the least cost so far (ties to the lowest index), which keeps the dearest shard within 4/3 of the best
/// possible split. Within a shard runs keep their plan order. The split depends only on the plan, the shard
/// count and the cost model — not on which runs are already stored — so every task of an array, and a
/// re-submitted array, computes the same shards, and each task skips the runs of its shard that are finished.
public struct ShardPlan: Sendable {
  /// The runs of each shard, in plan order.
  public let shards: [[RunSpec]]
  /// Estimated seconds of each shard.
  public let estimatedSeconds: [Double]
  /// SHA-256 over every shard's run keys: two tasks run the same split exactly when their digests agree.
  public let digest: String

  public init(_ plan: [RunSpec], shards count: Int, costs: RunCostModel = .builtIn) {
    precondition(count > 0, "a plan is split into at least one shard")
    let cost = plan.map(costs.estimate)
    let order = plan.indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
    var members = Array(repeating: [Int](), count: count)
    var load = Array(repeating: 0.0, count: count)
    for i in order {
      var best = 0
      for s in 1..<count where load[s] < load[best] { best = s }
      members[best].append(i)
      load[best] += cost[i]
    }
    shards = members.map { $0.sorted().map { plan[$0] } }
    estimatedSeconds = load
    var h = SHA256()
    for (s, runs) in shards.enumerated() {
      for r in runs { h.update(Array("\(s) \(r.key)\n".utf8)) }
    }
    h.update(Array("shards \(count)\n".utf8))
    digest = h.hexDigest()
  }
}
