import BenchCore
import Foundation
@testable import Learning
import Testing

/// Central-difference check of an analytic gradient of a scalar function of a Float vector.
///
/// The tolerance is the house's (`GradientCheckTests.checkGradients`): the forward passes run in Float32, so the
/// step is h = `step`·max(1, |θ|), the function value is accumulated in Double, and an entry passes when
/// |analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|. Why that is enough and not too loose: the float32 rounding of a
/// loss of size ~10 is ~1e-6, which the division by 2h = 0.02 turns into ≈ 5e-5 of noise in the numeric
/// derivative, and the O(h²) truncation error of a smooth network of unit-scale activations is ≈ 1e-4; a wrong
/// backward pass (a missing term, a transposed product, a factor of 2, a lost residual path) is off by O(|∂|),
/// far above 2e-3 + 2%. The worst discrepancy is returned so tests can state it.
@discardableResult
func expectGradient(_ analytic: [Float], at x: [Float], step: Float = 1e-2, label: String,
                    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Float]) -> Double) -> Double {
  #expect(analytic.count == x.count, "\(label): \(analytic.count) gradients for \(x.count) values",
          sourceLocation: sourceLocation)
  var worst = 0.0
  var failures = 0
  for j in x.indices {
    var plus = x, minus = x
    let h = step * max(1, abs(x[j]))
    plus[j] += h
    minus[j] -= h
    let numeric = (f(plus) - f(minus)) / Double(plus[j] - minus[j])
    let error = abs(Double(analytic[j]) - numeric)
    worst = max(worst, error)
    if !(error <= 2e-3 + 2e-2 * abs(numeric)) {  // a NaN on either side fails (the debug NaN arena relies on it)
      failures += 1
      if failures <= 5 {
        Issue.record("\(label) entry \(j): analytic \(analytic[j]) numeric \(numeric)", sourceLocation: sourceLocation)
      }
    }
  }
  if failures > 5 { Issue.record("\(label): \(failures) entries failed in all", sourceLocation: sourceLocation) }
  return worst
}

/// Σ R⊙Y in Double for a fixed random R of Y's shape: a loss that isolates a block's Jacobian (dY = R).
struct LinearProbe {
  let weights: [Float]
  init(count: Int, _ g: inout SplitMix64) { weights = (0..<count).map { _ in Float(g.nextGaussian()) } }
  func callAsFunction(_ y: [Float]) -> Double {
    precondition(y.count == weights.count)
    var s = 0.0
    for j in y.indices { s += Double(weights[j]) * Double(y[j]) }
    return s
  }
  func gradient(rows: Int, columns: Int) -> Matrix<Float> { Matrix(rows: rows, columns: columns, values: weights) }
}

func randomValues(_ count: Int, _ g: inout SplitMix64, scale: Double = 1) -> [Float] {
  (0..<count).map { _ in Float(g.nextGaussian() * scale) }
}

/// An encoder whose parameters are all O(1) so that every part matters in a gradient check: embeddings N(0, 1),
/// weights and biases N(0, 0.4²), LayerNorm γ = 1 + N(0, 0.2²), β N(0, 0.2²).
func randomizedEncoder(_ c: TransformerConfiguration, seed: UInt64) -> TransformerEncoder {
  var g = SplitMix64(seed: seed)
  var e = try! TransformerEncoder(configuration: c, using: &g)
  for entry in e.layout.entries {
    for j in entry.range {
      if entry.name.hasSuffix("LayerNorm.weight") {
        e.parameters[j] = 1 + Float(0.2 * g.nextGaussian())
      } else if entry.name.hasSuffix("LayerNorm.bias") {
        e.parameters[j] = Float(0.2 * g.nextGaussian())
      } else if entry.name.hasPrefix("embeddings.") && !entry.name.contains("projection") {
        e.parameters[j] = Float(g.nextGaussian())
      } else {
        e.parameters[j] = Float(0.4 * g.nextGaussian())
      }
    }
  }
  return e
}

/// A small configuration for gradient checks: H = 8, 2 heads of 4, FFN 12.
func smallConfiguration(layers: Int = 2, vocabulary: Int = 11, features: Int = 0, cross: Bool = false,
                        activation: TransformerConfiguration.Activation = .geluErf, hiddenDropout: Double = 0,
                        attentionDropout: Double = 0) -> TransformerConfiguration {
  TransformerConfiguration(vocabularySize: vocabulary, maxPositions: vocabulary > 0 || features > 0 ? 7 : 0,
                           typeVocabularySize: vocabulary > 0 || features > 0 ? 2 : 0, hiddenSize: 8,
                           layerCount: layers, headCount: 2, intermediateSize: 12, layerNormEpsilon: 1e-12,
                           activation: activation, hiddenDropout: hiddenDropout, attentionDropout: attentionDropout,
                           featureWidth: features, crossAttention: cross)
}
