// SHA-256 throughput of BenchCore's implementation (provenance hashing of every imported file and the benchmark
// fingerprint). Target: ≥ 200 MB/s, so hashing never dominates an import (the simulated logs are ~190 MB).
// Usage: sha-throughput [MiB]   — prints one JSON line; benchmarks/hashing/run.sh compares it with Python's
// hashlib (OpenSSL) on the same bytes in the same run.
import BenchCore
import Foundation

let mib = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 64
let data = [UInt8](repeating: 0x61, count: mib << 20)
let clock = ContinuousClock()
var best = Double.infinity
var digest = ""
for _ in 0..<5 {
  let t = clock.now
  var h = SHA256()
  data.withUnsafeBytes { h.update($0) }
  digest = h.hexDigest()
  let d = clock.now - t
  best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
}
let mbps = Double(data.count) / 1e6 / best
print("{\"implementation\": \"routerbench\", \"mib\": \(mib), \"best_seconds\": \(best), \"mb_per_s\": \(mbps), \"sha256\": \"\(digest)\"}")
