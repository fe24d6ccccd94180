/// The one error type of Encoders: what went wrong, and where (file, tensor, sample, encoder).
///
/// Like `StoreError` and `ImportError`, a `kind` for callers that branch on it plus a message and the context a
/// person needs to act on it; `description` renders all of it as one line.
public struct EncoderError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// A file cannot be read at all (missing, unreadable, not a regular file).
    case unreadable
    /// A file's bytes are not valid for its format (truncated safetensors, bad header JSON, overlapping tensors…).
    case malformed
    /// A valid file whose content is not supported (a dtype other than F32/F16/BF16/F64, a pooling mode…).
    case unsupported
    /// Weights, configuration and tokenizer settings that do not belong together (a wrong tensor shape, a
    /// vocabulary of the wrong size, a missing tensor).
    case mismatch
    /// The cached model files are not there: `make` fetches them (the message names the target).
    case missingCache
    /// A prompt that cannot be encoded (text that is not valid UTF-8).
    case invalidInput
    /// An encoder name the registry does not know (the message lists the valid ones), or a bad setting.
    case invalidValue
    /// Staged chunks of an earlier run that do not fit the current one (another encoder, other data).
    case staleChunks
  }

  public var kind: Kind
  public var message: String
  /// The file involved, if any.
  public var file: String?
  /// The tensor involved (a safetensors name such as `encoder.layer.0.attention.self.query.weight`), if any.
  public var tensor: String?
  /// The sample involved (`<dataset>/<index>`), if any.
  public var sample: String?

  public init(_ kind: Kind, _ message: String, file: String? = nil, tensor: String? = nil, sample: String? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.tensor = tensor
    self.sample = sample
  }

  public var description: String {
    var place: [String] = []
    if let file { place.append(file) }
    if let tensor { place.append("tensor '\(tensor)'") }
    if let sample { place.append("sample '\(sample)'") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}
