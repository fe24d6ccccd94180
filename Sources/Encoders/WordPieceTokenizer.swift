public import Foundation

/// BERT's uncased WordPiece tokenizer, equal to Hugging Face's `BertTokenizerFast` as all-MiniLM-L6-v2 configures
/// it (`tokenizer.json`: BertNormalizer with `clean_text`, `handle_chinese_chars`, `strip_accents: null` — which
/// follows `lowercase: true` —, BertPreTokenizer, WordPiece with `##` and `max_input_chars_per_word` 100, the
/// `[CLS] A [SEP]` template).
///
/// The steps, in the library's order:
/// 1. **Special tokens** (`[PAD]`, `[UNK]`, `[CLS]`, `[SEP]`, `[MASK]`) written literally in the text are matched
///    first, case-sensitively and before normalisation, and become their ids; the text between them goes on.
/// 2. **Clean**: U+0000, U+FFFD and control/format/private-use characters are deleted, whitespace becomes a space.
/// 3. **CJK**: every CJK ideograph gets a space on each side.
/// 4. **Strip accents**: NFD, then non-spacing marks (Mn) are deleted.
/// 5. **Lowercase** (per code point, full mappings: `İ` → `i` + U+0307 — after step 4, so that mark stays).
/// 6. **Pre-tokenise**: split on whitespace (dropped) and punctuation (each mark a word of its own): ASCII
///    33–47, 58–64, 91–96, 123–126 and Unicode P*.
/// 7. **WordPiece** per word: greedy longest match from the left, continuations prefixed `##`; a word of more than
///    100 code points, or one with a position no vocabulary piece matches, is one `[UNK]`.
///
/// The character classes of steps 2–6 are the library's own, probed code point by code point
/// (`BERTUnicodeTables`): its Unicode category tables are older than Swift's, so Swift's properties would differ
/// on characters added since. The vocabulary is an open-addressing hash table over UTF-8 bytes (one for whole
/// words, one for `##` continuations keyed without the prefix), so a lookup allocates nothing.
public struct WordPieceTokenizer: Sendable {
  public struct SpecialIDs: Sendable, Hashable {
    public var pad: Int32
    public var unknown: Int32
    public var classifier: Int32
    public var separator: Int32
    public var mask: Int32
  }

  /// One text's ids.
  public struct Encoding: Sendable, Hashable {
    /// `[CLS]`, the first `maxLength − 2` pieces, `[SEP]`.
    public var ids: [Int32]
    /// The length without truncation (pieces + 2).
    public var untruncatedLength: Int
    public var isTruncated: Bool { untruncatedLength > ids.count }
  }

  /// A padded batch, row-major `rows × length`, as the transformer reads it. Token type ids are all 0 (one
  /// segment), so they are not stored.
  public struct Batch: Sendable, Hashable {
    public var rows: Int
    /// The longest row's length (every row is padded to it with `[PAD]`).
    public var length: Int
    public var ids: [Int32]
    /// 1 for a real token, 0 for padding.
    public var attentionMask: [Int32]
    /// Each row's real length.
    public var lengths: [Int]
    /// How many rows were truncated.
    public var truncatedRows: Int
  }

  /// The most code points a word may have before it is `[UNK]` (`max_input_chars_per_word`).
  public static let maxCharactersPerWord = 100

  public let vocabularySize: Int
  public let special: SpecialIDs
  private let words: PieceTable
  private let continuations: PieceTable
  private let classes: BERTCharacterClasses
  /// The literal special tokens and their ids, matched before normalisation.
  private let specialTokens: [(StaticString, Int32)]

