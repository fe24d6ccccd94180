// Small, exact re-implementations of the Python / pandas / NumPy behaviours that VLMEvalKit's scoring
// code relies on, so per-sample scores recomputed here equal the ones VLMEvalKit computed:
//  * str.strip / str.split / `in` / `==` work on code points (Swift's String compares grapheme clusters
//    under canonical equivalence, which differs for decomposed accents, so we compare scalars);
//  * int() / float() parsing of strings;
//  * literal lists such as "['a', \"b's\"]" (what `eval(line['answer'])` returns);
//  * pandas' default NA strings (pandas reads "None", "NA", "nan", "" ... as NaN; `str(NaN)` is "nan");
//  * NumPy's pairwise summation (np.mean / np.sum of float arrays), which fixes the rounding of a mean.

internal import Foundation

public enum PythonText {
  /// `str.isspace()` for one code point: Unicode category Zs or bidirectional class WS/B/S.
  public static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// `str.strip()` (no argument).
  public static func strip(_ s: String) -> String {
    let u = s.unicodeScalars
    guard let first = u.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = u.lastIndex(where: { !isSpace($0) })!
    return String(u[first...last])
  }

  /// `str.split()` (no argument): runs of whitespace separate words, no empty words.
  public static func split(_ s: String) -> [String] {
    var out: [String] = []
    var current = String.UnicodeScalarView()
    for c in s.unicodeScalars {
      if isSpace(c) {
        if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
      } else {
        current.append(c)
      }
    }
    if !current.isEmpty { out.append(String(current)) }
    return out
  }

  /// `a == b` for Python strings (code-point equality, no canonical equivalence).
  @inline(__always) public static func equal(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.elementsEqual(b.unicodeScalars)
  }

  /// `needle in haystack` for Python strings (code-point substring). A code-point substring is a byte substring
  /// of the UTF-8 and back (UTF-8 is self-synchronising), so the search runs on bytes (memchr + memcmp,
  /// `firstIndex(of:in:from:)`) — Foundation's `range(of:)`, which OCRBench's rule used, was 6.6 % of an import.
  public static func contains(_ haystack: String, _ needle: String) -> Bool {
    var h = haystack, n = needle
    if n.utf8.isEmpty { return true }
    return h.withUTF8 { hb in n.withUTF8 { nb in firstIndex(of: nb, in: hb) != nil } }
  }

