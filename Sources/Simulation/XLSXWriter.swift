// A small streaming .xlsx writer: one worksheet, shared strings, no styles beyond the default. Rows are
// appended to a temporary sheet file as they come; `close()` writes the shared-string table and
// assembles the ZIP archive (deflate). Used by `write(_:to:jobs:format:progress:)` for `--format xlsx` (as
// VLMEvalKit writes with PRED_FORMAT=xlsx) and by the importer's tests for fixtures.
//
// Strings follow xlsxwriter (what pandas uses): characters XML 1.0 cannot carry (U+0000–U+0008,
// U+000B, U+000C, U+000E–U+001F) are written as `_xHHHH_`, a literal `_xHHHH_` is protected as
// `_x005F_xHHHH_`, strings longer than 32,767 characters are truncated (Excel's limit). Unlike
// xlsxwriter, CR is written as the character reference `&#13;`, so it survives any XML parser.

internal import Foundation
internal import BenchCore
internal import ZIPFoundation

final class XLSXWriter {
  /// A cell value.
  public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
    case string(String)
    /// A number stored with exactly this text (must be a valid xsd:double lexical form).
    case number(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case empty

    public init(stringLiteral value: String) { self = .string(value) }
  }

  /// Excel's (and xlsxwriter's) cell string limit, in characters.
  public static let maxStringLength = 32_767

  public let url: URL
  public let sheetName: String
  private let tempDir: URL
  private let sheetURL: URL
  private var sheetHandle: FileHandle?
  private var pending: [UInt8] = []
  private var sharedIndex: [String: Int] = [:]
  private var shared: [String] = []
  private var sharedCount = 0
  private var rowCount = 0
  private var maxColumn = 0
  private var closed = false

