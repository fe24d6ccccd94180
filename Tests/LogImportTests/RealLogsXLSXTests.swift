import Foundation
import Testing
@testable import LogImport

/// The XLSX reader against openpyxl (pandas' engine) on the real VLMEvalKit logs: every cell of every
/// file must hash to the value recorded by scripts/fixtures/real_logs_xlsx.py.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent,
                "real VLMEvalKit logs not found at ../shared/real-logs (beside the repository); skipped"))
struct RealLogsXLSXTests {
  @Test func everyFileMatchesOpenpyxl() throws {
    let files = XLSXTestSupport.realXLSXFiles()
    #expect(files.map(\.relative) == RealLogsXLSXFixture.files.map(\.path))
    for fixture in RealLogsXLSXFixture.files {
      let url = XLSXTestSupport.realLogsRoot.appendingPathComponent(fixture.path)
      var hash = FNV1a64()
      var rows = 0
      var header: [String]?
      var lastRow = 0
      try XLSXReader(url: url).forEachRow { number, cells in
        #expect(number == lastRow + 1, "\(fixture.path): row numbers are contiguous")
        lastRow = number
        if header == nil { header = cells }
        rows += 1
        hash.add(cells.joined(separator: "\u{1F}"))
        hash.add("\u{1E}")
      }
      #expect(rows == fixture.rows, "\(fixture.path)")
      #expect(header == fixture.header, "\(fixture.path)")
      #expect(hash.value == fixture.fnv1a64, "\(fixture.path)")
    }
  }

  @Test func recordsExposeTheVLMEvalKitColumns() throws {
    let url = XLSXTestSupport.realLogsRoot.appendingPathComponent(
      "Qwen2.5-VL-7B-Instruct/T20250419_Gfcbe1e42/Qwen2.5-VL-7B-Instruct_MathVista_MINI_gpt-4o-mini.xlsx")
    var first: XLSXRecord?
    var count = 0
    try XLSXReader(url: url).forEachRecord { rec in
      if first == nil { first = rec }
      count += 1
    }
    #expect(count == 1000)
    #expect(first?["index"] == "1")
    #expect(first?["question_type"] == "free_form")
    #expect(first?["res"] != nil)
    // The stored text carries "_x005F_x000D_", which pandas/openpyxl shows as the literal "_x000D_".
    #expect(first?["question"]?.contains("_x000D_") == true)
    #expect(first?["question"]?.contains("x005F") == false)
  }
}
