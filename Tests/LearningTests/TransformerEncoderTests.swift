import BenchCore
import Foundation
@testable import Learning
import Testing

/// The blocks composed: one post-LN layer, a cross-attention layer, a two-stream (LXMERT-style) pair, a whole
/// two-layer encoder from mixed word/feature tokens, all by central differences (`expectGradient`); padding
/// invisibility, inference = training forward, layer ranges, freezing, loading and input errors.
@Suite struct TransformerEncoderTests {
  /// One layer (self-attention + FFN, post-LN) from hidden states: every parameter and the input, for both GELU
  /// forms, with and without dropout (the masks are drawn from the same seed in every evaluation, so the function
  /// differentiated is fixed).
  @Test(arguments: [(TransformerConfiguration.Activation.geluErf, 0.0), (.geluTanh, 0.0), (.geluErf, 0.2)])
  func oneLayerBlock(setting: (TransformerConfiguration.Activation, Double)) throws {
    let c = smallConfiguration(layers: 1, vocabulary: 0, activation: setting.0, hiddenDropout: setting.1,
                               attentionDropout: setting.1)
    let encoder = randomizedEncoder(c, seed: 201)
    var g = SplitMix64(seed: 202)
    let mask = SequenceMask(lengths: [4, 2], length: 4)
    let x = Matrix(rows: 8, columns: 8, values: randomValues(64, &g))
    let probe = LinearProbe(count: 64, &g)
    func run(_ e: TransformerEncoder, _ x: Matrix<Float>) -> (Matrix<Float>, EncoderCache) {
      var rng = SplitMix64(seed: 3)
      return try! e.forward(fromLayer: 0, hidden: x, mask: mask, dropoutUsing: &rng)
    }
    let (_, cache) = run(encoder, x)
    var grad: [Float] = []
    let grads = encoder.backward(cache, dOutput: probe.gradient(rows: 8, columns: 8), gradient: &grad)
    expectGradient(grad, at: encoder.parameters, label: "layer parameters") { p in
      var e = encoder
      e.parameters = p
      return probe(run(e, x).0.values)
    }
    expectGradient(grads.hidden.values, at: x.values, label: "layer input") {
      probe(run(encoder, Matrix(rows: 8, columns: 8, values: $0)).0.values)
    }
    #expect(grads.context == nil && grads.features == nil)
  }

  /// A layer with cross-attention (self-attention, then queries from this stream and keys/values from the context,
  /// then FFN): gradients of every parameter, of the query stream and of the context stream, with both streams
  /// padded and one sequence whose context is entirely masked.
  @Test func crossAttentionLayerWithMasks() throws {
    let c = smallConfiguration(layers: 1, vocabulary: 0, cross: true)
    let encoder = randomizedEncoder(c, seed: 203)
    var g = SplitMix64(seed: 204)
    let mask = SequenceMask(lengths: [3, 2, 1], length: 3)
    let contextMask = SequenceMask(lengths: [4, 2, 0], length: 4)
    let x = Matrix(rows: 9, columns: 8, values: randomValues(72, &g))
    let y = Matrix(rows: 12, columns: 8, values: randomValues(96, &g))
    let probe = LinearProbe(count: 72, &g)
    func run(_ e: TransformerEncoder, _ x: Matrix<Float>, _ y: Matrix<Float>) -> (Matrix<Float>, EncoderCache) {
      try! e.forward(fromLayer: 0, hidden: x, mask: mask, context: EncoderContext(hidden: y, mask: contextMask))
    }
    let (_, cache) = run(encoder, x, y)
    var grad: [Float] = []
    let grads = encoder.backward(cache, dOutput: probe.gradient(rows: 9, columns: 8), gradient: &grad)
    #expect(encoder.layout["encoder.layer.0.crossattention.self.key.weight"]?.shape == [8, 8])
    expectGradient(grad, at: encoder.parameters, label: "cross layer parameters") { p in
      var e = encoder
      e.parameters = p
      return probe(run(e, x, y).0.values)
    }
    expectGradient(grads.hidden.values, at: x.values, label: "query stream") {
      probe(run(encoder, Matrix(rows: 9, columns: 8, values: $0), y).0.values)
    }
    let dy = try #require(grads.context)
    expectGradient(dy.values, at: y.values, label: "context stream") {
      probe(run(encoder, x, Matrix(rows: 12, columns: 8, values: $0)).0.values)
    }
    // Masked context positions of a sequence with valid keys get no gradient (they are never attended to).
    #expect(dy.values[(4 * 8 + 2 * 8)..<(8 * 8)].allSatisfy { $0 == 0 })  // sequence 1: positions 2, 3 masked
    // A sequence with no context key at all attends uniformly (Hugging Face's additive mask), so its values get
    // gradient through the uniform average.
    #expect(dy.values[(8 * 8)..<(12 * 8)].contains { $0 != 0 })
  }

