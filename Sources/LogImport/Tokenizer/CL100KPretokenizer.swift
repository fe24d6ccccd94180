// The cl100k_base pre-tokenisation split, implemented by hand over UTF-8 bytes. It reproduces, match for
// match, the leftmost-first regex
//
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*
//   |\s*[\r\n]+|\s+(?!\S)|\s+
//
// with Rust-regex semantics (what tiktoken runs): \p{L} = general categories Lu/Ll/Lt/Lm/Lo, \p{N} =
// Nd/Nl/No, \s = the Unicode White_Space property, (?i) = simple case folding (so U+017F LONG S matches
// 's'). Every position matches some alternative, so the pieces tile the text.

/// Character classes the pattern distinguishes.
@usableFromInline enum CL100KClass: UInt8 {
  case letter = 0, number, newline /* \r \n */, space /* U+0020 */, whitespace /* other \s */, other
  @inlinable var isWhitespace: Bool { self == .newline || self == .space || self == .whitespace }
}

/// Precomputed classes of the scalars below U+30000 (covers every assigned letter/number block in the
/// BMP, SMP and SIP); rarer scalars are classified on the fly.
@usableFromInline struct CL100KClassTable: Sendable {
  @usableFromInline static let tableLimit: UInt32 = 0x30000
  @usableFromInline let table: [UInt8]

  init() {
    var t = [UInt8](repeating: CL100KClass.other.rawValue, count: Int(Self.tableLimit))
    for v in 0..<Self.tableLimit {
      guard let s = Unicode.Scalar(v) else { continue }  // surrogates: never in a String
      t[Int(v)] = Self.classify(s).rawValue
    }
    table = t
  }

  @usableFromInline static func classify(_ s: Unicode.Scalar) -> CL100KClass {
    switch s.value {
    case 0x0A, 0x0D: return .newline
    case 0x20: return .space
    default: break
    }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
    case .decimalNumber, .letterNumber, .otherNumber: return .number
    default: return s.properties.isWhitespace ? .whitespace : .other
    }
  }

  /// The class of a scalar at or above `tableLimit`.
  @usableFromInline static func classOfRare(_ v: UInt32) -> CL100KClass {
    guard let s = Unicode.Scalar(v) else { return .other }
    return classify(s)
  }
}

/// Splits valid UTF-8 into pre-tokens. `body` receives each piece as a byte range.
///
/// `classes` points into `CL100KClassTable.table` (the caller keeps it alive), so a class lookup is one load:
/// no bounds check, no lazy-global check (the ASCII table used to be a global `let`, whose `swift_once` was
/// 2.7 % of importing the simulated benchmark) and no optional from `init(rawValue:)`.
@usableFromInline struct CL100KSplitter {
  @usableFromInline let p: UnsafePointer<UInt8>
  @usableFromInline let n: Int
  @usableFromInline let classes: UnsafePointer<UInt8>

  @inlinable init(_ p: UnsafePointer<UInt8>, _ n: Int, classes: UnsafePointer<UInt8>) {
    self.p = p
    self.n = n
    self.classes = classes
  }

  /// The class whose raw value the table holds (every entry is one, written by `CL100KClassTable.init`).
  @inlinable @inline(__always) func tableClass(_ v: Int) -> CL100KClass {
    unsafeBitCast(classes[v], to: CL100KClass.self)
  }

  /// Scalar value and byte length at `i` (input is valid UTF-8: Swift strings always are).
  @inlinable @inline(__always) func scalar(at i: Int) -> (UInt32, Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
    if b0 < 0xF0 {
      return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
              | UInt32(p[i + 3] & 0x3F), 4)
  }

  @inlinable @inline(__always) func classAt(_ i: Int) -> (CL100KClass, Int) {
    let b = p[i]
    if b < 0x80 { return (tableClass(Int(b)), 1) }
    let (v, len) = scalar(at: i)
    return (v < CL100KClassTable.tableLimit ? tableClass(Int(v)) : CL100KClassTable.classOfRare(v), len)
  }

  /// End of the run of `cls` scalars starting at `i`.
  @inlinable @inline(__always) func skip(_ cls: CL100KClass, from i: Int) -> Int {
    var j = i
    while j < n {
      let (c, len) = classAt(j)
      if c != cls { break }
      j += len
    }
    return j
  }

