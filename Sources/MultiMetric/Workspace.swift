public import BenchCore
public import BenchStore
public import EdgeCloud
internal import Encoders
public import Foundation
internal import Learning
public import Routers
public import Sweep

/// One run of the fixed-rate protocol: a router on a pair, at a list of rates, with a split seed and a seed.
public struct QualityRunSpec: Sendable {
  public var variant: QualityRouterVariant
  public var pair: EdgeCloudPair
  public var rates: [RoutingRate]
  public var splitSeed: UInt64
  public var seed: UInt64

  public init(variant: QualityRouterVariant, pair: EdgeCloudPair, rates: [RoutingRate] = RoutingRate.curve,
              splitSeed: UInt64 = 42, seed: UInt64 = 1) {
    self.variant = variant
    self.pair = pair
    self.rates = rates
    self.splitSeed = splitSeed
    self.seed = seed
  }
}

/// A run's result, computed now or read back from the store.
public struct QualityRunResult: Sendable {
  public var spec: QualityRunSpec
  public var stored: StoredMultiMetricRun
  public var computed: Bool
  /// The curve as stored, with `MetricName`s.
  public var curve: DeltaPCurve
}

/// The identity definition of a multi-metric run (canonical JSON inside `RunIdentity.configuration`).
struct QualityRunDefinition: Encodable {
  var protocolName = "routet2i-fixed-rate-v1"
  var router: String
  var configuration: String
  var pair: EdgeCloudPair
  var metrics: MetricCatalog
  var rates: [RoutingRate]
  var tieBreak = "sample-order"
  var split: String
  var trainShare: Double
  var features: String?
  var statistics: [String]

  enum CodingKeys: String, CodingKey {
    case protocolName = "protocol", router, configuration, pair, metrics, rates, tieBreak = "tie_break", split,
         trainShare = "train_share", features, statistics
  }
}

/// A database opened for multi-metric runs: the data snapshot, the metric table and catalog, the text features.
public struct QualityWorkspace: Sendable {
  public let store: BenchStore
  public let snapshot: BenchmarkSnapshot
  public let table: MetricTable
  public let catalog: MetricCatalog
  /// The text feature set read by routers with a text branch (nil: none stored).
  public let textFeatures: String?
  let featureHashes: [String: String]
  var text: Matrix<Float>?
  var pairs: [EdgeCloudPair: PairQuality] = [:]
  /// The MiniLM folder for routers that read the prompts (nil: `MiniLMFiles.locate()`).
  let miniLMDirectory: URL?
  /// The store's prompts (`BenchStore.samplePrompts()`, in the table's row order) and their fingerprint, read on
  /// first use by a router that reads prompt text.
  var storedPrompts: (texts: [String], sha256: String)?
  /// Token states per request, computed once per workspace and shared by every pair and run.
  var promptTokens: [TextRequest: TextTokens] = [:]

  /// - Parameter miniLM: the all-MiniLM-L6-v2 folder for RouteLLM-BERT (default: `MiniLMFiles.locate()`).
  /// - Throws: `MultiMetricError.missingData` when the database has no metric catalog (import multi-metric data
  ///   first) or the named feature set is not stored.
  public init(store: BenchStore, textFeatures: String? = nil, miniLM: URL? = nil) throws {
    self.store = store
    miniLMDirectory = miniLM
    let (snapshot, table) = try store.metricSnapshot()
    self.snapshot = snapshot
    self.table = table
    guard !table.metrics.isEmpty else {
      throw MultiMetricError(.missingData, "the database has no metric catalog: import multi-metric quality with "
                               + "`routerbench multimetric import`", key: store.path)
    }
    catalog = try MetricCatalog(table.metrics.map { m throws(MultiMetricError) in
      try MetricSpec(name: MetricName(m.name), higherIsBetter: m.higherIsBetter, weight: m.weight,
                     description: m.description)
    })
    let hashes = try store.featureSetHashes()
    featureHashes = hashes
    let stored = hashes.keys.sorted()
    if let textFeatures, hashes[textFeatures] == nil {
      throw MultiMetricError(.missingData, "no such feature set (stored: \(stored.isEmpty ? "none" : stored.joined(separator: ", ")))",
                             key: textFeatures)
    }
    self.textFeatures = textFeatures ?? FeatureChoice.textPreference.first { hashes[$0] != nil }
  }