  /// `s.replace(old, new)` on code points: non-overlapping matches, left to right, on the UTF-8 bytes (the same
  /// matches, as for `contains`).
  public static func replace(_ s: String, _ old: String, _ new: String) -> String {
    var text = s, old = old
    guard !old.utf8.isEmpty else { return s }
    let replaced: String? = text.withUTF8 { sb in
      old.withUTF8 { ob in
        guard var at = firstIndex(of: ob, in: sb) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(sb.count)
        var i = 0
        while true {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: sb[i..<at]))
          out.append(contentsOf: new.utf8)
          i = at + ob.count
          guard let next = firstIndex(of: ob, in: sb, from: i) else { break }
          at = next
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: sb[i..<sb.count]))
        return String(decoding: out, as: UTF8.self)
      }
    }
    return replaced ?? s
  }

  /// `\d` in a Python 3 `str` pattern: any Unicode decimal digit (category Nd).
  @inline(__always) public static func isDecimalDigit(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s.value >= 0x30 && s.value <= 0x39 }
    return s.properties.generalCategory == .decimalNumber
  }

  /// `str.lower()`. Swift's full lower-case mapping agrees with Python's except for context-dependent
  /// Greek final sigma, which Python maps to 'ς' at the end of a word.
  public static func lower(_ s: String) -> String { s.lowercased() }

  /// Digits of `s` with Unicode decimal digits mapped to ASCII (as int()/float() accept them), or nil if
  /// a character is not ASCII and not a decimal digit.
  static func asciiDigits(_ s: String) -> String? {
    var out = ""
    for c in s.unicodeScalars {
      if c.isASCII { out.unicodeScalars.append(c); continue }
      guard c.properties.generalCategory == .decimalNumber, let v = c.properties.numericValue,
            v >= 0, v <= 9 else { return nil }
      out.unicodeScalars.append(Unicode.Scalar(UInt8(48 + Int(v))))
    }
    return out
  }

  /// Python `int(s)` for a string: surrounding whitespace, optional sign, decimal digits with single
  /// underscores between them. Nil where Python raises ValueError (or the value overflows Int).
  public static func int(_ s: String) -> Int? {
    guard var t = asciiDigits(strip(s)) else { return nil }
    var negative = false
    if t.hasPrefix("+") || t.hasPrefix("-") { negative = t.hasPrefix("-"); t.removeFirst() }
    guard validDigitGroup(Substring(t)) else { return nil }
    guard let v = Int(t.replacingOccurrences(of: "_", with: "")) else { return nil }
    return negative ? -v : v
  }

  /// Python `float(s)` for a string (decimal / exponent forms, inf, infinity, nan; underscores between
  /// digits). Nil where Python raises ValueError.
  public static func float(_ s: String) -> Double? {
    guard var t = asciiDigits(strip(s)) else { return nil }
    var sign = 1.0
    if t.hasPrefix("+") || t.hasPrefix("-") { sign = t.hasPrefix("-") ? -1 : 1; t.removeFirst() }
    switch t.lowercased() {
    case "inf", "infinity": return sign * .infinity
    case "nan": return .nan
    default: break
    }
    // mantissa [eE [sign] digits]
    var mantissa = Substring(t)
    var exponent: Substring?
    if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = t[..<e]
      var ex = t[t.index(after: e)...]
      if ex.hasPrefix("+") || ex.hasPrefix("-") { ex = ex.dropFirst() }
      guard validDigitGroup(ex) else { return nil }
      exponent = t[t.index(after: e)...]
    }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let intPart = parts[0]
    let fracPart = parts.count > 1 ? parts[1] : nil
    if intPart.isEmpty && (fracPart?.isEmpty ?? true) { return nil }
    if !intPart.isEmpty && !validDigitGroup(intPart) { return nil }
    if let f = fracPart, !f.isEmpty, !validDigitGroup(f) { return nil }
    var text = String(intPart.isEmpty ? "0" : intPart) + "." + String(fracPart.map { $0.isEmpty ? "0" : $0 } ?? "0")
    if let exponent { text += "e" + exponent }
    guard let v = Double(text.replacingOccurrences(of: "_", with: "")) else { return nil }
    return sign * v
  }

  /// Digits with optional single underscores strictly between digits.
  private static func validDigitGroup(_ s: Substring) -> Bool {
    guard let f = s.first, let l = s.last, f.isASCII, f.isNumber, l.isASCII, l.isNumber else { return false }
    var previousUnderscore = false
    for c in s {
      if c == "_" {
        if previousUnderscore { return false }
        previousUnderscore = true
      } else if c.isASCII && c.isNumber {
        previousUnderscore = false
      } else {
        return false
      }
    }
    return true
  }
}

/// Python literal lists of strings / numbers, as VLMEvalKit stores answer lists ("['a', 'b']").
public enum PythonListLiteral {
  /// Parses a list (or tuple) literal whose elements are string, int or float literals; numbers are
  /// returned as written. Nil if `text` is not such a literal (then VLMEvalKit treats the cell as a
  /// single answer).
  public static func strings(_ text: String) -> [String]? {
    var p = Parser(Array(text.unicodeScalars))
    p.skipSpace()
    guard let open = p.peek(), open == "[" || open == "(" else { return nil }
    let close: Unicode.Scalar = open == "[" ? "]" : ")"
    p.i += 1
    var items: [String] = []
    p.skipSpace()
    if p.peek() == close { p.i += 1; p.skipSpace(); return p.atEnd ? items : nil }
    while true {
      p.skipSpace()
      guard let item = p.element() else { return nil }
      items.append(item)
      p.skipSpace()
      guard let c = p.peek() else { return nil }
      p.i += 1
      if c == close { break }
      guard c == "," else { return nil }
      p.skipSpace()
      if p.peek() == close { p.i += 1; break }
    }
    p.skipSpace()
    // A parenthesised single item without a comma is not a tuple in Python.
    if open == "(" && items.count == 1 && !text.contains(",") { return nil }
    return p.atEnd ? items : nil
  }

