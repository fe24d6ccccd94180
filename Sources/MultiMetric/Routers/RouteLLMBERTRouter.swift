public import BenchCore
public import EdgeCloud
internal import Foundation
internal import Learning
public import Routers

/// RouteLLM's BERT classifier (Ong et al., ICLR 2025, Sec. 4.1 "BERT classifier"; the RouteT2I supplementary's
/// RouteLLM-BERT rows): a pretrained text encoder fine-tuned on the prompt with a linear head on its pooled output,
/// trained with binary cross-entropy on the binary label the other binary routers use — L = "the edge model is
/// competent" = G ≤ 0 (`BinaryQualityRouter`, `QualityTrainingSet.weightedGap`) — and scoring "send to cloud" as
/// 1 − P(L).
///
/// The encoder is all-MiniLM-L6-v2 (`make minilm`) in place of RouteLLM's BERT-base: its lower 6 − k layers run once
/// per workspace (`RouterInputs.prompts`, states after layer 6 − k) and its top k layers (`fine_tune_layers`,
/// default 1; 0 = frozen) train from their pretrained weights (`FineTunedText`), then mean pooling over the prompt's
/// WordPiece tokens (`[CLS]`/`[SEP]` included, as sentence-transformers pools) and Linear(384 → 1).
///
/// Training: AdamW (decoupled decay 0.01), linear warm-up over 10 % of the steps then cosine decay, the head at
/// `learning_rate` 10⁻³ (fresh weights), the MiniLM layers at `fine_tune_learning_rate` 5·10⁻⁵ (pretrained
/// weights; RouteLLM fine-tunes BERT at 10⁻⁵ for longer), one global-norm clip at 1.0 over both, minibatches of
/// 16 (App. H's batch) reshuffled every epoch, `epochs` 3 (each epoch costs ≈ 0.34 GFLOP per 32-token prompt and layer, see
/// `FineTunedText`), dropout 0.1 in the MiniLM layers (their configuration's).
public struct RouteLLMBERTRouter: QualityRouter {
  public struct Configuration: Sendable, Hashable, Codable {
    public var fineTuneLayers = 1
    public var maxTokens = 32
    public var epochs = 3
    public var batchSize = 16
    public var learningRate = 1e-3
    public var fineTuneLearningRate = 5e-5
    public var weightDecay = 0.01
    public var warmupFraction = 0.1
    public var clipNorm = 1.0

    public init() {}

    enum CodingKeys: String, CodingKey {
      case fineTuneLayers = "fine_tune_layers", maxTokens = "max_tokens", epochs, batchSize = "batch_size",
           learningRate = "learning_rate", fineTuneLearningRate = "fine_tune_learning_rate",
           weightDecay = "weight_decay", warmupFraction = "warmup_fraction", clipNorm = "clip_norm"
    }

    func validate(_ router: String) throws(MultiMetricError) {
      var p: [String] = []
      if !(0...6).contains(fineTuneLayers) { p.append("fine_tune_layers \(fineTuneLayers) must be in 0…6") }
      if !(2...512).contains(maxTokens) { p.append("max_tokens \(maxTokens) must be in 2…512") }
      if epochs < 1 { p.append("epochs \(epochs) must be ≥ 1") }
      if batchSize < 1 { p.append("batch_size \(batchSize) must be ≥ 1") }
      for (k, v) in [("learning_rate", learningRate), ("fine_tune_learning_rate", fineTuneLearningRate),
                     ("clip_norm", clipNorm)] where !(v > 0 && v.isFinite) {
        p.append("\(k) \(v) must be > 0")
      }
      if !(weightDecay >= 0) { p.append("weight_decay \(weightDecay) must be ≥ 0") }
      if !(warmupFraction >= 0 && warmupFraction < 1) { p.append("warmup_fraction \(warmupFraction) must be in [0, 1)") }
      if !p.isEmpty { throw MultiMetricError(.router, p.joined(separator: "; "), key: router) }
    }
  }

