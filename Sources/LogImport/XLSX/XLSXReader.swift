// Streaming reader for .xlsx workbooks (Office Open XML spreadsheets) as VLMEvalKit writes them
// through pandas/xlsxwriter — and as Excel, openpyxl or LibreOffice write them.
//
// Reading opens the ZIP archive (`ZipArchive`: our own central-directory reader, parts inflated with ISA-L,
// bounded by their declared compressed size), resolves the first (or a named) worksheet through
// `xl/workbook.xml` and its relationships, loads the shared-string table, then streams the worksheet XML
// through `XMLScanner` in fixed-size decompressed chunks: memory is the shared strings plus one chunk
// (and the current row), never the whole sheet.
//
// Every cell is returned as text, the way pandas would show the stored value:
//  * shared / inline / formula strings as-is ("None", "NA", "nan" stay strings),
//  * numbers as their stored `<v>` text ("0", "1", "0.5", "34602"),
//  * booleans as "True" / "False" (openpyxl reads them as Python bools),
//  * errors as their text ("#N/A"), empty or missing cells as "".

public import Foundation
internal import BenchCore

/// Size and count limits that protect a reader against absurd or hostile files. All are configurable.
///
/// Zip bombs: every part is refused — naming the file and the part — when its *declared* uncompressed size, its
/// *actual* inflated size (counted while inflating, stopping at the limit) or its compression ratio exceeds a
/// limit, before the rest of it is inflated. Real workbooks compress text XML 5–30:1; a bomb of repeated bytes
/// reaches ~1000:1.
public struct XLSXLimits: Sendable, Equatable {
  /// Largest decompressed worksheet XML (512 MiB).
  public var maxSheetBytes: Int64 = 512 << 20
  /// Largest decompressed shared-string table XML (512 MiB).
  public var maxSharedStringsBytes: Int64 = 512 << 20
  /// Highest ratio of uncompressed to compressed bytes of a part (declared, and actual while inflating), once the
  /// part is larger than `compressionRatioFloorBytes`.
  public var maxCompressionRatio: Int64 = 200
  /// Parts up to this size (1 MiB) are not ratio-checked (small parts of repeated markup compress very well).
  public var compressionRatioFloorBytes: Int64 = 1 << 20
  /// Most entries in the shared-string table.
  public var maxSharedStrings: Int = 50_000_000
  /// Largest decompressed workbook.xml / relationship part.
  public var maxMetadataBytes: Int64 = 32 << 20
  /// Largest single decoded cell, in UTF-8 bytes (Excel itself stops at 32,767 characters).
  public var maxCellBytes: Int = 8 << 20
  /// Highest column (Excel: XFD = 16,384).
  public var maxColumns: Int = 16_384
  /// Highest row number (Excel: 1,048,576).
  public var maxRows: Int = 1_048_576

  public init() {}
  public static let `default` = XLSXLimits()
}

/// How `_xHHHH_` escapes inside strings are treated.
public enum XLSXStringEscapes: Sendable, Equatable {
  /// What pandas (via openpyxl 3.x) shows: in shared strings only the substring `x005F_` is removed
  /// (so `_x005F_x000D_` reads as the literal `_x000D_`); other `_xHHHH_` escapes are left as-is.
  /// This is the default because VLMEvalKit and VL-RouterBench read their files with pandas.
  case openpyxl
  /// The Office Open XML rule (what Excel shows): `_xHHHH_` becomes U+HHHH in every string cell, and
  /// `_x005F_` escapes a literal underscore.
  case ooxml
  /// Leave strings exactly as stored in the XML.
  case none
}

public struct XLSXReader: Sendable {
  public struct Options: Sendable, Equatable {
    public var limits: XLSXLimits
    public var escapes: XLSXStringEscapes
    /// Decompression / parse window in bytes.
    public var chunkSize: Int
    public init(limits: XLSXLimits = .default, escapes: XLSXStringEscapes = .openpyxl, chunkSize: Int = 1 << 18) {
      self.limits = limits
      self.escapes = escapes
      self.chunkSize = max(1, chunkSize)
    }
  }

  /// A worksheet as listed in the workbook, in workbook order.
  public struct Sheet: Sendable, Equatable {
    public var name: String
    /// Path of the worksheet part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
    public var part: String
  }

