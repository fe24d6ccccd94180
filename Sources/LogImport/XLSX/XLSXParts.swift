// Parsers for the individual XML parts of a workbook: workbook.xml + relationships (small, read whole),
// the shared-string table and the worksheet (both streamed window by window).

internal import BenchCore

struct Relationship: Sendable, Equatable {
  var id: String
  var type: String
  var target: String
}

enum WorkbookParser {
  struct DeclaredSheet: Sendable { var name: String; var relationshipID: String? }

  private static let sheetName = StaticBytes("sheet")
  private static let relName = StaticBytes("Relationship")
  private static let nameAttr = StaticBytes("name")
  private static let idAttr = StaticBytes("id")
  private static let IdAttr = StaticBytes("Id")
  private static let typeAttr = StaticBytes("Type")
  private static let targetAttr = StaticBytes("Target")

  static func sheets(_ bytes: [UInt8], file: String, part: String) throws -> [DeclaredSheet] {
    var out: [DeclaredSheet] = []
    try forEachTag(bytes, file: file, part: part) { sc, t in
      guard sc.nameIs(t, sheetName) else { return }
      guard let n = try sc.attribute(nameAttr, of: t) else {
        throw XMLSyntaxError(kind: .malformedXML, message: "<sheet> without a name")
      }
      let rid = try sc.attribute(idAttr, of: t, requirePrefix: true)
      out.append(DeclaredSheet(name: try attrString(sc, n), relationshipID: try rid.map { try attrString(sc, $0) }))
    }
    return out
  }

  static func relationships(_ bytes: [UInt8], file: String, part: String) throws -> [Relationship] {
    var out: [Relationship] = []
    try forEachTag(bytes, file: file, part: part) { sc, t in
      guard sc.nameIs(t, relName) else { return }
      guard let id = try sc.attribute(IdAttr, of: t), let target = try sc.attribute(targetAttr, of: t) else {
        throw XMLSyntaxError(kind: .malformedXML, message: "<Relationship> without Id or Target")
      }
      let type = try sc.attribute(typeAttr, of: t)
      out.append(Relationship(id: try attrString(sc, id), type: try type.map { try attrString(sc, $0) } ?? "",
                              target: try attrString(sc, target)))
    }
    return out
  }

  static func attrString(_ sc: XMLScanner, _ r: Range<Int>) throws(XMLSyntaxError) -> String {
    var b: [UInt8] = []
    try sc.appendDecoded(r, to: &b)
    guard let s = XLSXText.string(b) else {
      throw XMLSyntaxError(kind: .invalidUTF8, message: "attribute value is not valid UTF-8")
    }
    return s
  }

  /// Calls `body` for every start / empty tag of a complete small document.
  static func forEachTag(_ bytes: [UInt8], file: String, part: String,
                         _ body: (XMLScanner, XMLToken) throws -> Void) throws {
    try bytes.withUnsafeBufferPointer { buf in
      let sc = XMLScanner(buf, isFinal: true)
      var i = 0
      var open = XMLElementStack()
      do {
        while true {
          switch try sc.scan(at: i) {
          case .endOfInput, .needMore:
            try open.finish()
            return
          case .token(let t):
            try open.track(sc, t)
            if t.kind == .startTag || t.kind == .emptyTag { try body(sc, t) }
            i = t.next
          }
        }
      } catch let e as XMLSyntaxError {
        throw ImportFormatError(e.kind, file: file, part: part, e.message)
      }
    }
  }
}

// MARK: - Shared strings

/// Streams `<sst><si>…</si>…</sst>`. A string item is the concatenation of its `<t>` texts (plain or
/// rich-text runs `<r><t>`), excluding phonetic runs `<rPh>`.
struct SharedStringsParser {
  let file: String
  let part: String
  let options: XLSXReader.Options
  var strings: [String] = []
  private var scratch: [UInt8] = []
  // Parse state, kept across windows (every complete token is consumed once).
  private var inSI = false
  private var inT = false
  private var rPhDepth = 0
  private var open = XMLElementStack()
  /// How far the incomplete token at the start of the next window was searched.
  private var pending = XMLResume()

  private static let si = StaticBytes("si")
  private static let t = StaticBytes("t")
  private static let rPh = StaticBytes("rPh")

  init(file: String, part: String, options: XLSXReader.Options) {
    self.file = file
    self.part = part
    self.options = options
  }

