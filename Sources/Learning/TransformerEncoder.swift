public import BenchCore
internal import Foundation

/// A BERT-style encoder (embeddings, then post-LN transformer layers) with hand-written backward passes, every
/// parameter in one flat `[Float]` addressed by Hugging Face BERT names.
///
/// **Layout.** `layout` maps each tensor name to its offset and PyTorch shape: `embeddings.word_embeddings.weight`
/// `[V, H]`, `embeddings.position_embeddings.weight` `[P, H]`, `embeddings.token_type_embeddings.weight` `[T, H]`,
/// (`embeddings.feature_projection.weight` `[H, F]` and `.bias` `[H]` for continuous inputs — not a BERT tensor),
/// `embeddings.LayerNorm.weight|bias`, then per layer i `encoder.layer.{i}.attention.self.query|key|value.weight`
/// `[H, H]` (stored consecutively, so Q, K and V are one `[3H, H]` product) and `.bias`,
/// `attention.output.dense.weight|bias`, `attention.output.LayerNorm.weight|bias`, with `crossAttention` the same
/// under `crossattention.`, then `intermediate.dense.weight` `[I, H]`, `output.dense.weight` `[H, I]`,
/// `output.LayerNorm.weight|bias`. Linear weights are `[out, in]` row-major (`nn.Linear`), so a safetensors tensor
/// copies in unchanged and every product uses `transposeB`. The embeddings come first and each layer is one
/// contiguous range, so freezing the lower layers is freezing a prefix (`parameterRange(layers:)`).
///
/// **A layer** (post-LN, BERT): `A = LN(X + Drop(Attn(X)·W_oᵀ + b_o))`, with cross-attention
/// `A′ = LN(A + Drop(CrossAttn(A, context)·W_oᵀ + b_o))`, then `Y = LN(A′ + Drop(GELU(A′·W_iᵀ + b_i)·W_o2ᵀ + b_o2))`.
/// Attention: per head, softmax(Q·Kᵀ/√d + mask)·V with dropout on the probabilities.
///
/// **Batches.** Hidden states are `Matrix<Float>` of B·L rows (sequence-major) × H. Every linear map is one sgemm
/// over all B·L rows; attention is two sgemms per (sequence, head) on strided slices of the Q/K/V block (the head's
/// columns, leading dimension 3H); padded keys get probability 0. A layer's intermediates live in one arena
/// allocated per call (inference reuses one arena for every layer).
///
/// **Training.** `forward` keeps what `backward` needs (`EncoderCache`); `backward` returns parameter gradients in
/// the flat layout and the gradients with respect to the input hidden states, the continuous features and the
/// cross-attention context. `forward(fromLayer:hidden:mask:)` runs only the top layers from cached hidden states;
/// `forwardLayer`/`backwardLayer` run one layer, for models that interleave two streams (LXMERT-style
/// cross-attention). Dropout is drawn from the `SplitMix64` passed to the training forward; without one it is off.
public struct TransformerEncoder: Sendable, Hashable {
  public let configuration: TransformerConfiguration
  public let layout: ParameterLayout
  /// Every parameter, in `layout` order.
  public var parameters: [Float]
  let embeddingOffsets: EmbeddingOffsets?
  let layerOffsets: [LayerOffsets]

  /// Tensors a BERT checkpoint may hold that this encoder has no use for, accepted by
  /// `unexpectedTensors(among:prefix:)`: the pooler (`pooler.dense.*`, unused by mean or [CLS] pooling of hidden
  /// states) and the `embeddings.position_ids` buffer (always 0..<P here).
  public static let ignoredTensorPrefixes = ["pooler.", "embeddings.position_ids"]

