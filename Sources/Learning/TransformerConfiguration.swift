public import Foundation

/// The shape of a BERT-style encoder: embeddings, then `layerCount` post-LN transformer layers.
///
/// Field names follow Hugging Face's `BertConfig` (`vocab_size`, `max_position_embeddings`, `type_vocab_size`,
/// `hidden_size`, `num_hidden_layers`, `num_attention_heads`, `intermediate_size`, `layer_norm_eps`, `hidden_act`,
/// `hidden_dropout_prob`, `attention_probs_dropout_prob`). Two fields go beyond BERT so the same blocks serve the
/// end-to-end routers:
///
/// - `featureWidth` > 0 adds a learned linear projection of continuous input tokens (image patch features) into the
///   hidden size, so a sequence may mix word ids and feature vectors (`EncoderInput.featureToken`);
/// - `crossAttention` gives every layer a cross-attention sublayer after its self-attention (Hugging Face's
///   `BertLayer` with `add_cross_attention`): queries from the layer's stream, keys and values from a context stream.
///
/// A size of 0 removes that part: `vocabularySize = 0` (no word embeddings), `maxPositions = 0` (no position
/// embeddings), `typeVocabularySize = 0` (no segment/modality embeddings). An encoder with neither word embeddings
/// nor a feature projection has no embedding block at all and is run from hidden states
/// (`TransformerEncoder.forward(fromLayer:hidden:mask:)`), e.g. a stack of cross-attention layers.
public struct TransformerConfiguration: Sendable, Hashable, Codable {
  /// The feed-forward activation.
  public enum Activation: String, Sendable, Hashable, Codable, CaseIterable {
    /// x·Φ(x) = ½x(1 + erf(x/√2)) — BERT's and MiniLM's `"gelu"`.
    case geluErf
    /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))) — `"gelu_new"` / `gelu_pytorch_tanh`.
    case geluTanh
  }

  public var vocabularySize: Int
  public var maxPositions: Int
  /// Segment (BERT token types) or modality embeddings.
  public var typeVocabularySize: Int
  public var hiddenSize: Int
  public var layerCount: Int
  public var headCount: Int
  public var intermediateSize: Int
  public var layerNormEpsilon: Float
  public var activation: Activation
  /// Dropout after the embeddings and after each sublayer's output projection (training only).
  public var hiddenDropout: Double
  /// Dropout on the attention probabilities (training only).
  public var attentionDropout: Double
  /// Width of continuous input tokens projected into the hidden size (0: none).
  public var featureWidth: Int
  /// Every layer has a cross-attention sublayer after self-attention.
  public var crossAttention: Bool

  public init(vocabularySize: Int, maxPositions: Int, typeVocabularySize: Int, hiddenSize: Int, layerCount: Int,
              headCount: Int, intermediateSize: Int, layerNormEpsilon: Float = 1e-12,
              activation: Activation = .geluErf, hiddenDropout: Double = 0.1, attentionDropout: Double = 0.1,
              featureWidth: Int = 0, crossAttention: Bool = false) {
    self.vocabularySize = vocabularySize
    self.maxPositions = maxPositions
    self.typeVocabularySize = typeVocabularySize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.headCount = headCount
    self.intermediateSize = intermediateSize
    self.layerNormEpsilon = layerNormEpsilon
    self.activation = activation
    self.hiddenDropout = hiddenDropout
    self.attentionDropout = attentionDropout
    self.featureWidth = featureWidth
    self.crossAttention = crossAttention
  }

  /// A BERT encoder with BERT-base's defaults for everything not given (30,522 word pieces, 512 positions, two
  /// token types, FFN = 4 × hidden, GELU-erf, ε = 1e-12, dropout 0.1).
  public static func bert(hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int? = nil,
                          vocabularySize: Int = 30_522, maxPositions: Int = 512, typeVocabularySize: Int = 2,
                          layerNormEpsilon: Float = 1e-12, activation: Activation = .geluErf,
                          hiddenDropout: Double = 0.1, attentionDropout: Double = 0.1) -> TransformerConfiguration {
    TransformerConfiguration(vocabularySize: vocabularySize, maxPositions: maxPositions,
                             typeVocabularySize: typeVocabularySize, hiddenSize: hiddenSize, layerCount: layerCount,
                             headCount: headCount, intermediateSize: intermediateSize ?? 4 * hiddenSize,
                             layerNormEpsilon: layerNormEpsilon, activation: activation, hiddenDropout: hiddenDropout,
                             attentionDropout: attentionDropout)
  }

  /// `sentence-transformers/all-MiniLM-L6-v2` (its `config.json`): 6 layers, width 384, 12 heads, FFN 1536,
  /// GELU-erf, post-LN, 30,522 word pieces, 512 positions, 2 token types, ε = 1e-12, dropout 0.1.
  public static let minilmL6 = TransformerConfiguration.bert(hiddenSize: 384, layerCount: 6, headCount: 12,
                                                             intermediateSize: 1536)

  /// The configuration a Hugging Face BERT `config.json` describes, BertConfig's defaults for absent keys.
  ///
  /// Reads `vocab_size`, `max_position_embeddings`, `type_vocab_size`, `hidden_size`, `num_hidden_layers`,
  /// `num_attention_heads`, `intermediate_size`, `layer_norm_eps`, `hidden_act` (`gelu` → `.geluErf`; `gelu_new`,
  /// `gelu_pytorch_tanh` → `.geluTanh`), `hidden_dropout_prob`, `attention_probs_dropout_prob`; other keys are
  /// ignored.
  ///
  /// - Throws: `LearningError.invalidConfiguration` for malformed JSON, another activation, a
  ///   `position_embedding_type` other than `absolute`, or a configuration with `problems`.
  public init(bertConfigJSON data: Data) throws(LearningError) {
    struct BertConfig: Decodable {
      var vocab_size: Int?
      var max_position_embeddings: Int?
      var type_vocab_size: Int?
      var hidden_size: Int?
      var num_hidden_layers: Int?
      var num_attention_heads: Int?
      var intermediate_size: Int?
      var layer_norm_eps: Double?
      var hidden_act: String?
      var hidden_dropout_prob: Double?
      var attention_probs_dropout_prob: Double?
      var position_embedding_type: String?
    }
    let c: BertConfig
    do { c = try JSONDecoder().decode(BertConfig.self, from: data) } catch {
      throw LearningError(.invalidConfiguration, "config.json is not a BERT configuration: \(error)")
    }
    let activation: Activation
    switch c.hidden_act ?? "gelu" {
    case "gelu": activation = .geluErf
    case "gelu_new", "gelu_pytorch_tanh": activation = .geluTanh
    case let other: throw LearningError(.invalidConfiguration, "hidden_act '\(other)' is not supported (gelu, gelu_new)")
    }
    if let p = c.position_embedding_type, p != "absolute" {
      throw LearningError(.invalidConfiguration, "position_embedding_type '\(p)' is not supported (absolute)")
    }
    let hidden = c.hidden_size ?? 768
    self.init(vocabularySize: c.vocab_size ?? 30_522, maxPositions: c.max_position_embeddings ?? 512,
              typeVocabularySize: c.type_vocab_size ?? 2, hiddenSize: hidden, layerCount: c.num_hidden_layers ?? 12,
              headCount: c.num_attention_heads ?? 12, intermediateSize: c.intermediate_size ?? 4 * hidden,
              layerNormEpsilon: Float(c.layer_norm_eps ?? 1e-12), activation: activation,
              hiddenDropout: c.hidden_dropout_prob ?? 0.1, attentionDropout: c.attention_probs_dropout_prob ?? 0.1)
    let problems = self.problems
    guard problems.isEmpty else {
      throw LearningError(.invalidConfiguration, "config.json: " + problems.joined(separator: "; "))
    }
  }

  /// Width of one attention head.
  public var headSize: Int { headCount > 0 ? hiddenSize / headCount : 0 }
  /// Whether there is an embedding block (word embeddings or a feature projection).
  public var hasEmbeddings: Bool { vocabularySize > 0 || featureWidth > 0 }

  /// What makes this configuration unusable (empty when valid).
  public var problems: [String] {
    var out: [String] = []
    if hiddenSize <= 0 { out.append("hiddenSize \(hiddenSize) must be positive") }
    if layerCount < 0 { out.append("layerCount \(layerCount) must not be negative") }
    if headCount <= 0 { out.append("headCount \(headCount) must be positive") }
    if headCount > 0, hiddenSize % headCount != 0 {
      out.append("hiddenSize \(hiddenSize) is not a multiple of headCount \(headCount)")
    }
    if intermediateSize <= 0 { out.append("intermediateSize \(intermediateSize) must be positive") }
    for (name, v) in [("vocabularySize", vocabularySize), ("maxPositions", maxPositions),
                      ("typeVocabularySize", typeVocabularySize), ("featureWidth", featureWidth)] where v < 0 {
      out.append("\(name) \(v) must not be negative")
    }
    if !(layerNormEpsilon > 0) { out.append("layerNormEpsilon \(layerNormEpsilon) must be positive") }
    for (name, p) in [("hiddenDropout", hiddenDropout), ("attentionDropout", attentionDropout)]
    where !(p >= 0 && p < 1) {
      out.append("\(name) \(p) must be in [0, 1)")
    }
    return out
  }

  /// Floating-point operations of the matrix products of one inference forward pass over `batch` sequences of
  /// `length` tokens (embeddings and element-wise work excluded): per layer 2·N·H·3H (Q, K, V) + 2·N·H·H (output) +
  /// 2·2·N·H·I (FFN) + 2·2·B·L²·H (scores and context), N = B·L; cross-attention layers (with a context of the same
  /// length) add the same attention terms again.
  public func forwardFlops(batch: Int, length: Int) -> Double {
    let n = Double(batch * length), h = Double(hiddenSize), i = Double(intermediateSize)
    let attention = 2 * n * h * 3 * h + 2 * n * h * h + 4 * Double(batch) * Double(length * length) * h
    let ffn = 4 * n * h * i
    return Double(layerCount) * ((crossAttention ? 2 : 1) * attention + ffn)
  }
}