  /// The pair's metric values.
  ///
  /// - Throws: `MultiMetricError.missingData` naming the model when it is not stored, and the sample when a model's
  ///   record has no metric values.
  public mutating func pairQuality(_ pair: EdgeCloudPair) throws -> PairQuality {
    if let p = pairs[pair] { return p }
    let names = table.models.map(\.name)
    func column(_ name: String) throws(MultiMetricError) -> Int {
      guard let k = names.firstIndex(of: name) else {
        throw MultiMetricError(.missingData, "model is not in the database (models: \(names.joined(separator: ", ")))",
                               pair: pair.label, key: name)
      }
      return k
    }
    let e = try column(pair.edge), c = try column(pair.cloud)
    if table.models[e].tier == .cloud && table.models[c].tier == .edge {
      throw MultiMetricError(.invalidValue, "the pair is reversed: \(pair.edge) is stored as a cloud model and "
                               + "\(pair.cloud) as an edge model; write pairs CLOUD/EDGE", pair: pair.label)
    }
    for (k, name) in [(e, pair.edge), (c, pair.cloud)] {
      if let i = (0..<table.sampleCount).first(where: { table.values[k][$0, 0].isNaN }) {
        throw MultiMetricError(.missingData, "model \(name) has no metric values for this sample (records without "
                                 + "metrics — graded or VLMEvalKit imports — cannot be routed by ΔP)",
                               pair: pair.label, key: table.sampleKeys[i])
      }
    }
    let p = try PairQuality(pair: pair, metrics: catalog, sampleKeys: table.sampleKeys, datasets: table.datasets,
                            sampleDataset: table.sampleDataset, prompts: table.prompts, hasImage: table.hasImage,
                            inputTokens: table.inputTokens, edge: table.values[e], cloud: table.values[c])
    pairs[pair] = p
    return p
  }

  mutating func inputs(for variant: QualityRouterVariant, data: PairQuality) throws -> RouterInputs {
    var inputs = try featureInputs(for: variant, data: data)
    if let request = variant.textRequest { inputs.prompts = try tokens(request, router: variant.name) }
    return inputs
  }

  /// The store's prompts in the table's row order, and the SHA-256 of every sample's key and prompt
  /// (`PlanContext.promptsFingerprint`, as end-to-end runs' `textSHA256`).
  mutating func prompts() throws -> (texts: [String], sha256: String) {
    if let storedPrompts { return storedPrompts }
    let stored = try store.samplePrompts()
    guard stored.map(\.sampleID) == table.sampleKeys else {
      throw MultiMetricError(.missingData, "the store's \(stored.count) prompts are not the metric table's "
                               + "\(table.sampleCount) samples in row order", key: store.path)
    }
    let p = (texts: stored.map(\.prompt),
             sha256: PlanContext.promptsFingerprint(stored.map { ($0.sampleID, $0.prompt) }))
    storedPrompts = p
    return p
  }

  /// The prompts' MiniLM token states for `request`: WordPiece, then the states after layer 6 − k (k =
  /// `fineTuneLayers`) and the pretrained top k layers, once per workspace.
  ///
  /// - Throws: `MultiMetricError.missingData` naming `make minilm` when the MiniLM files are absent.
  mutating func tokens(_ request: TextRequest, router: String) throws -> TextTokens {
    if let t = promptTokens[request] { return t }
    let texts = try prompts().texts
    let encoder: MiniLMEncoder
    do {
      encoder = try MiniLMEncoder(files: MiniLMFiles(directory: miniLMDirectory ?? MiniLMFiles.locate()),
                                  maxTokens: request.maxTokens)
    } catch {
      throw MultiMetricError(.missingData, "\(router) fine-tunes all-MiniLM-L6-v2 on the prompts and cannot load it "
                               + "(`make minilm` caches it): \(error)", key: router)
    }
    let states = try encoder.tokenStates(texts, layers: request.cachedLayers)
    let t = TextTokens(request: request, width: states.width, offsets: states.offsets, vectors: states.vectors,
                       truncatedRows: states.truncatedRows,
                       tower: request.fineTuneLayers > 0 ? encoder.model.topLayers(request.fineTuneLayers) : nil)
    promptTokens[request] = t
    return t
  }

  mutating func featureInputs(for variant: QualityRouterVariant, data: PairQuality) throws -> RouterInputs {
    guard variant.branches.contains(.text) else { return try data.inputs(text: nil) }
    if text == nil {
      guard let name = textFeatures else {
        throw MultiMetricError(.missingData, "\(variant.name) reads text features and none is stored; import one "
                                 + "(`routerbench features text`) or pass --text-features NAME", key: variant.name)
      }
      let m = try store.loadFeatures(name: name)
      guard m.rows == table.sampleCount else {
        throw MultiMetricError(.missingData, "feature set has \(m.rows) rows for \(table.sampleCount) samples",
                               key: name)
      }
      text = m
    }
    return try data.inputs(text: text)
  }

