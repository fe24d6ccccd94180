public import BenchCore
public import Learning

/// The fine-tuned part of the pretrained MiniLM-L6 text tower, shared by the end-to-end routers (`fine_tune_layers`
/// on the `text`, `single-stream` and `dual-stream` backbones) and MultiMetric's RouteLLM-BERT.
///
/// MiniLM's lower 6 − k layers run once per benchmark (`TextRequest.fineTuneLayers` = k: `TextTokens` holds every
/// prompt's states after layer 6 − k); its top k layers are a trainable copy of the pretrained weights
/// (`TextTokens.tower`, `TransformerEncoder.topLayers`) that runs over those cached states on every training step
/// and is updated by the router's optimizer. Only the top layers train, so nothing below them needs a backward pass
/// or a second forward pass — the reason fine-tuning fits the two cores at all.
///
/// **Cost (why k = 1 by default).** A 384-wide layer with FFN 1536 costs 2·(4·384² + 2·384·1536) ≈ 3.5 MFLOP per
/// token forward (+ 4·L·384 for attention), ≈ 0.11 GFLOP for a 32-token prompt, ≈ 0.34 GFLOP forward + backward
/// (backward ≈ 2 × forward). 4,000 prompts × 3 epochs ≈ 4 TFLOP per layer, ≈ 100 s at the ≈ 40 GFLOP/s these two
/// cores reach; each further layer adds as much again, so k = 1.
///
/// Rows without text tokens are left out of the batch (they have no position to attend from or to) and come back
/// empty. Dropout is the pretrained configuration's (MiniLM: 0.1 on attention probabilities and sublayer outputs),
/// drawn only in training passes.
public struct FineTunedText: Sendable, Hashable {
  /// The trainable layers (no embedding block), starting from the pretrained weights.
  public var layers: TransformerEncoder

  /// - Precondition: `pretrained` has no embedding block (it runs from hidden states).
  public init(pretrained: TransformerEncoder) {
    precondition(!pretrained.configuration.hasEmbeddings && pretrained.configuration.layerCount > 0,
                 "FineTunedText: the top layers run from hidden states and have no embedding block")
    layers = pretrained
  }

  public var width: Int { layers.configuration.hiddenSize }
  public var parameterCount: Int { layers.parameters.count }

  /// What `backward` needs of a training forward.
  public struct Cache: Sendable {
    let encoder: EncoderCache?
    /// Batch positions of the rows with tokens, and their token counts.
    let included: [Int]
    let tokens: [Int]
    let length: Int
  }

  /// The top layers' output states of each row (its tokens × width, in the input's layout; empty for a row without
  /// tokens).
  ///
  /// - Parameters:
  ///   - text: each row's cached states (tokens × width floats).
  ///   - rng: a generator for a training pass (dropout, and a cache is kept); nil for inference.
  /// - Throws: `LearningError.invalidInput` when a row's slice is not tokens × width floats.
  public func forward(_ text: [ArraySlice<Float>], tokens: [Int], dropout rng: inout SplitMix64?)
    throws(LearningError) -> (states: [[Float]], cache: Cache?) {
    let w = width
    for (b, slice) in text.enumerated() where slice.count != tokens[b] * w {
      throw LearningError(.invalidInput, "\(slice.count) state values for \(tokens[b]) tokens of width \(w)",
                          sequence: b)
    }
    let included = tokens.indices.filter { tokens[$0] > 0 }
    let l = included.map { tokens[$0] }.max() ?? 0
    var out = [[Float]](repeating: [], count: text.count)
    guard !included.isEmpty else {
      return (out, rng == nil ? nil : Cache(encoder: nil, included: [], tokens: [], length: 0))
    }
    var hidden = Matrix<Float>(rows: included.count * l, columns: w, repeating: 0)
    for (p, b) in included.enumerated() {
      let start = p * l * w
      for (j, v) in text[b].enumerated() { hidden.values[start + j] = v }
    }
    let lengths = included.map { tokens[$0] }
    let mask = SequenceMask(lengths: lengths, length: l)
    let states: Matrix<Float>
    var cache: Cache?
    if rng != nil {
      let (h, c) = try layers.forward(fromLayer: 0, hidden: hidden, mask: mask, dropoutUsing: &rng!)
      states = h
      cache = Cache(encoder: c, included: included, tokens: lengths, length: l)
    } else {
      states = try layers.encode(fromLayer: 0, hidden: hidden, mask: mask)
    }
    for (p, b) in included.enumerated() {
      let start = p * l * w
      out[b] = Array(states.values[start..<(start + tokens[b] * w)])
    }
    return (out, cache)
  }

  /// ∂loss/∂(the layers' parameters), in `layers.layout`, from ∂loss/∂(each row's output states) (same layout as
  /// `forward`'s output; rows without tokens ignored).
  public func backward(_ cache: Cache, dStates: [[Float]]) -> [Float] {
    guard let encoderCache = cache.encoder else { return [Float](repeating: 0, count: parameterCount) }
    let w = width, l = cache.length
    var d = Matrix<Float>(rows: cache.included.count * l, columns: w, repeating: 0)
    for (p, b) in cache.included.enumerated() {
      let start = p * l * w
      precondition(dStates[b].count == cache.tokens[p] * w, "FineTunedText.backward: row \(b)'s gradient size")
      for (j, v) in dStates[b].enumerated() { d.values[start + j] = v }
    }
    var gradient: [Float] = []
    _ = layers.backward(encoderCache, dOutput: d, gradient: &gradient)
    return gradient
  }

  /// Forward floating-point operations of a batch (`TransformerConfiguration.forwardFlops` over the padded rows
  /// with tokens); forward + backward ≈ 3 ×.
  public func forwardFlops(tokens: [Int]) -> Double {
    let rows = tokens.filter { $0 > 0 }
    return layers.configuration.forwardFlops(batch: rows.count, length: rows.max() ?? 0)
  }
}