  /// A randomly initialised encoder, initialised as Hugging Face's `BertPreTrainedModel._init_weights`: linear
  /// weights and embeddings N(0, `initializerRange`²), biases 0, LayerNorm γ = 1 and β = 0. An `initializerRange`
  /// of 0 leaves the weights 0 and draws nothing (for a model whose every parameter `load` then overwrites: 22 M
  /// Gaussian draws cost MiniLM ≈ 1 s).
  ///
  /// - Throws: `LearningError.invalidConfiguration` listing `configuration.problems`.
  public init(configuration: TransformerConfiguration, initializerRange: Double = 0.02,
              using rng: inout SplitMix64) throws(LearningError) {
    let problems = configuration.problems
    guard problems.isEmpty else {
      throw LearningError(.invalidConfiguration, problems.joined(separator: "; "))
    }
    let c = configuration
    let h = c.hiddenSize, i = c.intermediateSize
    var layout = ParameterLayout()
    if c.hasEmbeddings {
      if c.vocabularySize > 0 { layout.append("embeddings.word_embeddings.weight", [c.vocabularySize, h]) }
      if c.maxPositions > 0 { layout.append("embeddings.position_embeddings.weight", [c.maxPositions, h]) }
      if c.typeVocabularySize > 0 {
        layout.append("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
      }
      if c.featureWidth > 0 {
        layout.append("embeddings.feature_projection.weight", [h, c.featureWidth])
        layout.append("embeddings.feature_projection.bias", [h])
      }
      layout.append("embeddings.LayerNorm.weight", [h])
      layout.append("embeddings.LayerNorm.bias", [h])
    }
    func attention(_ a: String) {
      for n in ["query", "key", "value"] { layout.append(a + "self.\(n).weight", [h, h]) }
      for n in ["query", "key", "value"] { layout.append(a + "self.\(n).bias", [h]) }
      layout.append(a + "output.dense.weight", [h, h])
      layout.append(a + "output.dense.bias", [h])
      layout.append(a + "output.LayerNorm.weight", [h])
      layout.append(a + "output.LayerNorm.bias", [h])
    }
    for l in 0..<c.layerCount {
      let p = "encoder.layer.\(l)."
      attention(p + "attention.")
      if c.crossAttention { attention(p + "crossattention.") }
      layout.append(p + "intermediate.dense.weight", [i, h])
      layout.append(p + "intermediate.dense.bias", [i])
      layout.append(p + "output.dense.weight", [h, i])
      layout.append(p + "output.dense.bias", [h])
      layout.append(p + "output.LayerNorm.weight", [h])
      layout.append(p + "output.LayerNorm.bias", [h])
    }
    var values = [Float](repeating: 0, count: layout.count)
    for e in layout.entries {
      if e.name.hasSuffix("LayerNorm.weight") {
        for j in e.range { values[j] = 1 }
      } else if e.name.hasSuffix(".weight"), initializerRange != 0 {
        for j in e.range { values[j] = Float(rng.nextGaussian() * initializerRange) }
      }
    }
    self.init(configuration: c, layout: layout, parameters: values)
  }

  private init(configuration c: TransformerConfiguration, layout: ParameterLayout, parameters: [Float]) {
    configuration = c
    self.layout = layout
    self.parameters = parameters
    func o(_ name: String) -> Int { layout.offset(name) }
    func oo(_ name: String) -> Int? { layout[name]?.offset }
    embeddingOffsets = c.hasEmbeddings
      ? EmbeddingOffsets(word: oo("embeddings.word_embeddings.weight"),
                         position: oo("embeddings.position_embeddings.weight"),
                         type: oo("embeddings.token_type_embeddings.weight"),
                         projectionWeight: oo("embeddings.feature_projection.weight"),
                         projectionBias: oo("embeddings.feature_projection.bias"),
                         normWeight: o("embeddings.LayerNorm.weight"), normBias: o("embeddings.LayerNorm.bias"))
      : nil
    func attention(_ a: String) -> AttentionOffsets {
      AttentionOffsets(qkvWeight: o(a + "self.query.weight"), qkvBias: o(a + "self.query.bias"),
                       outWeight: o(a + "output.dense.weight"), outBias: o(a + "output.dense.bias"),
                       normWeight: o(a + "output.LayerNorm.weight"), normBias: o(a + "output.LayerNorm.bias"))
    }
    layerOffsets = (0..<c.layerCount).map { l in
      let p = "encoder.layer.\(l)."
      return LayerOffsets(
        attention: attention(p + "attention."), cross: c.crossAttention ? attention(p + "crossattention.") : nil,
        inWeight: o(p + "intermediate.dense.weight"), inBias: o(p + "intermediate.dense.bias"),
        outWeight: o(p + "output.dense.weight"), outBias: o(p + "output.dense.bias"),
        normWeight: o(p + "output.LayerNorm.weight"), normBias: o(p + "output.LayerNorm.bias"))
    }
  }

  // MARK: Parameter ranges

  /// The flat-vector range of layers `layers` (empty for an empty range).
  public func parameterRange(layers: Range<Int>) -> Range<Int> {
    precondition(layers.lowerBound >= 0 && layers.upperBound <= configuration.layerCount,
                 "parameterRange: layers \(layers) of \(configuration.layerCount)")
    guard !layers.isEmpty else { return 0..<0 }
    let lo = layout.range(prefix: "encoder.layer.\(layers.lowerBound).")!.lowerBound
    let hi = layout.range(prefix: "encoder.layer.\(layers.upperBound - 1).")!.upperBound
    return lo..<hi
  }

  /// The flat-vector range of the embedding block (empty without one).
  public var embeddingRange: Range<Int> { layout.range(prefix: "embeddings.") ?? 0..<0 }

  // MARK: Loading weights

  /// Copies every tensor of `layout` from `tensor(prefix + name)`.
  ///
  /// Nothing is changed unless every tensor is present with the expected shape and value count. Names are Hugging
  /// Face BERT's; a checkpoint saved from `BertForSequenceClassification` & co. names them `bert.…`, so pass
  /// `prefix: "bert."`. Extra tensors are not looked at (use `unexpectedTensors(among:prefix:)` to refuse them).
  ///
  /// - Throws: `LearningError.missingTensor` or `.shapeMismatch` naming the first tensor (in layout order) that is
  ///   absent or of another shape; whatever `tensor` throws.
  public mutating func load(prefix: String = "", _ tensor: (String) throws -> (shape: [Int], values: [Float])?) throws {
    var p = parameters
    for e in layout.entries {
      let name = prefix + e.name
      guard let t = try tensor(name) else {
        throw LearningError(.missingTensor, "the weights have no such tensor (expected shape \(e.shape))",
                            tensor: name)
      }
      guard t.shape == e.shape else {
        throw LearningError(.shapeMismatch, "shape \(t.shape), expected \(e.shape)", tensor: name)
      }
      guard t.values.count == e.count else {
        throw LearningError(.shapeMismatch, "\(t.values.count) values for shape \(t.shape)", tensor: name)
      }
      p.withUnsafeMutableBufferPointer { dst in
        t.values.withUnsafeBufferPointer { src in
          guard let s = src.baseAddress, let d = dst.baseAddress else { return }
          (d + e.offset).update(from: s, count: e.count)
        }
      }
    }
    parameters = p
  }

  /// The names among `names` that this encoder would not load: those without `prefix`, or not in `layout` and not
  /// under `ignoredTensorPrefixes`.
  public func unexpectedTensors(among names: some Sequence<String>, prefix: String = "") -> [String] {
    names.filter { name in
      guard name.hasPrefix(prefix) else { return true }
      let rest = String(name.dropFirst(prefix.count))
      return layout[rest] == nil && !Self.ignoredTensorPrefixes.contains { rest.hasPrefix($0) }
    }
  }

  // MARK: Inference

  /// The last hidden states (B·L × H) of a batch: embeddings, then layers `0..<(layers ?? layerCount)` (fewer
  /// layers give the intermediate states a router caches once). No dropout, nothing kept for a backward pass.
  ///
  /// - Throws: `LearningError.invalidInput` naming the sequence and position of an out-of-range token id or token
  ///   type, a batch longer than `maxPositions`, a missing or mismatched context.
  public func encode(_ input: EncoderInput, layers: Int? = nil,
                     context: EncoderContext? = nil) throws(LearningError) -> Matrix<Float> {
    let top = layers ?? configuration.layerCount
    precondition(top >= 0 && top <= configuration.layerCount, "encode: \(top) layers of \(configuration.layerCount)")
    try validate(input)
    var none: DropoutState?
    var hidden = embed(input, keep: false, dropout: &none).hidden
    try runLayers(0..<top, hidden: &hidden, mask: input.mask, context: context)
    return hidden
  }

  /// Layers `from..<(to ?? layerCount)` on hidden states (B·L × H), without a backward cache.
  public func encode(fromLayer from: Int, toLayer to: Int? = nil, hidden: Matrix<Float>, mask: SequenceMask,
                     context: EncoderContext? = nil) throws(LearningError) -> Matrix<Float> {
    let top = to ?? configuration.layerCount
    precondition(from >= 0 && from <= top && top <= configuration.layerCount,
                 "encode: layers \(from)..<\(top) of \(configuration.layerCount)")
    try validate(hidden: hidden, mask: mask)
    var h = hidden
    try runLayers(from..<top, hidden: &h, mask: mask, context: context)
    return h
  }

  private func runLayers(_ range: Range<Int>, hidden: inout Matrix<Float>, mask: SequenceMask,
                         context: EncoderContext?) throws(LearningError) {
    guard !range.isEmpty else { return }
    try validate(context: context, batch: mask.batchSize)
    guard !hidden.values.isEmpty else { return }
    var arena: [Float] = []
    var none: DropoutState?
    for l in range {
      let slots = LayerSlots(configuration, batch: mask.batchSize, queryLength: mask.length,
                             keyLength: context?.mask.length ?? 0, dropout: nil, keep: false)
      runLayer(l, input: hidden.values, mask: mask.values, context: context, slots: slots, arena: &arena,
               dropout: &none)
      arena.withUnsafeBufferPointer { a in
        hidden.values.withUnsafeMutableBufferPointer { h in
          h.baseAddress!.update(from: a.baseAddress! + slots.output, count: h.count)
        }
      }
    }
  }

  // MARK: Training forward

  /// Embeddings and every layer, keeping what `backward` needs; no dropout.
  public func forward(_ input: EncoderInput, context: EncoderContext? = nil) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    var none: DropoutState?
    return try forward(input, context: context, dropout: &none)
  }

