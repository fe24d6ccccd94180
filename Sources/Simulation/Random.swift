internal import Foundation
internal import BenchCore

extension SplitMix64 {
  /// Both deviates of one Box–Muller draw (BenchCore's `nextGaussian` keeps one), for bulk noise.
  mutating func nextGaussianPair() -> (Double, Double) {
    var u1 = nextUnit()
    while u1 <= .leastNonzeroMagnitude { u1 = nextUnit() }
    let r = (-2 * log(u1)).squareRoot()
    let t = 2 * Double.pi * nextUnit()
    return (r * cos(t), r * sin(t))
  }

  /// A standard logistic deviate, log(u / (1 − u)).
  mutating func nextLogistic() -> Double {
    var u = nextUnit()
    while u <= .leastNonzeroMagnitude { u = nextUnit() }
    return log(u / (1 - u))
  }

  /// A uniform integer in 0..<n (n > 0).
  mutating func nextInt(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// A uniformly chosen element.
  mutating func pick<T>(_ items: [T]) -> T { items[nextInt(items.count)] }

  /// An independent stream for a pair of integers (a (row, model) cell), without hashing strings.
  static func cell(_ base: UInt64, _ a: Int, _ b: Int) -> SplitMix64 {
    var g = SplitMix64(seed: base ^ (UInt64(a) &* 0xD6E8_FEB8_6659_FD93) ^ (UInt64(b) &* 0xA076_1D64_78BD_642F))
    _ = g.next()
    return g
  }
}

/// Fills a buffer with standard normal deviates, two per Box–Muller draw.
func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Float>, scale: Float, using g: inout SplitMix64) {
  var i = 0
  while i < buffer.count {
    let (a, b) = g.nextGaussianPair()
    buffer[i] = Float(a) * scale
    if i + 1 < buffer.count { buffer[i + 1] = Float(b) * scale }
    i += 2
  }
}

/// Fills a buffer with approximately normal deviates of standard deviation `scale`: each is the centred sum of
/// four 16-bit uniforms of one 64-bit draw, scaled to unit variance (Irwin–Hall, n = 4; range ±3.46σ). Used for
/// the millions of per-value feature noise terms, where the exact tail does not matter and speed does.
func fillApproximateGaussian(_ buffer: UnsafeMutableBufferPointer<Float>, scale: Float, using g: inout SplitMix64) {
  let unit: Float = 1.0 / 65536
  let factor = scale * Float(3).squareRoot()
  for i in 0..<buffer.count {
    let r = g.next()
    let s = Float(r & 0xFFFF) + Float((r >> 16) & 0xFFFF) + Float((r >> 32) & 0xFFFF) + Float(r >> 48)
    buffer[i] = (s * unit + 2 * unit - 2) * factor
  }
}

/// The standard normal CDF.
func normalCDF(_ x: Double) -> Double { 0.5 * (1 + erf(x / 2.0.squareRoot())) }
