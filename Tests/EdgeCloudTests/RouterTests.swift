import BenchCore
import Learning
import Testing
@testable import EdgeCloud

/// The learned routers on known functions, and the classifiers' gradients by central differences.
@Suite struct RouterTests {
  /// A synthetic task on `n` rows: text (d_t), image (d_i) and statistics (d_s) views of standard normals, labels
  /// from `label(text row, image row)`. Dev = the first fifth, test = the second, train = the rest.
  struct Task {
    var inputs: RouterInputs
    var labels: [Bool]
    var data: PairData
    var train: [Int], dev: [Int], test: [Int]

    init(n: Int, widths: (Int, Int, Int), seed: UInt64, label: ([Float], [Float]) -> Bool) throws {
      var g = SplitMix64(seed: seed)
      func view(_ d: Int) -> Matrix<Float> {
        Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in Float(g.nextGaussian()) })
      }
      let t = view(widths.0), i = view(widths.1), s = view(widths.2)
      inputs = RouterInputs(text: t, image: i, statistics: s)
      labels = (0..<n).map { label(Array(t.row($0)), Array(i.row($0))) }
      // Scores consistent with the labels (edge 7 when competent, else 3; cloud 8), so dev RCS rewards accuracy.
      data = try pairData(labels.map { ($0 ? 7 : 3, 8, 1, 5) })
      dev = Array(0..<(n / 5))
      test = Array((n / 5)..<(2 * n / 5))
      train = Array((2 * n / 5)..<n)
    }

    var set: TrainingSet {
      TrainingSet(inputs: inputs, trainRows: train, trainLabels: train.map { labels[$0] }, devRows: dev)
    }

    func monitor<R: EdgeCloudRouter>(_: R.Type) -> EpochMonitor<R> {
      EpochMonitor<R>(data: data, inputs: inputs, devRows: dev, mes: .paperDefault, scenarios: [.quality],
                      grid: .paper)
    }

    func testAUC<R: EdgeCloudRouter>(_ r: R) throws -> Double {
      try auc(r.probabilities(inputs, rows: test), test.map { labels[$0] })
    }
  }

  @Test("MF recovers a planted matrix-factorisation model: test AUC within 0.03 of the planted model's own")
  func matrixFactorizationLearnsPlantedModel() throws {
    let d = 12, k = 4
    var g = SplitMix64(seed: 21)
    var planted = try MatrixFactorizationRouter(configuration: {
      var c = MatrixFactorizationRouter.Configuration()
      c.dimension = k
      c.branches = [.text]
      return c
    }())
    planted.inputWidth = d
    planted.parameters = MatrixFactorizationRouter.initialParameters(dimension: k, inputWidth: d, using: &g)
    for j in 0..<(k * d) { planted.parameters[j] *= 3 }  // a sharp model: labels mostly determined by x
    for j in (k * d + 2 * k)..<(k * d + 3 * k) { planted.parameters[j] *= 4 }
    // Labels ~ Bernoulli(σ(logit*)) on standard-normal inputs (the router standardises; these already are).
    var noise = SplitMix64(seed: 22)
    var task = try Task(n: 3000, widths: (d, 2, 2), seed: 23) { _, _ in false }
    let text = task.inputs.text!
    let bayes = planted.logits(text).logits.map { Float(BinaryCrossEntropy.probability(Double($0))) }
    task.labels = bayes.map { noise.nextUnit() < Double($0) }
    task.data = try pairData(task.labels.map { ($0 ? 7 : 3, 8, 1, 5) })
    var c = MatrixFactorizationRouter.Configuration()
    c.dimension = 8
    c.branches = [.text]
    c.training.epochs = 25
    var mf = try MatrixFactorizationRouter(configuration: c)
    var monitor = task.monitor(MatrixFactorizationRouter.self)
    var rng = SplitMix64(seed: 1)
    try mf.fit(task.set, monitor: &monitor, using: &rng)
    let learned = try task.testAUC(mf)
    let best = auc(task.test.map { bayes[$0] }, task.test.map { task.labels[$0] })
    #expect(learned > best - 0.03, "MF test AUC \(learned), planted model \(best)")
    #expect(monitor.history.count == 25 && monitor.kept[0] != nil)
  }

  @Test("MF's gradient (projection, normalised model embeddings, classifier) matches central differences")
  func matrixFactorizationGradient() throws {
    var c = MatrixFactorizationRouter.Configuration()
    c.dimension = 3
    var mf = try MatrixFactorizationRouter(configuration: c)
    mf.inputWidth = 4
    var g = SplitMix64(seed: 9)
    mf.parameters = MatrixFactorizationRouter.initialParameters(dimension: 3, inputWidth: 4, using: &g)
    let x = Matrix(rows: 5, columns: 4, values: (0..<20).map { _ in Float(g.nextGaussian()) })
    let y: [Float] = [1, 0, 1, 1, 0]
    let (_, gradient) = mf.lossAndGradient(x, targets: y)
    let at = mf.parameters
    _ = expectGradient(gradient, at: at, label: "MF") { p in
      var m = mf
      m.parameters = p
      return m.lossAndGradient(x, targets: y).loss
    }
  }

  static func tinyECVL(branches: [RouterBranch] = RouterBranch.allCases, dropout: Double = 0, epochs: Int = 1)
    throws -> ECVLRouter
  {
    var c = ECVLRouter.Configuration()
    c.width = 8
    c.heads = 2
    c.feedForward = 16
    c.layers = 2
    c.dropout = dropout
    c.branches = branches
    c.training.epochs = epochs
    c.training.learningRate = 3e-3
    return try ECVLRouter(configuration: c)
  }

  @Test("ECVL-Router's gradient (branch projections, modality embeddings, encoder, head) matches central differences")
  func ecvlGradient() throws {
    var router = try Self.tinyECVL()
    var g = SplitMix64(seed: 4)
    try router.initialise(inputWidths: [5, 3, 4], using: &g)
    // O(1) parameters so no part is negligible.
    router.head = router.head.map { _ in Float(g.nextGaussian() * 0.5) }
    let x = [5, 3, 4].map { d in Matrix(rows: 3, columns: d, values: (0..<(3 * d)).map { _ in Float(g.nextGaussian()) }) }
    let y: [Float] = [1, 0, 1]
    func loss(_ r: ECVLRouter) throws -> Double {
      var none: SplitMix64?
      return BinaryCrossEntropy.lossAndGradient(logits: try r.forward(x, dropoutUsing: &none).logits, targets: y).loss
    }
    var keep: SplitMix64? = SplitMix64(seed: 0)
    let (z, cache) = try router.forward(x, dropoutUsing: &keep)
    let (_, dz) = BinaryCrossEntropy.lossAndGradient(logits: z, targets: y)
    var gHead: [Float] = [], gEncoder: [Float] = []
    router.backward(cache!, dLogits: dz, head: &gHead, encoder: &gEncoder)
    _ = expectGradient(gHead, at: router.head, label: "ECVL head") { p in
      var r = router
      r.head = p
      return (try? loss(r)) ?? .nan
    }
    // Every 7th encoder parameter (the check is O(parameters) forward passes).
    let encoder = router.encoder!.parameters
    let picked = Array(stride(from: 0, to: encoder.count, by: 7))
    _ = expectGradient(picked.map { gEncoder[$0] }, at: picked.map { encoder[$0] }, label: "ECVL encoder") { values in
      var r = router
      for (k, j) in picked.enumerated() { r.encoder!.parameters[j] = values[k] }
      return (try? loss(r)) ?? .nan
    }
  }

  @Test("ECVL-Router, MLP and GBDT learn a rule that needs the image view; dropping the image branch loses it")
  func learnedRoutersLearn() throws {
    let task = try Task(n: 1500, widths: (6, 6, 3), seed: 31) { t, i in i[0] + 0.5 * i[1] - 0.3 * t[0] > 0 }
    var rng = SplitMix64(seed: 2)
    var ecvl = try Self.tinyECVL(epochs: 12)
    var m1 = task.monitor(ECVLRouter.self)
    try ecvl.fit(task.set, monitor: &m1, using: &rng)
    let ecvlAUC = try task.testAUC(ecvl)
    #expect(ecvlAUC > 0.95, "ECVL-Router AUC \(ecvlAUC)")
    #expect(m1.history.count == 12)
    var noImage = try Self.tinyECVL(branches: [.text, .statistics], epochs: 12)
    var m2 = task.monitor(ECVLRouter.self)
    try noImage.fit(task.set, monitor: &m2, using: &rng)
    let noImageAUC = try task.testAUC(noImage)
    #expect(noImageAUC < 0.75, "without the image branch, AUC \(noImageAUC)")

    var mlpConfiguration = MLPRouter.Configuration()
    mlpConfiguration.hidden = [32, 32, 32]
    mlpConfiguration.training.epochs = 30
    var mlp = try MLPRouter(configuration: mlpConfiguration)
    var m3 = task.monitor(MLPRouter.self)
    try mlp.fit(task.set, monitor: &m3, using: &rng)
    let mlpAUC = try task.testAUC(mlp)
    #expect(mlpAUC > 0.95, "MLP AUC \(mlpAUC)")

    var gbdtConfiguration = GBDTRouter.Configuration()
    gbdtConfiguration.trees = 40
    var gbdt = try GBDTRouter(configuration: gbdtConfiguration)
    var m4 = task.monitor(GBDTRouter.self)
    try gbdt.fit(task.set, monitor: &m4, using: &rng)
    let gbdtAUC = try task.testAUC(gbdt)
    #expect(gbdtAUC > 0.9, "GBDT AUC \(gbdtAUC)")
    #expect(gbdt.fitReport["trees"] == "40")
  }

  @Test("Router configurations are validated and name the router")
  func invalidConfigurations() {
    var e = ECVLRouter.Configuration()
    e.heads = 3  // 256 is not a multiple of 3
    #expect { _ = try ECVLRouter(configuration: e) } throws: { ($0 as? EdgeCloudError)?.key == "ECVL-Router" }
    var m = MLPRouter.Configuration()
    m.training.epochs = 0
    #expect(throws: EdgeCloudError.self) { _ = try MLPRouter(configuration: m) }
    var r = RandomRouter.Configuration()
    r.edgeRate = 1.5
    #expect(throws: EdgeCloudError.self) { _ = try RandomRouter(configuration: r) }
    #expect(throws: EdgeCloudError.self) { _ = try EdgeCloudRouters.variants(["Oracle"]) }
    #expect((try? EdgeCloudRouters.variants(["all"]).map(\.name)) == EdgeCloudRouters.kinds)
    #expect((try? EdgeCloudRouters.ablation().map(\.name)) == [
      "ECVL-Router (Full)", "w.o. Text", "w.o. Image", "w.o. Statistic", "only Text", "only Image", "only Statistic",
      "Random", "All-at-Large", "All-at-Small"])
  }
}