  mutating func parse(_ window: UnsafeBufferPointer<UInt8>, isFinal: Bool) throws -> Int {
    let sc = XMLScanner(window, isFinal: isFinal)
    var i = 0
    var resume = pending
    pending = XMLResume()
    let maxCell = options.limits.maxCellBytes
    do {
      while true {
        switch try sc.scan(at: i, resume: &resume) {
        case .endOfInput:
          if inSI { throw XMLSyntaxError(kind: .malformedXML, message: "truncated XML: unterminated <si>") }
          try open.finish()
          return i
        case .needMore:
          pending = resume
          return i
        case .token(let tok):
          resume = XMLResume()
          try open.track(sc, tok)
          switch tok.kind {
          case .startTag, .emptyTag:
            let empty = tok.kind == .emptyTag
            if sc.nameIs(tok, Self.si) {
              if inSI { throw XMLSyntaxError(kind: .malformedXML, message: "nested <si>") }
              scratch.removeAll(keepingCapacity: true)
              if empty { try append() } else { inSI = true }
            } else if inSI && sc.nameIs(tok, Self.rPh) {
              if !empty { rPhDepth += 1 }
            } else if inSI && rPhDepth == 0 && sc.nameIs(tok, Self.t) {
              if !empty { inT = true }
            }
          case .endTag:
            if sc.nameIs(tok, Self.si) {
              guard inSI else { throw XMLSyntaxError(kind: .malformedXML, message: "unbalanced </si>") }
              inSI = false
              inT = false
              rPhDepth = 0
              try append()
            } else if sc.nameIs(tok, Self.t) {
              inT = false
            } else if sc.nameIs(tok, Self.rPh) {
              rPhDepth = max(0, rPhDepth - 1)
            }
          case .text, .cdata:
            if inT {
              try sc.appendDecoded(tok.start..<tok.end, cdata: tok.kind == .cdata, to: &scratch)
              if scratch.count > maxCell {
                throw ImportFormatError(.limitExceeded, file: file, part: part, row: strings.count + 1,
                                        "shared string exceeds \(maxCell) bytes")
              }
            }
          case .ignorable:
            break
          }
          i = tok.next
        }
      }
    } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: part, row: strings.count + 1,
                              "shared string #\(strings.count): \(e.message)")
    }
  }

  private mutating func append() throws {
    if strings.count >= options.limits.maxSharedStrings {
      throw ImportFormatError(.limitExceeded, file: file, part: part,
                              "more than \(options.limits.maxSharedStrings) shared strings")
    }
    XLSXText.unescape(&scratch, mode: options.escapes, sharedString: true)
    guard let s = XLSXText.string(scratch) else {
      throw ImportFormatError(.invalidUTF8, file: file, part: part, row: strings.count + 1,
                              "shared string #\(strings.count) is not valid UTF-8")
    }
    strings.append(s)
    scratch.removeAll(keepingCapacity: true)
  }
}

// MARK: - Worksheet

/// Streams `<sheetData><row r=".."><c r="B2" t=".."><v>..</v></c>…</row>…`.
struct SheetParser {
  let file: String
  let part: String
  let options: XLSXReader.Options
  let sharedStrings: [String]

  /// Row number of the last completed row (0 before the first).
  private(set) var lastRow = 0
  private var cells: [String] = []
  private var scratch: [UInt8] = []
  /// Column (1-based) of the current / last cell of the row being parsed.
  private var column = 0
  // Row / cell state, kept across windows (every complete token is consumed once).
  private var inRow = false
  private var rowNumber = 0
  private var inCell = false
  private var cellColumn = 0
  private var cellType = CellType.number
  private var collecting = false  // inside <v> or <is>…<t>
  private var inInline = false
  private var rPhDepth = 0
  private var hasValue = false
  private var open = XMLElementStack()
  /// How far the incomplete token at the start of the next window was searched.
  private var pending = XMLResume()

  private static let row = StaticBytes("row")
  private static let c = StaticBytes("c")
  private static let v = StaticBytes("v")
  private static let isTag = StaticBytes("is")
  private static let t = StaticBytes("t")
  private static let rPh = StaticBytes("rPh")
  private static let rAttr = StaticBytes("r")
  private static let tAttr = StaticBytes("t")

  enum CellType: UInt8 { case number, shared, inline, formulaString, bool, error, date }

  init(file: String, part: String, options: XLSXReader.Options, sharedStrings: [String]) {
    self.file = file
    self.part = part
    self.options = options
    self.sharedStrings = sharedStrings
    cells.reserveCapacity(32)
    scratch.reserveCapacity(256)
  }

