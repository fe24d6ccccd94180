public import BenchCore

/// Which positions of a padded batch are real tokens: B sequences × L positions, 1 = token, 0 = padding.
///
/// Attention never looks at a padded key (Hugging Face's extended attention mask), and pooling skips padded
/// positions; padded queries are still computed (as in PyTorch) and simply ignored.
public struct SequenceMask: Sendable, Hashable {
  public let batchSize: Int
  public let length: Int
  /// B·L entries, row-major (sequence, position), each 0 or 1.
  public let values: [Float]

  /// A mask from explicit values.
  ///
  /// - Throws: `LearningError.invalidInput` naming the sequence and position of a value other than 0 or 1, or when
  ///   the count is not `batchSize·length`.
  public init(batchSize: Int, length: Int, values: [Float]) throws(LearningError) {
    guard batchSize >= 0, length >= 0, values.count == batchSize * length else {
      throw LearningError(.invalidInput, "mask has \(values.count) values for \(batchSize) sequences × \(length)")
    }
    if let bad = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw LearningError(.invalidInput, "mask value \(values[bad]) is neither 0 nor 1", sequence: bad / length,
                          position: bad % length)
    }
    self.batchSize = batchSize
    self.length = length
    self.values = values
  }

  /// The mask of sequences of the given lengths, left-aligned and padded to `length` (default: the longest).
  public init(lengths: [Int], length: Int? = nil) {
    let l = length ?? lengths.max() ?? 0
    precondition(lengths.allSatisfy { $0 >= 0 && $0 <= l }, "SequenceMask: lengths \(lengths) exceed \(l)")
    batchSize = lengths.count
    self.length = l
    var v = [Float](repeating: 0, count: lengths.count * l)
    for (b, n) in lengths.enumerated() { for j in 0..<n { v[b * l + j] = 1 } }
    values = v
  }

  /// Number of real tokens of sequence `b`.
  public func tokenCount(of b: Int) -> Int {
    var n = 0
    for j in 0..<length where values[b * length + j] != 0 { n += 1 }
    return n
  }
}

/// One batch for an encoder's embedding block: word ids and/or continuous feature tokens, token types and the
/// padding mask, all B × L row-major.
///
/// A position whose token is `EncoderInput.featureToken` takes its embedding from the next row of `features`
/// (rows in row-major (sequence, position) order of those positions) through the encoder's learned projection,
/// instead of a word embedding; position and token-type (modality) embeddings are added to both kinds. So a text
/// tower uses word ids only, an image tower feature tokens only, and a single-stream model `[CLS; text; image]`
/// with token type 0 for text and 1 for image.
public struct EncoderInput: Sendable, Hashable {
  /// The token id that marks a continuous-feature position.
  public static let featureToken: Int32 = -1

  public let mask: SequenceMask
  /// B·L word ids (padding positions hold any valid id, conventionally 0 = `[PAD]`).
  public let tokens: [Int32]
  /// B·L token types (segment or modality ids).
  public let tokenTypes: [Int32]
  /// One row per `featureToken` position, or nil when there is none.
  public let features: Matrix<Float>?

  public var batchSize: Int { mask.batchSize }
  public var length: Int { mask.length }

  /// A padded batch from explicit arrays.
  ///
  /// - Throws: `LearningError.invalidInput` when a count does not match B·L, or the feature rows do not match the
  ///   number of `featureToken` positions.
  public init(tokens: [Int32], tokenTypes: [Int32]? = nil, mask: SequenceMask,
              features: Matrix<Float>? = nil) throws(LearningError) {
    let n = mask.batchSize * mask.length
    guard tokens.count == n else {
      throw LearningError(.invalidInput, "\(tokens.count) tokens for \(mask.batchSize) sequences × \(mask.length)")
    }
    if let tokenTypes, tokenTypes.count != n {
      throw LearningError(.invalidInput,
                          "\(tokenTypes.count) token types for \(mask.batchSize) sequences × \(mask.length)")
    }
    let featurePositions = tokens.reduce(0) { $0 + ($1 == Self.featureToken ? 1 : 0) }
    guard featurePositions == (features?.rows ?? 0) else {
      throw LearningError(.invalidInput, "\(featurePositions) feature-token positions but \(features?.rows ?? 0) "
        + "feature rows")
    }
    self.mask = mask
    self.tokens = tokens
    self.tokenTypes = tokenTypes ?? [Int32](repeating: 0, count: n)
    self.features = featurePositions > 0 ? features : nil
  }

  /// Word-id sequences padded with `padToken` to `length` (default: the longest); the mask marks the real tokens.
  ///
  /// - Throws: `LearningError.invalidInput` for a sequence longer than `length` or token types of another length
  ///   than their sequence.
  public init(sequences: [[Int32]], tokenTypes: [[Int32]]? = nil, length: Int? = nil,
              padToken: Int32 = 0) throws(LearningError) {
    let l = length ?? sequences.map(\.count).max() ?? 0
    var tokens = [Int32](repeating: padToken, count: sequences.count * l)
    var types = [Int32](repeating: 0, count: sequences.count * l)
    for (b, s) in sequences.enumerated() {
      guard s.count <= l else {
        throw LearningError(.invalidInput, "\(s.count) tokens exceed the batch length \(l)", sequence: b)
      }
      for (j, t) in s.enumerated() { tokens[b * l + j] = t }
      if let tokenTypes {
        guard b < tokenTypes.count, tokenTypes[b].count == s.count else {
          throw LearningError(.invalidInput, "token types do not match the sequence's \(s.count) tokens",
                              sequence: b)
        }
        for (j, t) in tokenTypes[b].enumerated() { types[b * l + j] = t }
      }
    }
    try self.init(tokens: tokens, tokenTypes: types, mask: SequenceMask(lengths: sequences.map(\.count), length: l))
  }
}

/// The other stream of a cross-attention layer: its hidden states (B·Lk × H, row-major by sequence) and its
/// key mask.
public struct EncoderContext: Sendable, Hashable {
  public var hidden: Matrix<Float>
  public var mask: SequenceMask

  public init(hidden: Matrix<Float>, mask: SequenceMask) {
    self.hidden = hidden
    self.mask = mask
  }
}
