import BenchCore
import Foundation
import Testing
@testable import Learning

/// Accuracy, ROC AUC (Mann–Whitney, ties counted half) and mean log loss of probabilities against 0/1 labels.
func classificationMetrics(_ p: [Double], _ y: [Bool]) -> (accuracy: Double, auc: Double, logLoss: Double) {
  let n = Double(p.count)
  let accuracy = Double(zip(p, y).filter { ($0.0 >= 0.5) == $0.1 }.count) / n
  var loss = 0.0
  for (pi, yi) in zip(p, y) {
    let q = min(max(pi, 1e-15), 1 - 1e-15)
    loss -= yi ? log(q) : log(1 - q)
  }
  let order = p.indices.sorted { p[$0] < p[$1] }
  var rank = [Double](repeating: 0, count: p.count)
  var i = 0
  while i < order.count {
    var j = i
    while j + 1 < order.count && p[order[j + 1]] == p[order[i]] { j += 1 }
    for k in i...j { rank[order[k]] = Double(i + j) / 2 + 1 }
    i = j + 1
  }
  let positives = Double(y.filter { $0 }.count), negatives = n - positives
  let rankSum = zip(rank, y).filter(\.1).reduce(0.0) { $0 + $1.0 }
  let auc = (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
  return (accuracy, auc, loss / n)
}

@Suite struct GradientBoostingTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gbdt")

  struct Reference: Decodable {
    var accuracy: Double
    var roc_auc: Double
    var log_loss: Double
    var train_log_loss: Double
    var sklearn_version: String
  }

  static func load(_ name: String) throws -> NumpyArray {
    try NumpyArray(contentsOf: fixture.appendingPathComponent(name + ".npy"))
  }

  /// The committed fixture: scikit-learn 1.9.1's HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1,
  /// max_depth=5, max_leaf_nodes=None, min_samples_leaf=20, l2_regularization=0, max_bins=255,
  /// early_stopping=False) on 3,000 training and 1,500 test rows (scripts/fixtures/make_gbdt_fixture.py). Trees are
  /// not compared node by node (scikit-learn keeps gradients in float32 and sums in another order); the fitted model's
  /// metrics are. The training log loss is the sharpest check: 10% fewer trees or a 10% smaller learning rate move
  /// scikit-learn's by +0.011, depth 4 instead of 5 by +0.056, so its tolerance 0.004 tells those apart.
  @Test("GBDT matches scikit-learn's HistGradientBoostingClassifier on the committed fixture")
  func matchesScikitLearn() throws {
    let reference = try JSONDecoder().decode(Reference.self,
                                             from: Data(contentsOf: Self.fixture.appendingPathComponent("sklearn.json")))
    let tx = try Self.load("train_x"), ty = try Self.load("train_y")
    let vx = try Self.load("test_x"), vy = try Self.load("test_y")
    let train = Matrix(rows: tx.shape[0], columns: tx.shape[1], values: tx.values)
    let test = Matrix(rows: vx.shape[0], columns: vx.shape[1], values: vx.values)
    var o = GradientBoostedTrees.Options()
    o.trees = 100
    o.maxDepth = 5
    let model = try GradientBoostedTrees.fit(x: train, y: ty.values.map { $0 == 1 }, options: o)
    let m = classificationMetrics(model.probabilities(test), vy.values.map { $0 == 1 })
    print("GBDT vs scikit-learn \(reference.sklearn_version): accuracy \(m.accuracy) / \(reference.accuracy), AUC \(m.auc) / "
          + "\(reference.roc_auc), log loss \(m.logLoss) / \(reference.log_loss)")
    #expect(abs(m.accuracy - reference.accuracy) <= 0.01, "accuracy \(m.accuracy) vs sklearn \(reference.accuracy)")
    #expect(abs(m.auc - reference.roc_auc) <= 0.003, "AUC \(m.auc) vs sklearn \(reference.roc_auc)")
    #expect(abs(m.logLoss - reference.log_loss) <= 0.003, "log loss \(m.logLoss) vs sklearn \(reference.log_loss)")
    let fit = classificationMetrics(model.probabilities(train), ty.values.map { $0 == 1 })
    print("GBDT train log loss \(fit.logLoss) / \(reference.train_log_loss)")
    #expect(abs(fit.logLoss - reference.train_log_loss) <= 0.004,
            "train log loss \(fit.logLoss) vs sklearn \(reference.train_log_loss)")
    #expect(model.trees.count == 100 && model.trees.allSatisfy { $0.leafCount <= 32 })
  }

  @Test("GBDT learns an interaction no single split can express (XOR of two thresholds)")
  func learnsXor() throws {
    var g = SplitMix64(seed: 3)
    func sample(_ n: Int) -> (Matrix<Float>, [Bool]) {
      var x: [Float] = [], y: [Bool] = []
      for _ in 0..<n {
        let a = Float(g.nextUnit()), b = Float(g.nextUnit()), noise = Float(g.nextUnit())
        x += [a, b, noise]
        y.append((a > 0.3) != (b > 0.6))
      }
      return (Matrix(rows: n, columns: 3, values: x), y)
    }
    let (x, y) = sample(1500), (tx, ty) = sample(500)
    var o = GradientBoostedTrees.Options()
    o.trees = 30
    o.maxDepth = 3
    let model = try GradientBoostedTrees.fit(x: x, y: y, options: o)
    let m = classificationMetrics(model.probabilities(tx), ty)
    #expect(m.accuracy > 0.97, "accuracy \(m.accuracy)")
    // The noise column carries nothing: every tree's root splits on one of the two informative features.
    #expect(model.trees.allSatisfy { $0.feature[0] == 0 || $0.feature[0] == 1 }, "\(model.trees.map { $0.feature[0] })")
  }

  @Test("Binning follows scikit-learn: midpoints of distinct values, else midpoint percentiles; bin = thresholds below")
  func binning() throws {
    let few = Matrix<Float>(rows: 5, columns: 1, values: [3, 1, 2, 2, 1])
    #expect(GradientBoostedTrees.binThresholds(few, column: 0, maxBins: 255) == [1.5, 2.5])
    // 10 distinct values into 4 bins: np.percentile([0…9], [25, 50, 75], method="midpoint") = [2.5, 4.5, 6.5]... of
    // positions 2.25, 4.5, 6.75 → midpoints of (2, 3), (4, 5) — 4.5 exactly —, (6, 7).
    let many = Matrix<Float>(rows: 10, columns: 1, values: (0..<10).map(Float.init))
    #expect(GradientBoostedTrees.binThresholds(many, column: 0, maxBins: 4) == [2.5, 4.5, 6.5])
    let t = [1.5, 2.5]
    #expect(GradientBoostedTrees.lowerBound(t, 1) == 0 && GradientBoostedTrees.lowerBound(t, 1.5) == 0)
    #expect(GradientBoostedTrees.lowerBound(t, 2) == 1 && GradientBoostedTrees.lowerBound(t, 9) == 2)
  }

  @Test("A constant label gives the prior's log odds and no split; bad inputs and options are named errors")
  func edgeCases() throws {
    let x = Matrix<Float>(rows: 50, columns: 2, values: (0..<100).map { Float($0 % 7) })
    let model = try GradientBoostedTrees.fit(x: x, y: Array(repeating: true, count: 50))
    #expect(model.trees.allSatisfy { $0.feature == [-1] })
    #expect(model.probabilities(x).allSatisfy { $0 > 0.999 })
    #expect(throws: LearningError.self) { try GradientBoostedTrees.fit(x: x, y: [true]) }
    var bad = x
    bad[3, 1] = .nan
    #expect {
      try GradientBoostedTrees.fit(x: bad, y: Array(repeating: false, count: 50))
    } throws: { ($0 as? LearningError)?.sequence == 3 && ($0 as? LearningError)?.position == 1 }
    var o = GradientBoostedTrees.Options()
    o.maxBins = 256
    #expect(throws: LearningError.self) { try GradientBoostedTrees.fit(x: x, y: Array(repeating: false, count: 50), options: o) }
  }
}

