import BenchCore
import BenchStore
import Foundation
import Learning
import Testing

@testable import Encoders

/// `minilm-l6` against sentence-transformers (PyTorch CPU) on the 1,015 reference rows of
/// `Fixtures/minilm-reference.npy` (Fixtures/README.md): 1,000 real-log prompts by sample id, the empty prompt,
/// four truncated prompts and ten literal texts. The default run checks every 25th real-log row and every synthetic
/// one (55 rows, a few seconds); `ROUTERBENCH_SLOW=1` checks all 1,015 (~2 minutes in a debug build).
///
/// Tolerances (the issue's): cosine ≥ 0.99999 and max |Δ| ≤ 1e-4 per row. Float32 forward passes of the same
/// weights differ by accumulation order only (OpenBLAS vs MKL-DNN sgemm blocking, our polynomial `exp`/`erf`,
/// LayerNorm statistics in Double), which moves components by ~1e-6 over six layers; 1e-4 leaves two orders of
/// magnitude for that and still fails on any real mistake (a wrong ε, a missed mask, tanh instead of erf GELU
/// each move components by > 1e-3).
@Suite(.enabled(if: EncoderTestSupport.modelPresent, EncoderTestSupport.modelMissingReason),
       .enabled(if: EncoderTestSupport.realLogsPresent, "real VLMEvalKit logs not found at ../shared/real-logs; skipped"))
struct MiniLMEmbeddingTests {
  struct Row { var id: String; var promptHash: String; var ids: Int; var truncated: Bool }

  static let encoder = Result { try MiniLMEncoder(files: MiniLMFiles(directory: EncoderTestSupport.modelDirectory)) }

  static let everyRow = ProcessInfo.processInfo.environment["ROUTERBENCH_SLOW"] == "1"

