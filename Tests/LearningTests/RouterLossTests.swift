import BenchCore
import Foundation
@testable import Learning
import Testing

/// The end-to-end routers' losses and head: values against hand computation or a direct Double evaluation,
/// gradients by central differences (`expectGradient`), and one composition (encoder → mean pooling → cosine head →
/// soft cross-entropy) checked as a whole.
@Suite struct RouterLossTests {
  @Test func klDivergenceValueAndGradient() {
    var g = SplitMix64(seed: 301)
    let logits = Matrix(rows: 3, columns: 4, values: randomValues(12, &g, scale: 2))
    var p = SoftmaxCrossEntropy.softmax(Matrix(rows: 3, columns: 4, values: randomValues(12, &g)))
    p[1, 2] = 0  // a zero target: 0·log 0 = 0
    let s = p.row(1).reduce(0, +)
    for j in 0..<4 { p[1, j] /= s }
    let (loss, grad) = KLDivergence.lossAndGradient(logits: logits, targets: p)
    var direct = 0.0
    for r in 0..<3 {
      let z = (0..<4).map { Double(logits[r, $0]) }
      let lse = z.max()! + log(z.map { exp($0 - z.max()!) }.reduce(0, +))
      for j in 0..<4 where p[r, j] > 0 { direct += Double(p[r, j]) * (log(Double(p[r, j])) - (z[j] - lse)) }
    }
    #expect(abs(loss - direct / 3) < 1e-6)
    // KL(p ‖ softmax(log p)) = 0.
    let logP = Matrix(rows: 1, columns: 3, values: [log(0.2), log(0.3), log(0.5)].map { Float($0) })
    let zero = KLDivergence.lossAndGradient(logits: logP, targets: Matrix(rows: 1, columns: 3, values: [0.2, 0.3, 0.5]))
    #expect(abs(zero.loss) < 1e-6)
    expectGradient(grad.values, at: logits.values, step: 1e-3, label: "KL") {
      KLDivergence.lossAndGradient(logits: Matrix(rows: 3, columns: 4, values: $0), targets: p).loss
    }
  }

  @Test func contrastiveLossByHand() {
    // One query, similarities (1, 0, 0), τ = 1, key 0 positive, keys 1, 2 negatives:
    // −log(e / (e + 2)) = log(1 + 2/e) = 0.551444713…
    let s = Matrix<Float>(rows: 1, columns: 3, values: [1, 0, 0])
    let w = Matrix<Float>(rows: 1, columns: 3, values: [1, 0, 0])
    let (loss, grad) = ContrastiveLoss.lossAndGradient(similarities: s, temperature: 1, positives: w)
    #expect(abs(loss - log(1 + 2 / M_E)) < 1e-9)
    // ∂/∂s₀ = −2/(e + 2), ∂/∂s₁ = ∂/∂s₂ = 1/(e + 2).
    #expect(abs(Double(grad[0, 0]) + 2 / (M_E + 2)) < 1e-6)
    #expect(abs(Double(grad[0, 1]) - 1 / (M_E + 2)) < 1e-6)
    // Temperature 0.5 doubles the logits: log(1 + 2e⁻²), gradients scaled by 1/τ.
    let half = ContrastiveLoss.lossAndGradient(similarities: s, temperature: 0.5, positives: w)
    #expect(abs(half.loss - log(1 + 2 * exp(-2.0))) < 1e-9)
    // Two positives, each against the negatives only (not against each other): 2·log(1 + 2/e) / 1 query.
    let two = ContrastiveLoss.lossAndGradient(similarities: Matrix(rows: 1, columns: 4, values: [1, 1, 0, 0]),
                                              temperature: 1, positives: Matrix(rows: 1, columns: 4, values: [1, 1, 0, 0]))
    #expect(abs(two.loss - 2 * log(1 + 2 / M_E)) < 1e-9)
  }

  /// Several positives with weights, explicit negatives and keys that are neither (ignored), a query without
  /// positives (no contribution): the value against a direct evaluation of the documented formula, the gradient by
  /// central differences.
  @Test func contrastiveLossGeneralCase() {
    var g = SplitMix64(seed: 302)
    let q = 4, k = 5, tau = 0.3
    let sims = Matrix(rows: q, columns: k, values: randomValues(q * k, &g, scale: 0.5))
    var w = Matrix<Float>(rows: q, columns: k, repeating: 0)
    var neg = Matrix<Bool>(rows: q, columns: k, repeating: false)
    w[0, 0] = 1; w[0, 3] = 0.5; neg[0, 1] = true; neg[0, 2] = true  // key 4 ignored
    w[1, 2] = 1; for j in [0, 1, 3, 4] { neg[1, j] = true }
    w[2, 4] = 2; neg[2, 0] = true
    for j in 0..<k { neg[3, j] = true }  // no positives
    let (loss, grad) = ContrastiveLoss.lossAndGradient(similarities: sims, temperature: tau, positives: w,
                                                       negatives: neg)
    var direct = 0.0
    for i in 0..<q {
      for j in 0..<k where w[i, j] > 0 {
        let sj = Double(sims[i, j]) / tau
        let denominator = exp(sj) + (0..<k).filter { neg[i, $0] }.reduce(0.0) { $0 + exp(Double(sims[i, $1]) / tau) }
        direct += Double(w[i, j]) * -log(exp(sj) / denominator)
      }
    }
    #expect(abs(loss - direct / Double(q)) < 1e-9)
    #expect(grad[0, 4] == 0 && grad.row(3).allSatisfy { $0 == 0 })
    expectGradient(grad.values, at: sims.values, step: 1e-3, label: "InfoNCE") {
      ContrastiveLoss.lossAndGradient(similarities: Matrix(rows: q, columns: k, values: $0), temperature: tau,
                                      positives: w, negatives: neg).loss
    }
  }

