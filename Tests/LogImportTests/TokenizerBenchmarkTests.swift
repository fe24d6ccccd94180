import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import CoreFoundation
#endif
@testable import LogImport

@Suite(.enabled(if: ImportBenchmark.enabled && TokenizerTestSupport.vocabularyPresent,
                "set ROUTERBENCH_BENCH=1 and fetch the vocabulary (make vocab) to run benchmarks"))
struct TokenizerImportBenchmarkTests {
  @Test func tokenizerMegabytesPerSecond() throws {
    let clock = ContinuousClock()
    var tok: CL100KTokenizer?
    let loadTime = try clock.measure { tok = try CL100KTokenizer(vocabularyURL: TokenizerTestSupport.vocabularyURL) }
    let tokenizer = try #require(tok)
    // Corpus: the real logs' question/prediction texts when present, else a synthetic multilingual mix.
    var texts: [String] = []
    if XLSXTestSupport.realLogsPresent {
      for (_, url) in XLSXTestSupport.realXLSXFiles() {
        try XLSXReader(url: url).forEachRecord { rec in
          for c in ["question", "prediction"] { if let t = rec[c] { texts.append(t) } }
        }
      }
    } else {
      let base = TokenizerFixture.edgeCases.map(\.text).joined(separator: " ")
      texts = Array(repeating: base, count: 4000)
    }
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    var tokens = 0
    var best = Double.infinity
    for _ in 0..<3 {
      tokens = 0
      let t = clock.measure { for s in texts { tokens += tokenizer.count(s) } }
      best = min(best, ImportBenchmark.seconds(t))
    }
    #expect(tokens > 0)
    if XLSXTestSupport.realLogsPresent { #expect(tokens == TokenizerFixture.realLogTokenSum) }
    ImportBenchmark.report(String(format: "tokenizer_load seconds=%.3f", ImportBenchmark.seconds(loadTime)))
    ImportBenchmark.report(String(format: "tokenizer_count texts=%d bytes=%d tokens=%d seconds=%.3f MB_per_s=%.2f",
                                  texts.count, bytes, tokens, best, Double(bytes) / 1e6 / best))
  }
}

/// One long space-free piece (the benchmark's seeded a–z letters, `tokenizer-long-pieces`), timed in thread CPU
/// seconds so a loaded machine does not inflate it: `ROUTERBENCH_BENCH=1 ROUTERBENCH_LONG_PIECE_BYTES=104857600
/// swift test --skip-build --filter TokenizerLongPieceBenchmarkTests` (debug build; LogImport is compiled -O).
@Suite(.enabled(if: ImportBenchmark.enabled && TokenizerTestSupport.vocabularyPresent,
                "set ROUTERBENCH_BENCH=1 and fetch the vocabulary (make vocab) to run benchmarks"))
struct TokenizerLongPieceBenchmarkTests {
  @Test func longPieceCPUSeconds() throws {
    let tok = try #require(TokenizerTestSupport.tokenizer)
    let n = Int(ProcessInfo.processInfo.environment["ROUTERBENCH_LONG_PIECE_BYTES"] ?? "") ?? 16 << 20
    var bytes = [UInt8](repeating: 0, count: n)
    var state: UInt64 = 0x1234_5678
    for i in 0..<n {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes[i] = 0x61 + UInt8((state >> 33) % 26)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    func cpu() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
    let clock = ContinuousClock()
    let c0 = cpu()
    var tokens = 0
    let wall = clock.measure { tokens = tok.count(text) }
    let c1 = cpu()
    #expect(tokens > n / 3)
    ImportBenchmark.report(String(format: "tokenizer_long_piece bytes=%d tokens=%d cpu_seconds=%.3f wall_seconds=%.3f "
                                    + "MB_per_cpu_s=%.2f", n, tokens, c1 - c0, ImportBenchmark.seconds(wall),
                                  Double(n) / 1e6 / (c1 - c0)))
  }
}