  /// The run identity of a spec on this data.
  public mutating func identity(of spec: QualityRunSpec) throws -> RunIdentity {
    let data = try pairQuality(spec.pair)
    let split = try QualitySplit(data: data, seed: spec.splitSeed)
    var h = SHA256()
    h.update(Array(data.fingerprint.utf8))
    for part in [split.train, split.test] {
      h.update([0xFF])
      part.map(Int64.init).withUnsafeBytes { h.update($0) }
    }
    let features = spec.variant.branches.contains(.text) ? textFeatures : nil
    var textSHA256: String?
    if spec.variant.textRequest != nil { textSHA256 = try prompts().sha256 }
    let definition = QualityRunDefinition(
      router: spec.variant.name, configuration: spec.variant.configurationJSON, pair: spec.pair, metrics: catalog,
      rates: spec.rates, split: "multimetric-seed\(spec.splitSeed)", trainShare: split.trainShare, features: features,
      statistics: spec.variant.branches.contains(.statistics)
        ? QueryStatistics.columnNames(datasets: table.datasets) : [])
    return RunIdentity(
      router: spec.variant.name, variant: spec.variant.name, revision: spec.variant.revision,
      configuration: ConfigurationCoding.canonicalJSON(definition), lambda: .notApplicable,
      seed: spec.variant.dependsOnSeed ? spec.seed : 0, costScale: 0, correctThreshold: 0,
      features: features.map { FeatureKey(sets: [$0], fusion: .concat) },
      featureSHA256: features.map { [featureHashes[$0] ?? ""] },
      split: "multimetric-seed\(spec.splitSeed)", benchmark: h.hexDigest(),
      textSHA256: textSHA256)
  }

  /// Runs every spec not stored under its identity (all with `force`), stores each, returns all in order.
  public mutating func execute(_ specs: [QualityRunSpec], force: Bool = false,
                               progress: (String) -> Void = { _ in }) throws -> [QualityRunResult] {
    var out: [QualityRunResult] = []
    for spec in specs {
      let identity = try identity(of: spec)
      if !force, let stored = try store.multiMetricRun(identityKey: identity.key) {
        progress("\(spec.pair.label) \(spec.variant.name): stored")
        out.append(QualityRunResult(spec: spec, stored: stored, computed: false, curve: try curve(of: stored)))
        continue
      }
      let data = try pairQuality(spec.pair)
      let split = try QualitySplit(data: data, seed: spec.splitSeed)
      let inputs = try inputs(for: spec.variant, data: data)
      let outcome = try spec.variant.run(data: data, inputs: inputs, split: split, rates: spec.rates, seed: spec.seed)
      progress("\(spec.pair.label) \(spec.variant.name): fit \(String(format: "%.1f", outcome.trainSeconds)) s, "
               + "ΔP@50% " + (outcome.curve.point(at: .half)?.deltaP.map { String(format: "%.2f", $0) } ?? "n/a"))
      var points: [MultiMetricPointRow] = [], values: [MultiMetricValueRow] = []
      for p in outcome.curve.points {
        points.append(MultiMetricPointRow(rate: p.rate.value, samples: p.samples, cloudShare: p.cloudShare,
                                          deltaP: p.deltaP, undefinedMetrics: p.undefined.map(\.rawValue)))
        for m in p.metrics {
          values.append(MultiMetricValueRow(rate: p.rate.value, metric: m.metric.rawValue, router: m.router,
                                            edge: m.edge, cloud: m.cloud, deltaP: m.deltaP))
        }
      }
      let run = RunToSave(
        identityKey: identity.key, identityJSON: identity.canonicalJSON, router: identity.router,
        variant: identity.variant, family: .multimetric, isUpperBound: false, lambda: .notApplicable,
        seed: identity.seed, featureKey: identity.features, configurationJSON: identity.configuration, costScale: 0,
        bounds: snapshot.benchmark.costBounds, trainSeconds: outcome.trainSeconds, routeSeconds: outcome.routeSeconds,
        routedInputTokens: split.test.reduce(0) { $0 + Int(data.inputTokens[$1]) })
      try store.saveMultiMetricRun(run, points: points, values: values, loadedFrom: snapshot, experiment: nil)
      guard let stored = try store.multiMetricRun(identityKey: identity.key) else {
        throw MultiMetricError(.missingData, "the run was stored but cannot be read back", pair: spec.pair.label,
                               key: spec.variant.name)
      }
      out.append(QualityRunResult(spec: spec, stored: stored, computed: true, curve: outcome.curve))
    }
    return out
  }

  /// A stored run's curve.
  func curve(of stored: StoredMultiMetricRun) throws -> DeltaPCurve {
    DeltaPCurve(points: try stored.points.map { p throws(MultiMetricError) in
      let rate = try RoutingRate(p.rate)
      let values = try stored.values.filter { $0.rate == p.rate }.map { v throws(MultiMetricError) in
        MetricOutcome(metric: try MetricName(v.metric), router: v.router, edge: v.edge, cloud: v.cloud,
                      deltaP: v.deltaP)
      }
      return RateEvaluation(rate: rate, samples: p.samples, cloudShare: p.cloudShare, metrics: values,
                            deltaP: p.deltaP, undefined: try p.undefinedMetrics.map { n throws(MultiMetricError) in try MetricName(n) })
    })
  }
}