  @Test func cosineHeadWithLearnableTemperature() {
    var g = SplitMix64(seed: 303)
    var head = CosineSimilarityHead(models: 3, width: 5, temperature: 0.2, using: &g)
    #expect(abs(head.temperature - 0.2) < 1e-6)
    head.parameters[15] = Float(log(0.35))
    let u = Matrix(rows: 4, columns: 5, values: randomValues(20, &g))
    let targets = SoftmaxCrossEntropy.softmax(Matrix(rows: 4, columns: 3, values: randomValues(12, &g, scale: 2)))
    let (logits, cache) = head.forward(u)
    // A logit by hand: cos(u₁, m₂)/τ.
    let m = head.modelEmbeddings
    let dot = (0..<5).reduce(0.0) { $0 + Double(u[1, $1]) * Double(m[2, $1]) }
    let nu = (0..<5).reduce(0.0) { $0 + Double(u[1, $1] * u[1, $1]) }.squareRoot()
    let nm = (0..<5).reduce(0.0) { $0 + Double(m[2, $1] * m[2, $1]) }.squareRoot()
    #expect(abs(Double(logits[1, 2]) - dot / nu / nm / 0.35) < 1e-5)
    let dLogits = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets).gradient
    let (dp, du) = head.backward(cache, dLogits: dLogits)
    func loss(_ h: CosineSimilarityHead, _ u: Matrix<Float>) -> Double {
      SoftmaxCrossEntropy.lossAndGradient(logits: h.forward(u).logits, targets: targets).loss
    }
    expectGradient(dp, at: head.parameters, step: 1e-3, label: "head parameters (embeddings, log τ)") { p in
      var h = head
      h.parameters = p
      return loss(h, u)
    }
    expectGradient(du.values, at: u.values, step: 1e-3, label: "pooled input") {
      loss(head, Matrix(rows: 4, columns: 5, values: $0))
    }
  }

  /// CosineCls's forward as a whole: a one-layer encoder, mean pooling, the cosine head, soft cross-entropy; the
  /// encoder's gradient through every block.
  @Test func cosineClassifierThroughAnEncoder() throws {
    let encoder = randomizedEncoder(smallConfiguration(layers: 1, vocabulary: 11), seed: 304)
    var g = SplitMix64(seed: 305)
    let head = CosineSimilarityHead(models: 3, width: 8, temperature: 0.5, using: &g)
    let input = try EncoderInput(sequences: [[1, 2, 3, 4], [5, 6], [7, 8, 9]])
    let targets = SoftmaxCrossEntropy.softmax(Matrix(rows: 3, columns: 3, values: randomValues(9, &g, scale: 2)))
    func loss(_ e: TransformerEncoder) -> Double {
      let pooled = Pooling.mean(try! e.encode(input), mask: input.mask)
      return SoftmaxCrossEntropy.lossAndGradient(logits: head.forward(pooled).logits, targets: targets).loss
    }
    let (hidden, cache) = try encoder.forward(input)
    let pooled = Pooling.mean(hidden, mask: input.mask)
    let (logits, headCache) = head.forward(pooled)
    let dLogits = SoftmaxCrossEntropy.lossAndGradient(logits: logits, targets: targets).gradient
    let dPooled = head.backward(headCache, dLogits: dLogits).input
    var grad: [Float] = []
    _ = encoder.backward(cache, dOutput: Pooling.meanBackward(dPooled, mask: input.mask), gradient: &grad)
    expectGradient(grad, at: encoder.parameters, step: 3e-3, label: "encoder under CosineCls") { p in
      var e = encoder
      e.parameters = p
      return loss(e)
    }
  }

  @Test func globalNormClipping() {
    var parts: [[Float]] = [[3, 0], [0, 4]]
    #expect(GradientClipping.globalNorm(parts) == 5)
    let norm = GradientClipping.clip(&parts, maxNorm: 1)
    #expect(norm == 5)
    #expect(abs(GradientClipping.globalNorm(parts) - 1) < 1e-6)
    var small: [Float] = [0.3, 0.4]
    #expect(abs(GradientClipping.clip(&small, maxNorm: 1) - 0.5) < 1e-7)
    #expect(small == [0.3, 0.4])
  }
}
