#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

// A small, fast, non-validating XML pull tokenizer over UTF-8 bytes, written for the parts of an .xlsx
// file (worksheets, shared strings, workbook, relationships). It never expands entities beyond the five
// predefined ones and numeric character references, and it refuses any DOCTYPE, so there is no
// entity-expansion ("billion laughs") or external-entity attack surface.
//
// The scanner works on a window of bytes that may end in the middle of a construct: with
// `isFinal == false` it reports `.needMore` instead of failing, and the caller re-scans that token once more
// bytes have arrived. The parsers commit after every complete token (their state lives across windows), so
// the next window starts at the incomplete token, and `XMLResume` records how far that token was already
// searched: a comment, text or tag longer than many windows is searched once, not once per window (time
// linear in its length, not quadratic).

/// Byte constants used by the scanner.
@usableFromInline enum ASCII {
  @usableFromInline static let lt: UInt8 = 0x3C        // <
  @usableFromInline static let gt: UInt8 = 0x3E        // >
  @usableFromInline static let slash: UInt8 = 0x2F     // /
  @usableFromInline static let bang: UInt8 = 0x21      // !
  @usableFromInline static let question: UInt8 = 0x3F  // ?
  @usableFromInline static let amp: UInt8 = 0x26       // &
  @usableFromInline static let semicolon: UInt8 = 0x3B // ;
  @usableFromInline static let hash: UInt8 = 0x23      // #
  @usableFromInline static let equals: UInt8 = 0x3D    // =
  @usableFromInline static let quote: UInt8 = 0x22     // "
  @usableFromInline static let apos: UInt8 = 0x27      // '
  @usableFromInline static let colon: UInt8 = 0x3A     // :
  @usableFromInline static let cr: UInt8 = 0x0D
  @usableFromInline static let lf: UInt8 = 0x0A
  @usableFromInline static let tab: UInt8 = 0x09
  @usableFromInline static let space: UInt8 = 0x20
  @usableFromInline static let underscore: UInt8 = 0x5F

  @inlinable static func isSpace(_ b: UInt8) -> Bool {
    b == space || b == lf || b == cr || b == tab
  }
}

/// A syntax problem found by the scanner, at a byte offset of the current window. The caller turns it
/// into an `ImportFormatError` with file / part / row context.
struct XMLSyntaxError: Error, Sendable {
  var kind: ImportFormatError.Kind
  var message: String
}

/// One token. For tags, `start..<end` is the *local* name (namespace prefix stripped) and
/// `attrStart..<attrEnd` the raw attribute text; for text / CDATA, `start..<end` is the content.
struct XMLToken: Sendable {
  enum Kind: UInt8, Sendable {
    case startTag, emptyTag, endTag, text, cdata
    /// A comment, processing instruction or XML declaration: skipped by every reader.
    case ignorable
  }
  var kind: Kind
  var start: Int
  var end: Int
  var attrStart: Int
  var attrEnd: Int
  /// Offset just past the token.
  var next: Int
  /// For tags: start of the qualified name (prefix included), so end tags can be matched to start tags.
  var qualifiedStart: Int = 0
}

/// How far the token at the start of a window was already searched by an earlier `.needMore` scan (offsets
/// relative to the token's first byte). Only valid for that same token: callers pass a fresh value for any
/// other offset and reset it after every complete token.
struct XMLResume: Sendable, Equatable {
  /// Bytes after the token start known to hold no terminator (and, for tags, already scanned).
  var searched = 0
  /// Tags: start of the local name, end of the name (-1: name not finished), open attribute quote.
  var localStart = -1
  var nameEnd = -1
  var quote: UInt8 = 0
}

/// The open elements of a document, for matching end tags to start tags (qualified names, byte for byte).
/// Depth and name length are bounded so a hostile document cannot grow it without limit.
struct XMLElementStack: Sendable {
  static let maxDepth = 256
  static let maxNameBytes = 1024
  private var names: [UInt8] = []
  private var ends: [Int] = []

  var depth: Int { ends.count }