/// Where each named tensor lives in a flat parameter vector: name → (offset, shape).
///
/// Names are Hugging Face BERT's state-dict names (`embeddings.word_embeddings.weight`,
/// `encoder.layer.3.attention.self.query.weight`, …); shapes are PyTorch's, so a linear weight is `[out, in]`,
/// row-major.
public struct ParameterLayout: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public let name: String
    public let offset: Int
    public let shape: [Int]
    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
  }

  /// Tensors in storage order.
  public private(set) var entries: [Entry] = []
  private var index: [String: Int] = [:]
  /// Total number of parameters.
  public private(set) var count = 0

  init() {}

  mutating func append(_ name: String, _ shape: [Int]) {
    precondition(index[name] == nil, "ParameterLayout: duplicate tensor \(name)")
    index[name] = entries.count
    entries.append(Entry(name: name, offset: count, shape: shape))
    count += shape.reduce(1, *)
  }

  /// The tensor of that name, if the model has it.
  public subscript(name: String) -> Entry? { index[name].map { entries[$0] } }

  /// Offset of a tensor the layout is known to have (a programmer error otherwise).
  func offset(_ name: String) -> Int {
    guard let e = self[name] else { preconditionFailure("ParameterLayout: no tensor \(name)") }
    return e.offset
  }

  /// The smallest range covering every tensor whose name starts with `prefix` (nil when none does). Tensors of one
  /// layer, or of the embeddings, are contiguous, so `range(prefix: "encoder.layer.4.")` is exactly that layer.
  public func range(prefix: String) -> Range<Int>? {
    let hits = entries.filter { $0.name.hasPrefix(prefix) }
    guard let lo = hits.map(\.offset).min(), let hi = hits.map({ $0.offset + $0.count }).max() else { return nil }
    return lo..<hi
  }
}
