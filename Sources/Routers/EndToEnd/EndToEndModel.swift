internal import BenchCore
internal import Foundation
internal import Learning

// The trained part shared by CosineCls, RouterDC, ZOOTER and VLC: a backbone (`Backbone`), a head on its pooled
// embedding and one of three objectives, trained with AdamW (decoupled weight decay), linear warm-up then cosine
// decay, global-norm gradient clipping, minibatches reshuffled every epoch and early stopping on the dev Rank Score
// with the best weights restored (App. H; spec §4.8–4.10).

/// A linear head `logits = u·Wᵀ + b` (VLC's and ZOOTER's classification head; W `[K, D]` N(0, 0.02²), b = 0).
struct LinearHead: Sendable, Hashable {
  let models: Int
  let width: Int
  /// W row-major, then b.
  var parameters: [Float]

  init(models: Int, width: Int, using rng: inout SplitMix64) {
    self.models = models
    self.width = width
    parameters = (0..<(models * width)).map { _ in Float(rng.nextGaussian() * 0.02) }
      + [Float](repeating: 0, count: models)
  }

  var weights: Matrix<Float> { Matrix(rows: models, columns: width, values: Array(parameters[0..<(models * width)])) }

  func forward(_ u: Matrix<Float>) -> Matrix<Float> {
    var z = BLAS.matmul(u, weights, transposeB: true)
    for i in 0..<z.rows { for k in 0..<models { z[i, k] += parameters[models * width + k] } }
    return z
  }

  /// (∂loss/∂parameters, ∂loss/∂u).
  func backward(_ u: Matrix<Float>, dLogits: Matrix<Float>) -> (gradient: [Float], input: Matrix<Float>) {
    let dW = BLAS.matmul(dLogits, transposeA: true, u)
    var db = [Float](repeating: 0, count: models)
    for i in 0..<dLogits.rows { for k in 0..<models { db[k] += dLogits[i, k] } }
    return (dW.values + db, BLAS.matmul(dLogits, weights))
  }
}

/// The head of an end-to-end router.
enum RouterHead: Sendable, Hashable {
  /// CosineCls / RouterDC: cos(u, m_k)/τ with learnable model embeddings and temperature.
  case cosine(CosineSimilarityHead)
  /// VLC / ZOOTER.
  case linear(LinearHead)

  var parameters: [Float] {
    get {
      switch self {
      case .cosine(let h): h.parameters
      case .linear(let h): h.parameters
      }
    }
    set {
      switch self {
      case .cosine(var h): h.parameters = newValue; self = .cosine(h)
      case .linear(var h): h.parameters = newValue; self = .linear(h)
      }
    }
  }

  func forward(_ u: Matrix<Float>) -> Matrix<Float> {
    switch self {
    case .cosine(let h): h.forward(u).logits
    case .linear(let h): h.forward(u)
    }
  }

  func backward(_ u: Matrix<Float>, dLogits: Matrix<Float>) -> (gradient: [Float], input: Matrix<Float>) {
    switch self {
    case .cosine(let h): h.backward(h.forward(u).cache, dLogits: dLogits)
    case .linear(let h): h.backward(u, dLogits: dLogits)
    }
  }
}

/// RouterDC's dual contrastive terms (Chen et al., NeurIPS 2024, Eqs. 3–6; spec §4.8), added to CosineCls's soft
/// cross-entropy.
struct DualContrastive: Sendable, Hashable {
  /// Sample–model: the `kPlus` models with the largest soft label (> 0) are positives.
  var kPlus: Int
  /// Sample–model: the `kMinus` hardest models with soft label 0 (largest current logit) are the negatives; correct
  /// models beyond the top `kPlus` are neither.
  var kMinus: Int
  /// k-means clusters of the training rows' input embeddings (sample–sample positives share a cluster).
  var clusters: Int
  var sampleModelWeight: Double
  var sampleSampleWeight: Double
  /// τ of the sample–sample term on cosine similarities of the pooled embeddings.
  var sampleSampleTemperature: Double
}