  public let url: URL
  public let options: Options
  public let sheets: [Sheet]
  /// Path of the shared-string part, if the workbook has one.
  public let sharedStringsPart: String?

  var fileName: String { url.path }

  /// Opens the archive and resolves the workbook structure (sheet names and parts). Throws
  /// `ImportFormatError` for a missing, truncated or corrupt file.
  public init(url: URL, options: Options = Options()) throws {
    self.url = url
    self.options = options
    let archive = try Self.openArchive(url)
    let file = url.path
    let workbookPart = try Self.resolveWorkbookPart(archive, file: file, options: options)
    let wbBytes = try Self.readWholePart(archive, path: workbookPart, file: file, limit: options.limits.maxMetadataBytes,
                                limits: options.limits)
    let declared = try WorkbookParser.sheets(wbBytes, file: file, part: workbookPart)
    let relsPath = Self.relsPath(for: workbookPart)
    var rels: [Relationship] = []
    if Self.entry(archive, relsPath) != nil {
      let relsBytes = try Self.readWholePart(archive, path: relsPath, file: file, limit: options.limits.maxMetadataBytes,
                                     limits: options.limits)
      rels = try WorkbookParser.relationships(relsBytes, file: file, part: relsPath)
    }
    let base = Self.directory(of: workbookPart)
    var sheets: [Sheet] = []
    for (index, s) in declared.enumerated() {
      if let rid = s.relationshipID, let rel = rels.first(where: { $0.id == rid }) {
        sheets.append(Sheet(name: s.name, part: Self.resolve(rel.target, base: base)))
      } else if rels.isEmpty {
        sheets.append(Sheet(name: s.name, part: base + "worksheets/sheet\(index + 1).xml"))
      } else {
        throw ImportFormatError(.missingPart, file: file, part: relsPath,
                                "no relationship for sheet \"\(s.name)\" (\(s.relationshipID ?? "no r:id"))")
      }
    }
    guard !sheets.isEmpty else {
      throw ImportFormatError(.missingPart, file: file, part: workbookPart, "the workbook lists no sheets")
    }
    self.sheets = sheets
    if let rel = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }),
       Self.entry(archive, Self.resolve(rel.target, base: base)) != nil {
      sharedStringsPart = Self.resolve(rel.target, base: base)
    } else if Self.entry(archive, base + "sharedStrings.xml") != nil {
      sharedStringsPart = base + "sharedStrings.xml"
    } else {
      sharedStringsPart = nil
    }
  }

  public var sheetNames: [String] { sheets.map(\.name) }

  func sheet(named name: String?) throws -> Sheet {
    guard let name else { return sheets[0] }
    guard let s = sheets.first(where: { $0.name == name }) else {
      throw ImportFormatError(.missingPart, file: fileName,
                              "no sheet named \"\(name)\" (sheets: \(sheetNames.joined(separator: ", ")))")
    }
    return s
  }

  /// Reads the shared-string table (empty if the workbook has none).
  public func sharedStrings() throws -> [String] {
    let archive = try Self.openArchive(url)
    return try loadSharedStrings(archive)
  }

  func loadSharedStrings(_ archive: ZipArchive) throws -> [String] {
    guard let part = sharedStringsPart else { return [] }
    var parser = SharedStringsParser(file: fileName, part: part, options: options)
    try Self.stream(archive, path: part, file: fileName, limit: options.limits.maxSharedStringsBytes,
                    chunkSize: options.chunkSize, limits: options.limits) { window, isFinal in
      try parser.parse(window, isFinal: isFinal)
    }
    return parser.strings
  }

  /// Streams the rows of a sheet (the first one by default) in order. `rowNumber` is the spreadsheet's
  /// 1-based row number; `cells` holds one string per column up to the row's last stored cell, gaps
  /// filled with "". Rows absent from the file are not reported. Errors thrown by `body` propagate
  /// unchanged; reader errors are `ImportFormatError`.
  public func forEachRow(sheet name: String? = nil,
                         _ body: (_ rowNumber: Int, _ cells: [String]) throws -> Void) throws {
    let sheet = try self.sheet(named: name)
    let archive = try Self.openArchive(url)
    let shared = try loadSharedStrings(archive)
    var parser = SheetParser(file: fileName, part: sheet.part, options: options, sharedStrings: shared)
    var bodyError: (any Error)?
    do {
      try Self.stream(archive, path: sheet.part, file: fileName, limit: options.limits.maxSheetBytes,
                      chunkSize: options.chunkSize, limits: options.limits) { window, isFinal in
        try parser.parse(window, isFinal: isFinal) { row, cells in
          do { try body(row, cells) } catch {
            bodyError = error
            throw StopReading()
          }
        }
      }
    } catch is StopReading {
      if let bodyError { throw bodyError }
    }
  }

  // MARK: - Archive plumbing

  struct StopReading: Error {}

  static func openArchive(_ url: URL) throws -> ZipArchive {
    let file = url.path
    let kind = FileKind(path: file)
    guard kind == .regular else {
      throw ImportFormatError(.io, file: file, kind == .missing ? "no such file"
                                : "not a regular file: \(kind.phrase); only regular files are read")
    }
    return try ZipArchive(path: file, file: file)
  }

  static func entry(_ archive: ZipArchive, _ path: String) -> ZipEntry? { archive.entry(path) }

  static func resolveWorkbookPart(_ archive: ZipArchive, file: String, options: Options) throws -> String {
    if entry(archive, "_rels/.rels") != nil {
      let bytes = try readWholePart(archive, path: "_rels/.rels", file: file, limit: options.limits.maxMetadataBytes,
                                    limits: options.limits)
      let rels = try WorkbookParser.relationships(bytes, file: file, part: "_rels/.rels")
      if let doc = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
        let p = resolve(doc.target, base: "")
        if entry(archive, p) != nil { return p }
      }
    }
    if entry(archive, "xl/workbook.xml") != nil { return "xl/workbook.xml" }
    throw ImportFormatError(.missingPart, file: file, "no workbook part (xl/workbook.xml) in the archive")
  }

  static func relsPath(for part: String) -> String {
    let dir = directory(of: part)
    let name = part.split(separator: "/").last.map(String.init) ?? part
    return dir + "_rels/" + name + ".rels"
  }

  static func directory(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "" }
    return String(part[...slash])
  }

  /// Resolves a relationship target against the source part's directory (handles `/abs`, `./`, `../`).
  static func resolve(_ target: String, base: String) -> String {
    var parts: [Substring]
    if target.hasPrefix("/") {
      parts = []
    } else {
      parts = base.split(separator: "/")
    }
    for comp in target.split(separator: "/") {
      if comp == "." || comp.isEmpty { continue }
      if comp == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
      parts.append(comp)
    }
    return parts.joined(separator: "/")
  }

  static func readWholePart(_ archive: ZipArchive, path: String, file: String, limit: Int64,
                            limits: XLSXLimits = .default) throws -> [UInt8] {
    var all: [UInt8] = []
    try stream(archive, path: path, file: file, limit: limit, chunkSize: 1 << 16, limits: limits) { window, isFinal in
      if isFinal { all.append(contentsOf: window); return window.count }
      return 0
    }
    return all
  }

  /// Decompresses one entry in chunks and hands a growing window of not-yet-consumed bytes to `handler`,
  /// which returns how many bytes it consumed (complete constructs). The last call has `isFinal == true`
  /// and must consume everything. Enforces `limit` on the *actual* decompressed size and checks the CRC.
  static func stream(_ archive: ZipArchive, path: String, file: String, limit: Int64, chunkSize: Int,
                     limits: XLSXLimits = .default,
                     _ handler: (UnsafeBufferPointer<UInt8>, Bool) throws -> Int) throws {
    guard let entry = entry(archive, path) else {
      throw ImportFormatError(.missingPart, file: file, part: path, "part missing from the archive")
    }
    guard entry.kind == .file else {
      throw ImportFormatError(.unreadableArchive, file: file, part: path, "part is not a regular file entry")
    }
    if entry.uncompressedSize > UInt64(max(0, limit)) {
      throw ImportFormatError(.limitExceeded, file: file, part: path,
                              "declared size \(entry.uncompressedSize) bytes exceeds the limit of \(limit)")
    }
    let ratio = max(1, limits.maxCompressionRatio)
    let floor = max(0, limits.compressionRatioFloorBytes)
    // A stored (uncompressed) entry has ratio 1; `compressedSize` is what is read from the file, so the ratio
    // bounds the inflated bytes per byte read even when the declared sizes lie.
    let compressed = Int64(clamping: max(entry.compressedSize, 1))
    let ratioLimit = compressed.multipliedReportingOverflow(by: ratio)
    let maxByRatio = ratioLimit.overflow ? Int64.max : max(floor, ratioLimit.partialValue)
    if Int64(clamping: entry.uncompressedSize) > maxByRatio {
      throw ImportFormatError(.limitExceeded, file: file, part: path,
                              "declared size \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed: "
                                + "compression ratio above the limit of \(ratio):1 (zip bomb?)")
    }
    var feeder = WindowFeeder(capacity: Int(min(entry.uncompressedSize, UInt64(2 * chunkSize))) + 16)
    let produced: (crc: UInt32, size: Int64)
    do {
      // Limits are checked on the running inflated size before each piece reaches the parser; the inflater itself
      // reads at most the declared compressed bytes and fails (named) when the deflate stream does not end there.
      produced = try archive.extract(entry, part: path, chunkSize: chunkSize, check: { total in
        if total > limit {
          throw ImportFormatError(.limitExceeded, file: file, part: path,
                                  "decompressed size exceeds the limit of \(limit) bytes (stopped inflating)")
        }
        if total > maxByRatio {
          throw ImportFormatError(.limitExceeded, file: file, part: path,
                                  "inflates past \(total) bytes from \(entry.compressedSize) compressed: compression "
                                    + "ratio above the limit of \(ratio):1 (zip bomb?; stopped inflating)")
        }
      }) { piece in
        feeder.append(piece)
        try feeder.feed(isFinal: false, handler)
      }
    } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: path, e.message)
    }
    let (checksum, total) = produced
    if checksum != entry.checksum {
      throw ImportFormatError(.unreadableArchive, file: file, part: path,
                              "CRC-32 mismatch (corrupt archive)")
    }
    if UInt64(total) != entry.uncompressedSize {
      throw ImportFormatError(.unreadableArchive, file: file, part: path,
                              "decompressed \(total) bytes but the archive declares \(entry.uncompressedSize)")
    }
    do { try feeder.feed(isFinal: true, handler) } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: path, e.message)
    }
  }
}