  public let name = "RouteLLM-BERT"
  public let configuration: Configuration
  public var configurationJSON: String { canonicalJSON(configuration) }
  public let dependsOnSeed = true
  /// No feature branch: it reads the prompts' token states (`RouterInputs.prompts`, `textRequest`).
  public var branches: [RouterBranch] { [] }
  /// The token states it reads: MiniLM-L6's states after layer 6 − k, with its pretrained top k layers.
  public var textRequest: TextRequest? {
    TextRequest(source: .minilmStates, maxTokens: configuration.maxTokens, fineTuneLayers: configuration.fineTuneLayers)
  }

  private var tower: FineTunedText?
  /// Linear(width → 1): W then b.
  private var head: [Float] = []
  public private(set) var fitReport: [String: String] = [:]

  public init(configuration: Configuration = Configuration()) throws(MultiMetricError) {
    try configuration.validate("RouteLLM-BERT")
    self.configuration = configuration
  }

  func prompts(_ inputs: RouterInputs) throws(MultiMetricError) -> TextTokens {
    guard let prompts = inputs.prompts else {
      throw MultiMetricError(.missingData, "RouteLLM-BERT reads the prompts' MiniLM token states and the inputs have "
                               + "none", key: name)
    }
    let request = TextRequest(source: .minilmStates, maxTokens: configuration.maxTokens,
                              fineTuneLayers: configuration.fineTuneLayers)
    guard prompts.request == request, (prompts.tower != nil) == (configuration.fineTuneLayers > 0) else {
      throw MultiMetricError(.router, "the prompts' token states are \(prompts.request.description), the router "
                               + "reads \(request.description)", key: name)
    }
    return prompts
  }

  public mutating func fit(_ data: QualityTrainingSet, using rng: inout SplitMix64) throws {
    let c = configuration
    let text = try prompts(data.inputs)
    let rows = data.trainRows
    guard !rows.isEmpty else { throw MultiMetricError(.missingData, "no training rows", key: name) }
    // The label of every binary router: the edge model is competent (G ≤ 0); the score is 1 − P(competent).
    let labels = data.weightedGap.map { $0 <= 0 ? Float(1) : 0 }
    var initRNG = rng.derived("init"), shuffleRNG = rng.derived("shuffle"), dropoutRNG = rng.derived("dropout")
    _ = rng.next()
    var tuned = text.tower.map { FineTunedText(pretrained: $0) }
    let w = text.width
    var head = (0..<w).map { _ in Float(initRNG.nextGaussian() * 0.02) } + [0]
    let batch = min(c.batchSize, rows.count)
    let stepsPerEpoch = (rows.count + batch - 1) / batch, total = stepsPerEpoch * c.epochs
    let warmup = Int((Double(total) * c.warmupFraction).rounded())
    let headSchedule = CosineSchedule(baseRate: c.learningRate, warmupSteps: warmup, totalSteps: total)
    let towerSchedule = CosineSchedule(baseRate: c.fineTuneLearningRate, warmupSteps: warmup, totalSteps: total)
    var headOptimizer = AdamW(parameterCount: head.count, weightDecay: Float(c.weightDecay))
    var towerOptimizer = tuned.map { AdamW(parameterCount: $0.parameterCount, weightDecay: Float(c.weightDecay)) }
    var order = Array(rows.indices), step = 0, lastLoss = 0.0, flops = 0.0
    let clock = ContinuousClock(), start = clock.now
    for _ in 0..<c.epochs {
      order.seededShuffle(using: &shuffleRNG)
      var epochLoss = 0.0
      for from in stride(from: 0, to: order.count, by: batch) {
        let part = order[from..<min(from + batch, order.count)].map { $0 }
        let sampleRows = part.map { rows[$0] }
        var d: SplitMix64? = dropoutRNG
        let forward = try Self.pooled(text, rows: sampleRows, tower: tuned, dropout: &d)
        dropoutRNG = d!
        let z = Self.logits(forward.pooled, head: head)
        let (loss, dz) = BinaryCrossEntropy.lossAndGradient(logits: z, targets: part.map { labels[$0] })
        epochLoss += loss * Double(part.count)
        let (dHead, du) = Self.headBackward(forward.pooled, head: head, dLogits: dz)
        var gradients = [dHead]
        if let tuned, let cache = forward.cache {
          gradients.append(tuned.backward(cache, dStates: Self.meanPoolingBackward(du, tokens: forward.tokens)))
          flops += 3 * tuned.forwardFlops(tokens: forward.tokens)
        }
        GradientClipping.clip(&gradients, maxNorm: c.clipNorm)
        headOptimizer.update(&head, gradient: gradients[0], learningRate: Float(headSchedule.rate(at: step)))
        if tuned != nil {
          towerOptimizer!.update(&tuned!.layers.parameters, gradient: gradients[1],
                                 learningRate: Float(towerSchedule.rate(at: step)))
        }
        step += 1
      }
      lastLoss = epochLoss / Double(rows.count)
    }
    let seconds = FixedRateProtocol.seconds(clock.now - start)
    tower = tuned
    self.head = head
    fitReport = [
      "text_input": text.request.description,
      "fine_tuned_parameters": "\(tuned?.parameterCount ?? 0)",
      "train_rows": "\(rows.count)",
      "last_train_loss": String(format: "%.5f", lastLoss),
      "train_gflops_per_second": String(format: "%.2f", flops / max(seconds, 1e-9) / 1e9),
    ]
  }

