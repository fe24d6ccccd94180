import BenchCore
import BenchStore
import Foundation
import Testing

@testable import Encoders

/// The tokenizer's rules on a hand-made vocabulary (no cache needed).
struct WordPieceRuleTests {
  static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "unaff", "a", "##a",
                           "!", ",", "hello", "world", "##s", "e", "中", "##中", "i", "x", "##x"]
  static let tokenizer = try! WordPieceTokenizer(vocabulary: vocabulary)
  static func id(_ piece: String) -> Int32 { Int32(vocabulary.firstIndex(of: piece)!) }

  @Test func greedyLongestMatchWithContinuations() {
    let t = Self.tokenizer
    // "unaffable": the longest first piece is "unaff", then "##able".
    #expect(t.tokenize("unaffable") == [Self.id("unaff"), Self.id("##able")])
    #expect(t.tokenize("unaffables") == [Self.id("unaff"), Self.id("##able"), Self.id("##s")])
    // A position nothing matches makes the whole word [UNK], not a partial one.
    #expect(t.tokenize("unaffz hello") == [Self.id("[UNK]"), Self.id("hello")])
  }

  @Test func normalisesLikeTheFastTokenizer() {
    let t = Self.tokenizer
    #expect(t.tokenize("HELLO,World!") == ["hello", ",", "world", "!"].map(Self.id))
    #expect(t.tokenize("Hé\u{301}llo") == [Self.id("hello")])  // NFD, both marks dropped
    #expect(t.tokenize("É") == [Self.id("e")])                  // NFD, mark dropped, lowercased
    #expect(t.tokenize("İ") == [Self.id("i")])                  // NFD first (I + U+0307, dropped), then lowercase
    #expect(t.tokenize("中中") == [Self.id("中"), Self.id("中")])  // each ideograph is a word of its own
    #expect(t.tokenize("x\u{0}x\u{FFFD}x\u{200B}") == [Self.id("x"), Self.id("##x"), Self.id("##x")])  // deleted
    #expect(t.tokenize("x\u{3000}x\tx\n") == [Self.id("x"), Self.id("x"), Self.id("x")])  // whitespace splits
    #expect(t.tokenize("") == [] && t.tokenize(" \n ") == [])
  }

  @Test func wordsLongerThan100CodePointsAreUnknown() {
    let t = Self.tokenizer
    #expect(t.tokenize(String(repeating: "a", count: 100)) == [Self.id("a")] + Array(repeating: Self.id("##a"), count: 99))
    #expect(t.tokenize(String(repeating: "a", count: 101)) == [Self.id("[UNK]")])
  }

  @Test func literalSpecialTokensAreMatchedBeforeNormalisation() {
    let t = Self.tokenizer
    #expect(t.tokenize("a[MASK]a") == [Self.id("a"), Self.id("[MASK]"), Self.id("a")])
    #expect(t.tokenize("[mask]") == Array(repeating: Self.id("[UNK]"), count: 3))  // case-sensitive: "[", "mask", "]"
    #expect(t.tokenize("[CLS][SEP]") == [Self.id("[CLS]"), Self.id("[SEP]")])
  }

  @Test func truncationKeepsTheSpecialTokens() {
    let t = Self.tokenizer
    let e = t.encode("a a a a a", maxLength: 4)
    #expect(e.ids == [Self.id("[CLS]"), Self.id("a"), Self.id("a"), Self.id("[SEP]")])
    #expect(e.untruncatedLength == 7 && e.isTruncated)
    let empty = t.encode("", maxLength: 4)
    #expect(empty.ids == [Self.id("[CLS]"), Self.id("[SEP]")] && !empty.isTruncated)
  }

  @Test func batchesArePaddedWithAMask() {
    let b = Self.tokenizer.batch(["hello world", "", "a a a a"], maxLength: 5)
    #expect(b.rows == 3 && b.length == 5 && b.lengths == [4, 2, 5] && b.truncatedRows == 1)
    let pad = Self.id("[PAD]")
    #expect(Array(b.ids[5..<10]) == [Self.id("[CLS]"), Self.id("[SEP]"), pad, pad, pad])
    #expect(b.attentionMask == [1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1])
  }

  @Test func aBadVocabularyIsAnErrorNamingTheFile() {
    let dup = #expect(throws: EncoderError.self) { try WordPieceTokenizer(vocabulary: ["[PAD]", "a", "a"], file: "v.txt") }
    #expect(dup?.message.contains("appears twice (lines 2 and 3)") == true && dup?.file == "v.txt")
    let noUnk = #expect(throws: EncoderError.self) { try WordPieceTokenizer(vocabulary: ["[PAD]", "a"], file: "v.txt") }
    #expect(noUnk?.kind == .mismatch && noUnk?.message.contains("[UNK]") == true)
  }
}

