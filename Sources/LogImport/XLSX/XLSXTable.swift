// Header handling on top of `XLSXReader.forEachRow`: the first non-blank row names the columns, the way
// `pandas.read_excel(header=0)` does (blank rows are skipped, empty names become "Unnamed: <i>",
// duplicates get ".1", ".2" suffixes).

/// Column names of a table and a name → index lookup.
public struct XLSXHeader: Sendable, Equatable {
  /// Names after pandas-style de-duplication, one per column.
  public let names: [String]
  /// Names exactly as stored in the header row.
  public let rawNames: [String]
  private let indexByName: [String: Int]

  public init(rawNames: [String]) {
    self.rawNames = rawNames
    // pandas' de-duplication (io/common.py dedup_names): the k-th repeat of "x" becomes "x.k", and a
    // generated name that is itself taken is suffixed again.
    var names: [String] = []
    var counts: [String: Int] = [:]
    for (i, raw) in rawNames.enumerated() {
      var name = raw.isEmpty ? "Unnamed: \(i)" : raw
      var current = counts[name, default: 0]
      while current > 0 {
        counts[name] = current + 1
        name = "\(name).\(current)"
        current = counts[name, default: 0]
      }
      counts[name] = current + 1
      names.append(name)
    }
    self.names = names
    var idx: [String: Int] = [:]
    for (i, n) in names.enumerated() { idx[n] = i }
    indexByName = idx
  }

  public var count: Int { names.count }
  public func index(of name: String) -> Int? { indexByName[name] }
  public func contains(_ name: String) -> Bool { indexByName[name] != nil }
}

/// One data row with its header.
public struct XLSXRecord: Sendable {
  public let header: XLSXHeader
  /// 1-based spreadsheet row number.
  public let rowNumber: Int
  /// At least `header.count` cells (padded with ""); more if the row extends past the header.
  public let cells: [String]

  /// The cell under `column`, or nil if the table has no such column.
  public subscript(_ column: String) -> String? {
    guard let i = header.index(of: column) else { return nil }
    return cells[i]
  }
}

/// A whole sheet in memory (for small files and tests).
public struct XLSXTable: Sendable {
  public let header: XLSXHeader
  public let rows: [[String]]
  public let rowNumbers: [Int]

  public func column(_ name: String) -> [String]? {
    guard let i = header.index(of: name) else { return nil }
    return rows.map { $0[i] }
  }
}

extension XLSXReader {
  /// Reads the header row (the first non-blank row) of a sheet. Throws `ImportFormatError` if the sheet
  /// has no non-blank row.
  public func header(sheet name: String? = nil) throws -> XLSXHeader {
    var found: XLSXHeader?
    do {
      try forEachRow(sheet: name) { _, cells in
        if cells.contains(where: { !$0.isEmpty }) {
          found = XLSXHeader(rawNames: cells)
          throw HeaderFound()
        }
      }
    } catch is HeaderFound {}
    guard let found else {
      throw ImportFormatError(.missingPart, file: fileName, "sheet has no header row (it is empty)")
    }
    return found
  }

  private struct HeaderFound: Error {}

  /// Streams the data rows under the header (first non-blank row). Blank rows are skipped, as pandas does.
  public func forEachRecord(sheet name: String? = nil, _ body: (XLSXRecord) throws -> Void) throws {
    var header: XLSXHeader?
    try forEachRow(sheet: name) { rowNumber, cells in
      guard cells.contains(where: { !$0.isEmpty }) else { return }
      guard let h = header else {
        header = XLSXHeader(rawNames: cells)
        return
      }
      var padded = cells
      if padded.count < h.count { padded.append(contentsOf: repeatElement("", count: h.count - padded.count)) }
      try body(XLSXRecord(header: h, rowNumber: rowNumber, cells: padded))
    }
    if header == nil {
      throw ImportFormatError(.missingPart, file: fileName, "sheet has no header row (it is empty)")
    }
  }

  /// Reads a whole sheet into memory.
  public func readTable(sheet name: String? = nil) throws -> XLSXTable {
    var rows: [[String]] = []
    var numbers: [Int] = []
    var header: XLSXHeader?
    try forEachRecord(sheet: name) { rec in
      if header == nil { header = rec.header }
      rows.append(rec.cells)
      numbers.append(rec.rowNumber)
    }
    if header == nil { header = try self.header(sheet: name) }
    return XLSXTable(header: header!, rows: rows, rowNumbers: numbers)
  }
}
