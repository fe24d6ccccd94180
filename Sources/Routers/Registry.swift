public import BenchCore

/// Names routers for the command line and configs, and makes fresh instances.
public struct RouterRegistry: Sendable {
  public struct Entry: Sendable {
    /// The router kind ("MLP").
    public var name: String
    public var family: RouterFamily
    public var dependsOnLambda: Bool
    public var dependsOnSeed: Bool
    public var needsFeatures: Bool
    public var supportsTrainableFusion: Bool
    /// The feature set the router reads when its variant names none (`Router.defaultFeatures`).
    public var defaultFeatures: FeatureKey?
    /// Whether the router reads the routed rows' labels (`UpperBoundRouter`): reported as an upper bound.
    public var isUpperBound: Bool
    public var summary: String
    public var revision: Int
    /// Every hyperparameter with its default value (the valid keys of an experiment file).
    public var defaults: [String: ConfigValue]
    /// The λ values this entry runs at instead of the experiment's grid: an external file's operating points
    /// (`threshold` or `lambda` column). nil for every built-in router.
    public var operatingPoints: [Lambda]?
    /// A fresh router with `values` laid over the defaults, and its configuration as canonical JSON.
    /// The second argument names where the values come from, for errors.
    public var make: @Sendable (_ values: [String: ConfigValue], _ context: String) throws(RouterError) -> Made

    public init<R: Router>(_ type: R.Type) {
      name = R.name
      family = R.family
      dependsOnLambda = R.dependsOnLambda
      dependsOnSeed = R.dependsOnSeed
      needsFeatures = R.needsFeatures
      supportsTrainableFusion = R.supportsTrainableFusion
      defaultFeatures = R.defaultFeatures
      isUpperBound = R.self is any UpperBoundRouter.Type
      summary = R.summary
      revision = R.revision
      defaults = ConfigurationCoding.validKeys(R.Configuration.self)
      make = { values, context throws(RouterError) in
        let c = try ConfigurationCoding.decode(R.Configuration.self, from: values, router: R.name, context: context)
        return Made(router: try R(configuration: c), configurationJSON: ConfigurationCoding.canonicalJSON(c),
                    textRequest: (c as? any TextInputConfiguration)?.textRequest)
      }
    }

    /// An entry under a name chosen at run time with a fixed configuration (external routers: one per
    /// `--external NAME=FILE`).
    public init<R: Router>(_ type: R.Type, named name: String, summary: String, configuration: R.Configuration) {
      self.init(type)
      self.name = name
      self.summary = summary
      defaults = [:]
      make = { values, context throws(RouterError) in
        guard values.isEmpty else {
          throw .invalidHyperparameter(router: name, message: "\(context): an external router takes no hyperparameters")
        }
        return Made(router: try R(configuration: configuration),
                    configurationJSON: ConfigurationCoding.canonicalJSON(configuration))
      }
    }
  }

  /// A router instance and the canonical JSON of its configuration.
  public struct Made: Sendable {
    public var router: any Router
    public var configurationJSON: String
    /// The text token vectors the router reads (end-to-end routers), which the harness computes once per request.
    public var textRequest: TextRequest?

    public init(router: any Router, configurationJSON: String, textRequest: TextRequest? = nil) {
      self.router = router
      self.configurationJSON = configurationJSON
      self.textRequest = textRequest
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
      .init(OracleRouter.self),
      .init(StrongestRouter.self),
      .init(CheapestRouter.self),
      .init(StrongestPerDatasetRouter.self),
      .init(RandomRouter.self),
      .init(BestValuePerDatasetRouter.self),
      .init(KNNRouter.self),
      .init(PRkNNRouter.self),
      .init(OVRRouter.self),
      .init(KMeansRouter.self),
      .init(LinearRouter.self),
      .init(MLPRouter.self),
      .init(CosineClsRouter.self),
      .init(RouterDCRouter.self),
      .init(VLCRouter.self),
      .init(ZooterRouter.self),
    ])
  }
}

extension Substring {
  func trimmingCharactersInSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