  private struct Parser {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }
    var atEnd: Bool { i >= s.count }
    func peek() -> Unicode.Scalar? { i < s.count ? s[i] : nil }
    mutating func skipSpace() { while i < s.count && (s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r") { i += 1 } }

    mutating func element() -> String? {
      guard let c = peek() else { return nil }
      if c == "'" || c == "\"" { return string() }
      // Adjacent string literals and prefixes (r'', b'') are not produced by VLMEvalKit; numbers are.
      var j = i
      while j < s.count && (s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || "+-._".unicodeScalars.contains(s[j])) {
        j += 1
      }
      guard j > i else { return nil }
      let text = String(String.UnicodeScalarView(s[i..<j]))
      guard PythonText.float(text) != nil, !text.contains("inf"), !text.contains("nan") else { return nil }
      i = j
      return text
    }

    mutating func string() -> String? {
      let q = s[i]
      let triple = i + 2 < s.count && s[i + 1] == q && s[i + 2] == q
      i += triple ? 3 : 1
      var out = String.UnicodeScalarView()
      while i < s.count {
        let c = s[i]
        if c == q {
          if !triple { i += 1; return String(out) }
          if i + 2 < s.count && s[i + 1] == q && s[i + 2] == q { i += 3; return String(out) }
          out.append(c); i += 1; continue
        }
        if c == "\n" && !triple { return nil }
        if c == "\\" {
          guard i + 1 < s.count else { return nil }
          let e = s[i + 1]
          i += 2
          switch e {
          case "\\": out.append("\\")
          case "'": out.append("'")
          case "\"": out.append("\"")
          case "n": out.append("\n")
          case "t": out.append("\t")
          case "r": out.append("\r")
          case "a": out.append("\u{07}")
          case "b": out.append("\u{08}")
          case "f": out.append("\u{0C}")
          case "v": out.append("\u{0B}")
          case "0"..."7":
            var v = Int(e.value - 48)
            var k = 0
            while k < 2 && i < s.count && ("0"..."7").contains(s[i]) { v = v * 8 + Int(s[i].value - 48); i += 1; k += 1 }
            guard let sc = Unicode.Scalar(v) else { return nil }
            out.append(sc)
          case "x", "u", "U":
            let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
            guard i + n <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<(i + n)])), radix: 16),
                  let sc = Unicode.Scalar(v) else { return nil }
            out.append(sc)
            i += n
          case "\n": break  // line continuation
          default:
            out.append("\\"); out.append(e)  // unknown escapes are kept verbatim by Python
          }
          continue
        }
        out.append(c)
        i += 1
      }
      return nil
    }
  }
}

public enum PandasNA {
  /// pandas' default NA strings (`pandas._libs.parsers.STR_NA_VALUES`, pandas 2.x).
  public static let defaultStrings: Set<String> = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
    "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
  ]

  /// What `str(x)` gives after `pd.read_excel` with default NA handling: "nan" for NA strings.
  public static func asPandasString(_ cell: String) -> String {
    defaultStrings.contains(cell) && cell.unicodeScalars.allSatisfy(\.isASCII) ? "nan" : cell
  }
}

public enum NumPy {
  /// `np.add.reduce` of a float64 array: pairwise summation in blocks of 128 with an 8-way unrolled
  /// inner loop (numpy/_core/src/umath/loops_utils.h), starting from the identity 0.0.
  public static func sum(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { 0.0 + pairwise($0.baseAddress!, $0.count) }
  }

  /// `np.mean` of a float64 array (NaN for an empty one, as NumPy returns with a warning).
  public static func mean(_ a: [Double]) -> Double {
    guard !a.isEmpty else { return .nan }
    return sum(a) / Double(a.count)
  }

  private static func pairwise(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    if n < 8 {
      var res = 0.0
      for i in 0..<n { res += a[i] }
      return res
    }
    if n <= 128 {
      var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
      var i = 8
      while i < n - (n % 8) {
        r.0 += a[i]; r.1 += a[i + 1]; r.2 += a[i + 2]; r.3 += a[i + 3]
        r.4 += a[i + 4]; r.5 += a[i + 5]; r.6 += a[i + 6]; r.7 += a[i + 7]
        i += 8
      }
      var res = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
      while i < n { res += a[i]; i += 1 }
      return res
    }
    var n2 = n / 2
    n2 -= n2 % 8
    return pairwise(a, n2) + pairwise(a + n2, n - n2)
  }
}