  /// Embeddings and every layer with dropout drawn from `rng` (hidden and attention rates of the configuration).
  public func forward(_ input: EncoderInput, context: EncoderContext? = nil,
                      dropoutUsing rng: inout SplitMix64) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    var state: DropoutState? = DropoutState(rng: rng, configuration: configuration)
    defer { rng = state!.rng }
    return try forward(input, context: context, dropout: &state)
  }

  /// Layers `from..<layerCount` from hidden states (e.g. the cached output of the frozen lower layers), keeping
  /// what `backward` needs; no dropout.
  public func forward(fromLayer from: Int, hidden: Matrix<Float>, mask: SequenceMask,
                      context: EncoderContext? = nil) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    var none: DropoutState?
    return try forward(fromLayer: from, hidden: hidden, mask: mask, context: context, dropout: &none)
  }

  /// `forward(fromLayer:hidden:mask:context:)` with dropout drawn from `rng`.
  public func forward(fromLayer from: Int, hidden: Matrix<Float>, mask: SequenceMask, context: EncoderContext? = nil,
                      dropoutUsing rng: inout SplitMix64) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    var state: DropoutState? = DropoutState(rng: rng, configuration: configuration)
    defer { rng = state!.rng }
    return try forward(fromLayer: from, hidden: hidden, mask: mask, context: context, dropout: &state)
  }

  private func forward(_ input: EncoderInput, context: EncoderContext?,
                       dropout: inout DropoutState?) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    try validate(input)
    let (hidden, embeddingCache) = embed(input, keep: true, dropout: &dropout)
    var result = try forward(fromLayer: 0, hidden: hidden, mask: input.mask, context: context, dropout: &dropout)
    result.cache.embeddings = embeddingCache
    return result
  }

  private func forward(fromLayer from: Int, hidden: Matrix<Float>, mask: SequenceMask, context: EncoderContext?,
                       dropout: inout DropoutState?) throws(LearningError)
    -> (hidden: Matrix<Float>, cache: EncoderCache) {
    precondition(from >= 0 && from <= configuration.layerCount,
                 "forward: layer \(from) of \(configuration.layerCount)")
    try validate(hidden: hidden, mask: mask)
    try validate(context: context, batch: mask.batchSize)
    var h = hidden
    var caches: [LayerCache] = []
    for l in from..<configuration.layerCount {
      let (out, cache) = forwardLayer(l, hidden: h, mask: mask, context: context, dropout: &dropout)
      caches.append(cache)
      h = out
    }
    return (h, EncoderCache(firstLayer: from, layers: caches, embeddings: nil, mask: mask))
  }

  /// One layer on hidden states (B·L × H), keeping its cache; no dropout. For models that interleave layers of
  /// two encoders (each stream's cross-attention context is the other stream's previous output).
  public func forwardLayer(_ l: Int, hidden: Matrix<Float>, mask: SequenceMask,
                           context: EncoderContext? = nil) throws(LearningError) -> (Matrix<Float>, LayerCache) {
    try validate(hidden: hidden, mask: mask)
    try validate(context: context, batch: mask.batchSize)
    var none: DropoutState?
    return forwardLayer(l, hidden: hidden, mask: mask, context: context, dropout: &none)
  }

  /// `forwardLayer(_:hidden:mask:context:)` with dropout drawn from `rng`.
  public func forwardLayer(_ l: Int, hidden: Matrix<Float>, mask: SequenceMask, context: EncoderContext? = nil,
                           dropoutUsing rng: inout SplitMix64) throws(LearningError) -> (Matrix<Float>, LayerCache) {
    try validate(hidden: hidden, mask: mask)
    try validate(context: context, batch: mask.batchSize)
    var state: DropoutState? = DropoutState(rng: rng, configuration: configuration)
    defer { rng = state!.rng }
    return forwardLayer(l, hidden: hidden, mask: mask, context: context, dropout: &state)
  }

  private func forwardLayer(_ l: Int, hidden: Matrix<Float>, mask: SequenceMask, context: EncoderContext?,
                            dropout: inout DropoutState?) -> (Matrix<Float>, LayerCache) {
    precondition(l >= 0 && l < configuration.layerCount, "forwardLayer: layer \(l) of \(configuration.layerCount)")
    let slots = LayerSlots(configuration, batch: mask.batchSize, queryLength: mask.length,
                           keyLength: context?.mask.length ?? 0, dropout: dropout)
    var arena: [Float] = []
    runLayer(l, input: hidden.values, mask: mask.values, context: context, slots: slots, arena: &arena,
             dropout: &dropout)
    let out = Array(arena[slots.output..<(slots.output + hidden.values.count)])
    let cache = LayerCache(layer: l, slots: slots, input: hidden.values, mask: mask.values,
                           context: context?.hidden.values, contextMask: context?.mask.values, arena: arena)
    return (Matrix(rows: hidden.rows, columns: hidden.columns, values: out), cache)
  }

  // MARK: Backward

  /// Back-propagates ∂loss/∂(last hidden states) through the cached forward pass.
  ///
  /// - Parameters:
  ///   - gradient: receives ∂loss/∂parameters in the flat layout (resized and zeroed unless `accumulate`, which
  ///     adds to what it holds). Tensors outside the forward pass (layers below `fromLayer`, the embeddings of a
  ///     hidden-state forward) get 0.
  ///   - trainable: when given, only tensors inside these ranges get gradients (the products of the others are
  ///     skipped, their entries stay 0, or untouched with `accumulate`): freezing. Each range must start and end on
  ///     tensor boundaries (`parameterRange(layers:)`, `embeddingRange`, `layout.range(prefix:)`, an entry's
  ///     `range`). Input, feature and context gradients are computed regardless.
  ///   - featureGradients: false skips ∂loss/∂features (the input projection's ∂input product, 2·F·H FLOP per
  ///     feature row) when the features are data nobody differentiates; `features` is then nil.
  /// - Returns: ∂loss/∂(hidden states entering the first layer run) — the embedding block's output for a forward
  ///   from tokens —, ∂loss/∂features for continuous input tokens, ∂loss/∂context (summed over the layers).
  public func backward(_ cache: EncoderCache, dOutput: Matrix<Float>, gradient: inout [Float],
                       trainable: [Range<Int>]? = nil, accumulate: Bool = false,
                       featureGradients: Bool = true) -> EncoderGradients {
    prepare(&gradient, accumulate: accumulate, trainable: trainable)
    var dh = dOutput
    var dContext: Matrix<Float>?
    for layerCache in cache.layers.reversed() {
      let (dx, dc) = backwardLayer(layerCache, dOutput: dh, into: &gradient, trainable: trainable)
      dh = dx
      if let dc {
        if dContext == nil {
          dContext = dc
        } else {
          for j in dc.values.indices { dContext!.values[j] += dc.values[j] }
        }
      }
    }
    var dFeatures: Matrix<Float>?
    if let e = cache.embeddings {
      dFeatures = backwardEmbeddings(e, dOutput: dh, into: &gradient, trainable: trainable,
                                     featureGradients: featureGradients)
    }
    return EncoderGradients(hidden: dh, features: dFeatures, context: dContext)
  }

  /// Back-propagates one layer (`forwardLayer`); same `gradient` and `trainable` semantics as `backward`.
  ///
  /// - Returns: ∂loss/∂(the layer's input hidden states) and, for a cross-attention layer, ∂loss/∂context.
  public func backwardLayer(_ cache: LayerCache, dOutput: Matrix<Float>, gradient: inout [Float],
                            trainable: [Range<Int>]? = nil,
                            accumulate: Bool = false) -> (hidden: Matrix<Float>, context: Matrix<Float>?) {
    prepare(&gradient, accumulate: accumulate, trainable: trainable)
    return backwardLayer(cache, dOutput: dOutput, into: &gradient, trainable: trainable)
  }

  private func prepare(_ gradient: inout [Float], accumulate: Bool, trainable: [Range<Int>]?) {
    if let trainable {
      let bounds = Set(layout.entries.map(\.offset) + [layout.count])
      for r in trainable where !r.isEmpty {
        precondition(bounds.contains(r.lowerBound) && bounds.contains(r.upperBound),
                     "backward: trainable range \(r) does not start and end on tensor boundaries")
      }
    }
    if !accumulate || gradient.count != parameters.count {
      precondition(!accumulate || gradient.isEmpty,
                   "backward: accumulating into \(gradient.count) gradients for \(parameters.count) parameters")
      gradient = [Float](repeating: 0, count: parameters.count)
    }
  }

  // MARK: Validation

  func validate(_ input: EncoderInput) throws(LearningError) {
    let c = configuration
    let l = input.length
    guard c.hasEmbeddings else {
      throw LearningError(.invalidInput, "this encoder has no embedding block; run it from hidden states")
    }
    if c.maxPositions > 0, l > c.maxPositions {
      throw LearningError(.invalidInput, "batch length \(l) exceeds the \(c.maxPositions) position embeddings")
    }
    for (n, t) in input.tokens.enumerated() {
      if t == EncoderInput.featureToken {
        guard c.featureWidth > 0 else {
          throw LearningError(.invalidInput, "a feature token, but the encoder has no feature projection",
                              sequence: n / l, position: n % l)
        }
      } else if t < 0 || Int(t) >= c.vocabularySize {
        throw LearningError(.invalidInput, "token id \(t) outside the vocabulary of \(c.vocabularySize)",
                            sequence: n / l, position: n % l)
      }
    }
    let types = Swift.max(c.typeVocabularySize, 1)
    if let bad = input.tokenTypes.firstIndex(where: { $0 < 0 || Int($0) >= types }) {
      throw LearningError(.invalidInput, "token type \(input.tokenTypes[bad]) outside 0..<\(types)",
                          sequence: bad / l, position: bad % l)
    }
    if let f = input.features, f.columns != c.featureWidth {
      throw LearningError(.invalidInput, "feature rows have \(f.columns) columns, the projection reads "
        + "\(c.featureWidth)")
    }
  }

  func validate(hidden: Matrix<Float>, mask: SequenceMask) throws(LearningError) {
    guard hidden.rows == mask.batchSize * mask.length, hidden.columns == configuration.hiddenSize else {
      throw LearningError(.invalidInput, "hidden states are \(hidden.rows)×\(hidden.columns), expected "
        + "\(mask.batchSize)·\(mask.length)×\(configuration.hiddenSize)")
    }
  }

  func validate(context: EncoderContext?, batch: Int) throws(LearningError) {
    guard configuration.crossAttention else {
      if context != nil { throw LearningError(.invalidInput, "a context for an encoder without cross-attention") }
      return
    }
    guard let context else { throw LearningError(.invalidInput, "cross-attention layers need a context") }
    guard context.mask.batchSize == batch,
          context.hidden.rows == batch * context.mask.length,
          context.hidden.columns == configuration.hiddenSize else {
      throw LearningError(.invalidInput, "context is \(context.hidden.rows)×\(context.hidden.columns) with a mask of "
        + "\(context.mask.batchSize)×\(context.mask.length), expected \(batch) sequences × H = "
        + "\(configuration.hiddenSize)")
    }
  }
}

