public import BenchCore
public import Routers
public import Foundation
internal import Yams

/// A router as an experiment names it: a variant name, the router kind, its hyperparameters and, optionally,
/// features of its own.
public struct RouterVariant: Sendable, Hashable, Codable {
  /// The name tables show ("MLP-paper"); the kind when the experiment gives none.
  public var name: String
  /// The registry name ("MLP").
  public var kind: String
  /// Hyperparameters, laid over the router's defaults.
  public var values: [String: ConfigValue]
  /// Features for this variant only (else the experiment's).
  public var features: FeatureKey?
  /// Cost scale for this variant only (else the experiment's): the reference code's Linear uses 1.
  public var costScale: Double?
  /// Estimated seconds of one run of this variant, for balancing shards (else `RunCostModel`'s figure for the
  /// kind). Not part of any run's identity.
  public var estimatedSeconds: Double?
  /// Run this variant on the experiment's first `seedCount` seeds only (else on all of them): the default
  /// experiment's end-to-end routers run one seed.
  public var seedCount: Int?

  public init(name: String, kind: String, values: [String: ConfigValue] = [:], features: FeatureKey? = nil,
              costScale: Double? = nil, estimatedSeconds: Double? = nil, seedCount: Int? = nil) {
    self.name = name
    self.kind = kind
    self.values = values
    self.features = features
    self.costScale = costScale
    self.estimatedSeconds = estimatedSeconds
    self.seedCount = seedCount
  }
}

/// An external router's score file.
public struct ExternalScores: Sendable, Hashable, Codable {
  public var name: String
  public var path: String
  public init(name: String, path: String) {
    self.name = name
    self.path = path
  }
}

/// An experiment as data: which routers (with hyperparameters), the λ grid, the seeds, the features, the
/// objective, external score files. Read from YAML (`run --config`), built from CLI flags, or the default of
/// `reproduce`; stored with its runs, so a report shows exactly what one experiment asked for.
public struct Experiment: Sendable, Hashable, Codable {
  public var name: String
  public var routers: [RouterVariant]
  public var lambdas: [Lambda]
  /// Seeds of seed-dependent routers; deterministic routers run with the first only.
  public var seeds: [UInt64]
  public var features: FeatureKey
  public var costScale: Double
  /// Overrides the database's correctness threshold when set.
  public var correctThreshold: Float?
  public var external: [ExternalScores]
  /// The stored split to train, select and test on.
  public var split: String

  public init(name: String, routers: [RouterVariant], lambdas: [Lambda] = Lambda.paperGrid,
              seeds: [UInt64] = [1, 2, 3, 4, 5], features: FeatureKey = .paperDefault,
              costScale: Double = Objective.defaultCostScale, correctThreshold: Float? = nil,
              external: [ExternalScores] = [], split: String = "default") {
    self.name = name
    self.routers = routers
    self.lambdas = lambdas
    self.seeds = seeds
    self.features = features
    self.costScale = costScale
    self.correctThreshold = correctThreshold
    self.external = external
    self.split = split
  }

  /// The experiment as canonical JSON (stored with its runs).
  public var definitionJSON: String { ConfigurationCoding.canonicalJSON(self) }

  /// Variants of `spec` (names and groups, comma-separated) with default hyperparameters.
  public static func variants(_ spec: String, registry: RouterRegistry) throws(RouterError) -> [RouterVariant] {
    try registry.resolve(spec).map { RouterVariant(name: $0.name, kind: $0.name) }
  }

  /// The registry with this experiment's external routers added (`sha256` gives each file's content hash).
  public func registry(_ base: RouterRegistry, sha256: (String) throws -> String) throws -> RouterRegistry {
    var r = base
    for e in external { try r.registerExternal(name: e.name, path: e.path, sha256: try sha256(e.path)) }
    return r
  }

