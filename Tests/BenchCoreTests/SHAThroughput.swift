import BenchCore
import Foundation
import Testing

@Suite struct SHAThroughput {
  /// `RUN_PERF=1 swift test -c release --filter sha256Throughput` — ≥ 200 MB/s (provenance hashing must not
  /// dominate an import; 30,540 × 17 simulated logs are ~190 MB).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RUN_PERF"] == "1"))
  func sha256Throughput() {
    let data = [UInt8](repeating: 0x61, count: 64 << 20)
    let clock = ContinuousClock()
    var best = Duration.seconds(100)
    var digest = ""
    for _ in 0..<3 {
      let t = clock.now
      var h = SHA256()
      data.withUnsafeBytes { h.update($0) }
      digest = h.hexDigest()
      best = min(best, clock.now - t)
    }
    let mbps = 64 * 1.048576 / (Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18)
    print("SHA-256: 64 MiB in \(best) = \(Int(mbps)) MB/s")
    #expect(digest.count == 64)
    #expect(mbps >= 200)
  }
}