// MARK: - Caches and gradients

/// What a training forward pass of a whole encoder keeps for `TransformerEncoder.backward`.
public struct EncoderCache: Sendable {
  /// The first layer run (0 for a forward from tokens).
  public let firstLayer: Int
  let layers: [LayerCache]
  var embeddings: EmbeddingCache?
  public let mask: SequenceMask
}

/// What one layer's training forward keeps: its input, masks and every intermediate (one arena).
public struct LayerCache: Sendable {
  public let layer: Int
  let slots: LayerSlots
  let input: [Float]
  let mask: [Float]
  let context: [Float]?
  let contextMask: [Float]?
  let arena: [Float]
}

/// Gradients of a backward pass with respect to the encoder's inputs.
public struct EncoderGradients: Sendable {
  /// ∂loss/∂(hidden states entering the first layer run), B·L × H.
  public var hidden: Matrix<Float>
  /// ∂loss/∂features (one row per feature-token position), for a forward from an input with feature tokens.
  public var features: Matrix<Float>?
  /// ∂loss/∂context hidden states, for cross-attention layers.
  public var context: Matrix<Float>?
}

// MARK: - Internal structure

struct EmbeddingOffsets: Sendable, Hashable {
  var word: Int?
  var position: Int?
  var type: Int?
  var projectionWeight: Int?
  var projectionBias: Int?
  var normWeight: Int
  var normBias: Int
}