  /// The rows checked, with their row numbers in the `.npy`.
  static func selected(_ rows: [Row]) -> [(index: Int, row: Row)] {
    rows.enumerated().filter { everyRow || $0.offset % 25 == 0 || $0.element.id.hasPrefix("synthetic/") }
      .map { ($0.offset, $0.element) }
  }

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: EncoderTestSupport.fixtures.appendingPathComponent("minilm-reference.tsv"),
                          encoding: .utf8)
    return try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("id\t") }.map { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 4, let n = Int(f[2]) else { throw EncoderError(.malformed, "bad fixture line \(line)") }
      return Row(id: f[0], promptHash: f[1], ids: n, truncated: f[3] == "1")
    }
  }

  /// Each row's text, rebuilt as Fixtures/README.md says and checked against its SHA-256.
  static func texts(_ rows: [Row]) async throws -> [String] {
    let store = try await EncoderTestSupport.realLogStore.value
    let samples = try store.sampleDescriptions()
    let byID = Dictionary(uniqueKeysWithValues: samples.map { ($0.sampleID, $0.prompt) })
    let sorted = samples.sorted { $0.sampleID.utf8.lexicographicallyPrecedes($1.sampleID.utf8) }
    let literals = try JSONDecoder().decode([String: String].self, from: Data(
      contentsOf: EncoderTestSupport.fixtures.appendingPathComponent("minilm-reference-texts.json")))
    return try rows.map { row in
      let text: String?
      if row.id == "synthetic/empty" {
        text = ""
      } else if row.id.hasPrefix("synthetic/long-"), let k = Int(row.id.dropFirst("synthetic/long-".count)) {
        text = sorted[(100 * k)..<(100 * k + 60)].map(\.prompt).joined(separator: " ")
      } else if row.id.hasPrefix("synthetic/text-") {
        text = literals[row.id]
      } else {
        text = byID[row.id]
      }
      guard let text else { throw EncoderError(.malformed, "\(row.id): not in the store or the fixture's texts") }
      guard SHA256.hex(text.utf8) == row.promptHash else {
        throw EncoderError(.mismatch, "\(row.id): the importer's prompt text changed since the fixture was made "
                           + "(not an encoder bug; regenerate the fixture)")
      }
      return text
    }
  }

  static func compare(_ got: Matrix<Float>, _ reference: NumpyArray,
                      rows: [(index: Int, row: Row)]) -> (cosine: Float, delta: Float) {
    var worstCosine: Float = 1, worstDelta: Float = 0
    let d = got.columns
    for (r, (index, row)) in rows.enumerated() {
      var dot: Float = 0, delta: Float = 0
      for j in 0..<d {
        let a = got[r, j], b = reference.values[index * d + j]
        dot += a * b
        delta = max(delta, abs(a - b))
      }
      if dot < 0.99999 || delta > 1e-4 {
        Issue.record("\(row.id): cosine \(dot), max |Δ| \(delta) against sentence-transformers")
      }
      worstCosine = min(worstCosine, dot)
      worstDelta = max(worstDelta, delta)
    }
    return (worstCosine, worstDelta)
  }

  @Test func embeddingsEqualSentenceTransformers() async throws {
    let encoder = try Self.encoder.get()
    let all = try Self.rows()
    let reference = try NumpyArray(contentsOf: EncoderTestSupport.fixtures.appendingPathComponent("minilm-reference.npy"))
    try #require(reference.shape == [all.count, 384] && all.count >= 1_015)
    let picked = Self.selected(all)
    let rows = picked.map(\.row)
    let texts = try await Self.texts(rows)
    #expect(encoder.dimension == 384 && encoder.maxTokens == 256)
    for (row, text) in zip(rows, texts) {
      #expect(encoder.tokenCount(text) == row.ids, "\(row.id): token count")
      #expect((encoder.tokenCount(text) > 256) == row.truncated, "\(row.id): truncation")
    }
    // The reference's batch size, in the fixture's order (each batch padded to its longest row).
    var batched = Matrix<Float>(rows: rows.count, columns: 384, repeating: 0)
    for start in stride(from: 0, to: rows.count, by: 64) {
      let end = min(start + 64, rows.count)
      let m = try encoder.embed(Array(texts[start..<end]))
      for r in 0..<m.rows { for j in 0..<384 { batched[start + r, j] = m[r, j] } }
    }
    let worst = Self.compare(batched, reference, rows: picked)
    #expect(worst.cosine >= 0.99999 && worst.delta <= 1e-4)
    print("minilm-l6 vs sentence-transformers on \(rows.count) rows: worst cosine \(worst.cosine), max |Δ| \(worst.delta)")
    // Padding must not change a row: every row again in batches of 7 (other neighbours, other padding).
    var maxShift: Float = 0
    for start in stride(from: 0, to: rows.count, by: 7) {
      let end = min(start + 7, rows.count)
      let m = try encoder.embed(Array(texts[start..<end]))
      for r in 0..<m.rows { for j in 0..<384 { maxShift = max(maxShift, abs(m[r, j] - batched[start + r, j])) } }
    }
    #expect(maxShift <= 1e-5, "a row moved by \(maxShift) with another batch")
    // The empty prompt is [CLS] [SEP], embedded like any other (unit length, equal to the reference row).
    let empty = try #require(rows.firstIndex { $0.id == "synthetic/empty" })
    #expect(encoder.tokenizer.encode("", maxLength: 256).ids == [encoder.tokenizer.special.classifier,
                                                                 encoder.tokenizer.special.separator])
    let norm = (0..<384).reduce(Float(0)) { $0 + batched[empty, $1] * batched[empty, $1] }
    #expect(abs(norm - 1) < 1e-5)
  }

  @Test func maxTokensOutsideThePositionsIsAnError() throws {
    let files = try MiniLMFiles(directory: EncoderTestSupport.modelDirectory)
    let e = encoderError { try MiniLMEncoder(files: files, maxTokens: 513) }
    #expect(e?.kind == .invalidValue && e?.message.contains("2…512") == true)
    let short = try MiniLMEncoder(files: files, maxTokens: 8)
    #expect(short.identity != (try Self.encoder.get()).identity, "the truncation length is part of the identity")
    #expect(try short.embed(["one two three four five six seven eight nine ten"]).rows == 1)
  }

  @Test func theRegistryBuildsItAndAMissingCacheNamesTheMakeTarget() throws {
    let names = EncoderRegistry.builtIn.names
    #expect(names.contains("minilm-l6"))
    let empty = try EncoderTestSupport.temporaryDirectory()
    let e = encoderError { try EncoderRegistry.builtIn.make("minilm-l6", settings: EncoderSettings(cacheDirectory: empty)) }
    #expect(e?.kind == .missingCache && e?.message.contains("make minilm") == true)
  }
}
