import BenchStore
import Foundation
import Testing

@testable import LogImport

/// Acceptance: `routerbench import` on the real VLMEvalKit logs (xlsx, `T<date>_G<commit>` run directories, one
/// dataset outside the catalog) reproduces every aggregate VLMEvalKit stored beside them, bit for bit.
@Suite(.enabled(if: XLSXTestSupport.realLogsPresent,
                "real VLMEvalKit logs not found at ../shared/real-logs (beside the repository); skipped"))
struct RealLogsImportTests {
  static let prices = """
    version: test
    date: "2026-11-22"
    models:
      LLaVA-CoT: {input: 0.1, output: 0.2}
      Llama-3.2-11B-Vision-Instruct: {input: 0.2, output: 0.4}
      Qwen2.5-VL-3B-Instruct: {input: 0.05, output: 0.1}
      Qwen2.5-VL-7B-Instruct: {input: 0.1, output: 0.3}
      VLM-R1: {input: 0.05, output: 0.1}
    """

  /// The import with the default period rule, shared by the tests that read it (one import instead of one each).
  static let shared = Task { try await importRealLogs() }

  static func importRealLogs(periodRule: VQAPeriodRule? = nil) async throws -> (ImportSummary, BenchStore) {
    let dir = try temporaryDirectory()
    let pricing = dir.appendingPathComponent("pricing.yaml")
    try write(prices, to: pricing)
    let store = try BenchStore.inMemory()
    let options = ImportOptions(root: XLSXTestSupport.realLogsRoot, pricing: pricing, missing: .dropSample,
                                vqaPeriodRule: periodRule)
    return (try await Importer(options: options).run(into: store), store)
  }

  @Test func everyStoredAggregateIsReproducedExactly() async throws {
    let (s, _) = try await Self.shared.value
    #expect(s.crossChecks.count == 11)
    for c in s.crossChecks {
      #expect(c.outcome == .exact, "\(c.model) × \(c.dataset) \(c.figure): stored \(c.stored ?? .nan), ours \(c.recomputed ?? .nan)")
    }
    func stored(_ model: String, _ dataset: String) -> Double? {
      s.crossChecks.first { $0.model == model && $0.dataset == dataset }?.stored
    }
    #expect(stored("LLaVA-CoT", "TextVQA_VAL") == 0.0)
    #expect(stored("Llama-3.2-11B-Vision-Instruct", "TextVQA_VAL") == 54.04600000000001)
    #expect(stored("Qwen2.5-VL-3B-Instruct", "TextVQA_VAL") == 79.13)
    #expect(stored("Qwen2.5-VL-7B-Instruct", "TextVQA_VAL") == 85.39200000000001)
    #expect(stored("VLM-R1", "TextVQA_VAL") == 74.87)
    #expect(stored("Qwen2.5-VL-7B-Instruct", "MathVista_MINI") == 679)
    #expect(s.crossChecks.filter { $0.dataset == "ScienceQA_TEST" }.count == 5)
    // Reruns: Qwen2.5-VL-7B has three run directories; each dataset is read from the newest holding it.
    #expect(s.notes.isEmpty || s.notes.allSatisfy { !$0.contains("ScienceQA_TEST: 2 runs") })
    let report = ImportReport.markdown(s, root: "real")
    #expect(report.contains("11 of 11 stored figures reproduced"))
    #expect(report.contains("| Llama-3.2-11B-Vision-Instruct | TextVQA_VAL | Overall | 0–100 | 54.04600000000001 | 54.04600000000001 | 5000 | exact |"))
  }

  /// A second whole import; RealLogsScoringTests.textVQACurrentPeriodRuleDiffers checks the rule itself by default.
  @Test(.enabled(if: SlowTests.enabled, SlowTests.reason))
  func theNewPeriodRuleOverrideChangesTextVQA() async throws {
    let (s, _) = try await Self.importRealLogs(periodRule: .current)
    let llama = try #require(s.crossChecks.first { $0.model == "Llama-3.2-11B-Vision-Instruct" && $0.dataset == "TextVQA_VAL" })
    guard case .differs(let d) = llama.outcome else {
      Issue.record("expected a difference with the new period rule, got \(llama.outcome)")
      return
    }
    #expect(abs(d - (45.05 - 54.046)) < 0.01)
  }

  @Test func scienceQAIsImportedGenericallyAsGroupOther() async throws {
    let (s, store) = try await Self.shared.value
    #expect(s.models == 5 && s.datasets == 2)
    let summary = try store.summary()
    let rows = summary.filter { $0.dataset == "ScienceQA_TEST" }
    #expect(rows.count == 5 && rows.allSatisfy { $0.samples == 2017 })
    let llava = try #require(rows.first { $0.model == "LLaVA-CoT" })
    #expect(llava.correct == 1899)  // 0.9414972731779871 × 2017
  }
}
