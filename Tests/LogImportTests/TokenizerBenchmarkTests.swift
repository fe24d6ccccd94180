import Foundation
import Testing
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