/// The window of not-yet-consumed bytes handed to a streaming parser: bytes are appended chunk by chunk,
/// the parser consumes whole constructs, and the consumed prefix is dropped once it is at least half of
/// the buffer (amortised O(1) per byte).
struct WindowFeeder {
  private(set) var buffer: [UInt8] = []
  private var start = 0

  init(capacity: Int = 0) { buffer.reserveCapacity(capacity) }

  mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 { buffer.append(contentsOf: bytes) }

  mutating func feed(isFinal: Bool, _ handler: (UnsafeBufferPointer<UInt8>, Bool) throws -> Int) throws {
    let from = start
    let consumed = try buffer.withUnsafeBufferPointer { all in
      try handler(UnsafeBufferPointer(rebasing: all[from...]), isFinal)
    }
    precondition(consumed >= 0 && consumed <= buffer.count - start, "parser consumed past its window")
    start += consumed
    if start > 0 && (start >= buffer.count / 2 || isFinal) {
      buffer.removeSubrange(0..<start)
      start = 0
    }
  }

  /// Feeds `bytes` in `chunkSize` pieces then finishes: the same windowing as an archive entry, for
  /// parsing XML held in memory (and for tests).
  static func feedAll(_ bytes: [UInt8], chunkSize: Int,
                      _ handler: (UnsafeBufferPointer<UInt8>, Bool) throws -> Int) throws {
    var f = WindowFeeder(capacity: min(bytes.count, 2 * chunkSize))
    var i = 0
    while i < bytes.count {
      let j = min(bytes.count, i + max(1, chunkSize))
      f.append(bytes[i..<j])
      try f.feed(isFinal: false, handler)
      i = j
    }
    try f.feed(isFinal: true, handler)
  }
}