/// Ids equal Hugging Face's BertTokenizerFast (all-MiniLM-L6-v2) on the edge cases and on every real-log prompt
/// (fixtures from scripts/fixtures/wordpiece_real_logs.py).
@Suite(.enabled(if: EncoderTestSupport.modelPresent, EncoderTestSupport.modelMissingReason))
struct WordPieceFixtureTests {
  struct Examples: Decodable {
    struct RealLog: Decodable { var sample_id: String; var ids: [Int32] }
    struct Edge: Decodable { var text: String; var ids: [Int32]; var ids256: [Int32] }
    var max_length: Int
    var real_logs: [RealLog]
    var edge_cases: [Edge]
  }

  static func examples() throws -> Examples {
    try JSONDecoder().decode(Examples.self, from: Data(contentsOf: EncoderTestSupport.fixtures
      .appendingPathComponent("wordpiece-examples.json")))
  }

  /// SHA-256 of the ids as little-endian int32, first 16 hex digits (as the script writes it).
  static func digest(_ ids: [Int32]) -> String {
    String(ids.map { $0.littleEndian }.withUnsafeBytes { SHA256.hex($0) }.prefix(16))
  }

  @Test func edgeCasesMatchTheFastTokenizer() throws {
    let t = try #require(EncoderTestSupport.tokenizer)
    let ex = try Self.examples()
    #expect(ex.edge_cases.count >= 40)
    for e in ex.edge_cases {
      #expect(t.encode(e.text, maxLength: .max).ids == e.ids, "\(e.text.debugDescription)")
      #expect(t.encode(e.text, maxLength: ex.max_length).ids == e.ids256, "truncated: \(e.text.debugDescription)")
    }
  }

  @Test(.enabled(if: EncoderTestSupport.realLogsPresent, "real VLMEvalKit logs not found at ../shared/real-logs; skipped"))
  func everyRealLogPromptMatchesTheFastTokenizer() async throws {
    let t = try #require(EncoderTestSupport.tokenizer)
    let store = try await EncoderTestSupport.realLogStore.value
    let samples = try store.sampleDescriptions()
    let text = try String(contentsOf: EncoderTestSupport.fixtures.appendingPathComponent("wordpiece-real-logs.tsv"),
                          encoding: .utf8)
    var expected: [String: (promptHash: String, count: Int, digest: String)] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("sample_id\t") {
      let f = line.split(separator: "\t").map(String.init)
      try #require(f.count == 4, "bad fixture line \(line)")
      expected[f[0]] = (f[1], Int(f[2]) ?? -1, f[3])
    }
    #expect(samples.count == 7017 && expected.count == samples.count)
    var changedText = 0
    var wrong = 0
    for s in samples {
      guard let e = expected[s.sampleID] else {
        Issue.record("\(s.sampleID): in the store but not in the fixture (regenerate it?)")
        continue
      }
      guard String(SHA256.hex(s.prompt.utf8).prefix(16)) == e.promptHash else {
        changedText += 1
        Issue.record("\(s.sampleID): the importer's prompt text changed since the fixture was made (not a tokenizer bug)")
        continue
      }
      let ids = t.encode(s.prompt, maxLength: .max).ids
      if ids.count != e.count || Self.digest(ids) != e.digest {
        wrong += 1
        Issue.record("\(s.sampleID): \(ids.count) ids (BertTokenizerFast: \(e.count)) for \(s.prompt.debugDescription): \(ids)")
      }
    }
    #expect(changedText == 0 && wrong == 0)
    // Full id lists for readable failures.
    let byID = Dictionary(uniqueKeysWithValues: samples.map { ($0.sampleID, $0.prompt) })
    let ex = try Self.examples()
    #expect(ex.real_logs.count >= 30)
    for r in ex.real_logs {
      let prompt = try #require(byID[r.sample_id])
      #expect(t.encode(prompt, maxLength: .max).ids == r.ids, "\(r.sample_id): \(prompt.debugDescription)")
    }
  }
}