/// Offsets of one attention sublayer; Q, K, V weights are consecutive (`[3H, H]`), as are their biases.
struct AttentionOffsets: Sendable, Hashable {
  var qkvWeight: Int
  var qkvBias: Int
  var outWeight: Int
  var outBias: Int
  var normWeight: Int
  var normBias: Int
}

struct LayerOffsets: Sendable, Hashable {
  var attention: AttentionOffsets
  var cross: AttentionOffsets?
  var inWeight: Int
  var inBias: Int
  var outWeight: Int
  var outBias: Int
  var normWeight: Int
  var normBias: Int
}

/// Dropout of a training forward: the generator and the rates.
struct DropoutState {
  var rng: SplitMix64
  var hidden: Double
  var attention: Double

  init(rng: SplitMix64, configuration c: TransformerConfiguration) {
    self.rng = rng
    hidden = c.hiddenDropout
    attention = c.attentionDropout
  }
}

/// Offsets into a layer's arena of each intermediate (Nq = B·Lq query rows, Nk = B·Lk context rows).
struct SublayerSlots: Sendable, Hashable {
  /// Self: fused Q|K|V (Nq × 3H). Cross: Q (Nq × H).
  var query = 0
  /// Cross only: K|V of the context (Nk × 2H).
  var keyValue = 0
  var probabilities = 0
  /// Attention-dropout scales, or -1.
  var probabilityScales = -1
  var context = 0
  /// Hidden-dropout scales of the projected output, or -1.
  var outputScales = -1
  /// x̂ of the LayerNorm (first the residual sum).
  var normalized = 0
  var rstd = 0
  var output = 0
}

