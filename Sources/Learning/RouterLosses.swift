public import BenchCore
internal import Foundation

/// KL(p ‖ softmax(z)), the distillation objective of ZOOTER (Lu et al., "Routing to the Expert", 2024: the router
/// matches the normalised rewards p): PyTorch's `F.kl_div(log_softmax(z), p, reduction: "batchmean")`.
public enum KLDivergence {
  /// loss = (1/B)·Σ_i Σ_k p_ik·(log p_ik − log softmax(z_i)_k) with 0·log 0 = 0, accumulated in Double;
  /// ∂loss/∂z_ik = (q_ik·Σ_k p_ik − p_ik)/B with q = softmax(z) (soft cross-entropy's gradient: the two differ by
  /// the entropy of p, a constant).
  ///
  /// - Parameters:
  ///   - targets: `B×K`, non-negative (rows normally sum to 1).
  public static func lossAndGradient(logits: Matrix<Float>, targets: Matrix<Float>) -> (loss: Double,
                                                                                        gradient: Matrix<Float>) {
    precondition(logits.rows == targets.rows && logits.columns == targets.columns, "KL: shape mismatch")
    precondition(targets.values.allSatisfy { $0 >= 0 }, "KL: negative target")
    let (ce, gradient) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets)
    var entropy = 0.0
    for t in targets.values where t > 0 { entropy -= Double(t) * log(Double(t)) }
    return (ce - entropy / Double(Swift.max(logits.rows, 1)), gradient)
  }
}

/// An InfoNCE-style contrastive loss with temperature, several positives per query allowed — RouterDC's
/// sample–model and sample–sample objectives (Chen et al., "RouterDC: Query-Based Router by Dual Contrastive
/// Learning", NeurIPS 2024, Eqs. 3–5).
///
/// With similarities S (Q queries × K keys), temperature τ, logits s_ij = S_ij/τ, positive weights w_ij ≥ 0 (the
/// positives P_i are the keys with w_ij > 0) and negatives N_i (disjoint from P_i):
///
///     ℓ_ij = −log( e^{s_ij} / (e^{s_ij} + Σ_{k∈N_i} e^{s_ik}) )          for j ∈ P_i
///     loss = (1/Q)·Σ_i Σ_{j∈P_i} w_ij·ℓ_ij
///
/// — each positive competes with the query's negatives only, not with the other positives (RouterDC's form; with
/// one positive and every other key a negative it is the classic InfoNCE / CLIP loss). Weights 1 give RouterDC's
/// sum over the top-K⁺ models; 1/|P_i| averages instead. A query without positives, or without negatives,
/// contributes 0. ℓ_ij = softplus(LSE_{k∈N_i} s_ik − s_ij), computed stably.
///
/// Gradient (a_ij = σ(LSE_N_i − s_ij)): ∂loss/∂s_ij = −w_ij·a_ij/Q for j ∈ P_i,
/// ∂loss/∂s_ik = (Σ_j w_ij·a_ij)·softmax_{N_i}(s)_k/Q for k ∈ N_i, 0 elsewhere; ∂/∂S = ∂/∂s / τ.
public enum ContrastiveLoss {
  /// - Parameters:
  ///   - similarities: Q×K (e.g. cosine similarities).
  ///   - positives: Q×K weights, w > 0 marks a positive.
  ///   - negatives: Q×K, true marks a negative; nil = every key that is not a positive.
  /// - Returns: the loss (Double) and ∂loss/∂similarities.
  public static func lossAndGradient(similarities: Matrix<Float>, temperature: Double, positives: Matrix<Float>,
                                     negatives: Matrix<Bool>? = nil) -> (loss: Double, gradient: Matrix<Float>) {
    let q = similarities.rows, k = similarities.columns
    precondition(positives.rows == q && positives.columns == k, "ContrastiveLoss: positives shape")
    precondition(negatives.map { $0.rows == q && $0.columns == k } ?? true, "ContrastiveLoss: negatives shape")
    precondition(temperature > 0, "ContrastiveLoss: temperature \(temperature)")
    var gradient = Matrix<Float>(rows: q, columns: k, repeating: 0)
    var loss = 0.0
    let invQ = 1 / Double(Swift.max(q, 1))
    for i in 0..<q {
      var logits = [Double](repeating: 0, count: k)
      var isNegative = [Bool](repeating: false, count: k)
      var m = -Double.infinity
      for j in 0..<k {
        logits[j] = Double(similarities[i, j]) / temperature
        let w = positives[i, j]
        precondition(w >= 0, "ContrastiveLoss: negative weight at (\(i), \(j))")
        let neg = negatives?[i, j] ?? (w == 0)
        precondition(!(neg && w > 0), "ContrastiveLoss: key \(j) is both a positive and a negative of query \(i)")
        isNegative[j] = neg
        if neg { m = Swift.max(m, logits[j]) }
      }
      guard m > -Double.infinity else { continue }
      var z = 0.0
      for j in 0..<k where isNegative[j] { z += exp(logits[j] - m) }
      let lseNegatives = m + log(z)
      var pull = 0.0
      for j in 0..<k where positives[i, j] > 0 {
        let w = Double(positives[i, j])
        let x = lseNegatives - logits[j]
        loss += w * (Swift.max(x, 0) + log1p(exp(-abs(x))))
        let a = 1 / (1 + exp(-x))
        pull += w * a
        gradient[i, j] = Float(-w * a * invQ / temperature)
      }
      for j in 0..<k where isNegative[j] {
        gradient[i, j] = Float(pull * exp(logits[j] - lseNegatives) * invQ / temperature)
      }
    }
    return (loss * invQ, gradient)
  }
}