  mutating func parse(_ window: UnsafeBufferPointer<UInt8>, isFinal: Bool,
                      emit: (Int, [String]) throws -> Void) throws -> Int {
    let sc = XMLScanner(window, isFinal: isFinal)
    var i = 0
    var resume = pending
    pending = XMLResume()
    let limits = options.limits
    do {
      while true {
        switch try sc.scan(at: i, resume: &resume) {
        case .endOfInput:
          if inRow { throw XMLSyntaxError(kind: .malformedXML, message: "truncated XML: unterminated <row>") }
          try open.finish()
          return i
        case .needMore:
          pending = resume
          return i
        case .token(let tok):
          resume = XMLResume()
          try open.track(sc, tok)
          switch tok.kind {
          case .startTag, .emptyTag:
            let empty = tok.kind == .emptyTag
            if inCell {
              if sc.nameIs(tok, Self.c) || sc.nameIs(tok, Self.row) {
                throw XMLSyntaxError(kind: .malformedXML,
                                     message: "<\(sc.nameIs(tok, Self.c) ? "c" : "row")> inside the open cell "
                                       + "\(xlsxColumnName(cellColumn))\(rowNumber) (missing </c>?)")
              } else if !inInline && sc.nameIs(tok, Self.v) {
                if !empty { collecting = true }
                hasValue = true
              } else if sc.nameIs(tok, Self.isTag) {
                if !empty { inInline = true }
                hasValue = true
              } else if inInline && sc.nameIs(tok, Self.rPh) {
                if !empty { rPhDepth += 1 }
              } else if inInline && rPhDepth == 0 && sc.nameIs(tok, Self.t) {
                if !empty { collecting = true }
              }
            } else if inRow && sc.nameIs(tok, Self.c) {
              if let r = try sc.attribute(Self.rAttr, of: tok) {
                cellColumn = try columnIndex(sc, r)
              } else {
                cellColumn = column + 1
              }
              if cellColumn > limits.maxColumns {
                throw ImportFormatError(.limitExceeded, file: file, part: part, row: rowNumber,
                                        "column \(cellColumn) beyond the limit of \(limits.maxColumns)")
              }
              cellType = try type(sc, try sc.attribute(Self.tAttr, of: tok))
              column = cellColumn
              scratch.removeAll(keepingCapacity: true)
              hasValue = false
              if empty { try store("", rowNumber) } else { inCell = true }
            } else if sc.nameIs(tok, Self.row) {
              if inRow { throw XMLSyntaxError(kind: .malformedXML, message: "nested <row>") }
              if let r = try sc.attribute(Self.rAttr, of: tok) {
                rowNumber = try decimal(sc, r, what: "row number")
              } else {
                rowNumber = lastRow + 1
              }
              if rowNumber <= lastRow {
                throw ImportFormatError(.malformedXML, file: file, part: part, row: rowNumber,
                                        "row \(rowNumber) follows row \(lastRow) (rows must increase)")
              }
              if rowNumber > limits.maxRows {
                throw ImportFormatError(.limitExceeded, file: file, part: part, row: rowNumber,
                                        "row number beyond the limit of \(limits.maxRows)")
              }
              cells.removeAll(keepingCapacity: true)
              column = 0
              if empty {
                lastRow = rowNumber
                try emit(rowNumber, [])
              } else {
                inRow = true
              }
            }
          case .endTag:
            if inCell {
              if sc.nameIs(tok, Self.c) {
                inCell = false
                collecting = false
                inInline = false
                rPhDepth = 0
                try finishCell(cellType, hasValue: hasValue, rowNumber)
              } else if sc.nameIs(tok, Self.v) || sc.nameIs(tok, Self.t) {
                collecting = false
              } else if sc.nameIs(tok, Self.isTag) {
                inInline = false
              } else if sc.nameIs(tok, Self.rPh) {
                rPhDepth = max(0, rPhDepth - 1)
              }
            } else if inRow && sc.nameIs(tok, Self.row) {
              inRow = false
              lastRow = rowNumber
              try emit(rowNumber, cells)
            }
          case .text, .cdata:
            if collecting {
              if tok.kind == .text && scratch.isEmpty && sc.isPlain(tok.start..<tok.end) {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: window[tok.start..<tok.end]))
              } else {
                try sc.appendDecoded(tok.start..<tok.end, cdata: tok.kind == .cdata, to: &scratch)
              }
              if scratch.count > limits.maxCellBytes {
                throw ImportFormatError(.limitExceeded, file: file, part: part, row: rowNumber,
                                        column: xlsxColumnName(cellColumn),
                                        "cell exceeds \(limits.maxCellBytes) bytes")
              }
            }
          case .ignorable:
            break
          }
          i = tok.next
        }
      }
    } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: part, row: inRow ? rowNumber : nil,
                              column: inCell ? xlsxColumnName(cellColumn) : nil, e.message)
    }
  }

  private mutating func finishCell(_ type: CellType, hasValue: Bool, _ rowNumber: Int) throws {
    // The column's letters only when an error names them (building them for every cell was 6 % of a read).
    switch type {
    case .shared:
      guard hasValue else { try store("", rowNumber); return }
      guard let idx = Self.parseIndex(scratch), idx < sharedStrings.count else {
        throw ImportFormatError(.invalidCell, file: file, part: part, row: rowNumber, column: xlsxColumnName(column),
                                "shared-string index \"\(String(decoding: scratch, as: UTF8.self))\" out of range "
                                  + "(table has \(sharedStrings.count))")
      }
      try store(sharedStrings[idx], rowNumber)
    case .bool:
      guard !scratch.isEmpty else { try store("", rowNumber); return }
      guard let n = Self.parseIndex(scratch) else {
        throw ImportFormatError(.invalidCell, file: file, part: part, row: rowNumber, column: xlsxColumnName(column),
                                "boolean cell holds \"\(String(decoding: scratch, as: UTF8.self))\"")
      }
      try store(n != 0 ? "True" : "False", rowNumber)
    case .number, .error, .date, .formulaString, .inline:
      if type == .inline || type == .formulaString {
        XLSXText.unescape(&scratch, mode: options.escapes, sharedString: false)
      }
      guard let s = XLSXText.string(scratch) else {
        throw ImportFormatError(.invalidUTF8, file: file, part: part, row: rowNumber, column: xlsxColumnName(column),
                                "cell text is not valid UTF-8")
      }
      try store(s, rowNumber)
    }
  }

  @inline(__always) private mutating func store(_ value: String, _ rowNumber: Int) throws {
    let index = column - 1
    if index < cells.count {
      cells[index] = value
    } else {
      while cells.count < index { cells.append("") }
      cells.append(value)
    }
  }

  private func type(_ sc: XMLScanner, _ r: Range<Int>?) throws -> CellType {
    guard let r else { return .number }
    let n = r.count
    let b0 = n > 0 ? sc.bytes[r.lowerBound] : 0
    switch (n, b0) {
    case (1, 0x73): return .shared                     // s
    case (1, 0x6E): return .number                     // n
    case (1, 0x62): return .bool                       // b
    case (1, 0x65): return .error                      // e
    case (1, 0x64): return .date                       // d
    case (3, 0x73) where sc.bytes[r.lowerBound + 1] == 0x74 && sc.bytes[r.lowerBound + 2] == 0x72:
      return .formulaString                            // str
    case (9, 0x69) where sc.hasPrefix(Array("inlineStr".utf8), at: r.lowerBound):
      return .inline
    default:
      throw XMLSyntaxError(kind: .malformedXML,
                           message: "unknown cell type \"\(String(decoding: UnsafeBufferPointer(rebasing: sc.bytes[r]), as: UTF8.self))\"")
    }
  }

  /// Column index from a cell reference such as "AB12" (letters only are used).
  private func columnIndex(_ sc: XMLScanner, _ r: Range<Int>) throws -> Int {
    var col = 0
    var k = r.lowerBound
    while k < r.upperBound {
      let b = sc.bytes[k]
      if b >= 0x41 && b <= 0x5A { col = col * 26 + Int(b - 0x40) } else if b >= 0x61 && b <= 0x7A {
        col = col * 26 + Int(b - 0x60)
      } else { break }
      if col > options.limits.maxColumns {
        throw ImportFormatError(.limitExceeded, file: file, part: part, column: "?",
                                "column reference beyond the limit of \(options.limits.maxColumns)")
      }
      k += 1
    }
    guard col > 0 else { throw XMLSyntaxError(kind: .malformedXML, message: "cell reference without column letters") }
    return col
  }

  private func decimal(_ sc: XMLScanner, _ r: Range<Int>, what: String) throws -> Int {
    var n = 0
    guard !r.isEmpty, r.count <= 9 else { throw XMLSyntaxError(kind: .malformedXML, message: "bad \(what)") }
    for k in r {
      let b = sc.bytes[k]
      guard b >= 0x30 && b <= 0x39 else { throw XMLSyntaxError(kind: .malformedXML, message: "bad \(what)") }
      n = n * 10 + Int(b - 0x30)
    }
    guard n > 0 else { throw XMLSyntaxError(kind: .malformedXML, message: "bad \(what)") }
    return n
  }

  /// Non-negative decimal integer (surrounding XML whitespace allowed), or nil.
  static func parseIndex(_ b: [UInt8]) -> Int? {
    var i = 0
    var j = b.count
    while i < j && ASCII.isSpace(b[i]) { i += 1 }
    while j > i && ASCII.isSpace(b[j - 1]) { j -= 1 }
    guard i < j, j - i <= 12 else { return nil }
    var n = 0
    for k in i..<j {
      let c = b[k]
      guard c >= 0x30 && c <= 0x39 else { return nil }
      n = n * 10 + Int(c - 0x30)
    }
    return n
  }
}
