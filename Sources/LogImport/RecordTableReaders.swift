public import Foundation

/// `.xlsx` through the streaming `XLSXReader`: the first sheet, its first row the header; short rows are padded
/// with "" to the header's width (xlsxwriter omits empty trailing cells), longer rows are an error.
public struct XLSXTableReader: TableReader {
  public var options: XLSXReader.Options
  public init(options: XLSXReader.Options = .init()) { self.options = options }
  public var fileExtensions: Set<String> { ["xlsx"] }

  public func read(_ url: URL, displayPath: String, header: ([String]) throws -> [Bool]?,
                   row: (TableRow) throws -> Void) throws -> TableReadResult {
    let (sha, bytes) = try sha256(ofFile: url, displayPath: displayPath)
    var width = -1
    var rows = 0
    var select: [Bool]?
    do {
      let reader = try XLSXReader(url: url, options: options)
      try reader.forEachRow { number, cells in
        if width < 0 {
          var names = cells
          while names.last == "" { names.removeLast() }
          width = names.count
          select = try header(names)
          return
        }
        if cells.allSatisfy(\.isEmpty) { return }
        var c = cells
        if c.count > width {
          guard c[width...].allSatisfy(\.isEmpty) else {
            throw ImportError(.malformed, "row has \(c.count) cells but the header has \(width)", file: displayPath,
                              row: number)
          }
          c.removeLast(c.count - width)
        }
        while c.count < width { c.append("") }
        if let select { for i in 0..<width where !select[i] { c[i] = "" } }
        rows += 1
        try row(TableRow(number: number, cells: c[...]))
      }
    } catch var e as ImportError {
      if e.file == url.path { e.file = displayPath }
      throw e
    }
    if width < 0 { throw ImportError(.malformed, "the workbook's first sheet is empty (no header row)", file: displayPath) }
    return TableReadResult(rows: rows, sha256: sha, bytes: bytes)
  }
}

/// A JSON list of flat objects (`DataFrame.to_dict('records')`, VLMEvalKit's `PRED_FORMAT=json`), scanned byte by
/// byte. The header is the first object's keys (in order); every value becomes text: strings as they are,
/// numbers as written, `true`/`false` as `True`/`False` (pandas' spelling), `null` as "", nested arrays or
/// objects as their JSON text. A key absent from the first object is an error; a missing key gives "".
/// "Rows" are objects: the first is row 2 (the header is row 1, as in a spreadsheet).
public struct JSONRecordsTableReader: TableReader {
  public init() {}
  public var fileExtensions: Set<String> { ["json"] }

  public func read(_ url: URL, displayPath: String, header: ([String]) throws -> [Bool]?,
                   row: (TableRow) throws -> Void) throws -> TableReadResult {
    try requireRegularFile(url, displayPath: displayPath)
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: displayPath)
    }
    let (sha, bytes) = try sha256(ofFile: url, displayPath: displayPath)
    var rows = 0
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
      var s = JSONScanner(bytes: raw.bindMemory(to: UInt8.self), file: displayPath)
      try s.skipBOM()
      try s.expect(UInt8(ascii: "["))
      var names: [String] = []
      var position: [String: Int] = [:]
      var select: [Bool]?
      var first = true
      if try s.peekNonSpace() == UInt8(ascii: "]") { s.i += 1 } else {
        while true {
          let number = rows + 2
          s.row = number
          let object = try s.object()
          if first {
            names = object.map(\.0)
            for (i, n) in names.enumerated() where position[n] == nil { position[n] = i }
            select = try header(names)
            first = false
          }
          var cells = [String](repeating: "", count: names.count)
          for (k, v) in object {
            guard let p = position[k] else {
              throw ImportError(.malformed, "key '\(k)' is not in the first record (\(names.joined(separator: ", ")))",
                                file: displayPath, row: number, column: k)
            }
            if select?[p] ?? true { cells[p] = v }
          }
          rows += 1
          try row(TableRow(number: number, cells: cells[...]))
          let c = try s.nextNonSpace()
          if c == UInt8(ascii: "]") { break }
          guard c == UInt8(ascii: ",") else { throw s.error("expected ',' or ']' after a record") }
        }
      }
      if let c = try? s.peekNonSpace() { throw s.error("unexpected '\(Character(Unicode.Scalar(c)))' after the list") }
      if first {
        _ = try header([])
      }
    }
    return TableReadResult(rows: rows, sha256: sha, bytes: bytes)
  }
}