/// The objective on the head's logits.
enum EndToEndObjective: Sendable, Hashable {
  /// −Σ t·log softmax(z) (VLC, CosineCls).
  case softCrossEntropy
  /// KL(t ‖ softmax(z)), ZOOTER's reward distillation.
  case klDivergence
  /// Soft cross-entropy + RouterDC's sample–model and sample–sample contrastive terms.
  case dualContrastive(DualContrastive)

  struct Terms {
    var total: Double
    var parts: [String: Double]
    var dLogits: Matrix<Float>
    /// ∂loss/∂pooled embedding from terms that read it directly (sample–sample), else nil.
    var dPooled: Matrix<Float>?
  }

  /// The loss of a batch and its gradients. `clusters[i]` is row i's cluster (dual contrastive only).
  func evaluate(logits: Matrix<Float>, pooled: Matrix<Float>, targets: Matrix<Float>, clusters: [Int]) -> Terms {
    switch self {
    case .softCrossEntropy:
      let (l, g) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
      return Terms(total: l, parts: ["ce": l], dLogits: g, dPooled: nil)
    case .klDivergence:
      let (l, g) = KLDivergence.lossAndGradient(logits: logits, targets: targets)
      return Terms(total: l, parts: ["kl": l], dLogits: g, dPooled: nil)
    case .dualContrastive(let dc):
      var (ce, dLogits) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
      let (pos, neg) = Self.sampleModelPairs(logits: logits, targets: targets, kPlus: dc.kPlus, kMinus: dc.kMinus)
      // The logits are cos/τ already, so the sample–model term runs at temperature 1 on them.
      let (sm, dSM) = ContrastiveLoss.lossAndGradient(similarities: logits, temperature: 1, positives: pos, negatives: neg)
      for j in dLogits.values.indices { dLogits.values[j] += Float(dc.sampleModelWeight) * dSM.values[j] }
      let (ss, dPooled) = Self.sampleSample(pooled: pooled, clusters: clusters, temperature: dc.sampleSampleTemperature)
      var dp = dPooled
      for j in dp.values.indices { dp.values[j] *= Float(dc.sampleSampleWeight) }
      let total = ce + dc.sampleModelWeight * sm + dc.sampleSampleWeight * ss
      return Terms(total: total, parts: ["ce": ce, "sample_model": sm, "sample_sample": ss], dLogits: dLogits, dPooled: dp)
    }
  }

  /// Positive weights (1 for each of the top-`kPlus` models by target, targets > 0 only; first index on ties) and
  /// negatives (the `kMinus` models with target 0 and the largest logit; first index on ties). A sample whose every
  /// model has a target > 0 has no negatives and adds 0.
  static func sampleModelPairs(logits: Matrix<Float>, targets: Matrix<Float>, kPlus: Int, kMinus: Int)
    -> (positives: Matrix<Float>, negatives: Matrix<Bool>) {
    let b = logits.rows, k = logits.columns
    var pos = Matrix<Float>(rows: b, columns: k, repeating: 0)
    var neg = Matrix<Bool>(rows: b, columns: k, repeating: false)
    for i in 0..<b {
      let byTarget = (0..<k).filter { targets[i, $0] > 0 }.sorted { targets[i, $0] > targets[i, $1] || (targets[i, $0] == targets[i, $1] && $0 < $1) }
      let chosen = Set(byTarget.prefix(kPlus))
      for j in chosen { pos[i, j] = 1 }
      let hardest = (0..<k).filter { targets[i, $0] == 0 }
        .sorted { logits[i, $0] > logits[i, $1] || (logits[i, $0] == logits[i, $1] && $0 < $1) }
      for j in hardest.prefix(kMinus) { neg[i, j] = true }
    }
    return (pos, neg)
  }