extension XLSXReader {
  /// Parses worksheet XML held in memory (rows as `forEachRow` reports them), streaming it through the
  /// same windowing as an archive entry in `chunkSize` pieces.
  static func parseSheetXML(_ bytes: [UInt8], sharedStrings: [String], options: Options = Options(),
                            chunkSize: Int = 1 << 16, file: String = "<memory>",
                            _ body: (Int, [String]) throws -> Void) throws {
    var parser = SheetParser(file: file, part: "sheet.xml", options: options, sharedStrings: sharedStrings)
    do {
      try WindowFeeder.feedAll(bytes, chunkSize: chunkSize) { window, isFinal in
        try parser.parse(window, isFinal: isFinal, emit: body)
      }
    } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: "sheet.xml", e.message)
    }
  }

  /// Parses a shared-string table held in memory.
  static func parseSharedStringsXML(_ bytes: [UInt8], options: Options = Options(), chunkSize: Int = 1 << 16,
                                    file: String = "<memory>") throws -> [String] {
    var parser = SharedStringsParser(file: file, part: "sharedStrings.xml", options: options)
    do {
      try WindowFeeder.feedAll(bytes, chunkSize: chunkSize) { window, isFinal in
        try parser.parse(window, isFinal: isFinal)
      }
    } catch let e as XMLSyntaxError {
      throw ImportFormatError(e.kind, file: file, part: "sharedStrings.xml", e.message)
    }
    return parser.strings
  }
}

