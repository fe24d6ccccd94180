/// The per-code-point classes of the fast BERT tokenizer (`BERTUnicodeTables`, probed from Hugging Face's
/// `tokenizers`), expanded once into a flag byte per code point (1.1 MB) and two mapping tables, so the tokenizer's
/// inner loop is one array load per scalar.
struct BERTCharacterClasses: Sendable {
  struct Flags: OptionSet, Sendable {
    let rawValue: UInt8
    static let removed = Flags(rawValue: 1)
    static let whitespace = Flags(rawValue: 2)
    static let chinese = Flags(rawValue: 4)
    static let nonspacing = Flags(rawValue: 8)
    static let punctuation = Flags(rawValue: 16)
    static let decomposes = Flags(rawValue: 32)
    static let lowercases = Flags(rawValue: 64)
  }

  /// One flag byte per code point 0…0x10FFFF.
  let flags: [UInt8]
  /// Code point → range in `mapped` (NFD decompositions and lowercase mappings).
  let decomposition: [UInt32: Range<Int>]
  let lowercase: [UInt32: Range<Int>]
  let mapped: [UInt32]

  /// The CJK ideograph blocks BertNormalizer pads with spaces (`handle_chinese_chars`), as in the library's source.
  static let chineseRanges: [ClosedRange<UInt32>] = [
    0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F, 0x2B920...0x2CEAF,
    0xF900...0xFAFF, 0x2F800...0x2FA1F,
  ]

  /// Expanded on first use (a `static let` initialises once, thread-safely).
  static let shared = BERTCharacterClasses()

  private init() {
    var flags = [UInt8](repeating: 0, count: 0x110000)
    func mark(_ table: String, _ flag: Flags) {
      for item in table.split(separator: " ") {
        let ends = item.split(separator: "-").map { UInt32($0, radix: 16)! }
        for c in ends[0]...ends[ends.count - 1] { flags[Int(c)] |= flag.rawValue }
      }
    }
    mark(BERTUnicodeTables.removed, .removed)
    mark(BERTUnicodeTables.whitespace, .whitespace)
    mark(BERTUnicodeTables.nonspacing, .nonspacing)
    mark(BERTUnicodeTables.punctuation, .punctuation)
    for r in Self.chineseRanges {
      for c in r { flags[Int(c)] |= Flags.chinese.rawValue }
    }
    var mapped: [UInt32] = []
    func mapping(_ table: String, _ flag: Flags) -> [UInt32: Range<Int>] {
      var out: [UInt32: Range<Int>] = [:]
      for item in table.split(separator: " ") {
        let parts = item.split(separator: ":")
        let c = UInt32(parts[0], radix: 16)!
        let start = mapped.count
        mapped.append(contentsOf: parts[1].split(separator: ",").map { UInt32($0, radix: 16)! })
        out[c] = start..<mapped.count
        flags[Int(c)] |= flag.rawValue
      }
      return out
    }
    decomposition = mapping(BERTUnicodeTables.decompositions, .decomposes)
    lowercase = mapping(BERTUnicodeTables.lowercase, .lowercases)
    for c in 0xAC00...0xD7A3 { flags[c] |= Flags.decomposes.rawValue }  // Hangul syllables: algorithmic
    self.flags = flags
    self.mapped = mapped
  }

  @inline(__always) func flags(_ c: UInt32) -> Flags { Flags(rawValue: flags[Int(c)]) }

  /// Appends the canonical decomposition of `c` (flagged `.decomposes`) to `out`.
  func appendDecomposition(of c: UInt32, to out: inout [UInt32]) {
    if c >= 0xAC00 && c <= 0xD7A3 {
      // Unicode §3.12: S = SBase + (L·VCount + V)·TCount + T.
      let s = c - 0xAC00
      out.append(0x1100 + s / 588)
      out.append(0x1161 + (s % 588) / 28)
      if s % 28 != 0 { out.append(0x11A7 + s % 28) }
      return
    }
    if let r = decomposition[c] { out.append(contentsOf: mapped[r]) }
  }

  /// Appends the lowercase mapping of `c` (flagged `.lowercases`) to `out`.
  func appendLowercase(of c: UInt32, to out: inout [UInt32]) {
    if let r = lowercase[c] { out.append(contentsOf: mapped[r]) }
  }

  /// The canonical combining class (0 for ASCII and unassigned code points).
  @inline(__always) static func combiningClass(_ c: UInt32) -> UInt8 {
    guard c >= 0x300, let s = Unicode.Scalar(c) else { return 0 }
    return s.properties.canonicalCombiningClass.rawValue
  }
}