  /// Every run the experiment asks for: variant × λ × seed, in variant order. λ-independent routers run once per
  /// seed, deterministic ones once; external routers come last. Every variant's hyperparameters are checked
  /// here, before any work starts.
  public func plan(registry: RouterRegistry, context: PlanContext) throws -> [RunSpec] {
    var out: [RunSpec] = []
    let variants = routers + external.map { RouterVariant(name: $0.name, kind: $0.name) }
    var seen = Set<String>()
    for v in variants {
      guard seen.insert(v.name.lowercased()).inserted else {
        throw SweepError.invalidExperiment(source: name, message: "two routers are named '\(v.name)'")
      }
      let e = try registry.entry(named: v.kind)
      let made = try e.make(v.values, "experiment '\(name)', router \(v.name)")
      let features: FeatureKey? = e.needsFeatures ? (v.features ?? e.defaultFeatures ?? self.features) : nil
      var hashes: [String]?
      if let f = features {
        hashes = try f.sets.map { s in
          guard let h = context.featureHashes[s] else { throw SweepError.missingFeatureSet(s, stored: context.featureHashes.keys.sorted()) }
          return h
        }
      }
      let ls: [Lambda] = e.operatingPoints ?? (e.dependsOnLambda ? lambdas : [.notApplicable])
      let ss = e.dependsOnSeed ? Array(seeds.prefix(v.seedCount ?? seeds.count)) : Array(seeds.prefix(1))
      for l in ls {
        for s in ss {
          let id = RunIdentity(
            router: e.name, variant: v.name, revision: e.revision, configuration: made.configurationJSON, lambda: l,
            seed: s, costScale: v.costScale ?? costScale, correctThreshold: correctThreshold ?? context.correctThreshold,
            features: features, featureSHA256: hashes, split: context.split, benchmark: context.fingerprint,
            textSHA256: made.textRequest == nil ? nil : context.promptsSHA256)
          out.append(RunSpec(identity: id, family: e.family, isUpperBound: e.isUpperBound, values: v.values,
                             estimatedSeconds: v.estimatedSeconds))
        }
      }
    }
    return out
  }
}

// MARK: - Experiment files

extension Experiment {
  /// The top-level keys of an experiment file.
  static let fileKeys = ["experiment", "routers", "lambdas", "seeds", "features", "fusion", "cost_scale",
                         "correct_threshold", "external", "split"]

