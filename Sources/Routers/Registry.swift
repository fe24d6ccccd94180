internal import BenchCore

/// Names routers for the command line and configs, and makes fresh instances.
public struct RouterRegistry: Sendable {
  public struct Entry: Sendable {
    public var name: String
    public var family: RouterFamily
    public var dependsOnLambda: Bool
    public var dependsOnSeed: Bool
    public var needsFeatures: Bool
    public var supportsTrainableFusion: Bool = false
    public var summary: String
    public var make: @Sendable () -> any Router

    public init<R: Router>(_ type: R.Type, make: @escaping @Sendable () -> R) {
      name = R.name
      family = R.family
      dependsOnLambda = R.dependsOnLambda
      dependsOnSeed = R.dependsOnSeed
      needsFeatures = R.needsFeatures
      supportsTrainableFusion = R.supportsTrainableFusion
      summary = R.summary
      self.make = make
    }

    /// An entry whose name is chosen at run time (external routers: one per `--external NAME=FILE`).
    public init(name: String, family: RouterFamily, dependsOnLambda: Bool = false, dependsOnSeed: Bool = false,
                needsFeatures: Bool = false, summary: String, make: @escaping @Sendable () -> any Router) {
      self.name = name
      self.family = family
      self.dependsOnLambda = dependsOnLambda
      self.dependsOnSeed = dependsOnSeed
      self.needsFeatures = needsFeatures
      self.summary = summary
      self.make = make
    }
  }

  public private(set) var entries: [Entry] = []

  public init(_ entries: [Entry] = []) {
    for e in entries { register(e) }
  }

  /// Adds a router; a second router with the same name replaces the first.
  public mutating func register(_ e: Entry) {
    if let i = entries.firstIndex(where: { $0.name == e.name }) { entries[i] = e } else { entries.append(e) }
  }

  /// Groups usable in `--routers`: `all`, `baselines`, `feature`, `end-to-end`.
  public static let groups: [String: @Sendable (Entry) -> Bool] = [
    "all": { _ in true },
    "baselines": { $0.family == .baseline },
    "feature": { $0.family == .feature },
    "end-to-end": { $0.family == .endToEnd },
  ]

  /// Resolves a comma-separated list of names and groups (case-insensitive), keeping registry order and
  /// removing duplicates. Unknown names throw with the list of valid ones.
  public func resolve(_ spec: String) throws(RouterError) -> [Entry] {
    var wanted = Set<String>()
    for raw in spec.split(separator: ",") {
      let token = raw.trimmingCharactersInSpaces().lowercased()
      if token.isEmpty { continue }
      if let g = Self.groups[token] {
        for e in entries where g(e) { wanted.insert(e.name) }
      } else if let e = entries.first(where: { $0.name.lowercased() == token }) {
        wanted.insert(e.name)
      } else {
        throw .unknownRouter(String(raw), valid: Self.groups.keys.sorted() + entries.map(\.name))
      }
    }
    return entries.filter { wanted.contains($0.name) }
  }

  public func entry(named name: String) throws(RouterError) -> Entry {
    guard let e = entries.first(where: { $0.name.lowercased() == name.lowercased() }) else {
      throw .unknownRouter(name, valid: entries.map(\.name))
    }
    return e
  }

  /// Every router that ships with RouterBench, in table order.
  public static var builtIn: RouterRegistry {
    RouterRegistry([
      .init(OracleRouter.self) { OracleRouter() },
      .init(StrongestRouter.self) { StrongestRouter() },
      .init(CheapestRouter.self) { CheapestRouter() },
      .init(StrongestPerDatasetRouter.self) { StrongestPerDatasetRouter() },
      .init(RandomRouter.self) { RandomRouter() },
      .init(BestValuePerDatasetRouter.self) { BestValuePerDatasetRouter() },
      .init(KNNRouter.self) { KNNRouter() },
      .init(PRkNNRouter.self) { PRkNNRouter() },
      .init(OVRRouter.self) { OVRRouter() },
      .init(KMeansRouter.self) { KMeansRouter() },
      .init(LinearRouter.self) { LinearRouter() },
      .init(MLPRouter.self) { MLPRouter() },
    ])
  }
}

extension Substring {
  func trimmingCharactersInSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
