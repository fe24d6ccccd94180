import BenchStore
import Foundation
import LogImport
import Testing

@testable import Encoders

/// Where the tests find the MiniLM cache, the real logs and the committed fixtures.
enum EncoderTestSupport {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// `.cache/minilm-l6` (or `ROUTERBENCH_MINILM`), as `make minilm` writes it.
  static let modelDirectory: URL = MiniLMFiles.defaultDirectory(repository: repository)

  static var modelPresent: Bool { MiniLMFiles.missing(in: modelDirectory).isEmpty }
  static let modelMissingReason: Comment = "needs all-MiniLM-L6-v2 in .cache/minilm-l6: run `make minilm`; skipped"

  static let realLogsRoot = repository
    .appendingPathComponent("../shared/real-logs/vlmevalkit/chengyuehuang511__VLMEvalKit/outputs").standardizedFileURL
  static var realLogsPresent: Bool { FileManager.default.fileExists(atPath: realLogsRoot.path) }

  /// The tokenizer of the cached model, loaded once.
  static let tokenizer: WordPieceTokenizer? = try? WordPieceTokenizer(
    vocabularyFile: modelDirectory.appendingPathComponent("vocab.txt"))

  /// The real logs imported exactly as LogImportTests.RealLogsImportTests imports them (`--missing drop-sample`,
  /// the same price table), once per test process.
  static let realLogStore = Task { () throws -> BenchStore in
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-encoders-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let pricing = dir.appendingPathComponent("pricing.yaml")
    try """
      version: test
      date: "2026-11-22"
      models:
        LLaVA-CoT: {input: 0.1, output: 0.2}
        Llama-3.2-11B-Vision-Instruct: {input: 0.2, output: 0.4}
        Qwen2.5-VL-3B-Instruct: {input: 0.05, output: 0.1}
        Qwen2.5-VL-7B-Instruct: {input: 0.1, output: 0.3}
        VLM-R1: {input: 0.05, output: 0.1}
      """.write(to: pricing, atomically: true, encoding: .utf8)
    let store = try BenchStore.inMemory()
    _ = try Importer(options: ImportOptions(root: realLogsRoot, pricing: pricing, missing: .dropSample))
      .run(into: store)
    return store
  }

  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-encoders-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}

/// The `EncoderError` `body` throws; records a short issue (not the returned value) when it throws nothing or
/// something else.
func encoderError(_ body: () throws -> Any, sourceLocation: SourceLocation = #_sourceLocation) -> EncoderError? {
  do {
    _ = try body()
    Issue.record("expected an EncoderError, none was thrown", sourceLocation: sourceLocation)
  } catch let e as EncoderError {
    return e
  } catch {
    Issue.record("expected an EncoderError, got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}
