public import BenchCore
internal import Learning
internal import Foundation

/// ECVL-Router's routing classifier (Sec. 4.2.1): each branch's embedding e_m (text, image, statistics) is
/// projected into a shared space, v_m = W_m·e_m + b_m (width 256); the branches form a sequence of tokens
/// [v_text; v_image; v_stat] (each plus a learned modality embedding, so the encoder can tell them apart), a
/// 2-layer post-LN transformer encoder (4 heads, FFN 512, dropout 0.3; `TransformerEncoder` from its hidden
/// states, no word or position embeddings) mixes them, the outputs are mean-pooled and a linear head gives
/// p = σ(wᵀh + b). Binary cross-entropy, trained with the shared protocol (`NeuralTraining`: Adam 10⁻³ with
/// OneCycleLR, batch 64, 50 epochs, the dev RCS observed after every epoch).
///
/// Branch inputs are standardised on the training rows. Dropping a branch (Table 3) drops its token.
///
/// Head parameters (one flat vector, in order): per branch t (in `RouterBranch` order) W_t (`width × d_t`,
/// row-major, U(±1/√d_t)) and b_t (`width`, U(±1/√d_t)) — PyTorch's `nn.Linear` initialisation —; the modality
/// embeddings (`branches × width`, N(0, 0.02²)); the classifier w (`width`, U(±1/√width)) and b (1, the same).
public struct ECVLRouter: EdgeCloudRouter {
  public struct Configuration: EdgeCloudConfiguration {
    public var width = 256
    public var layers = 2
    public var heads = 4
    public var feedForward = 512
    public var dropout = 0.3
    public var branches: [RouterBranch] = RouterBranch.allCases
    public var training = NeuralTraining()
    public init() {}

    enum CodingKeys: String, CodingKey {
      case width, layers, heads, feedForward = "feed_forward", dropout, branches, training
    }

    var encoderConfiguration: TransformerConfiguration {
      TransformerConfiguration(vocabularySize: 0, maxPositions: 0, typeVocabularySize: 0, hiddenSize: width,
                               layerCount: layers, headCount: heads, intermediateSize: feedForward,
                               hiddenDropout: dropout, attentionDropout: dropout)
    }
  }

  public static let kind = "ECVL-Router"
  public static let summary = "branch projections to 256 → 2-layer transformer (4 heads, FFN 512, dropout 0.3) → mean pool → sigmoid"
  public static let dependsOnSeed = true
  public let configuration: Configuration
  public var branches: [RouterBranch] { configuration.branches.sorted() }
  var encoder: TransformerEncoder?
  var head: [Float] = []
  var inputWidths: [Int] = []
  var views: [StandardizedView] = []

  public init(configuration: Configuration = Configuration()) throws(EdgeCloudError) {
    try configuration.training.validate(Self.kind)
    let problems = configuration.encoderConfiguration.problems
    guard problems.isEmpty, !configuration.branches.isEmpty,
          Set(configuration.branches).count == configuration.branches.count else {
      throw EdgeCloudError(.router, (problems + ["one to three distinct branches"]).joined(separator: "; "),
                           key: Self.kind)
    }
    self.configuration = configuration
  }

  // MARK: Layout

  struct Layout {
    var projection: [(weight: Int, bias: Int, inputs: Int)]
    var modality: Int
    var classifier: Int
    var count: Int
  }

  var layout: Layout {
    let h = configuration.width
    var at = 0
    var projection: [(Int, Int, Int)] = []
    for d in inputWidths {
      projection.append((at, at + h * d, d))
      at += h * d + h
    }
    let modality = at
    at += inputWidths.count * h
    return Layout(projection: projection, modality: modality, classifier: at, count: at + h + 1)
  }