  /// Creates the writer; the file at `url` is replaced when `close()` succeeds.
  public init(url: URL, sheetName: String = "Sheet1") throws {
    self.url = url
    self.sheetName = sheetName
    tempDir = FileManager.default.temporaryDirectory
      .appendingPathComponent("routerbench-xlsx-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: tempDir, withIntermediateDirectories: true)
    sheetURL = tempDir.appendingPathComponent("sheet1.xml")
    guard FileManager.default.createFile(atPath: sheetURL.path, contents: nil) else {
      throw XLSXWriteError(file: url.path, "cannot create a temporary file in \(tempDir.path)")
    }
    sheetHandle = try FileHandle(forWritingTo: sheetURL)
    pending.reserveCapacity(1 << 20)
  }

  deinit {
    try? sheetHandle?.close()
    try? FileManager.default.removeItem(at: tempDir)
  }

  /// Number of rows written so far.
  public var rowsWritten: Int { rowCount }

  public func writeRow(_ strings: [String]) throws {
    try writeRow(cells: strings.map { $0.isEmpty ? .empty : .string($0) })
  }

  public func writeRow(cells: [Cell]) throws {
    precondition(!closed, "XLSXWriter: row written after close()")
    for (i, cell) in cells.enumerated() {
      if case .double(let d) = cell, !d.isFinite {
        throw XLSXWriteError(file: url.path, row: rowCount + 1, column: xlsxColumnName(i + 1),
                                "non-finite number \(d)")
      }
    }
    rowCount += 1
    let r = rowCount
    append("<row r=\"")
    appendInt(r)
    append("\">")
    for (i, cell) in cells.enumerated() {
      if case .empty = cell { continue }
      // <c r="B12"
      append("<c r=\"")
      appendColumn(i + 1)
      appendInt(r)
      switch cell {
      case .empty:
        break
      case .string(let s):
        append("\" t=\"s\"><v>"); appendInt(intern(s)); append("</v></c>")
      case .number(let text):
        append("\"><v>"); appendEscaped(text); append("</v></c>")
      case .integer(let n):
        append("\"><v>"); appendInt(n); append("</v></c>")
      case .double(let d):
        append("\"><v>"); append(Self.doubleText(d)); append("</v></c>")
      case .bool(let b):
        append("\" t=\"b\"><v>"); append(b ? "1" : "0"); append("</v></c>")
      }
      maxColumn = max(maxColumn, i + 1)
    }
    append("</row>")
    if pending.count >= 1 << 20 { try flush() }
  }

  /// Shortest round-trip text of a double, in a form Excel and openpyxl accept ("0.5", "3", "1e-05").
  static func doubleText(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return "\(d)"
  }

  /// Writes the remaining parts and the archive. The writer cannot be used afterwards.
  public func close() throws {
    precondition(!closed, "XLSXWriter: close() called twice")
    closed = true
    try flush()
    try sheetHandle?.close()
    sheetHandle = nil

    let sheetHead = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <dimension ref="A1:\(xlsxColumnName(max(1, maxColumn)))\(max(1, rowCount))"/><sheetData>
      """
    let sheetTail = "</sheetData></worksheet>"
    let fm = FileManager.default
    if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .create) } catch {
      throw XLSXWriteError(file: url.path, "cannot create archive: \(error)")
    }
    do {
      try add(archive, "[Content_Types].xml", Data(Self.contentTypes.utf8))
      try add(archive, "_rels/.rels", Data(Self.rootRels.utf8))
      try add(archive, "xl/workbook.xml", Data(workbookXML().utf8))
      try add(archive, "xl/_rels/workbook.xml.rels", Data(Self.workbookRels.utf8))
      try add(archive, "xl/styles.xml", Data(Self.styles.utf8))
      try add(archive, "xl/sharedStrings.xml", sharedStringsXML())
      // The sheet: head + streamed rows + tail, without loading the rows into memory.
      let head = Data(sheetHead.utf8)
      let tail = Data(sheetTail.utf8)
      let bodySize = (try fm.attributesOfItem(atPath: sheetURL.path)[.size] as? NSNumber)?.int64Value ?? 0
      let total = Int64(head.count) + bodySize + Int64(tail.count)
      let body = try FileHandle(forReadingFrom: sheetURL)
      defer { try? body.close() }
      try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: total,
                           modificationDate: Self.fixedDate, compressionMethod: .deflate,
                           bufferSize: 1 << 18) { position, size in
        var out = Data()
        var pos = position
        var want = size
        if pos < Int64(head.count) {
          let n = min(want, head.count - Int(pos))
          out.append(head[Int(pos)..<(Int(pos) + n)])
          pos += Int64(n); want -= n
        }
        if want > 0 && pos < Int64(head.count) + bodySize {
          let chunk = try body.read(upToCount: min(want, Int(Int64(head.count) + bodySize - pos))) ?? Data()
          out.append(chunk)
          pos += Int64(chunk.count); want -= chunk.count
        }
        if want > 0 && pos >= Int64(head.count) + bodySize {
          let t0 = Int(pos - Int64(head.count) - bodySize)
          let n = min(want, tail.count - t0)
          if n > 0 { out.append(tail[t0..<(t0 + n)]) }
        }
        return out
      }
    } catch let e as XLSXWriteError {
      throw e
    } catch {
      throw XLSXWriteError(file: url.path, "cannot write archive: \(error)")
    }
    try? fm.removeItem(at: tempDir)
  }

  // MARK: - Parts

  static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01, reproducible files

  private func add(_ archive: Archive, _ path: String, _ data: Data) throws {
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                         modificationDate: Self.fixedDate, compressionMethod: .deflate) { position, size in
      data.subdata(in: Int(position)..<(Int(position) + size))
    }
  }

  private func workbookXML() -> String {
    var name: [UInt8] = []
    Self.escapeText(sheetName, into: &name, attribute: true)
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <sheets><sheet name="\(String(decoding: name, as: UTF8.self))" sheetId="1" r:id="rId1"/></sheets></workbook>
      """
  }

  private func sharedStringsXML() -> Data {
    var out: [UInt8] = []
    out.reserveCapacity(shared.reduce(0) { $0 + $1.utf8.count + 16 } + 256)
    out.append(contentsOf: Array("""
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      count="\(sharedCount)" uniqueCount="\(shared.count)">
      """.utf8))
    for s in shared {
      let u = s.utf8
      let needsPreserve = u.first.map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } == true
        || u.last.map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } == true
      out.append(contentsOf: Array((needsPreserve ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8))
      Self.escapeText(s, into: &out, attribute: false)
      out.append(contentsOf: Array("</t></si>".utf8))
    }
    out.append(contentsOf: Array("</sst>".utf8))
    return Data(out)
  }

  private static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/worksheets/sheet1.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/styles.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
    <Override PartName="/xl/sharedStrings.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
    """

  private static let rootRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="xl/workbook.xml"/></Relationships>
    """

