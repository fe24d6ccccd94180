import BenchCore
import Foundation
import Testing
@testable import LogImport

/// The bucket merge (`RankTable.mergeLarge`, used for pieces of ≥ `largePieceThreshold` bytes) must give exactly the
/// tokens of the textbook rescan merge (`mergeRescan`, tiktoken's `_byte_pair_merge`), which the fixtures tie to
/// tiktoken. Inputs stay at a few thousand bytes: the rescan is quadratic. (Speed: benchmarks/tokenizer/run.sh.)
@Suite(.enabled(if: TokenizerTestSupport.vocabularyPresent,
                "cl100k_base vocabulary absent (run `make vocab` or set ROUTERBENCH_TIKTOKEN); skipped"))
struct TokenizerLongPieceTests {
  var tok: CL100KTokenizer { TokenizerTestSupport.tokenizer! }

  /// Both merge loops on raw bytes (no pre-tokenisation), tokens compared one by one.
  func expectSameMerge(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
    var scratch = BPEScratch()
    var viaRescan: [UInt32] = []
    var viaLarge: [UInt32] = []
    var viaLong: [UInt32] = []
    bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      tok.ranks.bytePairEncode(p, b.count, scratch: &scratch, algorithm: .rescan) { viaRescan.append($0) }
      tok.ranks.bytePairEncode(p, b.count, scratch: &scratch, algorithm: .large) { viaLarge.append($0) }
      tok.ranks.bytePairEncode(p, b.count, scratch: &scratch, algorithm: .long) { viaLong.append($0) }
      for algorithm in [RankTable.MergeAlgorithm.large, .long, .automatic] {
        #expect(tok.ranks.bytePairCount(p, b.count, scratch: &scratch, algorithm: algorithm) == viaRescan.count)
      }
    }
    #expect(viaLarge == viaRescan, "bucket merge: \(label())")
    #expect(viaLong == viaRescan, "cut + merge: \(label())")
    #expect(viaLarge.flatMap { tok.bytes(ofToken: Int($0))! } == bytes, "\(label())")
  }

  /// Both merge loops through the whole tokenizer (pre-tokenisation included).
  func expectSameTokens(_ text: String, _ label: @autoclosure () -> String) {
    let viaRescan = tok.encode(text, algorithm: .rescan)
    #expect(tok.encode(text, algorithm: .large) == viaRescan, "\(label())")
    #expect(tok.encode(text, algorithm: .long) == viaRescan, "\(label())")
    #expect(tok.encode(text) == viaRescan, "\(label())")
    #expect(tok.count(text) == viaRescan.count, "\(label())")
    #expect(tok.count(text, algorithm: .large) == viaRescan.count, "\(label())")
  }

  @Test func fixturesMatchWithEitherMergeLoop() {
    for algorithm in [RankTable.MergeAlgorithm.rescan, .large, .long] {
      for (text, tokens) in TokenizerFixture.edgeCases {
        #expect(tok.encode(text, algorithm: algorithm) == tokens, "\(algorithm) \(text.debugDescription)")
      }
      for (text, count) in TokenizerFixture.realLogPairs {
        #expect(tok.count(text, algorithm: algorithm) == count, "\(algorithm) \(String(text.prefix(60)).debugDescription)")
      }
    }
  }

  @Test func randomBytesFromSmallAlphabets() {
    var rng = SplitMix64(seed: 14)
    // Few distinct bytes → many equal-rank pairs, overlapping ties ("aaa") and long merge chains.
    let alphabets: [[UInt8]] = [
      Array("a".utf8), Array("ab".utf8), Array("abc".utf8), Array("aeiou".utf8), Array("etaoinshrdlu".utf8),
      Array("abcdefghijklmnopqrstuvwxyz".utf8), Array(" \n".utf8), Array(" a".utf8), Array("0123456789".utf8),
      Array("!=-_*".utf8), Array("日本語".utf8), Array("é€".utf8), [0x80, 0xFF, 0x00, 0x61],
      (0...255).map { UInt8($0) },
    ]
    for (k, alphabet) in alphabets.enumerated() {
      for round in 0..<12 {
        let n = round < 6 ? 2 + Int(rng.next() % 300) : 300 + Int(rng.next() % 2700)
        let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        expectSameMerge(bytes, "alphabet \(k) round \(round) n \(n)")
      }
    }
  }

  @Test func randomWordsGluedTogether() {
    var rng = SplitMix64(seed: 1414)
    let words = ["the", "ing", "tion", "un", "believ", "able", "ly", "er", "s", "a", "an", "re", "con", "struct",
                 "ation", "ism", "anti", "dis", "establish", "ment", "ari", "an", "q", "x", "zz", "ſ", "ß", "日本",
                 "язык", "λόγος", "مرحبا", "😀"]
    for round in 0..<60 {
      var s = ""
      let count = 1 + Int(rng.next() % (round < 30 ? 40 : 500))
      for _ in 0..<count { s += words[Int(rng.next() % UInt64(words.count))] }
      expectSameMerge(Array(s.utf8), "round \(round)")
      expectSameTokens(s, "round \(round)")
    }
  }

  @Test func adversarialRuns() {
    var cases: [String] = []
    for n in [1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 1000, 1500] {
      cases.append(String(repeating: "a", count: n))
      cases.append(String(repeating: "ab", count: n))
      cases.append(String(repeating: "aab", count: n))
      cases.append(String(repeating: " ", count: n))
      cases.append(String(repeating: "\n", count: n))
      cases.append(String(repeating: "!", count: n))
      cases.append(String(repeating: "=", count: n) + "x")
      cases.append(String(repeating: "1", count: n))
      cases.append(String(repeating: "日", count: n))
      cases.append(String(repeating: "😀", count: n))
      cases.append("x" + String(repeating: " ", count: n) + "y")
      cases.append(String(repeating: "ha", count: n) + String(repeating: "a", count: n))
    }
    for s in cases {
      expectSameMerge(Array(s.utf8), "\(String(s.prefix(8)).debugDescription)… (\(s.utf8.count) bytes)")
      expectSameTokens(s, "\(String(s.prefix(8)).debugDescription)… (\(s.utf8.count) bytes)")
    }
  }

  /// Pieces long enough that the bucket merge's rank heap, side heaps and interrupted buckets (a merge that makes a
  /// lower rank) all come into play, against the rescan (quadratic: 16 KB each keeps this to about a second).
  @Test func sixteenKilobytePiecesAgreeWithTheRescan() {
    var rng = SplitMix64(seed: 16_384)
    let n = 16_384
    let alphabets: [[UInt8]] = [Array("abcdefghijklmnopqrstuvwxyz".utf8), Array("ab".utf8), Array("etaoin".utf8),
                                (0...255).map { UInt8($0) }]
    for (k, alphabet) in alphabets.enumerated() {
      let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      expectSameMerge(bytes, "alphabet \(k), \(n) bytes")
    }
    let words = ["the", "ing", "tion", "un", "believ", "able", "ly", "er", "s", "a", "re", "con", "struct", "ation"]
    var glued: [UInt8] = []
    while glued.count < n { glued += Array(words[Int(rng.next() % UInt64(words.count))].utf8) }
    expectSameMerge(glued, "glued words, \(glued.count) bytes")
  }

  @Test func piecesAroundTheThreshold() {
    var rng = SplitMix64(seed: 128)
    let t = RankTable.largePieceThreshold
    for n in (t - 4)...(t + 4) {
      for _ in 0..<8 {
        let s = String(decoding: (0..<n).map { _ in UInt8(0x61 + rng.next() % 26) }, as: UTF8.self)
        expectSameTokens(s, "n \(n)")
      }
    }
  }

  /// The pre-tokeniser cuts long runs as the regex does (its speed on 1M-byte runs is in the benchmark).
  @Test func longRunsPreTokenise() {
    let letters = String(repeating: "abc", count: 2000)
    #expect(tok.pieces(letters) == [letters])
    let digits = String(repeating: "1234567", count: 300)
    let dp = tok.pieces(digits)
    #expect(dp.count == (2100 + 2) / 3 && dp.dropLast().allSatisfy { $0.count == 3 } && dp.joined() == digits)
    let spaces = String(repeating: " ", count: 5000)
    #expect(tok.pieces(spaces) == [spaces])
    #expect(tok.pieces(spaces + "x") == [String(repeating: " ", count: 4999), " x"])
  }

  /// Long pieces against tiktoken itself (`TokenizerLongPieceFixture`, scripts/fixtures/tokenizer_long_pieces.py):
  /// 4 KiB to 256 KiB of seeded letters from 13 alphabets (a–z, a–zA–Z, `ab`, `abc`, `a`, Cyrillic, CJK, accented
  /// Latin …), each one pre-tokenised piece, through the automatic loop (cuts, rescan, bucket merge) and the bucket
  /// merge alone: the token count and the FNV-1a-64 of the ids must be tiktoken's.
  @Test func longPiecesMatchTiktoken() {
    for c in TokenizerLongPieceFixture.cases {
      let alphabet = Array(c.alphabet)
      var state = c.seed
      var text = ""
      for _ in 0..<c.characters {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
      }
      #expect(text.utf8.count == c.bytes, "\(c.name)")
      #expect(tok.pieces(text).count == 1, "\(c.name): one piece")
      for algorithm in [RankTable.MergeAlgorithm.automatic, .large] {
        let ids = tok.encode(text, algorithm: algorithm)
        var hash = FNV1a64()
        for id in ids { withUnsafeBytes(of: UInt32(id).littleEndian) { hash.add($0) } }
        #expect(ids.count == c.tokens, "\(c.name), \(algorithm)")
        #expect(hash.value == c.idsFNV1a64, "\(c.name), \(algorithm)")
        #expect(tok.count(text, algorithm: algorithm) == c.tokens, "\(c.name), \(algorithm)")
      }
    }
  }
}