/// CosineCls's head: logits_ik = cos(u_i, m_k)/τ between pooled query embeddings u and learnable model embeddings
/// m_k, with a learnable temperature τ = e^θ (θ learnt, so τ stays positive).
///
/// Parameters in one flat `[Float]`: the K×D model embeddings (row-major), then θ.
public struct CosineSimilarityHead: Sendable, Hashable {
  public let models: Int
  public let width: Int
  public var parameters: [Float]

  /// Model embeddings N(0, 1) (their scale is irrelevant to the cosine), τ = `temperature`.
  public init(models: Int, width: Int, temperature: Double = 0.1, using rng: inout SplitMix64) {
    precondition(models > 0 && width > 0 && temperature > 0, "CosineSimilarityHead: \(models)×\(width), τ \(temperature)")
    self.models = models
    self.width = width
    parameters = (0..<(models * width)).map { _ in Float(rng.nextGaussian()) } + [Float(log(temperature))]
  }

  public var temperature: Double { exp(Double(parameters[models * width])) }

  /// The model embeddings as a K×D matrix.
  public var modelEmbeddings: Matrix<Float> {
    Matrix(rows: models, columns: width, values: Array(parameters[0..<(models * width)]))
  }

  /// What `backward` needs.
  public struct Cache: Sendable {
    let queries: Matrix<Float>
    let queryNorms: [Float]
    let keys: Matrix<Float>
    let keyNorms: [Float]
    public let logits: Matrix<Float>
  }

  /// Logits (B×K) for pooled embeddings `u` (B×D).
  public func forward(_ u: Matrix<Float>) -> (logits: Matrix<Float>, cache: Cache) {
    precondition(u.columns == width, "CosineSimilarityHead: inputs have \(u.columns) columns, expected \(width)")
    let (qn, qNorms) = L2Normalization.forward(u)
    let (kn, kNorms) = L2Normalization.forward(modelEmbeddings)
    var logits = BLAS.matmul(qn, kn, transposeB: true)
    let inv = Float(1 / temperature)
    for j in logits.values.indices { logits.values[j] *= inv }
    return (logits, Cache(queries: qn, queryNorms: qNorms, keys: kn, keyNorms: kNorms, logits: logits))
  }

  /// ∂loss/∂parameters (model embeddings, then θ: −Σ dlogits⊙logits) and ∂loss/∂u from ∂loss/∂logits.
  public func backward(_ cache: Cache, dLogits: Matrix<Float>) -> (gradient: [Float], input: Matrix<Float>) {
    precondition(dLogits.rows == cache.logits.rows && dLogits.columns == models, "CosineSimilarityHead: dLogits shape")
    var dCos = dLogits
    let inv = Float(1 / temperature)
    var dTheta = 0.0
    for j in dCos.values.indices {
      dTheta -= Double(dLogits.values[j]) * Double(cache.logits.values[j])
      dCos.values[j] *= inv
    }
    let dq = BLAS.matmul(dCos, cache.keys)  // B×D
    let dk = BLAS.matmul(dCos, transposeA: true, cache.queries)  // K×D
    let du = L2Normalization.backward(dq, normalized: cache.queries, norms: cache.queryNorms)
    let dm = L2Normalization.backward(dk, normalized: cache.keys, norms: cache.keyNorms)
    return (dm.values + [Float(dTheta)], du)
  }
}

/// Gradient clipping by the global L2 norm (PyTorch's `clip_grad_norm_`).
public enum GradientClipping {
  /// ‖g‖₂ over every array together, accumulated in Double.
  public static func globalNorm(_ gradients: [[Float]]) -> Double {
    var s = 0.0
    for g in gradients { for v in g { s += Double(v) * Double(v) } }
    return s.squareRoot()
  }

  /// Scales every array by maxNorm/(norm + 1e-6) when that is below 1 (PyTorch's rule); returns the norm before
  /// clipping. Several arrays (the parts of one model: towers, heads) share one norm.
  @discardableResult
  public static func clip(_ gradients: inout [[Float]], maxNorm: Double) -> Double {
    let norm = globalNorm(gradients)
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
      let c = Float(coefficient)
      for n in gradients.indices { for j in gradients[n].indices { gradients[n][j] *= c } }
    }
    return norm
  }

  /// `clip` for one array.
  @discardableResult
  public static func clip(_ gradient: inout [Float], maxNorm: Double) -> Double {
    var all = [gradient]
    gradient = []
    let norm = clip(&all, maxNorm: maxNorm)
    gradient = all[0]
    return norm
  }
}
