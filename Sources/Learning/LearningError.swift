/// The one error type of the Learning module: what went wrong, and where (tensor, sequence, position).
///
/// Like GRDB's `DatabaseError` (and BenchCore's `BenchCoreError`), it is a kind for callers that branch on it plus a
/// message and the context a person needs to act on it; `description` renders all of it as one line.
public struct LearningError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// A configuration that cannot describe a model (hidden size not divisible by the head count, a zero size…).
    case invalidConfiguration
    /// A tensor the model needs is absent from the weights handed to `load` (`tensor`).
    case missingTensor
    /// A tensor has another shape than the model expects, or its value count does not match its shape (`tensor`).
    case shapeMismatch
    /// The weights hold a tensor the model has no place for (`tensor`).
    case unexpectedTensor
    /// An input batch is inconsistent or out of range (a token id ≥ the vocabulary, a mask of the wrong length…);
    /// `sequence` and `position` say where.
    case invalidInput
  }

  public var kind: Kind
  public var message: String
  /// The parameter tensor involved, by its Hugging Face name, if any.
  public var tensor: String?
  /// The sequence (row of the batch) involved, if any.
  public var sequence: Int?
  /// The position inside the sequence involved, if any.
  public var position: Int?

  public init(_ kind: Kind, _ message: String, tensor: String? = nil, sequence: Int? = nil, position: Int? = nil) {
    self.kind = kind
    self.message = message
    self.tensor = tensor
    self.sequence = sequence
    self.position = position
  }

  public var description: String {
    var place: [String] = []
    if let tensor { place.append("tensor '\(tensor)'") }
    if let sequence { place.append("sequence \(sequence)") }
    if let position { place.append("position \(position)") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}