  /// A tokenizer over `vocabulary` (the id of a piece is its index), with the standard BERT special tokens.
  public init(vocabulary: [String], file: String = "<vocabulary>") throws(EncoderError) {
    var index: [String: Int32] = [:]
    for (i, piece) in vocabulary.enumerated() {
      guard !piece.isEmpty else {
        throw EncoderError(.malformed, "line \(i + 1) is empty: a vocabulary piece cannot be", file: file)
      }
      if let first = index.updateValue(Int32(i), forKey: piece) {
        throw EncoderError(.malformed, "piece '\(piece)' appears twice (lines \(first + 1) and \(i + 1))", file: file)
      }
    }
    func id(_ token: String) throws(EncoderError) -> Int32 {
      guard let i = index[token] else {
        throw EncoderError(.mismatch, "the vocabulary has no \(token) token", file: file)
      }
      return i
    }
    special = SpecialIDs(pad: try id("[PAD]"), unknown: try id("[UNK]"), classifier: try id("[CLS]"),
                         separator: try id("[SEP]"), mask: try id("[MASK]"))
    vocabularySize = vocabulary.count
    specialTokens = [("[PAD]", special.pad), ("[UNK]", special.unknown), ("[CLS]", special.classifier),
                     ("[SEP]", special.separator), ("[MASK]", special.mask)]
    words = PieceTable(vocabulary.enumerated().map { (Array($0.element.utf8)[...], Int32($0.offset)) })
    // The prefix is tested on bytes: `String.hasPrefix` compares grapheme clusters, and in "##ि" the spacing
    // mark joins the second "#".
    continuations = PieceTable(vocabulary.enumerated().compactMap { i, piece in
      let b = Array(piece.utf8)
      return b.count > 2 && b[0] == UInt8(ascii: "#") && b[1] == UInt8(ascii: "#") ? (b.dropFirst(2), Int32(i)) : nil
    })
    classes = BERTCharacterClasses.shared
  }

