public import BenchCore
public import Learning

/// The built-in hashed n-gram text features (`HashedTextFeaturizer`: word 1–2-grams and character 3–5-grams,
/// 4,096 signed buckets, L2-normalised) as a registry encoder. It needs no model files; `features text` stores
/// the same vectors under the same name and source, so either command leaves the other's set unchanged.
public struct HashedTextEncoder: TextEncoder {
  public let featurizer: HashedTextFeaturizer

  public init(featurizer: HashedTextFeaturizer = HashedTextFeaturizer()) { self.featurizer = featurizer }

  public var name: String { "hashed-text" }
  public var dimension: Int { featurizer.dimension }
  public var source: String { "HashedTextFeaturizer(dimension: \(featurizer.dimension))" }
  public var maxTokens: Int? { nil }

  public var identity: EncoderIdentity {
    EncoderIdentity(describing: ["encoder": "HashedTextFeaturizer", "dimension": "\(featurizer.dimension)",
                                 "wordNGrams": "\(featurizer.wordNGrams)", "charNGrams": "\(featurizer.charNGrams)"])
  }

  /// Words (lower-cased alphanumeric runs): the featurizer's tokens.
  public func tokenCount(_ prompt: String) -> Int { HashedTextFeaturizer.words(prompt).count }

  public func embed(_ prompts: [String]) throws -> Matrix<Float> { featurizer.features(prompts) }
}

extension EncoderEntry {
  /// `hashed-text`: `HashedTextEncoder` with the default 4,096 buckets.
  public static let hashedText = EncoderEntry(
    name: "hashed-text",
    summary: "hashed word 1–2-grams and character 3–5-grams, 4,096-d (no model files; = `features text`)",
    make: { settings in
      if let n = settings.maxTokens {
        throw EncoderError(.invalidValue, "hashed-text does not truncate: drop --max-tokens \(n)")
      }
      return HashedTextEncoder()
    })
}