  mutating func push(_ sc: XMLScanner, _ t: XMLToken) throws(XMLSyntaxError) {
    let n = t.end - t.qualifiedStart
    guard n <= Self.maxNameBytes else {
      throw XMLSyntaxError(kind: .limitExceeded, message: "element name longer than \(Self.maxNameBytes) bytes")
    }
    guard ends.count < Self.maxDepth else {
      throw XMLSyntaxError(kind: .limitExceeded, message: "elements nested deeper than \(Self.maxDepth)")
    }
    // `names` is only ever grown: bytes past the innermost name's end are stale, and a push overwrites them (the
    // append-and-truncate this replaces was 3–4 % of reading an xlsx, in the array's generic range replacement).
    let top = ends.last ?? 0
    let needed = top + n
    if names.count < needed { names.append(contentsOf: repeatElement(0, count: needed - names.count)) }
    let source = UnsafeBufferPointer(rebasing: sc.bytes[t.qualifiedStart..<t.end])
    names.withUnsafeMutableBufferPointer { names in for k in 0..<n { names[top + k] = source[k] } }
    ends.append(needed)
  }

  /// Pops the innermost element; throws unless `t` (an end tag) closes it.
  mutating func pop(_ sc: XMLScanner, _ t: XMLToken) throws(XMLSyntaxError) {
    // Built only for the error messages (not on the hot path).
    func got() -> String {
      String(decoding: UnsafeBufferPointer(rebasing: sc.bytes[t.qualifiedStart..<t.end]), as: UTF8.self)
    }
    guard let end = ends.last else {
      throw XMLSyntaxError(kind: .malformedXML, message: "end tag </\(got())> with no open element")
    }
    let start = ends.count > 1 ? ends[ends.count - 2] : 0
    let n = t.end - t.qualifiedStart
    var same = n == end - start
    if same { for k in 0..<n where names[start + k] != sc.bytes[t.qualifiedStart + k] { same = false; break } }
    guard same else {
      throw XMLSyntaxError(kind: .malformedXML,
                           message: "end tag </\(got())> does not match the open element <\(innermost)>")
    }
    ends.removeLast()  // the innermost name's bytes stay in `names`, stale
  }

  var innermost: String {
    guard let end = ends.last else { return "" }
    let start = ends.count > 1 ? ends[ends.count - 2] : 0
    return String(decoding: names[start..<end], as: UTF8.self)
  }

  /// Throws if elements are still open at the end of the document.
  func finish() throws(XMLSyntaxError) {
    if !ends.isEmpty {
      throw XMLSyntaxError(kind: .malformedXML, message: "truncated XML: element <\(innermost)> is never closed")
    }
  }

  /// Updates the stack for one token (start: push, end: pop; others: nothing).
  mutating func track(_ sc: XMLScanner, _ t: XMLToken) throws(XMLSyntaxError) {
    switch t.kind {
    case .startTag: try push(sc, t)
    case .endTag: try pop(sc, t)
    default: break
    }
  }
}

enum XMLScanResult: Sendable {
  case token(XMLToken)
  /// The window ends inside a construct; feed more bytes and re-scan from a committed offset.
  case needMore
  case endOfInput
}