/// A minimal JSON scanner over bytes (RFC 8259), depth-limited; values of records are returned as text.
struct JSONScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  var i = 0
  var row: Int?
  static let maxDepth = 64

  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
  }

  func error(_ message: String) -> ImportError {
    ImportError(.malformed, "invalid JSON at byte \(i): \(message)", file: file, row: row)
  }

  mutating func skipBOM() throws {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
  }

  mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  mutating func peekNonSpace() throws -> UInt8 {
    skipSpace()
    guard i < bytes.count else { throw error("unexpected end of file (truncated?)") }
    return bytes[i]
  }

  mutating func nextNonSpace() throws -> UInt8 {
    let c = try peekNonSpace()
    i += 1
    return c
  }

  mutating func expect(_ c: UInt8) throws {
    let got = try nextNonSpace()
    guard got == c else {
      i -= 1
      throw error("expected '\(Character(Unicode.Scalar(c)))', found '\(Character(Unicode.Scalar(got)))'"
                  + (c == UInt8(ascii: "[") ? " (a JSON records file is a list of objects)" : ""))
    }
  }

  /// An object of the list: keys and values as text, in order.
  mutating func object() throws -> [(String, String)] {
    try expect(UInt8(ascii: "{"))
    var out: [(String, String)] = []
    if try peekNonSpace() == UInt8(ascii: "}") {
      i += 1
      return out
    }
    while true {
      guard try peekNonSpace() == UInt8(ascii: "\"") else { throw error("expected a key string") }
      let key = try string()
      try expect(UInt8(ascii: ":"))
      let value = try valueText(depth: 1)
      out.append((key, value))
      let c = try nextNonSpace()
      if c == UInt8(ascii: "}") { return out }
      guard c == UInt8(ascii: ",") else { i -= 1; throw error("expected ',' or '}' in a record") }
    }
  }

  /// A value as cell text (see `JSONRecordsTableReader`).
  mutating func valueText(depth: Int) throws -> String {
    let c = try peekNonSpace()
    switch c {
    case UInt8(ascii: "\""): return try string()
    case UInt8(ascii: "t"): try literal("true"); return "True"
    case UInt8(ascii: "f"): try literal("false"); return "False"
    case UInt8(ascii: "n"): try literal("null"); return ""
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      let start = i
      try skipValue(depth: depth)
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    default:
      let start = i
      try number()
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
  }

  mutating func skipValue(depth: Int) throws {
    guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
    let c = try peekNonSpace()
    switch c {
    case UInt8(ascii: "["):
      i += 1
      if try peekNonSpace() == UInt8(ascii: "]") { i += 1; return }
      while true {
        try skipValue(depth: depth + 1)
        let d = try nextNonSpace()
        if d == UInt8(ascii: "]") { return }
        guard d == UInt8(ascii: ",") else { i -= 1; throw error("expected ',' or ']'") }
      }
    case UInt8(ascii: "{"):
      i += 1
      if try peekNonSpace() == UInt8(ascii: "}") { i += 1; return }
      while true {
        guard try peekNonSpace() == UInt8(ascii: "\"") else { throw error("expected a key string") }
        _ = try string()
        try expect(UInt8(ascii: ":"))
        try skipValue(depth: depth + 1)
        let d = try nextNonSpace()
        if d == UInt8(ascii: "}") { return }
        guard d == UInt8(ascii: ",") else { i -= 1; throw error("expected ',' or '}'") }
      }
    default: _ = try valueText(depth: depth)
    }
  }

  mutating func literal(_ word: String) throws {
    let u = Array(word.utf8)
    let n = u.count
    guard i + n <= bytes.count else { throw error("unexpected end of file (truncated?)") }
    for k in 0..<n where bytes[i + k] != u[k] { throw error("unknown literal") }
    i += n
  }

  mutating func number() throws {
    let start = i
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    var digits = 0
    while i < bytes.count, (0x30...0x39).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")
      || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+")
      || bytes[i] == UInt8(ascii: "-") {
      if (0x30...0x39).contains(bytes[i]) { digits += 1 }
      i += 1
    }
    // pandas writes NaN / Infinity for non-finite floats.
    if digits == 0 {
      for word in ["NaN", "Infinity"] {
        let u = Array(word.utf8)
        if i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u {
          i += u.count
          return
        }
      }
      i = start
      throw error("expected a value")
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    guard Double(text) != nil else { i = start; throw error("bad number '\(text.prefix(20))'") }
  }

  mutating func string() throws -> String {
    i += 1  // opening quote
    var out: [UInt8] = []
    var plainStart = i
    while true {
      guard i < bytes.count else { throw error("unterminated string (truncated?)") }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        out.append(contentsOf: bytes[plainStart..<i])
        i += 1
        break
      }
      if c < 0x20 { throw error("control character in a string") }
      if c != UInt8(ascii: "\\") { i += 1; continue }
      out.append(contentsOf: bytes[plainStart..<i])
      i += 1
      guard i < bytes.count else { throw error("unterminated escape") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var u = try hex4()
        if (0xD800..<0xDC00).contains(u) {
          guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            throw error("unpaired surrogate")
          }
          i += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
          u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(u) {
          throw error("unpaired surrogate")
        }
        out.append(contentsOf: Array(String(Character(Unicode.Scalar(u)!)).utf8))
      default: throw error("bad escape '\\\(Character(Unicode.Scalar(e)))'")
      }
      plainStart = i
    }
    guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
    return s
  }

  mutating func hex4() throws -> UInt32 {
    guard i + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw error("bad \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }
}