  /// The in-batch sample–sample term: cosine similarities of the pooled embeddings at temperature τ, positives the
  /// other rows of the same cluster (weight 1/|P_i|, so each anchor's positives average), negatives the rows of
  /// other clusters, the row itself neither. Returns the loss and ∂loss/∂pooled.
  static func sampleSample(pooled: Matrix<Float>, clusters: [Int], temperature: Double) -> (Double, Matrix<Float>) {
    let b = pooled.rows
    precondition(clusters.count == b, "sample–sample: \(clusters.count) cluster ids for \(b) rows")
    let (u, norms) = L2Normalization.forward(pooled)
    let s = BLAS.matmul(u, u, transposeB: true)
    var pos = Matrix<Float>(rows: b, columns: b, repeating: 0)
    var neg = Matrix<Bool>(rows: b, columns: b, repeating: false)
    for i in 0..<b {
      let same = (0..<b).filter { $0 != i && clusters[$0] == clusters[i] }
      for j in same { pos[i, j] = 1 / Float(same.count) }
      for j in 0..<b where clusters[j] != clusters[i] { neg[i, j] = true }
    }
    let (loss, dS) = ContrastiveLoss.lossAndGradient(similarities: s, temperature: temperature, positives: pos, negatives: neg)
    var sym = dS
    for i in 0..<b { for j in 0..<b { sym[i, j] = dS[i, j] + dS[j, i] } }
    let du = BLAS.matmul(sym, u)
    return (loss, L2Normalization.backward(du, normalized: u, norms: norms))
  }
}

/// A fitted end-to-end model: backbone and head, and what training found.
struct EndToEndModel: Sendable {
  var backbone: Backbone
  var head: RouterHead
  var inputsTextWidth: Int
  /// The learned text embeddings' vocabulary (text as ids), built from the training rows; nil for text vectors.
  var vocabulary: TextVocabulary?
  var report: [String: String] = [:]

  /// Logits of `rows` (inference: no dropout), in batches of 256.
  func logits(_ given: EndToEndInputs, rows: [Int]) throws -> Matrix<Float> {
    var inputs = given
    inputs.vocabulary = vocabulary
    let k: Int
    switch head {
    case .cosine(let h): k = h.models
    case .linear(let h): k = h.models
    }
    var out = Matrix<Float>(rows: rows.count, columns: k, repeating: 0)
    // Length-sorted batches pad little; a row's logits do not depend on its batch (masked keys get weight 0).
    let order = rows.indices.sorted { (inputs.text?.tokenCount(rows[$0]) ?? 0, $0) < (inputs.text?.tokenCount(rows[$1]) ?? 0, $1) }
    var start = 0
    while start < order.count {
      let part = Array(order[start..<min(start + 256, order.count)])
      var none: SplitMix64?
      let (u, _) = try backbone.forward(part.map { inputs.row(rows[$0]) }, dropout: &none)
      let z = head.forward(u)
      for (r, at) in part.enumerated() { for j in 0..<k { out[at, j] = z[r, j] } }
      start += part.count
    }
    return out
  }
}

/// How one router trains: its head, objective, and whether rows without a correct model are kept.
struct EndToEndRecipe: Sendable {
  enum HeadKind: Sendable { case cosine(temperature: Double), linear }
  var router: String
  var settings: EndToEndSettings
  var head: HeadKind
  var objective: EndToEndObjective
  /// ZOOTER keeps training rows without a correct model, labelled with the cheapest model (spec §2, §4.9); the
  /// others drop them.
  var keepRowsWithoutACorrectModel: Bool

