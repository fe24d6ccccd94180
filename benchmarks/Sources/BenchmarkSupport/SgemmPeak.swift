// What several speed benchmarks share: the machine's sgemm peak measured in the same run, and the load average to
// print beside every figure (the machine is shared, so a figure without its load means little).
public import BenchCore
internal import Foundation
public import Learning

/// The sgemm peak of the current BLAS thread count: one n³ `cblas_sgemm` (C = A·A), best of `repeats`, after one
/// warm-up product. Benchmarks measure it before and after their timed work and divide by the larger value.
public struct SgemmPeak: Sendable {
  public let size: Int
  private let a: Matrix<Float>

  public init(size: Int = 4096) {
    self.size = size
    a = Matrix(rows: size, columns: size, values: (0..<(size * size)).map { Float($0 % 7) * 0.1 })
  }

  /// GFLOP/s of the fastest of `repeats` products.
  public func measure(repeats: Int = 3) -> Double {
    var c = Matrix<Float>(rows: size, columns: size, repeating: 0)
    BLAS.gemm(a, a, into: &c)
    let clock = ContinuousClock()
    var best = 0.0
    for _ in 0..<max(repeats, 1) {
      let t = clock.measure { BLAS.gemm(a, a, into: &c) }
      let seconds = Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18
      best = max(best, BLAS.gemmFlops(m: size, n: size, k: size) / seconds / 1e9)
    }
    return best
  }
}

/// The 1-, 5- and 15-minute load averages (`/proc/loadavg`), or "?".
public func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "?"
}