  /// Reads an experiment file (YAML; see experiments/*.yaml and docs/experiments.md).
  ///
  /// An unknown key, a bad value, an unknown router or a hyperparameter the router does not have is an error
  /// naming the file, the key (and its line) and the valid choices. Relative external paths are taken from the
  /// file's folder.
  public static func load(path: String, registry: RouterRegistry) throws -> Experiment {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SweepError.invalidExperiment(source: path, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SweepError.invalidExperiment(source: path, message: "not UTF-8 text")
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent()
    return try parse(text, source: path, registry: registry, baseDirectory: base)
  }

  /// Parses experiment YAML; `source` names it in errors.
  public static func parse(_ text: String, source: String, registry: RouterRegistry,
                           baseDirectory: URL? = nil) throws -> Experiment {
    func fail(_ message: String, _ node: Node? = nil) -> SweepError {
      let at = node?.mark.map { ":\($0.line)" } ?? ""
      return .invalidExperiment(source: source + at, message: message)
    }
    let root: Node
    do {
      guard let r = try Yams.compose(yaml: text) else { throw fail("the file is empty") }
      root = r
    } catch let e as SweepError { throw e } catch {
      throw fail("not valid YAML: \(error)")
    }
    guard let top = root.mapping else { throw fail("expected a mapping of keys (experiment, routers, lambdas, …)", root) }
    var fields: [String: Node] = [:]
    for (k, v) in top {
      guard let key = k.string else { throw fail("keys must be strings", k) }
      guard fileKeys.contains(key) else {
        throw fail("unknown key '\(key)'; valid keys: \(fileKeys.joined(separator: ", "))", k)
      }
      fields[key] = v
    }
    guard let nameNode = fields["experiment"], let name = nameNode.string, !name.isEmpty else {
      throw fail("'experiment: NAME' is required (the name reports select with --experiment)", root)
    }
    var experiment = Experiment(name: name, routers: [])
    if let n = fields["lambdas"] {
      let items: [Node] = n.sequence.map(Array.init) ?? (n.string?.split(separator: ",").map { Node(String($0)) } ?? [])
      experiment.lambdas = try items.map { item in
        guard let s = item.string, let l = Lambda(parsing: s), l.isApplicable else {
          throw fail("lambdas: '\(item.string ?? "?")' is not a number ≥ 0 or inf", item)
        }
        return l
      }
      guard !experiment.lambdas.isEmpty else { throw fail("lambdas: give at least one value", n) }
    }
    if let n = fields["seeds"] {
      if let seq = n.sequence {
        experiment.seeds = try seq.map { s in
          guard let v = s.string.flatMap({ UInt64($0) }) else { throw fail("seeds: '\(s.string ?? "?")' is not a whole number ≥ 0", s) }
          return v
        }
      } else if let count = n.string.flatMap({ Int($0) }), count >= 1 {
        experiment.seeds = (1...count).map(UInt64.init)
      } else {
        throw fail("seeds: a count ≥ 1 (seeds 1…N) or a list of seeds", n)
      }
      guard !experiment.seeds.isEmpty else { throw fail("seeds: give at least one seed", n) }
    }
    do {
      if let n = fields["features"] {
        guard let s = n.string else { throw fail("features: a feature set, or two joined by '+'", n) }
        experiment.features = try FeatureKey(parsing: s, fusion: fields["fusion"]?.string)
      } else if let f = fields["fusion"]?.string {
        experiment.features = try FeatureKey(parsing: FeatureKey.paperDefault.sets.joined(separator: "+"), fusion: f)
      }
    } catch let e as BenchCoreError { throw fail("\(e)", fields["features"] ?? fields["fusion"]) }
    if let n = fields["cost_scale"] {
      guard let v = n.string.flatMap(Double.init), v.isFinite, v >= 0 else { throw fail("cost_scale: a number ≥ 0", n) }
      experiment.costScale = v
    }
    if let n = fields["correct_threshold"] {
      guard let v = n.string.flatMap(Float.init), v.isFinite, v > 0, v <= 1 else {
        throw fail("correct_threshold: a number in (0, 1]", n)
      }
      experiment.correctThreshold = v
    }
    if let n = fields["split"] {
      guard let s = n.string, !s.isEmpty else { throw fail("split: the name of a stored split", n) }
      experiment.split = s
    }
    if let n = fields["external"] {
      guard let m = n.mapping else { throw fail("external: a mapping NAME: FILE", n) }
      for (k, v) in m {
        guard let name = k.string, let file = v.string else { throw fail("external: a mapping NAME: FILE", k) }
        let resolved = file.hasPrefix("/") || baseDirectory == nil ? file : baseDirectory!.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: resolved) else { throw fail("external \(name): no file at \(resolved)", v) }
        experiment.external.append(ExternalScores(name: name, path: resolved))
      }
    }
    guard let routersNode = fields["routers"] else { throw fail("'routers:' is required (a list of names or groups, or a mapping of variants)", root) }
    experiment.routers = try parseRouters(routersNode, experiment: experiment, registry: registry, fail: fail)
    // Check every variant's hyperparameters now, before any work.
    for v in experiment.routers {
      if let problem = check(v, registry: registry, context: "\(source), router \(v.name)") {
        throw SweepError.invalidExperiment(source: source, message: problem)
      }
    }
    return experiment
  }

  /// The error of making `v` with its hyperparameters, if any.
  static func check(_ v: RouterVariant, registry: RouterRegistry, context: String) -> String? {
    let result = Result { () throws(RouterError) in try registry.entry(named: v.kind).make(v.values, context) }
    if case .failure(let e) = result { return e.description }
    return nil
  }