  static func initialHead(width h: Int, inputWidths: [Int], using rng: inout SplitMix64) -> [Float] {
    var p: [Float] = []
    func uniform(_ n: Int, fanIn: Int) {
      let bound = 1 / Double(max(fanIn, 1)).squareRoot()
      for _ in 0..<n { p.append(Float((2 * rng.nextUnit() - 1) * bound)) }
    }
    for d in inputWidths {
      uniform(h * d, fanIn: d)
      uniform(h, fanIn: d)
    }
    for _ in 0..<(inputWidths.count * h) { p.append(Float(rng.nextGaussian() * 0.02)) }
    uniform(h + 1, fanIn: h)
    return p
  }

  // MARK: Forward and backward

  struct Cache {
    var inputs: [Matrix<Float>]
    var encoder: EncoderCache
    var pooled: Matrix<Float>
    var mask: SequenceMask
  }

  /// The logits of a batch whose branch inputs (standardised, B × d_t each) are `x`; with a generator, dropout
  /// is on and the cache for `backward` is kept.
  func forward(_ x: [Matrix<Float>], dropoutUsing rng: inout SplitMix64?) throws -> (logits: [Float], cache: Cache?) {
    guard let encoder else { throw EdgeCloudError(.router, "forward before fit", key: Self.kind) }
    let h = configuration.width, t = x.count, b = x.first?.rows ?? 0
    let l = layout
    var h0 = Matrix<Float>(rows: b * t, columns: h, repeating: 0)
    head.withUnsafeBufferPointer { p in
      h0.values.withUnsafeMutableBufferPointer { out in
        for (k, xk) in x.enumerated() {
          let (w, bias, d) = l.projection[k]
          var v = Matrix<Float>(rows: b, columns: h, repeating: 0)
          xk.values.withUnsafeBufferPointer { xv in
            v.values.withUnsafeMutableBufferPointer { vv in
              BLAS.gemm(transposeA: false, transposeB: true, m: b, n: h, k: d, alpha: 1, a: xv.baseAddress, lda: d,
                        b: p.baseAddress! + w, ldb: d, beta: 0, c: vv.baseAddress, ldc: h)
            }
          }
          for i in 0..<b {
            let row = (i * t + k) * h
            for j in 0..<h { out[row + j] = v[i, j] + p[bias + j] + p[l.modality + k * h + j] }
          }
        }
      }
    }
    let mask = SequenceMask(lengths: Array(repeating: t, count: b), length: t)
    let hidden: Matrix<Float>
    var cache: EncoderCache?
    if var g = rng {
      let r = try encoder.forward(fromLayer: 0, hidden: h0, mask: mask, dropoutUsing: &g)
      rng = g
      hidden = r.hidden
      cache = r.cache
    } else {
      hidden = try encoder.encode(fromLayer: 0, hidden: h0, mask: mask)
    }
    let pooled = Pooling.mean(hidden, mask: mask)
    var z = [Float](repeating: 0, count: b)
    for i in 0..<b {
      var s = head[l.classifier + h]
      for j in 0..<h { s += pooled[i, j] * head[l.classifier + j] }
      z[i] = s
    }
    return (z, cache.map { Cache(inputs: x, encoder: $0, pooled: pooled, mask: mask) })
  }

