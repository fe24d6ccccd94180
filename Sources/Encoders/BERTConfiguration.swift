public import Foundation

/// The fields of a Hugging Face BERT `config.json` the encoder needs, and the parameter shapes they imply.
///
/// `expectedShapes` names every weight the way Hugging Face's `BertModel` state dict does, in PyTorch's `[out, in]`
/// layout; `check(_:)` compares a safetensors file against it before any work starts, so wrong shapes or a config
/// that does not match the weights are one error naming the tensor.
public struct BERTConfiguration: Sendable, Hashable, Codable {
  public var vocabSize: Int
  public var hiddenSize: Int
  public var numHiddenLayers: Int
  public var numAttentionHeads: Int
  public var intermediateSize: Int
  public var maxPositionEmbeddings: Int
  public var typeVocabSize: Int
  public var layerNormEps: Double
  public var hiddenAct: String
  public var positionEmbeddingType: String?
  public var padTokenId: Int?

  enum CodingKeys: String, CodingKey {
    case vocabSize = "vocab_size", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
    case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
    case maxPositionEmbeddings = "max_position_embeddings", typeVocabSize = "type_vocab_size"
    case layerNormEps = "layer_norm_eps", hiddenAct = "hidden_act", positionEmbeddingType = "position_embedding_type"
    case padTokenId = "pad_token_id"
  }

  public init(vocabSize: Int, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int, intermediateSize: Int,
              maxPositionEmbeddings: Int, typeVocabSize: Int, layerNormEps: Double = 1e-12, hiddenAct: String = "gelu",
              positionEmbeddingType: String? = "absolute", padTokenId: Int? = 0) {
    self.vocabSize = vocabSize
    self.hiddenSize = hiddenSize
    self.numHiddenLayers = numHiddenLayers
    self.numAttentionHeads = numAttentionHeads
    self.intermediateSize = intermediateSize
    self.maxPositionEmbeddings = maxPositionEmbeddings
    self.typeVocabSize = typeVocabSize
    self.layerNormEps = layerNormEps
    self.hiddenAct = hiddenAct
    self.positionEmbeddingType = positionEmbeddingType
    self.padTokenId = padTokenId
  }

  /// Reads and validates `config.json`.
  public init(contentsOf url: URL) throws(EncoderError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw EncoderError(.unreadable, "cannot read the model configuration: \(error.localizedDescription)", file: url.path)
    }
    do { self = try JSONDecoder().decode(BERTConfiguration.self, from: data) } catch {
      throw EncoderError(.malformed, "not a BERT configuration: \(error)", file: url.path)
    }
    let problems = self.problems
    guard problems.isEmpty else {
      throw EncoderError(.unsupported, problems.joined(separator: "; "), file: url.path)
    }
  }

  /// What this encoder cannot run: non-positive sizes, a width the heads do not divide, an activation other
  /// than GELU (erf), relative position embeddings.
  public var problems: [String] {
    var out: [String] = []
    for (name, v) in [("vocab_size", vocabSize), ("hidden_size", hiddenSize), ("num_hidden_layers", numHiddenLayers),
                      ("num_attention_heads", numAttentionHeads), ("intermediate_size", intermediateSize),
                      ("max_position_embeddings", maxPositionEmbeddings), ("type_vocab_size", typeVocabSize)]
    where v <= 0 {
      out.append("\(name) = \(v) must be positive")
    }
    if numAttentionHeads > 0 && hiddenSize % numAttentionHeads != 0 {
      out.append("hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
    }
    if hiddenAct != "gelu" { out.append("hidden_act '\(hiddenAct)' is not supported (only 'gelu', the erf form)") }
    if let p = positionEmbeddingType, p != "absolute" {
      out.append("position_embedding_type '\(p)' is not supported (only 'absolute')")
    }
    if !(layerNormEps > 0) { out.append("layer_norm_eps = \(layerNormEps) must be positive") }
    return out
  }

  /// Every parameter of `BertModel` (embeddings, encoder layers; the unused pooler is optional) with its shape.
  public var expectedShapes: [String: [Int]] {
    let h = hiddenSize
    var s: [String: [Int]] = [
      "embeddings.word_embeddings.weight": [vocabSize, h],
      "embeddings.position_embeddings.weight": [maxPositionEmbeddings, h],
      "embeddings.token_type_embeddings.weight": [typeVocabSize, h],
      "embeddings.LayerNorm.weight": [h],
      "embeddings.LayerNorm.bias": [h],
    ]
    for i in 0..<numHiddenLayers {
      let p = "encoder.layer.\(i)."
      for m in ["query", "key", "value"] {
        s[p + "attention.self.\(m).weight"] = [h, h]
        s[p + "attention.self.\(m).bias"] = [h]
      }
      s[p + "attention.output.dense.weight"] = [h, h]
      s[p + "attention.output.dense.bias"] = [h]
      s[p + "attention.output.LayerNorm.weight"] = [h]
      s[p + "attention.output.LayerNorm.bias"] = [h]
      s[p + "intermediate.dense.weight"] = [intermediateSize, h]
      s[p + "intermediate.dense.bias"] = [intermediateSize]
      s[p + "output.dense.weight"] = [h, intermediateSize]
      s[p + "output.dense.bias"] = [h]
      s[p + "output.LayerNorm.weight"] = [h]
      s[p + "output.LayerNorm.bias"] = [h]
    }
    return s
  }

  /// Tensors a BERT checkpoint may hold that the encoder does not read, with their shapes.
  public var optionalShapes: [String: [Int]] {
    ["pooler.dense.weight": [hiddenSize, hiddenSize], "pooler.dense.bias": [hiddenSize],
     "embeddings.position_ids": [1, maxPositionEmbeddings]]
  }

  /// Checks `weights` against the configuration: every expected tensor present, floating point, of its shape;
  /// optional ones of their shape when present; nothing else. The first problem (in name order) is the error.
  public func check(_ weights: SafetensorsFile) throws(EncoderError) {
    let expected = expectedShapes
    let optional = optionalShapes
    for name in expected.keys.sorted() {
      guard let t = weights.tensors[name] else {
        throw EncoderError(.mismatch, "missing: the configuration (\(numHiddenLayers) layers, width \(hiddenSize)) "
                           + "needs it with shape \(expected[name] ?? [])", file: weights.file, tensor: name)
      }
      guard SafetensorsFile.DType.convertible.contains(t.dtype) else {
        throw EncoderError(.mismatch, "dtype \(t.dtype.rawValue) is not a floating-point type", file: weights.file,
                           tensor: name)
      }
    }
    for (name, t) in weights.tensors.sorted(by: { $0.key < $1.key }) {
      guard let shape = expected[name] ?? optional[name] else {
        throw EncoderError(.mismatch, "not a parameter of a \(numHiddenLayers)-layer BERT (a config.json for "
                           + "another model?)", file: weights.file, tensor: name)
      }
      guard t.shape == shape else {
        throw EncoderError(.mismatch, "shape \(t.shape), but config.json (vocab \(vocabSize), width \(hiddenSize), "
                           + "intermediate \(intermediateSize), positions \(maxPositionEmbeddings), types "
                           + "\(typeVocabSize)) implies \(shape)", file: weights.file, tensor: name)
      }
    }
  }
}
