import Foundation
import LogImport
import Pipeline
import Routers
import Testing

/// `cl100k-learned`: the prompts' ids are the importer's exact cl100k_base tokens (what `import` counts), the first
/// `max_text_tokens` kept, an empty prompt none.
/// Where `make vocab` puts the vocabulary (a suite trait cannot read its own suite's statics).
enum CL100KVocabularyLocation {
  static let url = CL100KTokenizer.vocabularyURL(
    root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent())
  static var present: Bool { FileManager.default.fileExists(atPath: url.path) }
}

@Suite(.enabled(if: CL100KVocabularyLocation.present, "cl100k_base vocabulary absent (run `make vocab`); skipped"))
struct TextIDTokenTests {
  static let vocabulary = CL100KVocabularyLocation.url

  @Test func idsAreTheImportersTokensTruncated() throws {
    let tokenizer = try CL100KTokenizer(vocabularyURL: Self.vocabulary)
    let prompts = ["What colour is the bus in the picture?", "", "hello world",
                   String(repeating: "antidisestablishmentarianism ", count: 20)]
    let request = TextRequest(source: .cl100kLearned, maxTokens: 8)
    let t = TextTokenProvider.cl100kIDs(prompts, request: request, tokenizer: tokenizer)
    #expect(t.holdsIDs && t.width == 0 && t.vectors.isEmpty && t.rowCount == 4)
    for (i, p) in prompts.enumerated() {
      let expected = Array(tokenizer.encode(p).prefix(8)).map(Int32.init)
      #expect(Array(t.ids[t.offsets[i]..<t.offsets[i + 1]]) == expected, "prompt \(i)")
    }
    #expect(t.tokenCount(1) == 0, "an empty prompt has no tokens (masked)")
    #expect(tokenizer.encode("hello world") == [15339, 1917], "cl100k_base, as tiktoken")
    #expect(t.truncatedRows == 2 && t.tokenCount(0) == 8 && t.tokenCount(3) == 8)
  }
}