struct LayerSlots: Sendable, Hashable {
  var batch: Int
  var queryLength: Int
  var keyLength: Int
  var attention = SublayerSlots()
  var cross: SublayerSlots?
  /// FFN: pre-activation and activation (Nq × I).
  var preActivation = 0
  var activation = 0
  var ffnOutputScales = -1
  var ffnNormalized = 0
  var ffnRstd = 0
  var output = 0
  /// 2·Lq·max(Lq, Lk) floats for the attention kernels.
  var scratch = 0
  var size = 0

  /// Whether the intermediates are kept for a backward pass; inference (false) keeps one probability block
  /// (Lq·Lk) for all (sequence, head) pairs and applies GELU in place.
  var keep = true

  init(_ c: TransformerConfiguration, batch: Int, queryLength lq: Int, keyLength lk: Int, dropout: DropoutState?,
       keep: Bool = true) {
    self.keep = keep
    self.batch = batch
    queryLength = lq
    keyLength = lk
    let h = c.hiddenSize, nq = batch * lq, nk = batch * lk
    let hiddenDrop = (dropout?.hidden ?? 0) > 0, attentionDrop = (dropout?.attention ?? 0) > 0
    var size = 0
    func take(_ n: Int) -> Int {
      defer { size += n }
      return size
    }
    func sublayer(cross: Bool) -> SublayerSlots {
      var s = SublayerSlots()
      let keys = cross ? lk : lq
      s.query = take(nq * (cross ? h : 3 * h))
      if cross { s.keyValue = take(nk * 2 * h) }
      let probabilities = batch * c.headCount * lq * keys
      s.probabilities = take(keep ? probabilities : lq * keys)
      if attentionDrop { s.probabilityScales = take(probabilities) }
      s.context = take(nq * h)
      if hiddenDrop { s.outputScales = take(nq * h) }
      s.normalized = take(nq * h)
      s.rstd = take(nq)
      s.output = take(nq * h)
      return s
    }
    attention = sublayer(cross: false)
    if c.crossAttention { cross = sublayer(cross: true) }
    preActivation = take(nq * c.intermediateSize)
    activation = keep ? take(nq * c.intermediateSize) : preActivation
    if hiddenDrop { ffnOutputScales = take(nq * h) }
    ffnNormalized = take(nq * h)
    ffnRstd = take(nq)
    output = take(nq * h)
    scratch = take(2 * lq * Swift.max(lq, lk))
    self.size = size
  }
}