  /// Trains on `data` under `objective`.
  func fit(_ data: TrainingData, objective lambda: Objective, using rng: inout SplitMix64) throws -> EndToEndModel {
    let s = settings
    try s.check(router: router)
    guard lambda.lambda >= 0, lambda.costScale.isFinite, lambda.costScale >= 0 else {
      throw RouterError.invalidHyperparameter(router: router, message: "λ must be ≥ 0 and the cost scale finite")
    }
    let b = data.benchmark, k = b.modelCount
    var inputs = try EndToEndInputs(text: data.text, image: data.features, imageTokenWidth: s.imageTokenWidth,
                                    rows: b.sampleCount, router: router)
    try Self.requireModalities(s.backbone, inputs, router: router)
    var rows = keepRowsWithoutACorrectModel ? data.trainRows : try data.rowsWithACorrectModel(router)
    guard !rows.isEmpty else { throw RouterError.noTrainingSignal(router: router, message: "no training rows") }
    var subsampleRNG = rng.derived("subsample")
    if s.maxTrainRows > 0, rows.count > s.maxTrainRows {
      for i in stride(from: rows.count - 1, to: 0, by: -1) {
        rows.swapAt(i, Int(subsampleRNG.next() % UInt64(i + 1)))
      }
      rows = Array(rows.prefix(s.maxTrainRows)).sorted()
    }
    var targets = Matrix<Float>(rows: rows.count, columns: k, repeating: 0)
    for (r, i) in rows.enumerated() {
      let t = SoftLabels.target(correct: (0..<k).map { b.isCorrect(i, $0) }, cost: data.costRow(i), objective: lambda)
      for m in 0..<k { targets[r, m] = t[m] }
    }
    // Text ids: the compact vocabulary of the rows trained on (never the dev or test rows).
    if let text = inputs.text, text.holdsIDs { inputs.vocabulary = TextVocabulary(text, rows: rows) }
    var initRNG = rng.derived("init"), shuffleRNG = rng.derived("shuffle"), dropoutRNG = rng.derived("dropout")
    var clusterRNG = rng.derived("clusters")
    _ = rng.next()
    var backbone = try Backbone(kind: s.backbone, shape: s.shape, textWidth: inputs.textWidth,
                                imageWidth: inputs.imageTokenWidth, imageTokens: inputs.imageTokens,
                                maxTextTokens: data.text?.request.maxTokens ?? 0,
                                textVocabulary: inputs.vocabulary?.size ?? 0, using: &initRNG)
    if s.fineTuneLayers > 0 {
      // The trainable copy starts from the pretrained top layers the harness loaded with the cached states.
      guard let text = data.text, text.request.fineTuneLayers == s.fineTuneLayers, let tower = text.tower else {
        throw RouterError.invalidInput(
          router: router, message: "fine_tune_layers \(s.fineTuneLayers) needs the states after MiniLM layer "
            + "\(6 - s.fineTuneLayers) and its pretrained top layers; the run's text is "
            + (data.text.map { $0.request.description } ?? "absent"))
      }
      backbone.fineTuned = FineTunedText(pretrained: tower)
    }
    let head: RouterHead
    switch self.head {
    case .cosine(let t): head = .cosine(CosineSimilarityHead(models: k, width: backbone.outputWidth, temperature: t, using: &initRNG))
    case .linear: head = .linear(LinearHead(models: k, width: backbone.outputWidth, using: &initRNG))
    }
    var model = EndToEndModel(backbone: backbone, head: head, inputsTextWidth: inputs.textWidth,
                              vocabulary: inputs.vocabulary)
    var clusters = [Int](repeating: 0, count: rows.count)
    if case .dualContrastive(let dc) = objective {
      clusters = KMeans.cluster(Self.inputEmbeddings(inputs, rows: rows, backbone: s.backbone), k: dc.clusters,
                                using: &clusterRNG)
    }

    let batch = min(s.batchSize, rows.count)
    var stepsPerEpoch = 0
    for from in stride(from: 0, to: rows.count, by: 16 * batch) {
      stepsPerEpoch += (min(16 * batch, rows.count - from) + batch - 1) / batch
    }
    let total = stepsPerEpoch * s.maxEpochs
    let schedule = CosineSchedule(baseRate: s.learningRate, warmupSteps: Int((Double(total) * s.warmupFraction).rounded()),
                                  totalSteps: total)
    var optimizers = model.backbone.towers.map { AdamW(parameterCount: $0.parameters.count, weightDecay: Float(s.weightDecay)) }
    // The fine-tuned MiniLM layers: the same schedule's shape at their own (pretrained-weight) base rate.
    let fineTuneSchedule = CosineSchedule(baseRate: s.fineTuneLearningRate, warmupSteps: schedule.warmupSteps,
                                          totalSteps: total)
    var fineTuneOptimizer = model.backbone.fineTuned.map {
      AdamW(parameterCount: $0.parameterCount, weightDecay: Float(s.weightDecay))
    }
    var headOptimizer = AdamW(parameterCount: model.head.parameters.count, weightDecay: Float(s.weightDecay))
    let devRows = data.devRows, bounds = data.costBounds
    func devScore(_ m: EndToEndModel) throws -> Double {
      rankScore(b, rows: devRows, decisions: argmaxRows(try m.logits(inputs, rows: devRows)), bounds: bounds)
    }
    var best = model, bestScore = -Double.infinity, bestEpoch = 0, stale = 0, epochsRun = 0, step = 0
    var lastLoss = 0.0, flops = 0.0
    var stopReason = "max_epochs"
    let clock = ContinuousClock(), start = clock.now, cpuStart = threadCPUSeconds()
    var order = Array(0..<rows.count)
    let textLength = rows.map { inputs.text?.tokenCount($0) ?? 0 }
    for epoch in 1...s.maxEpochs {
      for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(shuffleRNG.next() % UInt64(i + 1))) }
      // Length bucketing: each run of 16 batches of the shuffled order is sorted by text length and cut into
      // batches, which are then shuffled, so a batch pads to similar lengths (padded positions cost as much as
      // real ones) while every epoch still sees every row once in a seeded random order.
      var batches: [[Int]] = []
      var from = 0
      while from < order.count {
        let group = order[from..<min(from + 16 * batch, order.count)].sorted { (textLength[$0], $0) < (textLength[$1], $1) }
        from += group.count
        var g = 0
        while g < group.count {
          batches.append(Array(group[g..<min(g + batch, group.count)]))
          g += batch
        }
      }
      for i in stride(from: batches.count - 1, to: 0, by: -1) { batches.swapAt(i, Int(shuffleRNG.next() % UInt64(i + 1))) }
      var epochLoss = 0.0
      for part in batches {
        let batchRows = part.map { inputs.row(rows[$0]) }
        var t = Matrix<Float>(rows: part.count, columns: k, repeating: 0)
        for (r, p) in part.enumerated() { for m in 0..<k { t[r, m] = targets[p, m] } }
        var d: SplitMix64? = dropoutRNG
        let (u, cache) = try model.backbone.forward(batchRows, dropout: &d)
        dropoutRNG = d!
        let z = model.head.forward(u)
        let terms = objective.evaluate(logits: z, pooled: u, targets: t, clusters: part.map { clusters[$0] })
        epochLoss += terms.total * Double(part.count)
        var (headGradient, du) = model.head.backward(u, dLogits: terms.dLogits)
        if let extra = terms.dPooled { for j in du.values.indices { du.values[j] += extra.values[j] } }
        var gradients = model.backbone.backward(cache!, dPooled: du) + [headGradient]
        GradientClipping.clip(&gradients, maxNorm: s.clipNorm)
        headGradient = gradients.removeLast()
        let lr = Float(schedule.rate(at: step))
        for n in model.backbone.towers.indices {
          optimizers[n].update(&model.backbone.towers[n].parameters, gradient: gradients[n], learningRate: lr)
        }
        if fineTuneOptimizer != nil, let g = gradients.last, gradients.count > model.backbone.towers.count {
          fineTuneOptimizer!.update(&model.backbone.fineTuned!.layers.parameters, gradient: g,
                                    learningRate: Float(fineTuneSchedule.rate(at: step)))
        }
        var hp = model.head.parameters
        headOptimizer.update(&hp, gradient: headGradient, learningRate: lr)
        model.head.parameters = hp
        step += 1
        let f = model.backbone.trainingFlops(rows: batchRows)
        flops += f.forward + f.backward
      }
      epochsRun = epoch
      lastLoss = epochLoss / Double(rows.count)
      guard !devRows.isEmpty else { best = model; bestEpoch = epoch; continue }
      let score = try devScore(model)
      if score > bestScore + s.minDelta {
        (best, bestScore, bestEpoch, stale) = (model, score, epoch, 0)
      } else {
        stale += 1
        if stale >= s.patience { stopReason = "dev_patience"; break }
      }
    }
    let seconds = (clock.now - start).seconds, cpu = threadCPUSeconds() - cpuStart
    best.report = [
      "backbone": s.backbone.rawValue,
      "text_input": s.backbone.readsText ? (data.text?.request.description ?? "none") : "none",
      "fine_tuned_minilm_layers": "\(model.backbone.fineTuned?.layers.configuration.layerCount ?? 0)",
      "fine_tuned_parameters": "\(model.backbone.fineTuned?.parameterCount ?? 0)",
      "text_vocabulary": inputs.vocabulary.map { "\($0.size) (\($0.size - 2) ids + [CLS], [UNK])" } ?? "none",
      "image_tokens": s.backbone.readsImage ? "\(inputs.imageTokens)×\(inputs.imageTokenWidth)" : "none",
      "parameters": "\(model.backbone.parameterCount + model.head.parameters.count)",
      "train_rows": "\(rows.count)",
      "epochs_run": "\(epochsRun)",
      "best_epoch": "\(bestEpoch)",
      "best_dev_rank_score": bestScore.isFinite ? String(format: "%.4f", bestScore) : "none",
      "stop_reason": stopReason,
      "last_train_loss": String(format: "%.5f", lastLoss),
      "train_samples_per_second": String(format: "%.1f", Double(epochsRun * rows.count) / max(seconds, 1e-9)),
      "train_gflop": String(format: "%.1f", flops / 1e9),
      "train_seconds": String(format: "%.2f", seconds),
      "train_gflops_per_second": String(format: "%.2f", flops / max(seconds, 1e-9) / 1e9),
      // CPU time of the fitting thread (BLAS runs one thread per run in a sweep): what the run costs on a quiet
      // core, whatever else shares the machine.
      "train_cpu_seconds": String(format: "%.1f", cpu),
      "train_gflops_per_cpu_second": String(format: "%.2f", flops / max(cpu, 1e-9) / 1e9),
    ]
    return best
  }

  static func requireModalities(_ kind: BackboneKind, _ inputs: EndToEndInputs, router: String) throws {
    if kind.readsText && inputs.text == nil {
      throw RouterError.invalidInput(router: router, message: "the \(kind.rawValue) backbone reads text tokens, and the run has none")
    }
    if kind.readsImage && inputs.image == nil {
      throw RouterError.missingFeatures(router)
    }
  }

  /// A fixed embedding of each row's inputs for RouterDC's clusters: the mean of its frozen text vectors (MiniLM's
  /// own sentence embedding before normalisation) and the mean of its image tokens, each L2-normalised, joined.
  static func inputEmbeddings(_ inputs: EndToEndInputs, rows: [Int], backbone: BackboneKind) -> Matrix<Float> {
    let ids = inputs.text?.holdsIDs ?? false
    let tw = backbone.readsText ? (ids ? idVectorWidth : inputs.textWidth) : 0, iw = backbone.readsImage ? inputs.imageTokenWidth : 0
    var out = Matrix<Float>(rows: rows.count, columns: max(tw + iw, 1), repeating: 0)
    for (r, i) in rows.enumerated() {
      let x = inputs.row(i)
      func put(_ values: ArraySlice<Float>, tokens: Int, width: Int, at offset: Int) {
        guard tokens > 0, width > 0 else { return }
        var mean = [Double](repeating: 0, count: width)
        for (n, v) in values.enumerated() { mean[n % width] += Double(v) }
        let norm = max(mean.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        for j in 0..<width { out[r, offset + j] = Float(mean[j] / norm) }
      }
      if tw > 0, let t = inputs.text, t.holdsIDs {
        // Text ids: a fixed random projection of the bag of ids (a seeded Gaussian vector per cl100k id).
        var bag: [Float] = []
        for id in t.ids[t.offsets[i]..<t.offsets[i + 1]] { bag += idVector(id, width: tw) }
        put(bag[...], tokens: x.textTokens, width: tw, at: 0)
      } else if tw > 0 {
        put(x.text, tokens: x.textTokens, width: tw, at: 0)
      }
      if iw > 0, let image = x.image { put(image, tokens: inputs.imageTokens, width: iw, at: tw) }
    }
    return out
  }
}

