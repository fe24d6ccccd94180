public import BenchCore
public import Foundation

/// A text encoder's identity: SHA-256 (hex) of everything that can change its vectors — weights, vocabulary,
/// settings such as the truncation length. Staged chunks of an embedding job are reused only under the same
/// identity.
public struct EncoderIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
  public let hex: String

  /// The identity of a canonical description (sorted `key=value` lines).
  public init(describing parts: [String: String]) {
    hex = SHA256.hex(parts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined().utf8)
  }

  public var description: String { hex }
}

/// A frozen text encoder that turns prompts into fixed-size vectors, stored as a feature set.
///
/// `name` is the feature set the vectors are stored under (a `FeatureKey` set name such as `minilm-l6`, so
/// `run --feature-set minilm-l6` reads them). `embed` must give a row that depends on its prompt alone, never on
/// the other prompts of the batch (the embedding job batches by length and resumes with other batches).
public protocol TextEncoder: Sendable {
  /// The feature-set name, e.g. `minilm-l6`.
  var name: String { get }
  /// The vectors' dimension.
  var dimension: Int { get }
  /// SHA-256 of the weights and settings.
  var identity: EncoderIdentity { get }
  /// What the feature set's `source` column records, e.g. `all-MiniLM-L6-v2 (max 256 tokens)`.
  var source: String { get }
  /// The most tokens a prompt is embedded with (longer prompts are truncated); `nil` if the encoder never
  /// truncates.
  var maxTokens: Int? { get }
  /// The number of tokens of `prompt` before truncation (special tokens included): the job sorts batches by it
  /// and counts a prompt as truncated when it exceeds `maxTokens`.
  func tokenCount(_ prompt: String) -> Int
  /// One row per prompt, in order.
  func embed(_ prompts: [String]) throws -> Matrix<Float>
}

/// What an encoder factory may be given (from the CLI's flags).
public struct EncoderSettings: Sendable, Hashable {
  /// `--max-tokens`; `nil` for the encoder's default.
  public var maxTokens: Int?
  /// Where cached model files live (default: `.cache/` under the working directory).
  public var cacheDirectory: URL?

  public init(maxTokens: Int? = nil, cacheDirectory: URL? = nil) {
    self.maxTokens = maxTokens
    self.cacheDirectory = cacheDirectory
  }
}

/// One encoder the CLI can name: a name, a one-line summary and a factory.
public struct EncoderEntry: Sendable {
  public var name: String
  public var summary: String
  public var make: @Sendable (EncoderSettings) throws -> any TextEncoder

  public init(name: String, summary: String, make: @escaping @Sendable (EncoderSettings) throws -> any TextEncoder) {
    self.name = name
    self.summary = summary
    self.make = make
  }
}

/// The encoders `routerbench features embed --encoder NAME` knows. Adding one is one file: an `EncoderEntry`
/// (a `static let` on `EncoderEntry`) and its name in `builtIn`.
public struct EncoderRegistry: Sendable {
  public let entries: [EncoderEntry]

  public init(_ entries: [EncoderEntry]) {
    precondition(Set(entries.map(\.name)).count == entries.count, "encoder names must be unique")
    self.entries = entries
  }

  /// Every built-in encoder.
  public static let builtIn = EncoderRegistry([.hashedText, .miniLM])

  public var names: [String] { entries.map(\.name) }

  /// The encoder called `name`; an unknown name is `.invalidValue` listing the valid ones.
  public func make(_ name: String, settings: EncoderSettings = EncoderSettings()) throws -> any TextEncoder {
    guard let e = entries.first(where: { $0.name == name }) else {
      throw EncoderError(.invalidValue, "unknown encoder '\(name)'; one of \(names.joined(separator: ", "))")
    }
    return try e.make(settings)
  }
}