/// What the embedding block keeps for its backward pass.
struct EmbeddingCache: Sendable {
  var tokens: [Int32] = []
  var tokenTypes: [Int32] = []
  var length = 0
  var features: Matrix<Float>?
  var normalized: [Float] = []
  var rstd: [Float] = []
  var dropoutScales: [Float]?
}

// MARK: - The top layers as an encoder of their own

extension TransformerEncoder {
  /// Layers `layerCount − count ..< layerCount` as an encoder of their own (no embedding block, run from hidden
  /// states), holding a copy of their current weights: the trainable part of a fine-tuned tower whose lower layers'
  /// outputs are computed once (`encode(layers: layerCount − count)`) and cached. Layer `layerCount − count + i`
  /// becomes layer `i`; sizes, activation, LayerNorm ε and dropout rates are this encoder's.
  ///
  /// `top.encode(fromLayer: 0, hidden: encode(input, layers: layerCount − count), mask:)` equals `encode(input)`
  /// exactly (the same kernels on the same values).
  ///
  /// - Precondition: 1 ≤ `count` ≤ `layerCount`.
  public func topLayers(_ count: Int) -> TransformerEncoder {
    let c = configuration
    precondition(count >= 1 && count <= c.layerCount, "topLayers: \(count) of \(c.layerCount) layers")
    let first = c.layerCount - count
    let top = TransformerConfiguration(
      vocabularySize: 0, maxPositions: 0, typeVocabularySize: 0, hiddenSize: c.hiddenSize, layerCount: count,
      headCount: c.headCount, intermediateSize: c.intermediateSize, layerNormEpsilon: c.layerNormEpsilon,
      activation: c.activation, hiddenDropout: c.hiddenDropout, attentionDropout: c.attentionDropout,
      featureWidth: 0, crossAttention: c.crossAttention)
    var rng = SplitMix64(seed: 0)  // every parameter is overwritten below
    let source = parameters
    do {
      var copy = try TransformerEncoder(configuration: top, using: &rng)
      try copy.load { name in
        // "encoder.layer.{i}.rest" ← "encoder.layer.{first + i}.rest"
        let parts = name.split(separator: ".", maxSplits: 3)
        guard parts.count == 4, parts[0] == "encoder", parts[1] == "layer", let i = Int(parts[2]) else { return nil }
        guard let e = layout["encoder.layer.\(first + i).\(parts[3])"] else { return nil }
        return (e.shape, Array(source[e.range]))
      }
      return copy
    } catch {
      // The shape is this encoder's own layer shape and every tensor is copied from it, so neither can fail.
      preconditionFailure("topLayers: \(error)")
    }
  }
}
