internal import BenchCore
public import Learning

/// The trained part shared by the Linear and MLP routers: a z-score scaler and a softmax network trained on
/// VL-RouterBench's accuracy–cost soft labels (Eq. 4–8) with AdamW, warm-up + cosine decay, minibatches and early
/// stopping on the **dev** Rank Score (patience, min_delta, best weights restored).
///
/// Labels: for each training row with at least one correct model, `SoftLabels.target` under the run's `Objective`
/// (one cost scale for every router; λ = ∞ is hard cheapest-correct cross-entropy). Rows with no correct model are
/// dropped (spec §4.6–4.7). The dev split is never filtered.
public struct SoftLabelClassifier: Sendable {
  public var standardizer: Standardizer
  public var network: Network
  public var report: TrainingReport

  /// Builds targets, trains, and returns the fitted classifier.
  ///
  /// - Parameters:
  ///   - makeNetwork: the architecture for `inputWidth` features and `outputs` models.
  static func fit(
    _ data: TrainingData, objective: Objective, router: String, options: TrainingOptions,
    using rng: inout SplitMix64, makeNetwork: (_ inputWidth: Int, _ outputs: Int, inout SplitMix64) throws -> Network
  ) throws -> SoftLabelClassifier {
    guard objective.lambda >= 0, objective.costScale.isFinite, objective.costScale >= 0 else {
      throw RouterError.invalidHyperparameter(router: router, message: "λ must be ≥ 0 and the cost scale finite")
    }
    guard options.batchSize > 0, options.maxEpochs > 0, options.learningRate > 0, options.patience >= 1 else {
      throw RouterError.invalidHyperparameter(router: router,
                                              message: "batch size, epochs and learning rate must be > 0, patience ≥ 1")
    }
    let features = try data.requireFeatures(router)
    let rows = try data.rowsWithACorrectModel(router)
    let b = data.benchmark
    let k = b.modelCount
    let scaler = Standardizer(fitting: features, rows: rows)
    let x = scaler.transform(features, rows: rows)
    var targets = Matrix<Float>(rows: rows.count, columns: k, repeating: 0)
    for (r, i) in rows.enumerated() {
      let t = SoftLabels.target(correct: (0..<k).map { b.isCorrect(i, $0) }, cost: data.costRow(i),
                                objective: objective)
      for m in 0..<k { targets[r, m] = t[m] }
    }
    var initRNG = rng.derived("init")
    var shuffleRNG = rng.derived("shuffle")
    _ = rng.next()
    var network = try makeNetwork(x.columns, k, &initRNG)
    let devRows = data.devRows
    let devX = devRows.isEmpty ? nil : scaler.transform(features, rows: devRows)
    let bounds = data.costBounds
    let scorer: ((Network) -> Double)? = devX.map { devX in
      { net in rankScore(b, rows: devRows, decisions: argmaxRows(net(devX)), bounds: bounds) }
    }
    let report = try Trainer.fit(&network, inputs: x, targets: targets, options: options, using: &shuffleRNG,
                                 devScore: scorer)
    return SoftLabelClassifier(standardizer: scaler, network: network, report: report)
  }

  /// Softmax probabilities of the routed rows.
  func scores(_ inputs: RoutingInputs, router: String) throws -> Matrix<Float> {
    let x = standardizer.transform(try inputs.requireFeatures(router, width: standardizer.dimension),
                                   rows: inputs.rows)
    return SoftmaxCrossEntropy.softmax(network(x))
  }
}
