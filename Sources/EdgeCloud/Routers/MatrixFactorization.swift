public import BenchCore
internal import Learning
internal import Foundation

/// RouteLLM's matrix-factorisation router (Ong et al. 2024, `routellm/routers/matrix_factorization/model.py`,
/// `MFModel`) for one edge/cloud pair: a query embedding x is projected to u = W·x (no bias), each model m has a
/// learned embedding P_m used L2-normalised, and s_m(x) = wᵀ(P̂_m ⊙ u) (a linear classifier without bias). RouteLLM
/// scores the strong model's win rate as σ(s_strong − s_weak); here the edge model's competence is
/// p = σ(s_edge − s_cloud) = σ(wᵀ((P̂_edge − P̂_cloud) ⊙ W·x)), fit with binary cross-entropy on the labels.
///
/// x is the standardised concatenation of the configured branches (text and image by default; RouteLLM embeds the
/// prompt text only). Trained with the shared protocol (`NeuralTraining`). Parameters (one flat vector):
/// W (`dimension × d`, row-major, N(0, 1/d)), P (2 × `dimension`, N(0, 1); row 0 edge, row 1 cloud), w
/// (`dimension`, U(±1/√dimension)).
public struct MatrixFactorizationRouter: EdgeCloudRouter {
  public struct Configuration: EdgeCloudConfiguration {
    /// RouteLLM's default `dim`.
    public var dimension = 128
    public var branches: [RouterBranch] = [.text, .image]
    public var training = NeuralTraining()
    public init() {}
  }

  public static let kind = "MF"
  public static let summary = "RouteLLM's matrix factorisation: σ(wᵀ((P̂_edge − P̂_cloud) ⊙ W·x)), dimension 128"
  public static let dependsOnSeed = true
  public let configuration: Configuration
  public var branches: [RouterBranch] { configuration.branches.sorted() }
  var parameters: [Float] = []
  var inputWidth = 0
  var view: StandardizedView?

  public init(configuration: Configuration = Configuration()) throws(EdgeCloudError) {
    try configuration.training.validate(Self.kind)
    guard configuration.dimension > 0, !configuration.branches.isEmpty else {
      throw EdgeCloudError(.router, "dimension > 0 and at least one branch are needed", key: Self.kind)
    }
    self.configuration = configuration
  }

  /// Offsets of W, P and w in `parameters`.
  var layout: (w: Int, p: Int, c: Int, count: Int) {
    let k = configuration.dimension
    return (0, k * inputWidth, k * inputWidth + 2 * k, k * inputWidth + 3 * k)
  }

  /// Initial parameters for inputs of width `d`.
  static func initialParameters(dimension k: Int, inputWidth d: Int, using rng: inout SplitMix64) -> [Float] {
    var p: [Float] = []
    p.reserveCapacity(k * d + 3 * k)
    let scale = 1 / Double(max(d, 1)).squareRoot()
    for _ in 0..<(k * d) { p.append(Float(rng.nextGaussian() * scale)) }
    for _ in 0..<(2 * k) { p.append(Float(rng.nextGaussian())) }
    let bound = 1 / Double(k).squareRoot()
    for _ in 0..<k { p.append(Float((2 * rng.nextUnit() - 1) * bound)) }
    return p
  }

  public mutating func fit(_ data: TrainingSet, monitor: inout EpochMonitor<MatrixFactorizationRouter>,
                           using rng: inout SplitMix64) throws {
    let view = try StandardizedView(inputs: data.inputs, branches: branches, trainRows: data.trainRows)
    self.view = view
    let all = try view.rows(data.inputs, Array(0..<data.inputs.count))
    inputWidth = all.columns
    parameters = Self.initialParameters(dimension: configuration.dimension, inputWidth: inputWidth, using: &rng)
    var adam = Adam(parameterCount: parameters.count, weightDecay: Float(configuration.training.weightDecay))
    var labelOf = [Float](repeating: 0, count: data.inputs.count)
    for (r, i) in data.trainRows.enumerated() { labelOf[i] = data.trainLabels[r] ? 1 : 0 }
    try configuration.training.run(rows: data.trainRows, using: &rng, step: { batch, rate in
      let x = all.selecting(rows: batch)
      let (_, gradient) = lossAndGradient(x, targets: batch.map { labelOf[$0] })
      adam.update(&parameters, gradient: gradient, learningRate: rate)
    }, epochEnd: { epoch in try monitor.observe(self, epoch: epoch) })
  }