  /// End of the run of letters starting at `i`: `skip(.letter, from: i)`, with ASCII letters taken eight at a
  /// time. In `t = (word | 0x20…20) & 0x7F…7F` a byte is an ASCII letter iff `0x61 ≤ t ≤ 0x7A` and its byte in
  /// `word` is below 0x80; `t + 0x1F` and `t + 0x05` set a byte's high bit iff `t ≥ 0x61`, `t ≥ 0x7B`, and
  /// cannot carry into the next byte (`t ≤ 0x7F`). A non-ASCII scalar goes through `classAt`.
  @inlinable @inline(__always) func skipLetters(from i: Int) -> Int {
    let highs: UInt64 = 0x8080_8080_8080_8080
    var j = i
    while true {
      while j &+ 8 <= n {
        let x = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
        let t = (x | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let letters = (t &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(t &+ 0x0505_0505_0505_0505) & ~x & highs
        if letters == highs {
          j &+= 8
          continue
        }
        j &+= (~letters & highs).trailingZeroBitCount >> 3
        break
      }
      guard j < n else { return j }
      let (c, len) = classAt(j)
      if c != .letter { return j }
      j &+= len
    }
  }

  /// Folded ASCII letter of the scalar at `i` for the contraction alternatives, or 0.
  @inlinable @inline(__always) func foldedLetter(at i: Int) -> (UInt8, Int) {
    guard i < n else { return (0, 0) }
    let b = p[i]
    if b >= 0x41 && b <= 0x5A { return (b | 0x20, 1) }
    if b < 0x80 { return (b, 1) }
    if b == 0xC5 && i + 1 < n && p[i + 1] == 0xBF { return (0x73, 2) }  // U+017F LATIN SMALL LETTER LONG S → s
    return (0, 1)
  }

  /// End of the piece starting at `i` (< n).
  @inlinable func pieceEnd(_ i: Int) -> Int {
    // 1. (?i:'s|'t|'re|'ve|'m|'ll|'d)
    if p[i] == 0x27 {
      let (a, la) = foldedLetter(at: i + 1)
      switch a {
      case 0x73, 0x74, 0x6D, 0x64: return i + 1 + la                       // s t m d
      case 0x72, 0x76:                                                    // r v → 're 've
        let (b, lb) = foldedLetter(at: i + 1 + la)
        if b == 0x65 { return i + 1 + la + lb }
      case 0x6C:                                                          // l → 'll
        let (b, lb) = foldedLetter(at: i + 1 + la)
        if b == 0x6C { return i + 1 + la + lb }
      default: break
      }
    }
    let (c0, l0) = classAt(i)
    // 2. [^\r\n\p{L}\p{N}]?\p{L}+
    if c0 == .letter { return skipLetters(from: i + l0) }
    if c0 != .newline && c0 != .number && i + l0 < n {
      let (c1, l1) = classAt(i + l0)
      if c1 == .letter { return skipLetters(from: i + l0 + l1) }
    }
    // 3. \p{N}{1,3}
    if c0 == .number {
      var j = i + l0
      for _ in 0..<2 where j < n {
        let (c, len) = classAt(j)
        if c != .number { break }
        j += len
      }
      return j
    }
    // 4. ' ?[^\s\p{L}\p{N}]+[\r\n]*'
    var start4 = -1
    if c0 == .other {
      start4 = i
    } else if c0 == .space && i + 1 < n && classAt(i + 1).0 == .other {
      start4 = i + 1
    }
    if start4 >= 0 {
      var j = skip(.other, from: start4)
      while j < n && (p[j] == 0x0A || p[j] == 0x0D) { j += 1 }
      return j
    }
    // c0 is whitespace. 5. \s*[\r\n]+   6. \s+(?!\S)   7. \s+
    var j = i
    var lastNewlineEnd = -1
    var lastScalarStart = i
    var scalars = 0
    while j < n {
      let (c, len) = classAt(j)
      guard c.isWhitespace else { break }
      if c == .newline { lastNewlineEnd = j + len }
      lastScalarStart = j
      scalars += 1
      j += len
    }
    if lastNewlineEnd >= 0 { return lastNewlineEnd }
    if j == n || scalars < 2 { return j }
    return lastScalarStart
  }
}

