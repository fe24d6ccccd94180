import Foundation
import Testing
import BenchCore
@testable import LogImport

enum TokenizerTestSupport {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var vocabularyURL: URL { CL100KTokenizer.vocabularyURL(root: repoRoot) }
  static var vocabularyPresent: Bool { FileManager.default.fileExists(atPath: vocabularyURL.path) }

  /// Loaded once for all tests.
  static let tokenizer: CL100KTokenizer? = try? CL100KTokenizer(vocabularyURL: vocabularyURL)
}

@Suite(.enabled(if: TokenizerTestSupport.vocabularyPresent,
                "cl100k_base vocabulary absent (run `make vocab` or set ROUTERBENCH_TIKTOKEN); skipped"))
struct TokenizerTests {
  var tok: CL100KTokenizer { TokenizerTestSupport.tokenizer! }

  @Test func vocabularyLoads() throws {
    #expect(TokenizerTestSupport.tokenizer != nil)
    #expect(tok.vocabularySize == CL100KTokenizer.expectedVocabularySize)
    #expect(tok.bytes(ofToken: 15339) == Array("hello".utf8))
    #expect(tok.bytes(ofToken: 100_256) == nil)
  }

  @Test func edgeCasesMatchTheReferenceExactly() {
    for (text, tokens) in TokenizerFixture.edgeCases {
      #expect(tok.encode(text) == tokens, "\(text.debugDescription)")
      #expect(tok.count(text) == tokens.count, "\(text.debugDescription)")
      #expect(tok.decode(tokens) == text)
    }
  }

  @Test func preTokenisationSplitsLikeTheRegex() {
    #expect(tok.pieces("I'm fine, you're 12345 ok!!\n\n  x") ==
            ["I", "'m", " fine", ",", " you", "'re", " ", "123", "45", " ok", "!!\n\n", " ", " x"])
    #expect(tok.pieces("a   \n  b") == ["a", "   \n", " ", " b"])
    #expect(tok.pieces("x  ") == ["x", "  "])
    #expect(tok.pieces("'ſx 'LL") == ["'ſ", "x", " '", "LL"])
    #expect(tok.pieces("\u{85}a") == ["\u{85}a"])          // NEL is \s but not \r\n: optional prefix
    #expect(tok.pieces("\na") == ["\n", "a"])              // \n never prefixes a word
    #expect(tok.pieces("") == [])
  }

  /// The eight-at-a-time letter run equals the scalar-by-scalar one from every start, on text with the ASCII
  /// neighbours of the letter ranges (@ [ ` {), bytes ≥ 0x80, non-ASCII letters and runs across word boundaries.
  @Test func letterRunsEightAtATimeEqualTheScalarLoop() {
    let text = "@AZ[az`{ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ éclair naïveté 日本語x ſ1 _\u{7F}q"
      + String(repeating: "Quick", count: 7) + "!" + String(repeating: "zZ", count: 13)
    let bytes = Array(text.utf8)
    tok.classes.table.withUnsafeBufferPointer { table in
      bytes.withUnsafeBufferPointer { b in
        let splitter = CL100KSplitter(b.baseAddress!, b.count, classes: table.baseAddress!)
        var start = 0
        while start < b.count {
          #expect(splitter.skipLetters(from: start) == splitter.skip(.letter, from: start), "from \(start)")
          start += splitter.scalar(at: start).1
        }
      }
    }
  }

  @Test func emptyTextIsZeroTokens() {
    #expect(tok.count("") == 0)
    #expect(tok.encode("").isEmpty)
  }

  @Test func explicitRealLogPairs() {
    for (text, count) in TokenizerFixture.realLogPairs {
      #expect(tok.count(text) == count, "\(String(text.prefix(80)).debugDescription)")
    }
    #expect(TokenizerFixture.realLogPairs.count >= 45)
  }

  @Test func encodeDecodeRoundTripsOnAwkwardText() {
    var rng = SplitMix64(seed: 7)
    let pool: [String] = ["a", "Z", " ", "\n", "\r", "\t", "'", "s", "ll", "1", "٣", "é", "e\u{301}", "日", "😀",
                          "\u{A0}", "\u{2028}", "!", "_", "ſ", "Ⅻ", "\u{1F}", "\u{85}"]
    for _ in 0..<300 {
      var s = ""
      for _ in 0..<Int(rng.next() % 40) { s += pool[Int(rng.next() % UInt64(pool.count))] }
      let t = tok.encode(s)
      #expect(tok.decode(t) == s)
      #expect(tok.count(s) == t.count)
      #expect(tok.pieces(s).joined() == s)
    }
  }

  @Test func malformedVocabularyIsRejectedWithTheLine() throws {
    let url = XLSXTestSupport.tempURL("bad.tiktoken")
    try Data("IQ== 0\nnot base64! 1\n".utf8).write(to: url)
    let e = XLSXTestSupport.importError { _ = try CL100KTokenizer(vocabularyURL: url) }
    #expect(e?.kind == .invalidRecord && e?.row == 2)
    try Data("IQ== 0\nIg== 2\n".utf8).write(to: url)
    #expect(XLSXTestSupport.importError { _ = try CL100KTokenizer(vocabularyURL: url) }?.kind == .invalidRecord)
    let missing = XLSXTestSupport.tempURL("none.tiktoken")
    let m = XLSXTestSupport.importError { _ = try CL100KTokenizer(vocabularyURL: missing) }
    #expect(m?.kind == .io && m?.message.contains("make vocab") == true)
  }

  @Test func environmentOverridesTheVocabularyPath() {
    let u = CL100KTokenizer.vocabularyURL(root: URL(fileURLWithPath: "/repo"),
                                          environment: ["ROUTERBENCH_TIKTOKEN": "/elsewhere/v.tiktoken"])
    #expect(u.path == "/elsewhere/v.tiktoken")
    let d = CL100KTokenizer.vocabularyURL(root: URL(fileURLWithPath: "/repo"), environment: [:])
    #expect(d.path == "/repo/.cache/tiktoken/cl100k_base.tiktoken")
  }
}
