// The one error type thrown by LogImport's file-format readers (XLSX, shared strings, the tiktoken
// vocabulary, aggregate score files). Every error names the file and, where it applies, the part inside
// an archive, the 1-based row and the column, so a message can be acted on without a debugger.

public struct ImportFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, coarse enough to test against.
  public enum Kind: String, Sendable, Equatable {
    /// The file is not a readable ZIP archive (missing, truncated, corrupt directory, bad CRC).
    case unreadableArchive
    /// A part the format requires is absent (e.g. no worksheet, no relationship target).
    case missingPart
    /// The XML is not well formed, or uses a construct this reader refuses.
    case malformedXML
    /// A DOCTYPE / DTD was present. Refused outright: no entity expansion means no XML bombs.
    case forbiddenDTD
    /// A configured size/count limit was exceeded.
    case limitExceeded
    /// A cell's content contradicts its declared type (e.g. shared-string index out of range).
    case invalidCell
    /// Text that is not valid UTF-8.
    case invalidUTF8
    /// A line of a text format (vocabulary, CSV, JSON) is malformed.
    case invalidRecord
    /// The file could not be opened or read at all.
    case io
  }

  public var kind: Kind
  /// The file on disk (last path component is enough to act on; the full path is kept).
  public var file: String
  /// The part inside an archive, e.g. `xl/worksheets/sheet1.xml`.
  public var part: String?
  /// 1-based row (spreadsheet row, or line number for text formats).
  public var row: Int?
  /// Column: a spreadsheet letter (`"C"`), or a header name.
  public var column: String?
  public var message: String

  public init(_ kind: Kind, file: String, part: String? = nil, row: Int? = nil, column: String? = nil,
              _ message: String) {
    self.kind = kind
    self.file = file
    self.part = part
    self.row = row
    self.column = column
    self.message = message
  }

  public var description: String {
    var s = file
    if let part { s += " [\(part)]" }
    var location: [String] = []
    if let row { location.append("row \(row)") }
    if let column { location.append("column \(column)") }
    if !location.isEmpty { s += " " + location.joined(separator: ", ") }
    return s + ": " + message + " (\(kind.rawValue))"
  }
}