  /// Reads `vocab.txt` (one piece per line, UTF-8; a final newline is optional).
  public init(vocabularyFile url: URL) throws(EncoderError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw EncoderError(.unreadable, "cannot read the vocabulary: \(error.localizedDescription)", file: url.path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw EncoderError(.malformed, "the vocabulary is not valid UTF-8", file: url.path)
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if lines.last == "" { lines.removeLast() }
    try self.init(vocabulary: lines, file: url.path)
  }

  /// `[CLS]`, the pieces (at most `maxLength − 2`), `[SEP]`.
  public func encode(_ text: String, maxLength: Int) -> Encoding {
    precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
    var pieces = tokenize(text)
    let full = pieces.count + 2
    if pieces.count > maxLength - 2 { pieces.removeLast(pieces.count - (maxLength - 2)) }
    var ids = [Int32]()
    ids.reserveCapacity(pieces.count + 2)
    ids.append(special.classifier)
    ids.append(contentsOf: pieces)
    ids.append(special.separator)
    return Encoding(ids: ids, untruncatedLength: full)
  }

  /// Encodes and pads `texts` to the longest (truncated) row.
  public func batch(_ texts: [String], maxLength: Int) -> Batch {
    let encodings = texts.map { encode($0, maxLength: maxLength) }
    let length = encodings.map(\.ids.count).max() ?? 0
    var ids = [Int32](repeating: special.pad, count: texts.count * length)
    var mask = [Int32](repeating: 0, count: texts.count * length)
    for (r, e) in encodings.enumerated() {
      for (j, id) in e.ids.enumerated() {
        ids[r * length + j] = id
        mask[r * length + j] = 1
      }
    }
    return Batch(rows: texts.count, length: length, ids: ids, attentionMask: mask, lengths: encodings.map(\.ids.count),
                 truncatedRows: encodings.filter(\.isTruncated).count)
  }

  /// The word-piece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
  public func tokenize(_ text: String) -> [Int32] {
    var out: [Int32] = []
    var scratch = Scratch()
    var t = text
    t.withUTF8 { utf8 in
      // Special tokens are matched on the raw text; the segments between them are tokenised on their own.
      var segmentStart = 0
      var i = 0
      while i < utf8.count {
        if utf8[i] == UInt8(ascii: "["), let (id, length) = specialToken(at: i, in: utf8) {
          tokenizeSegment(UnsafeBufferPointer(rebasing: utf8[segmentStart..<i]), into: &out, scratch: &scratch)
          out.append(id)
          i += length
          segmentStart = i
        } else {
          i += 1
        }
      }
      tokenizeSegment(UnsafeBufferPointer(rebasing: utf8[segmentStart..<utf8.count]), into: &out, scratch: &scratch)
    }
    return out
  }

  /// `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` or `[MASK]` starting at `i` (which holds `[`).
  private func specialToken(at i: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (Int32, Int)? {
    for (token, id) in specialTokens {
      let n = token.utf8CodeUnitCount
      guard i + n <= utf8.count else { continue }
      var match = true
      for k in 0..<n where utf8[i + k] != token.utf8Start[k] {
        match = false
        break
      }
      if match { return (id, n) }
    }
    return nil
  }

  /// Buffers reused across the segments and words of one text.
  private struct Scratch {
    var decomposed: [UInt32] = []
    var normalized: [UInt32] = []
    var word: [UInt8] = []
    var scalarEnds: [Int] = []
  }

  private func tokenizeSegment(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [Int32], scratch: inout Scratch) {
    guard !utf8.isEmpty else { return }
    // Steps 2–4a: clean, pad CJK, decompose (with canonical reordering of combining marks).
    var d = scratch.decomposed
    d.removeAll(keepingCapacity: true)
    var i = 0
    while i < utf8.count {
      let (c, n) = Self.decode(utf8, at: i)
      i += n
      if c < 0x80 {
        // ASCII: no decomposition; the flags say removed (controls) or whitespace.
        let f = classes.flags(c)
        if f.contains(.removed) { continue }
        d.append(f.contains(.whitespace) ? 0x20 : c)
        continue
      }
      let f = classes.flags(c)
      if f.contains(.removed) { continue }
      if f.contains(.whitespace) {
        d.append(0x20)
        continue
      }
      let chinese = f.contains(.chinese)
      if chinese { d.append(0x20) }
      let before = d.count
      if f.contains(.decomposes) { classes.appendDecomposition(of: c, to: &d) } else { d.append(c) }
      // Canonical ordering: move each new mark left past marks of a higher combining class.
      for k in before..<d.count {
        let cc = BERTCharacterClasses.combiningClass(d[k])
        guard cc != 0 else { continue }
        var j = k
        while j > 0 {
          let prev = BERTCharacterClasses.combiningClass(d[j - 1])
          guard prev > cc else { break }
          d.swapAt(j, j - 1)
          j -= 1
        }
      }
      if chinese { d.append(0x20) }
    }
    // Steps 4b–5: drop non-spacing marks, lowercase.
    var s = scratch.normalized
    s.removeAll(keepingCapacity: true)
    for c in d {
      if c < 0x80 {
        s.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
        continue
      }
      let f = classes.flags(c)
      if f.contains(.nonspacing) { continue }
      if f.contains(.lowercases) { classes.appendLowercase(of: c, to: &s) } else { s.append(c) }
    }
    // Step 6: words between whitespace, punctuation isolated; step 7 per word.
    var start = 0
    for (k, c) in s.enumerated() {
      let f = classes.flags(c)
      if f.contains(.whitespace) || f.contains(.punctuation) {
        if k > start { wordPiece(s[start..<k], into: &out, scratch: &scratch) }
        if f.contains(.punctuation) { wordPiece(s[k..<(k + 1)], into: &out, scratch: &scratch) }
        start = k + 1
      }
    }
    if s.count > start { wordPiece(s[start..<s.count], into: &out, scratch: &scratch) }
    scratch.decomposed = d
    scratch.normalized = s
  }

  /// Greedy longest-match WordPiece of one word (code points).
  private func wordPiece(_ word: ArraySlice<UInt32>, into out: inout [Int32], scratch: inout Scratch) {
    if word.count > Self.maxCharactersPerWord {
      out.append(special.unknown)
      return
    }
    var bytes = scratch.word
    var ends = scratch.scalarEnds
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    for c in word {
      Self.encode(c, to: &bytes)
      ends.append(bytes.count)
    }
    let first = out.count
    var bad = false
    bytes.withUnsafeBufferPointer { b in
      var start = 0  // byte offset
      var startScalar = 0
      while start < b.count {
        let table = start == 0 ? words : continuations
        // Longest first: from the longest piece the table holds (or the word's end) down to one code point.
        var endScalar = ends.count - 1
        while endScalar > startScalar && ends[endScalar] - start > table.longestKey { endScalar -= 1 }
        var found: Int32?
        while endScalar >= startScalar {
          if let id = table.find(UnsafeBufferPointer(rebasing: b[start..<ends[endScalar]])) {
            found = id
            break
          }
          endScalar -= 1
        }
        guard let id = found else {
          bad = true
          return
        }
        out.append(id)
        start = ends[endScalar]
        startScalar = endScalar + 1
      }
    }
    if bad {
      out.removeLast(out.count - first)
      out.append(special.unknown)
    }
    scratch.word = bytes
    scratch.scalarEnds = ends
  }

  /// The scalar at byte `i` of valid UTF-8, and its length.
  @inline(__always) private static func decode(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let b0 = UInt32(u[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F), 2) }
    if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F), 3) }
    return ((b0 & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6 | UInt32(u[i + 3] & 0x3F), 4)
  }

  @inline(__always) private static func encode(_ c: UInt32, to out: inout [UInt8]) {
    switch c {
    case 0..<0x80:
      out.append(UInt8(c))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | c >> 6))
      out.append(UInt8(0x80 | c & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | c >> 12))
      out.append(UInt8(0x80 | (c >> 6) & 0x3F))
      out.append(UInt8(0x80 | c & 0x3F))
    default:
      out.append(UInt8(0xF0 | c >> 18))
      out.append(UInt8(0x80 | (c >> 12) & 0x3F))
      out.append(UInt8(0x80 | (c >> 6) & 0x3F))
      out.append(UInt8(0x80 | c & 0x3F))
    }
  }
}

