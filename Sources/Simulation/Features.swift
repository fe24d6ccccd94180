internal import BenchCore

/// Feature matrices as noisy linear views of each sample's latent state x_i = (z_i, σ_d·δ̃_i / 2.5).
///
/// Each view adds its own low-rank noise to x (text: σ = 1.0 per factor, image: σ = 1.2, each patch a further
/// σ = 0.7 on top of the image view) plus 4 nuisance factors, maps the result linearly into its width and adds
/// small independent noise (σ = 0.3, approximately normal) per value. Because the view noise lives in latent space, no amount of
/// averaging over feature columns removes it: a router recovers part of z and δ, never all of it.
struct FeatureGenerator {
  let latent: Int
  var stream: SplitMix64

  static let textWidth = 384, imageWidth = 256, patchCount = 16, patchWidth = 32
  static let nuisance = 4
  static let textNoise: Float = 1.0, imageNoise: Float = 1.2, patchNoise: Float = 0.7, valueNoise: Float = 0.3

  func make(samples: [SimulatedSample], spreads: [Double]) -> SimulatedFeatures {
    var g = stream
    let inputs = latent + 1 + Self.nuisance
    func projection(_ width: Int) -> [Float] {
      var w = [Float](repeating: 0, count: width * inputs)
      w.withUnsafeMutableBufferPointer { fillGaussian($0, scale: 1 / Float(inputs).squareRoot(), using: &g) }
      return w
    }
    let wText = projection(Self.textWidth)
    let wImage = projection(Self.imageWidth)
    let wPatch = projection(Self.patchWidth)
    let n = samples.count
    var text = [Float](repeating: 0, count: n * Self.textWidth)
    var image = [Float](repeating: 0, count: n * Self.imageWidth)
    var patches = [Float](repeating: 0, count: n * Self.patchCount * Self.patchWidth)
    // Per-value noise first (one bulk fill per matrix), then the signal is added on top.
    text.withUnsafeMutableBufferPointer { fillApproximateGaussian($0, scale: Self.valueNoise, using: &g) }
    image.withUnsafeMutableBufferPointer { fillApproximateGaussian($0, scale: Self.valueNoise, using: &g) }
    patches.withUnsafeMutableBufferPointer { fillApproximateGaussian($0, scale: Self.valueNoise, using: &g) }

    var x = [Float](repeating: 0, count: latent + 1)
    var viewNoise = [Float](repeating: 0, count: inputs)
    var textInput = [Float](repeating: 0, count: inputs)
    var imageInput = [Float](repeating: 0, count: inputs)
    var patchInput = [Float](repeating: 0, count: inputs)
    for (i, s) in samples.enumerated() {
      for l in 0..<latent { x[l] = s.latent[l] }
      x[latent] = s.difficulty * Float(spreads[s.dataset] / 2.5)
      viewNoise.withUnsafeMutableBufferPointer { fillGaussian($0, scale: 1, using: &g) }
      for j in 0..<inputs { textInput[j] = j <= latent ? x[j] + Self.textNoise * viewNoise[j] : viewNoise[j] }
      viewNoise.withUnsafeMutableBufferPointer { fillGaussian($0, scale: 1, using: &g) }
      for j in 0..<inputs { imageInput[j] = j <= latent ? x[j] + Self.imageNoise * viewNoise[j] : viewNoise[j] }
      Self.accumulate(into: &text, row: i, width: Self.textWidth, weights: wText, input: textInput)
      Self.accumulate(into: &image, row: i, width: Self.imageWidth, weights: wImage, input: imageInput)
      for p in 0..<Self.patchCount {
        viewNoise.withUnsafeMutableBufferPointer { fillGaussian($0, scale: Self.patchNoise, using: &g) }
        for j in 0..<inputs { patchInput[j] = imageInput[j] + viewNoise[j] }
        Self.accumulate(into: &patches, row: i * Self.patchCount + p, width: Self.patchWidth, weights: wPatch,
                        input: patchInput)
      }
    }
    return SimulatedFeatures(
      text: NumpyArray(shape: [n, Self.textWidth], values: text),
      image: NumpyArray(shape: [n, Self.imageWidth], values: image),
      patches: NumpyArray(shape: [n, Self.patchCount, Self.patchWidth], values: patches))
  }

  /// out[row, :] += W · input, W stored width × inputs row-major.
  private static func accumulate(into out: inout [Float], row: Int, width: Int, weights: [Float], input: [Float]) {
    let inputs = input.count
    out.withUnsafeMutableBufferPointer { o in
      weights.withUnsafeBufferPointer { w in
        input.withUnsafeBufferPointer { v in
          let base = row * width
          for c in 0..<width {
            var acc: Float = 0
            let wb = c * inputs
            for j in 0..<inputs { acc += w[wb + j] * v[j] }
            o[base + c] += acc
          }
        }
      }
    }
  }
}