  /// The logits s_edge − s_cloud of a batch (B × d, standardised).
  func logits(_ x: Matrix<Float>) -> (logits: [Float], u: Matrix<Float>, a: [Float], normalized: [[Float]], norms: [Float]) {
    let k = configuration.dimension, l = layout
    let w = Matrix(rows: k, columns: inputWidth, values: Array(parameters[l.w..<l.p]))
    let u = BLAS.matmul(x, w, transposeB: true)  // B × k
    var normalized: [[Float]] = [], norms: [Float] = []
    for m in 0..<2 {
      let row = Array(parameters[(l.p + m * k)..<(l.p + (m + 1) * k)])
      let norm = max(Float(sqrt(row.reduce(0.0) { $0 + Double($1) * Double($1) })), 1e-12)
      norms.append(norm)
      normalized.append(row.map { $0 / norm })
    }
    let a = (0..<k).map { normalized[0][$0] - normalized[1][$0] }
    let c = Array(parameters[l.c..<l.count])
    var z = [Float](repeating: 0, count: x.rows)
    for b in 0..<x.rows {
      var s: Float = 0
      for j in 0..<k { s += c[j] * a[j] * u[b, j] }
      z[b] = s
    }
    return (z, u, a, normalized, norms)
  }

  /// Mean BCE of a batch and its gradient with respect to `parameters`.
  func lossAndGradient(_ x: Matrix<Float>, targets: [Float]) -> (loss: Double, gradient: [Float]) {
    let k = configuration.dimension, l = layout
    let (z, u, a, normalized, norms) = logits(x)
    let (loss, dz) = BinaryCrossEntropy.lossAndGradient(logits: z, targets: targets)
    let c = Array(parameters[l.c..<l.count])
    var gradient = [Float](repeating: 0, count: l.count)
    var du = Matrix<Float>(rows: x.rows, columns: k, repeating: 0)
    var da = [Float](repeating: 0, count: k)
    for b in 0..<x.rows {
      for j in 0..<k {
        du[b, j] = dz[b] * c[j] * a[j]
        gradient[l.c + j] += dz[b] * a[j] * u[b, j]
        da[j] += dz[b] * c[j] * u[b, j]
      }
    }
    let dw = BLAS.matmul(du, transposeA: true, x)  // k × d
    for j in 0..<(k * inputWidth) { gradient[l.w + j] = dw.values[j] }
    // P̂ = P/‖P‖: dP = (dP̂ − P̂·(P̂·dP̂))/‖P‖, with dP̂_edge = da, dP̂_cloud = −da.
    for m in 0..<2 {
      let sign: Float = m == 0 ? 1 : -1
      var dot: Float = 0
      for j in 0..<k { dot += normalized[m][j] * sign * da[j] }
      for j in 0..<k { gradient[l.p + m * k + j] = (sign * da[j] - normalized[m][j] * dot) / norms[m] }
    }
    return (loss, gradient)
  }

  public func probabilities(_ inputs: RouterInputs, rows: [Int]) throws -> [Float] {
    guard let view, !parameters.isEmpty else {
      throw EdgeCloudError(.router, "probabilities() before fit()", key: Self.kind)
    }
    return logits(try view.rows(inputs, rows)).logits.map { Float(BinaryCrossEntropy.probability(Double($0))) }
  }
}
