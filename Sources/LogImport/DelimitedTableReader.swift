internal import BenchCore
internal import CCSV
public import Foundation

/// TSV / CSV through libcsv: streaming, RFC 4180 quoting (quoted fields may hold delimiters, tabs, quotes as
/// `""`, CR and LF), a UTF-8 byte-order mark is skipped, CRLF / LF / CR line ends, blank lines ignored. Every cell
/// is returned as text exactly as written (no trimming — libcsv's default space trimming is switched off).
///
/// libcsv runs in strict mode: a quote inside an unquoted field, text after a closing quote, or a quoted field
/// never closed is an error naming the row. A cell that is not valid UTF-8 is an error naming its row and column
/// (it used to be decoded with U+FFFD replacements, which the BERT tokenizer then deletes without a trace).
public struct DelimitedTableReader: TableReader {
  public let delimiter: UInt8
  public let fileExtensions: Set<String>

  public init(delimiter: UInt8, fileExtensions: Set<String>) {
    self.delimiter = delimiter
    self.fileExtensions = fileExtensions
  }

  public static let tsv = DelimitedTableReader(delimiter: 0x09, fileExtensions: ["tsv"])
  public static let csv = DelimitedTableReader(delimiter: 0x2C, fileExtensions: ["csv"])

  /// Cells collected by libcsv's C callbacks; rows are handed to Swift after each `csv_parse` call, so the
  /// Swift closures can throw. Reached through a raw pointer (no class: no dynamic exclusivity checks per cell).
  private struct Collector {
    var cells: [String] = []
    var rowEnds: [Int] = []
    var field = 0
    /// Columns to materialise; `nil` = every column.
    var select: [Bool]?
    /// The first cell that is not valid UTF-8: the index of its row among the pending `rowEnds`, its field.
    var invalid: (row: Int, field: Int)?
  }

  public func read(_ url: URL, displayPath: String, header: ([String]) throws -> [Bool]?,
                   row: (TableRow) throws -> Void) throws -> TableReadResult {
    var parser = csv_parser()
    guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
      throw ImportError(.unreadable, "libcsv could not allocate a parser", file: displayPath)
    }
    defer { csv_free(&parser) }
    csv_set_delim(&parser, delimiter)
    csv_set_space_func(&parser) { _ in 0 }  // keep leading / trailing spaces and tabs
    csv_set_blk_size(&parser, 1 << 16)

    let state = UnsafeMutablePointer<Collector>.allocate(capacity: 1)
    state.initialize(to: Collector())
    state.pointee.cells.reserveCapacity(4096)
    state.pointee.rowEnds.reserveCapacity(1024)
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
    }
    let context = UnsafeMutableRawPointer(state)
    var hasher = SHA256()
    var bytes = 0
    var rowNumber = 0
    var first = true

    let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { p, n, ctx in
      let c = ctx!.assumingMemoryBound(to: Collector.self)
      let f = c.pointee.field
      c.pointee.field = f + 1
      let wanted = c.pointee.select.map { f < $0.count && $0[f] } ?? true
      if n == 0 {
        c.pointee.cells.append("")
      } else if !wanted {
        // Not materialised, but validated all the same: every cell of a TSV / CSV must be UTF-8, as in xlsx.
        if c.pointee.invalid == nil, !UTF8Check.isValid(UnsafeRawBufferPointer(start: p, count: n)) {
          c.pointee.invalid = (c.pointee.rowEnds.count, f)
        }
        c.pointee.cells.append("")
      } else {
        let bytes = UnsafeRawBufferPointer(start: p, count: n)
        if let text = UTF8Check.string(bytes) {
          c.pointee.cells.append(text)
        } else {
          if c.pointee.invalid == nil { c.pointee.invalid = (c.pointee.rowEnds.count, f) }
          c.pointee.cells.append(String(decoding: bytes, as: UTF8.self))
        }
      }
    }
    let onRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, ctx in
      let c = ctx!.assumingMemoryBound(to: Collector.self)
      c.pointee.rowEnds.append(c.pointee.cells.count)
      c.pointee.field = 0
    }

    var headerNames: [String] = []
    func drain() throws {
      guard !state.pointee.rowEnds.isEmpty else { return }
      var start = 0
      for (i, end) in state.pointee.rowEnds.enumerated() {
        rowNumber += 1
        if let bad = state.pointee.invalid, bad.row == i {
          let column = bad.field < headerNames.count ? headerNames[bad.field] : "column \(bad.field + 1)"
          throw ImportError(.invalidUTF8, "the cell is not valid UTF-8", file: displayPath, row: rowNumber,
                            column: column)
        }
        let cells = state.pointee.cells[start..<end]
        if rowNumber == 1 {
          headerNames = Array(cells)
          state.pointee.select = try header(Array(cells))
        } else {
          try row(TableRow(number: rowNumber, cells: cells))
        }
        start = end
      }
      // Keep the cells of the row still being parsed (it continues in the next chunk).
      if let bad = state.pointee.invalid { state.pointee.invalid = (bad.row - state.pointee.rowEnds.count, bad.field) }
      state.pointee.cells.removeSubrange(0..<start)
      state.pointee.rowEnds.removeAll(keepingCapacity: true)
    }

    // The first chunk is small: until the header has been seen every cell is materialised.
    try FileChunks.forEach(url, displayPath: displayPath, firstChunk: 1 << 14) { chunk in
      hasher.update(chunk)
      bytes += chunk.count
      var data = chunk
      if first {
        first = false
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF {
          data = UnsafeRawBufferPointer(rebasing: data[3...])
        }
      }
      let parsed = csv_parse(&parser, data.baseAddress, data.count, onField, onRow, context)
      if parsed != data.count {
        throw ImportError(.malformed, "malformed quoting (a quote inside an unquoted field, or text after a "
                            + "closing quote): \(String(cString: csv_strerror(csv_error(&parser))))",
                          file: displayPath, row: rowNumber + state.pointee.rowEnds.count + 1)
      }
      try drain()
    }
    if csv_fini(&parser, onField, onRow, context) != 0 {
      throw ImportError(.malformed, "a quoted field is never closed (missing \")", file: displayPath,
                        row: rowNumber + state.pointee.rowEnds.count + 1)
    }
    try drain()
    if rowNumber == 0 { _ = try header([]) }
    return TableReadResult(rows: max(0, rowNumber - 1), sha256: hasher.hexDigest(), bytes: bytes)
  }
}

/// Strict UTF-8 validation without building a string (the ASCII fast path checks 8 bytes at a time).
enum UTF8Check {
  /// Length of the ASCII prefix, 8 bytes at a time.
  @inline(__always) static func asciiPrefix(_ bytes: UnsafeRawBufferPointer) -> Int {
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
      i += 8
    }
    while i < n, bytes[i] < 0x80 { i += 1 }
    return i
  }

  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let i = asciiPrefix(bytes)
    if i == bytes.count { return true }
    return String(validating: UnsafeRawBufferPointer(rebasing: bytes[i...]), as: UTF8.self) != nil
  }

  /// The bytes as a String, or nil when they are not valid UTF-8 — `String(validating:as:)`, whose generic
  /// validation looked up type metadata on every call (`perf`: ≈ 4 % of reading an xlsx), skipped for ASCII cells,
  /// which need no validation.
  @inline(__always) static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
    if asciiPrefix(bytes) == bytes.count { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }
}