  static func parseRouters(_ node: Node, experiment: Experiment, registry: RouterRegistry,
                           fail: (String, Node?) -> SweepError) throws -> [RouterVariant] {
    func resolve(_ spec: String, _ at: Node) throws -> [RouterVariant] {
      do { return try variants(spec, registry: registry) } catch { throw fail("\(error)", at) }
    }
    if let seq = node.sequence {
      return try seq.flatMap { item -> [RouterVariant] in
        guard let s = item.string else { throw fail("routers: list router names or groups (or use a mapping for variants)", item) }
        return try resolve(s, item)
      }
    }
    if let s = node.string { return try resolve(s, node) }
    guard let m = node.mapping else { throw fail("routers: a list of names or groups, or a mapping NAME: {router: KIND, …}", node) }
    var out: [RouterVariant] = []
    for (k, v) in m {
      guard let name = k.string, !name.isEmpty else { throw fail("routers: names must be strings", k) }
      if v.null != nil || v.mapping?.isEmpty == true, RouterRegistry.groups[name.lowercased()] != nil {
        out += try resolve(name, k)
        continue
      }
      var kind = name
      var values: [String: ConfigValue] = [:]
      var features: String?, fusion: String?
      var variantScale: Double?
      var estimate: Double?
      var seedCount: Int?
      if let params = v.mapping {
        for (pk, pv) in params {
          guard let key = pk.string else { throw fail("router \(name): keys must be strings", pk) }
          switch key {
          case "router":
            guard let s = pv.string else { throw fail("router \(name): 'router' names a router kind", pv) }
            kind = s
          case "features": features = pv.string
          case "fusion": fusion = pv.string
          case "cost_scale":
            guard let v = pv.string.flatMap(Double.init), v.isFinite, v >= 0 else {
              throw fail("router \(name): cost_scale must be a number ≥ 0", pv)
            }
            variantScale = v
          case "estimated_seconds":
            guard let v = pv.string.flatMap(Double.init), v.isFinite, v >= 0 else {
              throw fail("router \(name): estimated_seconds must be a number ≥ 0 (seconds of one run, for balancing shards)", pv)
            }
            estimate = v
          case "seeds":
            guard let n = pv.int, n >= 1 else {
              throw fail("router \(name): seeds must be an integer ≥ 1 (the variant runs on the experiment's first N seeds)", pv)
            }
            seedCount = n
          default: values[key] = try configValue(pv, fail: fail)
          }
        }
      } else if v.null == nil {
        throw fail("router \(name): expected a mapping of hyperparameters (or nothing)", v)
      }
      guard let entry = try? registry.entry(named: kind) else {
        throw fail("router \(name): unknown router kind '\(kind)'; valid: \(registry.entries.map(\.name).joined(separator: ", "))", v)
      }
      var key: FeatureKey?
      if features != nil || fusion != nil {
        do {
          key = try FeatureKey(parsing: features ?? experiment.features.sets.joined(separator: "+"),
                               fusion: fusion ?? (features == nil ? nil : experiment.features.fusion.rawValue))
        } catch { throw fail("router \(name): \(error)", v) }
      }
      out.append(RouterVariant(name: name, kind: entry.name, values: values, features: key, costScale: variantScale,
                               estimatedSeconds: estimate, seedCount: seedCount))
    }
    return out
  }

  /// A YAML value as a config value: integers, numbers, booleans, null and strings by YAML's core schema.
  static func configValue(_ n: Node, fail: (String, Node?) -> SweepError) throws -> ConfigValue {
    switch n {
    case .scalar(let s):
      if n.null != nil { return .null }
      if s.style == .plain {
        if let b = n.bool { return .bool(b) }
        if let i = Int(s.string) { return .int(i) }
        if let d = n.float, d.isFinite { return .double(d) }
      }
      return .string(s.string)
    case .sequence(let seq): return .array(try seq.map { try configValue($0, fail: fail) })
    case .mapping(let m):
      var o: [String: ConfigValue] = [:]
      for (k, v) in m {
        guard let key = k.string else { throw fail("keys must be strings", k) }
        o[key] = try configValue(v, fail: fail)
      }
      return .object(o)
    case .alias: throw fail("YAML aliases are not supported here", n)
    }
  }
}