/// Width of RouterDC's fixed clustering embedding of a text id.
let idVectorWidth = 64

/// A fixed N(0, 1) vector for cl100k id `id`, from a `SplitMix64` seeded by the id alone (the same in every run).
func idVector(_ id: Int32, width: Int) -> [Float] {
  var g = SplitMix64(seed: 0x636C_3130_306B ^ UInt64(id))
  return (0..<width).map { _ in Float(g.nextGaussian()) }
}

/// CPU seconds of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Lloyd's k-means with k-means++ seeding from a `SplitMix64`, 50 iterations at most (RouterDC's clusters; the
/// reference uses scikit-learn's `KMeans(n_clusters=5, n_init=10)` — one seeded start here).
enum KMeans {
  static func cluster(_ x: Matrix<Float>, k requested: Int, using rng: inout SplitMix64) -> [Int] {
    let n = x.rows, d = x.columns, k = min(max(requested, 1), n)
    func distance(_ i: Int, _ c: [Float], _ j: Int) -> Double {
      var s = 0.0
      for t in 0..<d { let v = Double(x[i, t] - c[j * d + t]); s += v * v }
      return s
    }
    var centres = [Float](repeating: 0, count: k * d)
    var first = Int(rng.next() % UInt64(n))
    for t in 0..<d { centres[t] = x[first, t] }
    var nearest = (0..<n).map { distance($0, centres, 0) }
    for j in 1..<max(k, 1) {
      let total = nearest.reduce(0, +)
      var pick = 0
      if total > 0 {
        var target = rng.nextUnit() * total
        for i in 0..<n { target -= nearest[i]; if target < 0 { pick = i; break }; pick = i }
      } else {
        pick = Int(rng.next() % UInt64(n))
      }
      first = pick
      for t in 0..<d { centres[j * d + t] = x[pick, t] }
      for i in 0..<n { nearest[i] = min(nearest[i], distance(i, centres, j)) }
    }
    var assignment = [Int](repeating: 0, count: n)
    for iteration in 0..<50 {
      var changed = false
      for i in 0..<n {
        var best = 0, bestD = Double.infinity
        for j in 0..<k { let dd = distance(i, centres, j); if dd < bestD { (best, bestD) = (j, dd) } }
        if assignment[i] != best || iteration == 0 { changed = changed || assignment[i] != best; assignment[i] = best }
      }
      if !changed && iteration > 0 { break }
      var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
      for i in 0..<n {
        counts[assignment[i]] += 1
        for t in 0..<d { sums[assignment[i] * d + t] += Double(x[i, t]) }
      }
      for j in 0..<k where counts[j] > 0 { for t in 0..<d { centres[j * d + t] = Float(sums[j * d + t] / Double(counts[j])) } }
    }
    return assignment
  }
}
