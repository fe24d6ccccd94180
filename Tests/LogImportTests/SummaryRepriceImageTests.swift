import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport

struct SummaryRepriceImageTests {
  /// One model, TextVQA with two rows (one without prediction) and an LMUData TSV whose second row reuses the first
  /// row's image by index.
  static func root() throws -> URL {
    let root = try temporaryDirectory()
    let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 80))
    try write(tsv([["index", "image", "question"], ["0", png.base64EncodedString(), "what year?"], ["1", "0", "and now?"]]),
              to: root.appendingPathComponent("LMUData/TextVQA_VAL.tsv"))
    try write(tsv([["index", "question", "answer", "prediction"],
                   ["0", "what year?", "['1990','1990','1990','1990']", "1990"], ["1", "and now?", "['2000','2000','2000','2000']", ""]]),
              to: root.appendingPathComponent("work_dir/M-1/T20250101_Gabc12345/M-1_TextVQA_VAL.tsv"))
    try write("version: a\ndate: \"2026-01-01\"\nmodels:\n  M-1: {input: 1, output: 2}\n",
              to: root.appendingPathComponent("pricing.yaml"))
    return root
  }

  @Test func imagesAreHashedOnDecodedBytesAndReferencesShareTheHash() async throws {
    let root = try Self.root()
    let store = try BenchStore.inMemory()
    _ = try await Importer(options: ImportOptions(root: root)).run(into: store)
    let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 80))
    let hash = SHA256.hex(png)
    let samples = try #require(try store.dump()["sample"])
    #expect(samples.count == 2 && samples.allSatisfy { $0.contains(hash) })
    #expect(samples.contains { $0.contains("TextVQA_VAL/0") && $0.contains("TextVQA_VAL/1") })  // the reference
  }

  @Test func summaryRowsAndRepriceRecomputeCostsFromStoredTokens() async throws {
    let root = try Self.root()
    let store = try BenchStore.inMemory()
    _ = try await Importer(options: ImportOptions(root: root, tokenCounter: ExactByWords())).run(into: store)
    #expect(try store.metadata(.tokenCounter) == "words")
    var t = try #require(try store.modelDatasetTotals().first)
    #expect(t.model == "M-1" && t.dataset == "TextVQA_VAL" && t.samples == 2)
    #expect(t.accuracyPercent == 50)  // "1990" is right, the empty prediction wrong
    #expect(t.estimatedTokens == 50 && t.outputTokens == 51)  // open-VQA estimate for the row without prediction
    let input = Double(t.inputTokens), output = Double(t.outputTokens)
    #expect(abs(t.costSum - (input * 1 + output * 2) / 1e6) < 1e-15)

    let cheaper = root.appendingPathComponent("cheaper.yaml")
    try write("version: b\ndate: \"2026-02-01\"\nmodels:\n  M-1: {input: 0, output: 4}\n", to: cheaper)
    let r = try Repricing.reprice(store, pricing: cheaper)
    #expect(r.recordsUpdated == 2)
    #expect(r.warnings.contains { $0.contains("zero price") })
    t = try #require(try store.modelDatasetTotals().first)
    #expect(abs(t.costSum - output * 4 / 1e6) < 1e-15)

    // A stored model without a price: refused, costs unchanged.
    let before = try store.dump()
    let other = root.appendingPathComponent("other.yaml")
    try write("version: c\nmodels:\n  Other: {input: 1, output: 1}\n", to: other)
    let e = try #require(throws: ImportError.self) { try Repricing.reprice(store, pricing: other) }
    #expect(e.kind == .missingPrice && e.message.contains("M-1"))
    #expect(try store.dump() == before)
  }
}

/// An exact (non-estimating) counter for tests: whitespace-separated words.
struct ExactByWords: TokenCounter {
  var name: String { "words" }
  var isEstimate: Bool { false }
  func count(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
}