@Suite struct BinaryCrossEntropyTests {
  @Test("BCE on logits: value against the direct formula, gradient by central differences, weights, extremes")
  func lossAndGradient() {
    var g = SplitMix64(seed: 11)
    let z = (0..<12).map { _ in Float(g.nextGaussian() * 3) }
    let y = (0..<12).map { _ in Float(g.nextUnit() < 0.5 ? 0 : 1) }
    let w = (0..<12).map { _ in Float(g.nextUnit() + 0.1) }
    let (loss, gradient) = BinaryCrossEntropy.lossAndGradient(logits: z, targets: y, weights: w)
    var direct = 0.0
    for i in z.indices {
      let p = 1 / (1 + exp(-Double(z[i])))
      direct -= Double(w[i]) * (Double(y[i]) * log(p) + (1 - Double(y[i])) * log(1 - p))
    }
    direct /= w.reduce(0.0) { $0 + Double($1) }
    #expect(abs(loss - direct) < 1e-9)
    _ = expectGradient(gradient, at: z, step: 1e-2, label: "BCE") {
      BinaryCrossEntropy.lossAndGradient(logits: $0, targets: y, weights: w).loss
    }
    // No overflow and no log(0) at large |z|.
    let (extreme, grad) = BinaryCrossEntropy.lossAndGradient(logits: [100, -100, 100], targets: [1, 0, 0])
    #expect(abs(extreme - 100.0 / 3) < 1e-9 && grad.allSatisfy(\.isFinite))
  }

  @Test("OneCycleLR: PyTorch's two cosine phases (initial max/25, peak at pct·total − 1, final initial/1e4)")
  func oneCycle() {
    let s = OneCycleSchedule(maxRate: 1e-3, totalSteps: 100)
    #expect(abs(s.rate(at: 0) - 4e-5) < 1e-15)
    #expect(abs(s.rate(at: 29) - 1e-3) < 1e-15)
    #expect(abs(s.rate(at: 99) - 4e-9) < 1e-18)
    // Halfway through phase 1 (step 14.5 of 0…29): the mean of the two ends.
    let mid = OneCycleSchedule(maxRate: 1, totalSteps: 100).rate(at: 64)
    #expect(abs(mid - (1 + 0.04 / 1e4) / 2) < 1e-12)
    #expect((1..<100).allSatisfy { s.rate(at: $0) <= 1e-3 + 1e-15 })
  }
}