// MARK: - Text helpers shared by the parsers

enum XLSXText {
  /// Makes a String from UTF-8 bytes, refusing invalid UTF-8.
  @inline(__always) static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    UTF8Check.string(UnsafeRawBufferPointer(bytes))
  }

  static func string(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { UTF8Check.string(UnsafeRawBufferPointer($0)) }
  }

  /// Applies the escape rule to a decoded string's bytes (in place).
  static func unescape(_ bytes: inout [UInt8], mode: XLSXStringEscapes, sharedString: Bool) {
    switch mode {
    case .none: return
    case .openpyxl:
      guard sharedString else { return }
      removeAll(of: openpyxlEscape, in: &bytes)
    case .ooxml:
      decodeOOXMLEscapes(&bytes)
    }
  }

  /// openpyxl's escape of a literal `_x…_` in a shared string, removed by `unescape` in `.openpyxl` mode.
  static let openpyxlEscape = Array("x005F_".utf8)

  /// Removes every non-overlapping occurrence of `pattern`, left to right, matching on the original bytes. The
  /// first byte is found with memchr; a cell without a match (nearly all) is left untouched, without a copy — the
  /// byte-by-byte loop this replaces was 14 % of reading a real log's xlsx (`perf`, docs/importing.md).
  static func removeAll(of pattern: [UInt8], in bytes: inout [UInt8]) {
    let n = bytes.count, m = pattern.count
    guard m > 0, n >= m else { return }
    let rewritten: [UInt8]? = bytes.withUnsafeBufferPointer { b in
      pattern.withUnsafeBufferPointer { pt in
        guard var at = firstIndex(of: pt, in: b) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(n - m)
        var i = 0
        while true {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<at]))
          i = at + m
          guard let next = firstIndex(of: pt, in: b, from: i) else { break }
          at = next
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<n]))
        return out
      }
    }
    if let rewritten { bytes = rewritten }
  }

  /// `_xHHHH_` → U+HHHH, scanning left to right without re-scanning produced text.
  static func decodeOOXMLEscapes(_ bytes: inout [UInt8]) {
    guard bytes.count >= 7 else { return }
    var out: [UInt8] = []
    var changed = false
    var i = 0
    while i < bytes.count {
      if bytes[i] == ASCII.underscore, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == ASCII.underscore,
         let v = hexValue4(bytes, i + 2) {
        if !changed { out = Array(bytes[0..<i]); changed = true }
        if let s = Unicode.Scalar(v) { appendUTF8(s, to: &out) } else { out.append(contentsOf: bytes[i..<(i + 7)]) }
        i += 7
        continue
      }
      if changed { out.append(bytes[i]) }
      i += 1
    }
    if changed { bytes = out }
  }


}
