internal import Foundation

/// The one error type of LogImport: what is wrong, and where — file, row (header = row 1) and column.
///
/// Every import failure is an `ImportError`; the import runs in one transaction, so after one is thrown the
/// database is as it was before.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// A file or directory cannot be read.
    case unreadable
    /// A file's text is not valid for its format (unterminated quote, bad YAML, bad .npy header…).
    case malformed
    /// A required column is missing from a table's header.
    case missingColumn
    /// A cell's value is invalid (a score that is not a number, a score outside [0, 1], …).
    case badValue
    /// The same (sample, model) appears twice.
    case duplicate
    /// A prediction file has no per-sample judged file although its dataset needs one.
    case missingJudgedFile
    /// Two candidate judged files for one prediction file.
    case ambiguous
    /// A model has no price in the price table.
    case missingPrice
    /// A model misses samples (and the missing-cell policy is `refuse`), or nothing is left after dropping.
    case incomplete
    /// A feature file does not line up with the stored samples.
    case features
    /// A file format with no reader yet (e.g. `.xlsx`).
    case unsupported
    /// The database refused a write.
    case store
    /// Bad options.
    case usage
    // File-format readers (XLSX, shared strings, the tiktoken vocabulary, aggregate score files):
    /// The file is not a readable ZIP archive (missing, truncated, corrupt directory, bad CRC).
    case unreadableArchive
    /// A part the format requires is absent (e.g. no worksheet, no relationship target).
    case missingPart
    /// The XML is not well formed, or uses a construct the reader refuses.
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
  public var message: String
  /// The file, relative to the import root when it lies under it.
  public var file: String?
  /// The part inside an archive, e.g. `xl/worksheets/sheet1.xml`.
  public var part: String?
  /// 1-based row (for tables the header is row 1; for YAML the line).
  public var row: Int?
  /// The column name (tables) or key path (YAML).
  public var column: String?

  public init(_ kind: Kind, _ message: String, file: String? = nil, row: Int? = nil, column: String? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.row = row
    self.column = column
  }

  /// The form the file-format readers use (formerly `ImportFormatError`): file first, message last.
  public init(_ kind: Kind, file: String, part: String? = nil, row: Int? = nil, column: String? = nil,
              _ message: String) {
    self.init(kind, message, file: file, row: row, column: column)
    self.part = part
  }

  public var description: String {
    var place: [String] = []
    if let file { place.append(part.map { "\(file) [\($0)]" } ?? file) }
    if let row { place.append("row \(row)") }
    if let column { place.append("column '\(column)'") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}
