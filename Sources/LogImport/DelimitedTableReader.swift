internal import BenchCore
public import Foundation

/// TSV / CSV: streaming, RFC 4180 quoting (quoted fields may hold delimiters, tabs, quotes as `""`, CR and LF),
/// a UTF-8 byte-order mark is skipped, CRLF / LF / CR line ends, blank lines ignored. Every cell is returned as
/// text exactly as written (no trimming). The grammar is `DelimitedSplitter`'s, that of libcsv's strict mode:
/// a quote inside an unquoted field, text after a closing quote, or a quoted field never closed is an error
/// naming the row. A cell that is not valid UTF-8 is an error naming its row and column (it used to be decoded
/// with U+FFFD replacements, which the BERT tokenizer then deletes without a trace).
public struct DelimitedTableReader: TableReader {
  public let delimiter: UInt8
  public let fileExtensions: Set<String>

  public init(delimiter: UInt8, fileExtensions: Set<String>) {
    self.delimiter = delimiter
    self.fileExtensions = fileExtensions
  }

  public static let tsv = DelimitedTableReader(delimiter: 0x09, fileExtensions: ["tsv"])
  public static let csv = DelimitedTableReader(delimiter: 0x2C, fileExtensions: ["csv"])

  /// Cells collected from the splitter; rows are handed to the caller's closures after each chunk, so that
  /// the splitter's loop stays free of throwing calls.
  private struct Collector: DelimitedSink {
    var cells: [String] = []
    var rowEnds: [Int] = []
    var field = 0
    /// Columns to materialise; `nil` = every column.
    var select: [Bool]?
    /// The first cell that is not valid UTF-8: the index of its row among the pending `rowEnds`, its field.
    var invalid: (row: Int, field: Int)?

    mutating func field(_ bytes: UnsafeRawBufferPointer) {
      let f = field
      field = f + 1
      let wanted = select.map { f < $0.count && $0[f] } ?? true
      if bytes.isEmpty {
        cells.append("")
      } else if !wanted {
        // Not materialised, but validated all the same: every cell of a TSV / CSV must be UTF-8, as in xlsx.
        if invalid == nil, !UTF8Check.isValid(bytes) { invalid = (rowEnds.count, f) }
        cells.append("")
      } else if let text = UTF8Check.string(bytes) {
        cells.append(text)
      } else {
        if invalid == nil { invalid = (rowEnds.count, f) }
        cells.append("")
      }
    }

    mutating func endRow() {
      rowEnds.append(cells.count)
      field = 0
    }
  }

  public func read(_ url: URL, displayPath: String, header: ([String]) throws -> [Bool]?,
                   row: (TableRow) throws -> Void) throws -> TableReadResult {
    var splitter = DelimitedSplitter(delimiter: delimiter)
    var state = Collector()
    state.cells.reserveCapacity(4096)
    state.rowEnds.reserveCapacity(1024)
    var hasher = SHA256()
    var bytes = 0
    var rowNumber = 0
    var first = true

    var headerNames: [String] = []
    func drain() throws {
      guard !state.rowEnds.isEmpty else { return }
      var start = 0
      for (i, end) in state.rowEnds.enumerated() {
        rowNumber += 1
        if let bad = state.invalid, bad.row == i {
          let column = bad.field < headerNames.count ? headerNames[bad.field] : "column \(bad.field + 1)"
          throw ImportError(.invalidUTF8, "the cell is not valid UTF-8", file: displayPath, row: rowNumber,
                            column: column)
        }
        let cells = state.cells[start..<end]
        if rowNumber == 1 {
          headerNames = Array(cells)
          state.select = try header(Array(cells))
        } else {
          try row(TableRow(number: rowNumber, cells: cells))
        }
        start = end
      }
      // Keep the cells of the row still being parsed (it continues in the next chunk).
      if let bad = state.invalid { state.invalid = (bad.row - state.rowEnds.count, bad.field) }
      state.cells.removeSubrange(0..<start)
      state.rowEnds.removeAll(keepingCapacity: true)
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
      if splitter.feed(data, into: &state) != nil {
        throw ImportError(.malformed, "malformed quoting (a quote inside an unquoted field, or text after a "
                            + "closing quote)", file: displayPath, row: rowNumber + state.rowEnds.count + 1)
      }
      try drain()
    }
    guard splitter.finish(into: &state) else {
      throw ImportError(.malformed, "a quoted field is never closed (missing \")", file: displayPath,
                        row: rowNumber + state.rowEnds.count + 1)
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