  /// Gradients of the loss with respect to the head and encoder parameters, given ∂loss/∂logits.
  func backward(_ c: Cache, dLogits dz: [Float], head gHead: inout [Float], encoder gEncoder: inout [Float]) {
    guard let encoder else { return }
    let h = configuration.width, t = c.inputs.count, b = dz.count
    let l = layout
    gHead = [Float](repeating: 0, count: l.count)
    var dPooled = Matrix<Float>(rows: b, columns: h, repeating: 0)
    for i in 0..<b {
      gHead[l.classifier + h] += dz[i]
      for j in 0..<h {
        gHead[l.classifier + j] += dz[i] * c.pooled[i, j]
        dPooled[i, j] = dz[i] * head[l.classifier + j]
      }
    }
    let dHidden = Pooling.meanBackward(dPooled, mask: c.mask)
    let dh0 = encoder.backward(c.encoder, dOutput: dHidden, gradient: &gEncoder).hidden
    for (k, xk) in c.inputs.enumerated() {
      let (w, bias, d) = l.projection[k]
      var dv = Matrix<Float>(rows: b, columns: h, repeating: 0)
      for i in 0..<b {
        let row = (i * t + k) * h
        for j in 0..<h {
          let g = dh0.values[row + j]
          dv[i, j] = g
          gHead[bias + j] += g
          gHead[l.modality + k * h + j] += g
        }
      }
      dv.values.withUnsafeBufferPointer { dvv in
        xk.values.withUnsafeBufferPointer { xv in
          gHead.withUnsafeMutableBufferPointer { g in
            BLAS.gemm(transposeA: true, transposeB: false, m: h, n: d, k: b, alpha: 1, a: dvv.baseAddress, lda: h,
                      b: xv.baseAddress, ldb: d, beta: 0, c: g.baseAddress! + w, ldc: d)
          }
        }
      }
    }
  }

  /// Builds the encoder and head for branch inputs of these widths (random initialisation).
  mutating func initialise(inputWidths: [Int], using rng: inout SplitMix64) throws {
    self.inputWidths = inputWidths
    encoder = try TransformerEncoder(configuration: configuration.encoderConfiguration, using: &rng)
    head = Self.initialHead(width: configuration.width, inputWidths: inputWidths, using: &rng)
  }

  // MARK: Router

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<ECVLRouter>,
                           using rng: inout SplitMix64) throws {
    views = try branches.map { b throws(EdgeCloudError) in
      try StandardizedView(inputs: data.inputs, branches: [b], trainRows: data.trainRows)
    }
    let everyRow = Array(0..<data.inputs.count)
    let all = try views.map { v throws(EdgeCloudError) in try v.rows(data.inputs, everyRow) }
    try initialise(inputWidths: all.map(\.columns), using: &rng)
    var headAdam = Adam(parameterCount: head.count, weightDecay: Float(configuration.training.weightDecay))
    var encoderAdam = Adam(parameterCount: encoder!.parameters.count,
                           weightDecay: Float(configuration.training.weightDecay))
    var labelOf = [Float](repeating: 0, count: data.inputs.count)
    for (r, i) in data.trainRows.enumerated() { labelOf[i] = data.trainLabels[r] ? 1 : 0 }
    var gHead: [Float] = [], gEncoder: [Float] = []
    var dropout: SplitMix64? = rng.derived("dropout")
    try configuration.training.run(rows: data.trainRows, using: &rng, step: { batch, rate in
      let x = all.map { $0.selecting(rows: batch) }
      let (z, cache) = try forward(x, dropoutUsing: &dropout)
      let (_, dz) = BinaryCrossEntropy.lossAndGradient(logits: z, targets: batch.map { labelOf[$0] })
      backward(cache!, dLogits: dz, head: &gHead, encoder: &gEncoder)
      headAdam.update(&head, gradient: gHead, learningRate: rate)
      encoderAdam.update(&encoder!.parameters, gradient: gEncoder, learningRate: rate)
    }, epochEnd: { epoch in try monitor.observe(self, epoch: epoch) })
  }

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float] {
    guard encoder != nil, views.count == branches.count else {
      throw EdgeCloudError(.router, "probabilities() before fit()", key: Self.kind)
    }
    var out: [Float] = []
    out.reserveCapacity(rows.count)
    var none: SplitMix64?
    var start = 0
    while start < rows.count {
      let chunk = Array(rows[start..<min(start + 512, rows.count)])
      let x = try views.map { v throws(EdgeCloudError) in try v.rows(inputs, chunk) }
      out += try forward(x, dropoutUsing: &none).logits.map { Float(BinaryCrossEntropy.probability(Double($0))) }
      start += 512
    }
    return out
  }

  public var fitReport: [String: String] {
    ["parameters": String(head.count + (encoder?.parameters.count ?? 0))]
  }
}