  /// Two streams that attend to each other at every layer (LXMERT's cross-modality layers): text layer i reads the
  /// image stream's output of layer i − 1 and vice versa, through `forwardLayer`/`backwardLayer`; the gradient of
  /// each input adds its own stream's path and the other stream's context path.
  @Test func dualStreamLayersInterleaved() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 0, cross: true)
    let text = randomizedEncoder(c, seed: 205), image = randomizedEncoder(c, seed: 206)
    var g = SplitMix64(seed: 207)
    let tm = SequenceMask(lengths: [3, 2], length: 3), im = SequenceMask(lengths: [2, 4], length: 4)
    let x = Matrix(rows: 6, columns: 8, values: randomValues(48, &g))
    let y = Matrix(rows: 8, columns: 8, values: randomValues(64, &g))
    let probeT = LinearProbe(count: 48, &g), probeI = LinearProbe(count: 64, &g)
    func run(_ t: TransformerEncoder, _ v: TransformerEncoder, _ x: Matrix<Float>, _ y: Matrix<Float>)
      -> (Double, [(LayerCache, LayerCache)]) {
      var a = x, b = y
      var caches: [(LayerCache, LayerCache)] = []
      for l in 0..<2 {
        let (na, ca) = try! t.forwardLayer(l, hidden: a, mask: tm, context: EncoderContext(hidden: b, mask: im))
        let (nb, cb) = try! v.forwardLayer(l, hidden: b, mask: im, context: EncoderContext(hidden: a, mask: tm))
        a = na
        b = nb
        caches.append((ca, cb))
      }
      return (probeT(a.values) + probeI(b.values), caches)
    }
    let (_, caches) = run(text, image, x, y)
    var gt = [Float](repeating: 0, count: text.parameters.count), gi = [Float](repeating: 0, count: image.parameters.count)
    var da = probeT.gradient(rows: 6, columns: 8), db = probeI.gradient(rows: 8, columns: 8)
    for (ca, cb) in caches.reversed() {
      let (dxa, dctxa) = text.backwardLayer(ca, dOutput: da, gradient: &gt, accumulate: true)
      let (dxb, dctxb) = image.backwardLayer(cb, dOutput: db, gradient: &gi, accumulate: true)
      da = dxa
      db = dxb
      for j in da.values.indices { da.values[j] += dctxb!.values[j] }
      for j in db.values.indices { db.values[j] += dctxa!.values[j] }
    }
    expectGradient(gt, at: text.parameters, label: "text stream parameters") { p in
      var t = text
      t.parameters = p
      return run(t, image, x, y).0
    }
    expectGradient(gi, at: image.parameters, label: "image stream parameters") { p in
      var v = image
      v.parameters = p
      return run(text, v, x, y).0
    }
    expectGradient(da.values, at: x.values, label: "text input") {
      run(text, image, Matrix(rows: 6, columns: 8, values: $0), y).0
    }
    expectGradient(db.values, at: y.values, label: "image input") {
      run(text, image, x, Matrix(rows: 8, columns: 8, values: $0)).0
    }
  }

  /// A whole two-layer encoder from a batch that mixes word ids and continuous feature tokens (with token types as
  /// modalities), dropout on: every parameter, the features, and — run from hidden states — the input of layer 0.
  @Test func twoLayerEncoderAsAWhole() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 11, features: 3, hiddenDropout: 0.1, attentionDropout: 0.1)
    let encoder = randomizedEncoder(c, seed: 208)
    var g = SplitMix64(seed: 209)
    let tokens: [Int32] = [2, 5, -1, -1, 3, 1, -1, 9, 0, 0]
    let types: [Int32] = [0, 0, 1, 1, 0, 0, 1, 0, 0, 0]
    let mask = SequenceMask(lengths: [5, 4], length: 5)
    let features = Matrix(rows: 3, columns: 3, values: randomValues(9, &g))
    let input = try EncoderInput(tokens: tokens, tokenTypes: types, mask: mask, features: features)
    let probe = LinearProbe(count: 80, &g)
    func run(_ e: TransformerEncoder, _ input: EncoderInput) -> (Matrix<Float>, EncoderCache) {
      var rng = SplitMix64(seed: 11)
      return try! e.forward(input, dropoutUsing: &rng)
    }
    let (_, cache) = run(encoder, input)
    var grad: [Float] = []
    let grads = encoder.backward(cache, dOutput: probe.gradient(rows: 10, columns: 8), gradient: &grad)
    let worst = expectGradient(grad, at: encoder.parameters, label: "encoder parameters") { p in
      var e = encoder
      e.parameters = p
      return probe(run(e, input).0.values)
    }
    #expect(worst < 2e-3)
    let df = try #require(grads.features)
    expectGradient(df.values, at: features.values, label: "feature tokens") { f in
      probe(run(encoder, try! EncoderInput(tokens: tokens, tokenTypes: types, mask: mask,
                                           features: Matrix(rows: 3, columns: 3, values: f))).0.values)
    }
    // From hidden states: ∂/∂(input of layer 0), no dropout.
    let x = Matrix(rows: 10, columns: 8, values: randomValues(80, &g))
    let (_, stackCache) = try encoder.forward(fromLayer: 0, hidden: x, mask: mask)
    var unused: [Float] = []
    let dx = encoder.backward(stackCache, dOutput: probe.gradient(rows: 10, columns: 8), gradient: &unused).hidden
    expectGradient(dx.values, at: x.values, label: "layer-0 input") {
      probe(try! encoder.encode(fromLayer: 0, hidden: Matrix(rows: 10, columns: 8, values: $0), mask: mask).values)
    }
  }

  /// A sequence padded with extra masked tokens — alone or in a batch with a longer one — has the same hidden
  /// states at its real positions and the same mean-pooled vector (to 1e-5: the products are the same sums, but
  /// BLAS may block a longer matrix differently).
  @Test func paddingIsInvisible() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 11)
    let encoder = randomizedEncoder(c, seed: 210)
    let short: [Int32] = [1, 7, 3, 8]
    let alone = try encoder.encode(EncoderInput(sequences: [short]))
    let padded = try EncoderInput(sequences: [short, [2, 2, 5, 9, 10, 4, 6]], length: 7, padToken: 0)
    let batch = try encoder.encode(padded)
    let garbage = try EncoderInput(sequences: [short, [2, 2, 5, 9, 10, 4, 6]], length: 7, padToken: 10)
    let other = try encoder.encode(garbage)
    var worst: Float = 0
    for t in 0..<4 {
      for j in 0..<8 {
        worst = max(worst, abs(alone[t, j] - batch[t, j]), abs(alone[t, j] - other[t, j]))
      }
    }
    #expect(worst <= 1e-5, "max |Δ| \(worst)")
    let pooledAlone = Pooling.mean(alone, mask: SequenceMask(lengths: [4]))
    let pooled = Pooling.mean(batch, mask: padded.mask)
    for j in 0..<8 { #expect(abs(pooledAlone[0, j] - pooled[0, j]) <= 1e-5) }
    // The padded positions themselves are computed (like PyTorch) but depend on the pad id; the real ones do not.
    #expect(batch[5, 0] != other[5, 0])
  }

  @Test func inferenceEqualsTrainingForwardAndLayerRangesCompose() throws {
    let c = smallConfiguration(layers: 3, vocabulary: 11)
    let encoder = randomizedEncoder(c, seed: 211)
    let input = try EncoderInput(sequences: [[1, 2, 3, 4, 5], [6, 7]], tokenTypes: [[0, 0, 1, 1, 1], [0, 1]])
    let full = try encoder.encode(input)
    #expect(try encoder.forward(input).hidden == full)
    var rng = SplitMix64(seed: 1)
    #expect(try encoder.forward(input, dropoutUsing: &rng).hidden == full, "dropout rates are 0")
    #expect(rng == SplitMix64(seed: 1), "no draw without dropout")
    // Lower layers once, then the top layers from the cached states.
    let lower = try encoder.encode(input, layers: 2)
    #expect(try encoder.encode(fromLayer: 2, hidden: lower, mask: input.mask) == full)
    let (top, topCache) = try encoder.forward(fromLayer: 2, hidden: lower, mask: input.mask)
    #expect(top == full && topCache.firstLayer == 2)
    // The top layer's gradient from the cached states equals the full backward's on that layer.
    var g = SplitMix64(seed: 2)
    let d = Matrix(rows: full.rows, columns: 8, values: randomValues(full.values.count, &g))
    var gTop: [Float] = [], gAll: [Float] = []
    _ = encoder.backward(topCache, dOutput: d, gradient: &gTop)
    _ = encoder.backward(try encoder.forward(input).cache, dOutput: d, gradient: &gAll)
    let range = encoder.parameterRange(layers: 2..<3)
    #expect(Array(gTop[range]) == Array(gAll[range]))
    #expect(gTop[0..<range.lowerBound].allSatisfy { $0 == 0 })
  }

  @Test func anEmptyBatchGivesNoRows() throws {
    let encoder = randomizedEncoder(smallConfiguration(layers: 2, vocabulary: 11), seed: 216)
    let empty = try EncoderInput(sequences: [])
    #expect(try encoder.encode(empty).rows == 0)
    let (hidden, cache) = try encoder.forward(empty)
    var gradient: [Float] = []
    let grads = encoder.backward(cache, dOutput: hidden, gradient: &gradient)
    #expect(hidden.rows == 0 && grads.hidden.rows == 0 && gradient.allSatisfy { $0 == 0 })
  }

  @Test func dropoutIsSeededAndOnlyInTraining() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 11, hiddenDropout: 0.3, attentionDropout: 0.3)
    let encoder = randomizedEncoder(c, seed: 212)
    let input = try EncoderInput(sequences: [[1, 2, 3, 4], [5, 6]])
    var a = SplitMix64(seed: 4), b = SplitMix64(seed: 4), other = SplitMix64(seed: 5)
    let ya = try encoder.forward(input, dropoutUsing: &a).hidden
    #expect(ya == (try encoder.forward(input, dropoutUsing: &b).hidden))
    #expect(a == b && a != SplitMix64(seed: 4))
    #expect(ya != (try encoder.forward(input, dropoutUsing: &other).hidden))
    #expect(try encoder.forward(input).hidden == (try encoder.encode(input)), "no generator: no dropout")
  }

  /// Freezing: with `trainable` only the chosen tensors get gradients (equal to the unrestricted ones), the rest
  /// stay exactly 0; `AdamW.update(only:)` leaves frozen entries (and their decay) alone.
  @Test func freezingByRanges() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 11)
    var encoder = randomizedEncoder(c, seed: 213)
    let input = try EncoderInput(sequences: [[1, 2, 3], [4, 5, 6]])
    let (out, cache) = try encoder.forward(input)
    var g = SplitMix64(seed: 3)
    let d = Matrix(rows: out.rows, columns: 8, values: randomValues(out.values.count, &g))
    var all: [Float] = [], some: [Float] = []
    let gAll = encoder.backward(cache, dOutput: d, gradient: &all)
    let top = encoder.parameterRange(layers: 1..<2)
    let ln = encoder.layout["embeddings.LayerNorm.weight"]!.range
    let gSome = encoder.backward(cache, dOutput: d, gradient: &some, trainable: [top, ln])
    #expect(gSome.hidden == gAll.hidden, "input gradients do not depend on freezing")
    for j in all.indices {
      if top.contains(j) || ln.contains(j) { #expect(some[j] == all[j]) } else { #expect(some[j] == 0) }
    }
    #expect(encoder.embeddingRange.lowerBound == 0 && encoder.embeddingRange.upperBound == encoder.layout
      .range(prefix: "encoder.layer.0.")!.lowerBound)
    var optimizer = AdamW(parameterCount: encoder.parameters.count, weightDecay: 0.1)
    let before = encoder.parameters
    optimizer.update(&encoder.parameters, gradient: all, learningRate: 1e-2, only: [top])
    for j in before.indices where !top.contains(j) { #expect(encoder.parameters[j] == before[j]) }
    #expect(top.contains { encoder.parameters[$0] != before[$0] })
  }

  // MARK: Loading

  @Test func loadGoesByNameAndChecksShapes() throws {
    let c = smallConfiguration(layers: 2, vocabulary: 11)
    let source = randomizedEncoder(c, seed: 214)
    var tensors: [String: (shape: [Int], values: [Float])] = [:]
    for e in source.layout.entries { tensors["bert." + e.name] = (e.shape, Array(source.parameters[e.range])) }
    var target = randomizedEncoder(c, seed: 215)
    try target.load(prefix: "bert.") { tensors[$0] }
    #expect(target.parameters == source.parameters)

    var fresh = randomizedEncoder(c, seed: 215)
    let untouched = fresh.parameters
    var missing = tensors
    missing["bert.encoder.layer.1.attention.self.value.bias"] = nil
    let e1 = #expect(throws: LearningError.self) { try fresh.load(prefix: "bert.") { missing[$0] } }
    #expect(e1?.kind == .missingTensor && e1?.tensor == "bert.encoder.layer.1.attention.self.value.bias")
    #expect(fresh.parameters == untouched, "a failed load changes nothing")
    var wrong = tensors
    wrong["bert.encoder.layer.0.intermediate.dense.weight"] = ([8, 12], [Float](repeating: 0, count: 96))
    let e2 = #expect(throws: LearningError.self) { try fresh.load(prefix: "bert.") { wrong[$0] } }
    #expect(e2?.kind == .shapeMismatch && e2?.tensor == "bert.encoder.layer.0.intermediate.dense.weight")
    #expect(e2.map { "\($0)" }?.contains("expected [12, 8]") == true)
    var short = tensors
    short["bert.embeddings.LayerNorm.bias"] = ([8], [1, 2, 3])
    let e3 = #expect(throws: LearningError.self) { try fresh.load(prefix: "bert.") { short[$0] } }
    #expect(e3?.kind == .shapeMismatch && e3?.tensor == "bert.embeddings.LayerNorm.bias")
    #expect(try #require(e1).description.hasPrefix("tensor 'bert.encoder.layer.1.attention.self.value.bias'"))

    let names = Array(tensors.keys) + ["bert.pooler.dense.weight", "bert.embeddings.position_ids", "bert.cls.x",
                                       "encoder.layer.0.output.dense.bias"]
    #expect(Set(source.unexpectedTensors(among: names, prefix: "bert.")) == ["bert.cls.x",
                                                                             "encoder.layer.0.output.dense.bias"])
  }

  @Test func minilmLayoutMatchesTheCheckpoint() throws {
    var g = SplitMix64(seed: 1)
    let c = TransformerConfiguration.minilmL6
    #expect(c.problems.isEmpty && c.headSize == 32 && c.activation == .geluErf && c.layerNormEpsilon == 1e-12)
    let e = try TransformerEncoder(configuration: c, using: &g)
    // all-MiniLM-L6-v2's 22,713,216 parameters (the model card's 22.7M) less its pooler (384·384 + 384).
    #expect(e.layout.count == 22_713_216 - 147_840)
    #expect(e.layout.entries.count == 5 + 16 * 6)
    #expect(e.layout["embeddings.word_embeddings.weight"]?.shape == [30_522, 384])
    #expect(e.layout["encoder.layer.5.intermediate.dense.weight"]?.shape == [1536, 384])
    #expect(e.layout["encoder.layer.5.output.dense.weight"]?.shape == [384, 1536])
    #expect(e.parameterRange(layers: 0..<6).upperBound == e.layout.count)
  }

  // MARK: Errors

  @Test func invalidConfigurationsAndInputsAreErrorsThatSayWhere() throws {
    var g = SplitMix64(seed: 1)
    var bad = smallConfiguration()
    bad.headCount = 3
    let e0 = #expect(throws: LearningError.self) { try TransformerEncoder(configuration: bad, using: &g) }
    #expect(e0?.kind == .invalidConfiguration && e0?.message.contains("multiple of headCount 3") == true)

    let encoder = randomizedEncoder(smallConfiguration(layers: 1, vocabulary: 11), seed: 2)
    let e1 = #expect(throws: LearningError.self) { try encoder.encode(EncoderInput(sequences: [[1, 2], [3, 11]])) }
    #expect(e1?.kind == .invalidInput && e1?.sequence == 1 && e1?.position == 1)
    let e2 = #expect(throws: LearningError.self) {
      try encoder.encode(EncoderInput(sequences: [[1, 2, 3, 4, 5, 6, 7, 8]]))
    }
    #expect(e2?.message.contains("exceeds the 7 position embeddings") == true)
    let e3 = #expect(throws: LearningError.self) {
      try encoder.encode(EncoderInput(tokens: [1, EncoderInput.featureToken], mask: SequenceMask(lengths: [2]),
                                      features: Matrix(rows: 1, columns: 3, repeating: 0)))
    }
    #expect(e3?.position == 1 && e3?.message.contains("no feature projection") == true)
    let e4 = #expect(throws: LearningError.self) {
      try encoder.encode(EncoderInput(sequences: [[1, 2]], tokenTypes: [[0, 2]]))
    }
    #expect(e4?.sequence == 0 && e4?.position == 1)
    let e5 = #expect(throws: LearningError.self) { try SequenceMask(batchSize: 1, length: 2, values: [1, 0.5]) }
    #expect(e5?.position == 1)
    let e6 = #expect(throws: LearningError.self) {
      try EncoderInput(tokens: [1, -1], mask: SequenceMask(lengths: [2]), features: nil)
    }
    #expect(e6?.message.contains("1 feature-token positions but 0 feature rows") == true)
    let cross = randomizedEncoder(smallConfiguration(layers: 1, vocabulary: 0, cross: true), seed: 3)
    let e7 = #expect(throws: LearningError.self) {
      try cross.encode(fromLayer: 0, hidden: Matrix(rows: 2, columns: 8, repeating: 0),
                       mask: SequenceMask(lengths: [2]))
    }
    #expect(e7?.message.contains("need a context") == true)
  }

  @Test func bertConfigJSONIsReadStrictly() throws {
    let minilm = Data(#"""
      {"architectures": ["BertModel"], "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false,
       "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02,
       "intermediate_size": 1536, "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert",
       "num_attention_heads": 12, "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute",
       "transformers_version": "4.8.2", "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522}
      """#.utf8)
    #expect(try TransformerConfiguration(bertConfigJSON: minilm) == .minilmL6)
    let tanh = try TransformerConfiguration(bertConfigJSON: Data(#"{"hidden_act": "gelu_new", "hidden_size": 64, "num_attention_heads": 4}"#.utf8))
    #expect(tanh.activation == .geluTanh && tanh.intermediateSize == 256 && tanh.layerCount == 12)
    for (json, phrase) in [(#"{"hidden_act": "relu"}"#, "hidden_act 'relu'"),
                           (#"{"position_embedding_type": "relative_key"}"#, "position_embedding_type"),
                           (#"{"hidden_size": 100, "num_attention_heads": 12}"#, "not a multiple of headCount"),
                           (#"{"hidden_size": "wide"}"#, "not a BERT configuration")] {
      let e = #expect(throws: LearningError.self) { try TransformerConfiguration(bertConfigJSON: Data(json.utf8)) }
      #expect(e?.kind == .invalidConfiguration && e?.message.contains(phrase) == true, "\(json): \(String(describing: e))")
    }
  }

  /// The whole training loop on a toy task — the label is whether token 3 occurs in the sequence — with the blocks
  /// as a router uses them: a one-layer encoder with dropout, mean pooling, the cosine head, soft cross-entropy,
  /// global-norm clipping at 1 and AdamW, the embeddings frozen. The loss must fall far and every training sequence
  /// be classified right; the frozen embeddings must not move.
  @Test func aSmallModelLearnsAToyTask() throws {
    var c = smallConfiguration(layers: 1, vocabulary: 11, hiddenDropout: 0.1, attentionDropout: 0.1)
    c.maxPositions = 7
    var g = SplitMix64(seed: 220)
    var encoder = try TransformerEncoder(configuration: c, initializerRange: 0.3, using: &g)
    var head = CosineSimilarityHead(models: 2, width: 8, temperature: 0.1, using: &g)
    var sequences: [[Int32]] = []
    var labels: [Int] = []
    for n in 0..<24 {
      let length = 3 + n % 4
      var s = (0..<length).map { _ in Int32(4 + g.next() % 7) }
      if n % 2 == 0 { s[Int(g.next() % UInt64(length))] = 3 }
      sequences.append(s)
      labels.append(n % 2 == 0 ? 0 : 1)
    }
    let input = try EncoderInput(sequences: sequences)
    var targets = Matrix<Float>(rows: 24, columns: 2, repeating: 0)
    for (i, l) in labels.enumerated() { targets[i, l] = 1 }
    let trainable = [encoder.parameterRange(layers: 0..<1)]
    let frozen = Array(encoder.parameters[encoder.embeddingRange])
    var encoderOptimizer = AdamW(parameterCount: encoder.parameters.count)
    var headOptimizer = AdamW(parameterCount: head.parameters.count, weightDecay: 0)
    var dropout = SplitMix64(seed: 221)
    var losses: [Double] = []
    var gradient: [Float] = []
    for _ in 0..<60 {
      let (hidden, cache) = try encoder.forward(input, dropoutUsing: &dropout)
      let pooled = Pooling.mean(hidden, mask: input.mask)
      let (logits, headCache) = head.forward(pooled)
      let (loss, dLogits) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
      losses.append(loss)
      let (dHead, dPooled) = head.backward(headCache, dLogits: dLogits)
      _ = encoder.backward(cache, dOutput: Pooling.meanBackward(dPooled, mask: input.mask), gradient: &gradient,
                           trainable: trainable)
      var parts = [gradient, dHead]
      GradientClipping.clip(&parts, maxNorm: 1)
      encoderOptimizer.update(&encoder.parameters, gradient: parts[0], learningRate: 3e-2, only: trainable)
      headOptimizer.update(&head.parameters, gradient: parts[1], learningRate: 3e-2)
    }
    let logits = head.forward(Pooling.mean(try encoder.encode(input), mask: input.mask)).logits
    let correct = (0..<24).filter { (logits[$0, 0] > logits[$0, 1] ? 0 : 1) == labels[$0] }.count
    #expect(losses.last! < 0.2 * losses.first!, "loss \(losses.first!) → \(losses.last!)")
    #expect(correct == 24)
    #expect(Array(encoder.parameters[encoder.embeddingRange]) == frozen)
  }
}