struct XMLScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  /// True when no more bytes will follow this window.
  let isFinal: Bool

  init(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) {
    self.bytes = bytes
    self.isFinal = isFinal
  }

  @inline(__always) var count: Int { bytes.count }

  /// Index of the first `byte` at or after `from`, or nil.
  @inline(__always) func find(_ byte: UInt8, from: Int) -> Int? {
    guard from < count, let base = bytes.baseAddress else { return nil }
    guard let p = memchrBytes(base + from, byte, count - from) else { return nil }
    return p - base
  }

  /// Index of the first occurrence of `pattern` at or after `from`, or nil.
  func find(_ pattern: [UInt8], from: Int) -> Int? {
    guard let first = pattern.first else { return from }
    var i = from
    while let j = find(first, from: i) {
      if j + pattern.count > count { return nil }
      var ok = true
      for k in 1..<pattern.count where bytes[j + k] != pattern[k] { ok = false; break }
      if ok { return j }
      i = j + 1
    }
    return nil
  }

  func hasPrefix(_ pattern: [UInt8], at i: Int) -> Bool {
    if i + pattern.count > count { return false }
    for k in 0..<pattern.count where bytes[i + k] != pattern[k] { return false }
    return true
  }

  private static let commentOpen: [UInt8] = Array("<!--".utf8)
  private static let commentClose: [UInt8] = Array("-->".utf8)
  private static let cdataOpen: [UInt8] = Array("<![CDATA[".utf8)
  private static let cdataClose: [UInt8] = Array("]]>".utf8)
  private static let piClose: [UInt8] = Array("?>".utf8)

  /// Scans the token starting at `i` (no earlier search of it to resume).
  func scan(at i: Int) throws(XMLSyntaxError) -> XMLScanResult {
    var resume = XMLResume()
    return try scan(at: i, resume: &resume)
  }

  /// Scans the token starting at `i`, continuing the search recorded in `resume` (which must describe this
  /// token, or be fresh). On `.needMore`, `resume` records how far the token was searched.
  func scan(at i: Int, resume: inout XMLResume) throws(XMLSyntaxError) -> XMLScanResult {
    if i >= count { return isFinal ? .endOfInput : .needMore }
    let done = max(0, resume.searched)
    if bytes[i] != ASCII.lt {
      // Character data up to the next '<'.
      if let lt = find(ASCII.lt, from: i + done) {
        return .token(XMLToken(kind: .text, start: i, end: lt, attrStart: 0, attrEnd: 0, next: lt))
      }
      if isFinal {
        return .token(XMLToken(kind: .text, start: i, end: count, attrStart: 0, attrEnd: 0, next: count))
      }
      resume.searched = count - i
      return .needMore
    }
    guard i + 1 < count else { return try incomplete("'<' at end of input") }
    let c = bytes[i + 1]
    if c == ASCII.bang {
      if hasPrefix(Self.commentOpen, at: i) {
        guard let close = find(Self.commentClose, from: max(i + 4, i + done)) else {
          resume.searched = max(4, count - i - (Self.commentClose.count - 1))
          return try incomplete("unterminated comment")
        }
        return .token(XMLToken(kind: .ignorable, start: i, end: close, attrStart: 0, attrEnd: 0, next: close + 3))
      }
      if hasPrefix(Self.cdataOpen, at: i) {
        guard let close = find(Self.cdataClose, from: max(i + 9, i + done)) else {
          resume.searched = max(9, count - i - (Self.cdataClose.count - 1))
          return try incomplete("unterminated CDATA section")
        }
        return .token(XMLToken(kind: .cdata, start: i + 9, end: close, attrStart: 0, attrEnd: 0, next: close + 3))
      }
      // "<!D..." — we need enough bytes to tell a DOCTYPE from garbage.
      if i + 9 > count && !isFinal { return .needMore }
      if hasPrefix(Array("<!DOCTYPE".utf8), at: i) || hasPrefix(Array("<!doctype".utf8), at: i)
        || hasPrefix(Array("<!ENTITY".utf8), at: i) {
        throw XMLSyntaxError(kind: .forbiddenDTD, message: "DOCTYPE/ENTITY declarations are refused")
      }
      if i + 9 > count { return try incomplete("truncated markup declaration") }
      throw XMLSyntaxError(kind: .malformedXML, message: "unexpected markup declaration")
    }
    if c == ASCII.question {
      guard let close = find(Self.piClose, from: max(i + 2, i + done)) else {
        resume.searched = max(2, count - i - (Self.piClose.count - 1))
        return try incomplete("unterminated processing instruction")
      }
      return .token(XMLToken(kind: .ignorable, start: i, end: close, attrStart: 0, attrEnd: 0, next: close + 2))
    }
    // Tags: continue where an earlier scan of this tag stopped.
    let isEnd = c == ASCII.slash
    let nameStart = i + (isEnd ? 2 : 1)
    var j = nameStart
    var localStart = nameStart
    var nameEnd = -1
    var quote: UInt8 = 0
    if done > 0 && resume.localStart >= 0 {
      j = i + done
      localStart = i + resume.localStart
      if resume.nameEnd >= 0 { nameEnd = i + resume.nameEnd }
      quote = resume.quote
    }
    if isEnd {
      // End tag: </name  >
      if nameEnd < 0 {
        while j < count {
          let b = bytes[j]
          if b == ASCII.gt || ASCII.isSpace(b) { break }
          if b == ASCII.colon { localStart = j + 1 }
          if b == ASCII.lt || b == ASCII.slash { throw XMLSyntaxError(kind: .malformedXML, message: "bad end tag") }
          j += 1
        }
        if j >= count { resume = Self.saved(i, j, localStart, nameEnd, quote); return try incomplete("truncated end tag") }
        nameEnd = j
      }
      while j < count && ASCII.isSpace(bytes[j]) { j += 1 }
      if j >= count { resume = Self.saved(i, j, localStart, nameEnd, quote); return try incomplete("truncated end tag") }
      guard bytes[j] == ASCII.gt, nameEnd > nameStart, localStart < nameEnd else {
        throw XMLSyntaxError(kind: .malformedXML, message: "malformed end tag")
      }
      return .token(XMLToken(kind: .endTag, start: localStart, end: nameEnd, attrStart: 0, attrEnd: 0, next: j + 1,
                             qualifiedStart: nameStart))
    }
    // Start or empty-element tag.
    if nameEnd < 0 {
      while j < count {
        let b = bytes[j]
        if b == ASCII.gt || b == ASCII.slash || ASCII.isSpace(b) { break }
        if b == ASCII.colon { localStart = j + 1 }
        if b == ASCII.lt || b == ASCII.quote || b == ASCII.apos || b == ASCII.equals {
          throw XMLSyntaxError(kind: .malformedXML, message: "bad character in element name")
        }
        j += 1
      }
      if j >= count { resume = Self.saved(i, j, localStart, nameEnd, quote); return try incomplete("truncated start tag") }
      nameEnd = j
      guard nameEnd > nameStart, localStart < nameEnd else {
        throw XMLSyntaxError(kind: .malformedXML, message: "empty element name")
      }
    }
    let attrStart = nameEnd
    while j < count {
      let b = bytes[j]
      if quote != 0 {
        if b == quote { quote = 0 } else if b == ASCII.lt {
          throw XMLSyntaxError(kind: .malformedXML, message: "'<' in attribute value")
        }
      } else if b == ASCII.quote || b == ASCII.apos {
        quote = b
      } else if b == ASCII.gt {
        break
      } else if b == ASCII.lt {
        throw XMLSyntaxError(kind: .malformedXML, message: "'<' inside a tag")
      }
      j += 1
    }
    if j >= count { resume = Self.saved(i, j, localStart, nameEnd, quote); return try incomplete("truncated start tag") }
    // j is at '>'
    if j > attrStart && bytes[j - 1] == ASCII.slash {
      return .token(XMLToken(kind: .emptyTag, start: localStart, end: nameEnd, attrStart: attrStart,
                             attrEnd: j - 1, next: j + 1, qualifiedStart: nameStart))
    }
    return .token(XMLToken(kind: .startTag, start: localStart, end: nameEnd, attrStart: attrStart,
                           attrEnd: j, next: j + 1, qualifiedStart: nameStart))
  }

  /// The resume point of a tag scan that ran out of bytes (a static function, not a closure over the scan's
  /// locals, so nothing is boxed).
  @inline(__always) private static func saved(_ i: Int, _ j: Int, _ localStart: Int, _ nameEnd: Int, _ quote: UInt8)
    -> XMLResume
  {
    XMLResume(searched: j - i, localStart: localStart - i, nameEnd: nameEnd < 0 ? -1 : nameEnd - i, quote: quote)
  }

  @inline(__always) private func incomplete(_ what: String) throws(XMLSyntaxError) -> XMLScanResult {
    if isFinal { throw XMLSyntaxError(kind: .malformedXML, message: "truncated XML: \(what)") }
    return .needMore
  }

  // MARK: Names and attributes

  /// True if the token's local name equals `name`.
  @inline(__always) func nameIs(_ t: XMLToken, _ name: StaticBytes) -> Bool {
    let n = t.end - t.start
    guard n == name.count else { return false }
    for k in 0..<n where bytes[t.start + k] != name[k] { return false }
    return true
  }

  /// The raw value range of the attribute whose local name is `name` (prefix ignored unless
  /// `requirePrefix`, which matches only prefixed names such as `r:id`).
  func attribute(_ name: StaticBytes, of t: XMLToken, requirePrefix: Bool = false) throws(XMLSyntaxError)
    -> Range<Int>?
  {
    var j = t.attrStart
    let end = t.attrEnd
    while true {
      while j < end && ASCII.isSpace(bytes[j]) { j += 1 }
      if j >= end { return nil }
      let nStart = j
      var localStart = j
      while j < end {
        let b = bytes[j]
        if b == ASCII.equals || ASCII.isSpace(b) { break }
        if b == ASCII.colon { localStart = j + 1 }
        if b == ASCII.quote || b == ASCII.apos || b == ASCII.slash {
          throw XMLSyntaxError(kind: .malformedXML, message: "malformed attribute")
        }
        j += 1
      }
      let nEnd = j
      while j < end && ASCII.isSpace(bytes[j]) { j += 1 }
      guard j < end, bytes[j] == ASCII.equals, nEnd > nStart else {
        throw XMLSyntaxError(kind: .malformedXML, message: "attribute without value")
      }
      j += 1
      while j < end && ASCII.isSpace(bytes[j]) { j += 1 }
      guard j < end, bytes[j] == ASCII.quote || bytes[j] == ASCII.apos else {
        throw XMLSyntaxError(kind: .malformedXML, message: "unquoted attribute value")
      }
      let q = bytes[j]
      let vStart = j + 1
      j = vStart
      while j < end && bytes[j] != q { j += 1 }
      guard j < end else { throw XMLSyntaxError(kind: .malformedXML, message: "unterminated attribute value") }
      let vEnd = j
      j += 1
      let n = nEnd - localStart
      if n == name.count && (!requirePrefix || localStart > nStart) {
        var same = true
        for k in 0..<n where bytes[localStart + k] != name[k] { same = false; break }
        if same { return vStart..<vEnd }
      }
    }
  }

  // MARK: Character data

  /// Appends the decoded character data of `range` to `out`: predefined entities and numeric character
  /// references are resolved, line ends are normalised (CRLF and lone CR become LF) as every conforming
  /// XML parser does. `cdata` ranges are copied with newline normalisation only.
  func appendDecoded(_ range: Range<Int>, cdata: Bool = false, to out: inout [UInt8]) throws(XMLSyntaxError) {
    var i = range.lowerBound
    let end = range.upperBound
    var runStart = i
    while i < end {
      let b = bytes[i]
      if b == ASCII.cr {
        appendRun(runStart, i, to: &out)
        out.append(ASCII.lf)
        i += 1
        if i < end && bytes[i] == ASCII.lf { i += 1 }
        runStart = i
      } else if b == ASCII.amp && !cdata {
        appendRun(runStart, i, to: &out)
        guard let semi = find(ASCII.semicolon, from: i + 1), semi < end, semi - i <= 12 else {
          throw XMLSyntaxError(kind: .malformedXML, message: "unterminated entity reference")
        }
        try decodeEntity(i + 1, semi, to: &out)
        i = semi + 1
        runStart = i
      } else if b == ASCII.lt && !cdata {
        throw XMLSyntaxError(kind: .malformedXML, message: "'<' in character data")
      } else {
        i += 1
      }
    }
    appendRun(runStart, end, to: &out)
  }

  /// True if the range holds no '&' and no CR (so its bytes are its text).
  @inline(__always) func isPlain(_ range: Range<Int>) -> Bool {
    for i in range {
      let b = bytes[i]
      if b == ASCII.amp || b == ASCII.cr { return false }
    }
    return true
  }

  @inline(__always) private func appendRun(_ from: Int, _ to: Int, to out: inout [UInt8]) {
    if to > from { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to])) }
  }

  private func decodeEntity(_ s: Int, _ e: Int, to out: inout [UInt8]) throws(XMLSyntaxError) {
    let n = e - s
    // The entity's name packed little-endian into one word (names of the five are 2–4 bytes): compared without
    // building a string or an array per reference, which cost a malloc each (`perf` on a real log's xlsx).
    var word: UInt32 = 0
    if n <= 4 { for k in 0..<n { word |= UInt32(bytes[s + k]) << (8 * UInt32(k)) } }
    func eq(_ lit: StaticString) -> Bool {
      guard lit.utf8CodeUnitCount == n, n <= 4 else { return false }
      var w: UInt32 = 0
      for k in 0..<n { w |= UInt32(lit.utf8Start[k]) << (8 * UInt32(k)) }
      return w == word
    }
    if n >= 2 && bytes[s] == ASCII.hash {
      var value: UInt32 = 0
      var k = s + 1
      let hex = bytes[k] == 0x78 // 'x'
      if hex { k += 1 }
      guard k < e else { throw XMLSyntaxError(kind: .malformedXML, message: "empty character reference") }
      while k < e {
        let b = bytes[k]
        let d: UInt32
        switch b {
        case 0x30...0x39: d = UInt32(b - 0x30)
        case 0x61...0x66 where hex: d = UInt32(b - 0x61 + 10)
        case 0x41...0x46 where hex: d = UInt32(b - 0x41 + 10)
        default: throw XMLSyntaxError(kind: .malformedXML, message: "bad character reference")
        }
        value = value * (hex ? 16 : 10) + d
        if value > 0x10FFFF { throw XMLSyntaxError(kind: .malformedXML, message: "character reference out of range") }
        k += 1
      }
      // XML 1.0 Char production.
      let ok = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
        || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
      guard ok, let scalar = Unicode.Scalar(value) else {
        throw XMLSyntaxError(kind: .malformedXML, message: "character reference to a non-XML character")
      }
      appendUTF8(scalar, to: &out)
      return
    }
    if eq("amp") { out.append(ASCII.amp) } else if eq("lt") { out.append(ASCII.lt) } else if eq("gt") {
      out.append(ASCII.gt)
    } else if eq("quot") { out.append(ASCII.quote) } else if eq("apos") { out.append(ASCII.apos) } else {
      throw XMLSyntaxError(kind: .malformedXML, message: "unknown entity (only the five XML entities are allowed)")
    }
  }
}

