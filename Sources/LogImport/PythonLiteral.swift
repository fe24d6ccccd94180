/// Parses the Python-literal lists VLMEvalKit writes into cells (`str(list)`): `['CENTRE']`,
/// `["it's", 'b']`, `[0.0, 0.31]`, `[]`. Elements come back as text (numbers as written, strings unescaped).
enum PythonLiteral {
  /// The elements of a list literal, or `nil` when `text` (trimmed) is not one.
  static func list(_ text: String) -> [String]? {
    let s = Array(text.utf8)
    var i = 0
    func skipSpace() { while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D { i += 1 } }
    skipSpace()
    guard i < s.count, s[i] == UInt8(ascii: "[") else { return nil }
    i += 1
    var out: [String] = []
    var closedList = false
    skipSpace()
    if i < s.count, s[i] == UInt8(ascii: "]") {
      i += 1
      skipSpace()
      return i == s.count ? [] : nil
    }
    while i < s.count {
      skipSpace()
      guard i < s.count else { return nil }
      let c = s[i]
      if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
        i += 1
        var bytes: [UInt8] = []
        var closed = false
        while i < s.count {
          let b = s[i]
          if b == c { closed = true; i += 1; break }
          if b == UInt8(ascii: "\\"), i + 1 < s.count {
            let e = s[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "x") where i + 2 <= s.count:
              if let v = UInt32(String(decoding: s[i..<(i + 2)], as: UTF8.self), radix: 16),
                 let u = Unicode.Scalar(v) { bytes.append(contentsOf: Array(String(Character(u)).utf8)) }
              i += 2
            case UInt8(ascii: "u") where i + 4 <= s.count:
              if let v = UInt32(String(decoding: s[i..<(i + 4)], as: UTF8.self), radix: 16),
                 let u = Unicode.Scalar(v) { bytes.append(contentsOf: Array(String(Character(u)).utf8)) }
              i += 4
            default: bytes.append(e)
            }
            continue
          }
          bytes.append(b)
          i += 1
        }
        guard closed else { return nil }
        out.append(String(decoding: bytes, as: UTF8.self))
      } else {
        let start = i
        while i < s.count, s[i] != UInt8(ascii: ","), s[i] != UInt8(ascii: "]") { i += 1 }
        var end = i
        while end > start, s[end - 1] == 0x20 { end -= 1 }
        guard end > start else { return nil }
        out.append(String(decoding: s[start..<end], as: UTF8.self))
      }
      skipSpace()
      guard i < s.count else { return nil }
      if s[i] == UInt8(ascii: ",") {
        i += 1
        skipSpace()
        if i < s.count, s[i] == UInt8(ascii: "]") { i += 1; closedList = true; break }  // trailing comma
        continue
      }
      if s[i] == UInt8(ascii: "]") { i += 1; closedList = true; break }
      return nil
    }
    skipSpace()
    return closedList && i == s.count ? out : nil
  }
}
