import BenchStore
import Foundation
import Testing

@testable import LogImport

/// VLMEvalKit's MCQ evaluation tries exact matching (`can_infer`) first and asks the judge model only when it fails;
/// the real ScienceQA `_openai_result` files record which path each row took: "Match Log: <prediction>. " when
/// exact matching answered. So on every real row our exact matching must answer exactly when VLMEvalKit's did,
/// and agree with the stored `hit` there.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent,
                "real VLMEvalKit logs not found at ../shared/real-logs (beside the repository); skipped"))
struct RealLogsExactMatchingTests {
  @Test func exactMatchingAnswersWhereVLMEvalKitsPrefetchDidAndAgreesWithItsHit() throws {
    let files = XLSXTestSupport.realXLSXFiles().filter { $0.relative.hasSuffix("_ScienceQA_TEST_openai_result.xlsx") }
    #expect(files.count == 5)
    var prefetched = 0, judged = 0
    for (path, url) in files {
      let reader = try TableReaders.standard.reader(for: url, displayPath: path)
      var header: [String] = []
      _ = try reader.read(url, displayPath: path, header: { cells in
        header = cells
        return nil
      }, row: { row in
        func cell(_ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        let rule = ExactMatchingChoiceRule()
        var options: [(letter: String, text: String)] = []
        for letter in ["A", "B", "C", "D", "E"] {
          if let t = cell(letter).map(PandasNA.asPandasString), t != "nan" { options.append((letter, t)) }
        }
        let prediction = PandasNA.asPandasString(cell("prediction") ?? "")
        let inferred = OptionMatcher.infer(prediction, options: options)
        let log = cell("log") ?? ""
        let byExactMatching = log == "Match Log: \(prediction). "
        #expect((inferred != nil) == byExactMatching, "\(path) row \(row.number): inferred \(inferred ?? "nil"), log \(log.prefix(60))")
        if byExactMatching {
          prefetched += 1
          let positions = rule.columns.map { c in header.firstIndex(of: c.name) }
          let ours = try rule.score(RuleRow(row: row, positions: positions))
          #expect(ours == Float(cell("hit") ?? "") , "\(path) row \(row.number)")
        } else {
          judged += 1
        }
      })
    }
    // Most rows are answered by exact matching; the rest went to the judge model.
    #expect(prefetched > 8000 && judged > 0 && prefetched + judged == 5 * 2017)
  }
}