/// An open-addressing hash table from UTF-8 byte strings to ids (FNV-1a, linear probing, load ≤ 1/2).
struct PieceTable: Sendable {
  private var keys: [UInt8] = []
  private var offsets: [Int32] = []
  private var lengths: [Int32] = []
  private var ids: [Int32] = []
  private var slots: [Int32]
  private let mask: Int
  /// The longest key, in bytes.
  private(set) var longestKey = 0

  init(_ entries: [(ArraySlice<UInt8>, Int32)]) {
    var capacity = 16
    while capacity < entries.count * 2 { capacity <<= 1 }
    slots = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    for (key, id) in entries {
      let entry = Int32(ids.count)
      offsets.append(Int32(keys.count))
      lengths.append(Int32(key.count))
      ids.append(id)
      keys.append(contentsOf: key)
      longestKey = max(longestKey, key.count)
      var slot = key.withUnsafeBufferPointer { Self.hash($0) } & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }

  @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt32 = 0x811C_9DC5
    for x in b { h = (h ^ UInt32(x)) &* 0x0100_0193 }
    return Int(h)
  }

  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
    var slot = Self.hash(key) & mask
    return keys.withUnsafeBufferPointer { k in
      while true {
        let e = Int(slots[slot])
        if e < 0 { return nil }
        if Int(lengths[e]) == key.count {
          let o = Int(offsets[e])
          if memcmp(k.baseAddress! + o, key.baseAddress!, key.count) == 0 { return ids[e] }
        }
        slot = (slot + 1) & mask
      }
    }
  }
}