  private static let workbookRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
    Target="styles.xml"/>\
    <Relationship Id="rId3" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
    Target="sharedStrings.xml"/></Relationships>
    """

  private static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """

  // MARK: - Encoding

  private func intern(_ raw: String) -> Int {
    sharedCount += 1
    let s = raw.utf8.count > Self.maxStringLength && raw.unicodeScalars.count > Self.maxStringLength
      ? String(String.UnicodeScalarView(raw.unicodeScalars.prefix(Self.maxStringLength))) : raw
    if let i = sharedIndex[s] { return i }
    let i = shared.count
    shared.append(s)
    sharedIndex[s] = i
    return i
  }

  /// XML-escapes text: `& < >` (and `"` in attributes), CR as `&#13;`, XML-illegal control characters
  /// as `_xHHHH_`, and protects literal `_xHHHH_` sequences as `_x005F_xHHHH_`.
  static func escapeText(_ s: String, into out: inout [UInt8], attribute: Bool) {
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
      let b = u[i]
      switch b {
      case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
      case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
      case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
      case 0x22 where attribute: out.append(contentsOf: Array("&quot;".utf8))
      case 0x0D: out.append(contentsOf: Array("&#13;".utf8))
      case 0x09 where attribute: out.append(contentsOf: Array("&#9;".utf8))
      case 0x0A where attribute: out.append(contentsOf: Array("&#10;".utf8))
      case 0x09, 0x0A: out.append(b)
      case 0x00...0x1F:
        out.append(contentsOf: Array(String(format: "_x%04X_", Int(b)).utf8))
      case Self.underscore:
        if i + 6 < u.count, u[i + 1] == 0x78, u[i + 6] == Self.underscore, hexValue4(u, i + 2) != nil {
          out.append(contentsOf: Array("_x005F".utf8))
        }
        out.append(b)
      default:
        out.append(b)
      }
      i += 1
    }
  }

  @inline(__always) private func append(_ s: String) {
    var s = s
    s.withUTF8 { pending.append(contentsOf: $0) }
  }

  /// Decimal digits of `n` straight into the pending buffer.
  @inline(__always) private func appendInt(_ n: Int) {
    if n < 0 { pending.append(0x2D) }
    var v = n.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var k = 0
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[k] = UInt8(48 + v % 10)
        v /= 10
        k += 1
      } while v > 0
      while k > 0 { k -= 1; pending.append(d[k]) }
    }
  }

  /// Column letters of a 1-based index, cached for the first columns.
  private var columnRefs: [[UInt8]] = []
  @inline(__always) private func appendColumn(_ index: Int) {
    while columnRefs.count < index { columnRefs.append(Array(xlsxColumnName(columnRefs.count + 1).utf8)) }
    pending.append(contentsOf: columnRefs[index - 1])
  }

  private func appendEscaped(_ s: String) { Self.escapeText(s, into: &pending, attribute: false) }

  private func flush() throws {
    guard !pending.isEmpty, let h = sheetHandle else { return }
    do { try h.write(contentsOf: Data(pending)) } catch {
      throw XLSXWriteError(file: url.path, "cannot write temporary sheet: \(error)")
    }
    pending.removeAll(keepingCapacity: true)
  }
}

extension XLSXWriter {
  /// Writes an arbitrary ZIP package from (path, bytes) parts, in order. For hand-made test workbooks.
  static func writePackage(_ parts: [(path: String, data: Data)], to url: URL, compressed: Bool = true) throws {
    let compression: CompressionMethod = compressed ? .deflate : .none
    let fm = FileManager.default
    if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
    let archive = try Archive(url: url, accessMode: .create)
    for part in parts {
      let data = part.data
      try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                           modificationDate: fixedDate, compressionMethod: compression) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
  }
}

extension XLSXWriter {
  static let underscore: UInt8 = 0x5F


}

/// Why an `.xlsx` could not be written: the file, the 1-based row and column letters when a cell is at fault.
public struct XLSXWriteError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var row: Int?
  public var column: String?
  public var message: String

  init(file: String, row: Int? = nil, column: String? = nil, _ message: String) {
    self.file = file
    self.row = row
    self.column = column
    self.message = message
  }

  public var description: String {
    var place = file
    if let row { place += " row \(row)" }
    if let column { place += " column \(column)" }
    return place + ": " + message
  }
}
