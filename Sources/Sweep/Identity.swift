public import BenchCore
public import Routers
internal import BenchStore
internal import Foundation

/// Everything that can change a run's outcome, and nothing else (docs/architecture.md, "Run identity").
///
/// Two runs with the same identity compute the same result, so a stored run is reused exactly when its identity
/// matches; change a hyperparameter, λ, the cost scale, the correctness threshold, the features (or their
/// content), the split, the benchmark's data, an external file, or the router's algorithm revision, and it is a
/// new run. `key` is the SHA-256 of the canonical JSON (sorted keys), stored as the run's unique key.
public struct RunIdentity: Sendable, Hashable, Codable {
  /// The router kind ("MLP").
  public var router: String
  /// The variant name the experiment gave it ("MLP-paper"; the kind by default).
  public var variant: String
  /// `Router.revision` of the code that ran.
  public var revision: Int
  /// The router's configuration, canonical JSON (every hyperparameter, defaults included).
  public var configuration: String
  public var lambda: Lambda
  public var seed: UInt64
  /// λ multiplies cost in USD × this (decision 5).
  public var costScale: Double
  /// A sample is correct when its score ≥ this.
  public var correctThreshold: Float
  public var features: FeatureKey?
  /// SHA-256 of each feature set's stored content, in `features.sets` order.
  public var featureSHA256: [String]?
  /// The stored split's name (its members are in `benchmark`).
  public var split: String
  /// `Benchmark.fingerprint(split:)` of the data the run is computed on.
  public var benchmark: String
  /// SHA-256 of the prompts (every sample's key and text, `PlanContext.promptsSHA256`) for routers that read the
  /// prompt text itself (the end-to-end routers' `TextRequest`); nil, and absent from the canonical JSON, for every
  /// other router, whose keys it therefore leaves unchanged. The benchmark fingerprint covers token counts, not text.
  public var textSHA256: String?

  public init(router: String, variant: String, revision: Int, configuration: String, lambda: Lambda, seed: UInt64,
              costScale: Double, correctThreshold: Float, features: FeatureKey?, featureSHA256: [String]?,
              split: String, benchmark: String, textSHA256: String? = nil) {
    self.router = router
    self.variant = variant
    self.revision = revision
    self.configuration = configuration
    self.lambda = lambda
    self.seed = seed
    self.costScale = costScale
    self.correctThreshold = correctThreshold
    self.features = features
    self.featureSHA256 = featureSHA256
    self.split = split
    self.benchmark = benchmark
    self.textSHA256 = textSHA256
  }

  /// The canonical JSON: sorted keys, no whitespace.
  public var canonicalJSON: String { ConfigurationCoding.canonicalJSON(self) }

  /// SHA-256 of `canonicalJSON`.
  public var key: String {
    var h = SHA256()
    h.update(Array(canonicalJSON.utf8))
    return h.hexDigest()
  }
}

/// One run of a sweep: its identity and what the runner needs to make and report the router.
public struct RunSpec: Sendable, Hashable {
  public var identity: RunIdentity
  public var family: RouterFamily
  public var isUpperBound: Bool
  /// The hyperparameters given (laid over the router's defaults when it is made).
  public var values: [String: ConfigValue]
  /// The experiment's estimate of this run's seconds (its variant's `estimated_seconds`), for balancing shards;
  /// nil takes `RunCostModel`'s figure. Not part of the identity.
  public var estimatedSeconds: Double?
  /// `identity.key`, computed once.
  public let key: String

  public init(identity: RunIdentity, family: RouterFamily, isUpperBound: Bool, values: [String: ConfigValue],
              estimatedSeconds: Double? = nil) {
    self.identity = identity
    self.family = family
    self.isUpperBound = isUpperBound
    self.values = values
    self.estimatedSeconds = estimatedSeconds
    key = identity.key
  }

  /// What the run's random generator is derived from (with the seed): the router kind, λ, seed, features and cost
  /// scale. Not the variant name or the data fingerprint, so renaming a variant or re-importing identical data
  /// does not reshuffle a router's initialisation.
  var generatorKey: String {
    let f = identity.features?.label ?? "-"
    return "\(identity.router)|λ=\(identity.lambda.label)|seed=\(identity.seed)|features=\(f)|scale=\(shortNumber(identity.costScale))"
  }

  /// `MLP-paper λ=10 seed=2`, for progress lines and errors.
  public var title: String {
    var s = identity.variant
    if identity.lambda.isApplicable { s += " λ=\(identity.lambda.label)" }
    return s + " seed=\(identity.seed)"
  }
}

/// What planning needs to know about the data: its fingerprint, split, threshold and feature-set hashes.
public struct PlanContext: Sendable {
  public var fingerprint: String
  public var split: String
  public var correctThreshold: Float
  /// Stored feature sets' content hashes by name.
  public var featureHashes: [String: String]
  /// SHA-256 of the stored prompts (`promptsFingerprint`), the identity of runs that read prompt text; nil when the
  /// store has none readable (such runs then fail on their missing text, never reuse a run of other prompts).
  public var promptsSHA256: String?

  public init(fingerprint: String, split: String, correctThreshold: Float, featureHashes: [String: String],
              promptsSHA256: String? = nil) {
    self.fingerprint = fingerprint
    self.split = split
    self.correctThreshold = correctThreshold
    self.featureHashes = featureHashes
    self.promptsSHA256 = promptsSHA256
  }

  /// SHA-256 over every sample's key and prompt, in the store's order.
  public static func promptsFingerprint(_ prompts: [(key: String, prompt: String)]) -> String {
    var h = SHA256()
    h.update(Array("routerbench-prompts-v1".utf8))
    for p in prompts {  // length-prefixed, so no key or prompt text can make two lists hash alike
      let key = Array(p.key.utf8), text = Array(p.prompt.utf8)
      h.update(Array("\n\(key.count):".utf8) + key + Array(" \(text.count):".utf8) + text)
    }
    return h.hexDigest()
  }
}