@inline(__always) func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
  let v = scalar.value
  if v < 0x80 {
    out.append(UInt8(v))
  } else if v < 0x800 {
    out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
  } else if v < 0x10000 {
    out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  } else {
    out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
  }
}

/// A static ASCII name compared against token bytes without allocation.
///
/// Over a `StaticString` (a pointer to the literal's bytes and a length), so a `static let` of it is initialised at
/// compile time: the `[UInt8]` it used to hold made every use of a tag-name constant in the parsers' loops a
/// `swift_once` call and an array access (`perf`: ≈ 2 % of reading an xlsx).
struct StaticBytes: Sendable {
  let text: StaticString
  init(_ s: StaticString) { text = s }  // a literal: `utf8Start` (checked) has its bytes
  var count: Int { text.utf8CodeUnitCount }
  subscript(i: Int) -> UInt8 { text.utf8Start[i] }
}

/// The C library's memchr (vectorised), typed for byte pointers.
@inline(__always) func memchrBytes(_ p: UnsafePointer<UInt8>, _ byte: UInt8, _ n: Int) -> UnsafePointer<UInt8>? {
  guard let r = memchr(p, Int32(byte), n) else { return nil }
  return UnsafePointer(r.assumingMemoryBound(to: UInt8.self))
}

/// The first index at or after `start` where `needle` occurs in `haystack` (byte for byte, as Python's `in` and
/// `str.replace` match), or nil: memchr to each candidate first byte (vectorised), then memcmp — Glibc's module has
/// no memmem. The failed-API marker check, openpyxl's escape removal and `PythonText.contains` / `replace` search
/// this way.
func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                from start: Int = 0) -> Int? {
  let n = haystack.count, m = needle.count
  guard m > 0, let base = haystack.baseAddress, let pattern = needle.baseAddress else { return nil }
  var i = start
  while i + m <= n {
    guard let hit = memchrBytes(base + i, pattern[0], n - m + 1 - i) else { return nil }
    let at = hit - base
    if memcmp(base + at, pattern, m) == 0 { return at }
    i = at + 1
  }
  return nil
}