  public func cloudScores(_ inputs: RouterInputs, rows: [Int]) throws -> [Double] {
    guard !head.isEmpty else { throw MultiMetricError(.router, "cloudScores() before fit()", key: name) }
    let text = try prompts(inputs)
    var scores = [Double](repeating: 0, count: rows.count)
    var none: SplitMix64?
    for from in stride(from: 0, to: rows.count, by: 256) {
      let part = Array(rows[from..<min(from + 256, rows.count)])
      let z = Self.logits(try Self.pooled(text, rows: part, tower: tower, dropout: &none).pooled, head: head)
      for (j, v) in z.enumerated() { scores[from + j] = 1 - BinaryCrossEntropy.probability(Double(v)) }
    }
    return scores
  }

  // MARK: The network

  /// Mean of each row's token states after the (fine-tuned) top layers; a row without tokens pools to 0.
  static func pooled(_ text: TextTokens, rows: [Int], tower: FineTunedText?, dropout rng: inout SplitMix64?) throws
    -> (pooled: Matrix<Float>, cache: FineTunedText.Cache?, tokens: [Int]) {
    let w = text.width
    let tokens = rows.map { text.tokenCount($0) }
    var states = rows.map { i in text.vectors[(text.offsets[i] * w)..<(text.offsets[i + 1] * w)] }
    var cache: FineTunedText.Cache?
    if let tower {
      let (out, c) = try tower.forward(states, tokens: tokens, dropout: &rng)
      states = out.map { $0[...] }
      cache = c
    }
    var pooled = Matrix<Float>(rows: rows.count, columns: w, repeating: 0)
    for (b, s) in states.enumerated() where tokens[b] > 0 {
      let scale = 1 / Float(tokens[b])
      for (j, v) in s.enumerated() { pooled.values[b * w + j % w] += v * scale }
    }
    return (pooled, cache, tokens)
  }

  static func logits(_ u: Matrix<Float>, head: [Float]) -> [Float] {
    let w = u.columns
    return (0..<u.rows).map { b in
      var z = head[w]
      for j in 0..<w { z += u[b, j] * head[j] }
      return z
    }
  }

  /// (∂loss/∂head, ∂loss/∂pooled).
  static func headBackward(_ u: Matrix<Float>, head: [Float], dLogits: [Float]) -> ([Float], Matrix<Float>) {
    let w = u.columns
    var g = [Float](repeating: 0, count: w + 1)
    var du = Matrix<Float>(rows: u.rows, columns: w, repeating: 0)
    for b in 0..<u.rows {
      for j in 0..<w {
        g[j] += dLogits[b] * u[b, j]
        du[b, j] = dLogits[b] * head[j]
      }
      g[w] += dLogits[b]
    }
    return (g, du)
  }

  /// ∂loss/∂(each token state) of a mean pool: ∂loss/∂pooled / n on each of the row's n tokens.
  static func meanPoolingBackward(_ du: Matrix<Float>, tokens: [Int]) -> [[Float]] {
    let w = du.columns
    return tokens.enumerated().map { b, n in
      guard n > 0 else { return [] }
      let scale = 1 / Float(n)
      var g = [Float](repeating: 0, count: n * w)
      for t in 0..<n { for j in 0..<w { g[t * w + j] = du[b, j] * scale } }
      return g
    }
  }
}
