import Foundation
import Testing
@testable import LogImport

/// Exact token counts of every question / prediction cell of the real logs, against the Python reference.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent && TokenizerTestSupport.vocabularyPresent,
                "needs ../shared/real-logs and the cl100k_base vocabulary (make vocab); skipped"),
       .enabled(if: SlowTests.enabled, "all 94,340 real-log texts; ROUTERBENCH_SLOW=1 (make test-all) runs it; TokenizerTests cover the edge cases"))
struct RealLogsTokenizerTests {
  @Test func countsMatchTheReferenceOnAllRealTexts() throws {
    let tok = try #require(TokenizerTestSupport.tokenizer)
    var texts = 0
    var sum = 0
    var bytes = 0
    var hash = FNV1a64()
    for (_, url) in XLSXTestSupport.realXLSXFiles() {
      var columns: [Int] = []
      var header = true
      try XLSXReader(url: url).forEachRow { _, cells in
        if header {
          columns = ["question", "prediction"].compactMap { cells.firstIndex(of: $0) }
          header = false
          return
        }
        for c in columns {
          let text = c < cells.count ? cells[c] : ""
          let n = tok.count(text)
          texts += 1
          sum += n
          bytes += text.utf8.count
          hash.add("\(n)\n")
        }
      }
    }
    #expect(texts == TokenizerFixture.realLogTexts)
    #expect(bytes == TokenizerFixture.realLogTextBytes)
    #expect(sum == TokenizerFixture.realLogTokenSum)
    #expect(hash.value == TokenizerFixture.realLogCountsFNV1a64)
  }
}
