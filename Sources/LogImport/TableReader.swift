internal import BenchCore
public import Foundation

/// One row of a table as text cells. `number` is 1-based and counts the header as row 1 (a spreadsheet's view);
/// blank lines are not rows.
public struct TableRow {
  public let number: Int
  @usableFromInline let cells: ArraySlice<String>

  @inlinable init(number: Int, cells: ArraySlice<String>) {
    self.number = number
    self.cells = cells
  }

  /// How many cells the row has.
  @inlinable public var count: Int { cells.count }

  /// The text of cell `column` (0-based), or "" past the end of a short row or for a column not selected.
  @inlinable public subscript(_ column: Int) -> String {
    column < cells.count ? cells[cells.startIndex + column] : ""
  }

  /// All cells.
  public var values: [String] { Array(cells) }
}

/// What reading a table produced besides its rows.
public struct TableReadResult: Sendable, Hashable {
  /// Data rows (the header excluded).
  public var rows: Int
  /// SHA-256 of the file's bytes, hex.
  public var sha256: String
  public var bytes: Int
}

/// Reads tables of text cells (TSV, CSV; later XLSX and JSON records) row by row.
///
/// A reader streams the file, hands the header row to `header` — which answers which columns to materialise
/// (`nil` = all), so unused large columns (base64 images) cost no allocations — then hands every data row to
/// `row`. Errors thrown by either closure propagate unchanged; the reader's own failures are `ImportError`s
/// naming the file (and row, when known).
public protocol TableReader: Sendable {
  /// Lower-case file extensions (no dot) this reader handles.
  var fileExtensions: Set<String> { get }

  func read(_ url: URL, displayPath: String, header: ([String]) throws -> [Bool]?,
            row: (TableRow) throws -> Void) throws -> TableReadResult
}

/// A header's column positions by name.
public struct TableHeader: Sendable, Hashable {
  public let names: [String]
  public let file: String
  private let positions: [String: Int]

  public init(_ names: [String], file: String) {
    self.names = names
    self.file = file
    var p: [String: Int] = [:]
    for (i, n) in names.enumerated() where p[n] == nil { p[n] = i }
    positions = p
  }

  public func index(of name: String) -> Int? { positions[name] }

  /// The position of a column that must exist.
  public func require(_ name: String) throws(ImportError) -> Int {
    guard let i = positions[name] else {
      throw ImportError(.missingColumn, "no column '\(name)' (columns: \(names.joined(separator: ", ")))",
                        file: file, row: 1, column: name)
    }
    return i
  }

  /// A selection mask keeping only `columns` (unknown positions ignored).
  public func selecting(_ columns: [Int?]) -> [Bool] {
    var mask = [Bool](repeating: false, count: names.count)
    for case let c? in columns where c < mask.count { mask[c] = true }
    return mask
  }
}

/// The readers the importer knows, by file extension.
public struct TableReaders: Sendable {
  public var readers: [any TableReader]

  public init(_ readers: [any TableReader]) { self.readers = readers }

  /// TSV and CSV through `DelimitedSplitter`, XLSX through the streaming `XLSXReader`, JSON records through a byte scanner.
  public static var standard: TableReaders { standard(xlsxLimits: .default) }

  /// The standard readers with other xlsx size and zip-bomb limits (`routerbench import --xlsx-max-…`).
  public static func standard(xlsxLimits: XLSXLimits) -> TableReaders {
    TableReaders([DelimitedTableReader.tsv, DelimitedTableReader.csv,
                  XLSXTableReader(options: XLSXReader.Options(limits: xlsxLimits)), JSONRecordsTableReader()])
  }

  public func reader(forExtension ext: String) -> (any TableReader)? {
    readers.first { $0.fileExtensions.contains(ext.lowercased()) }
  }

  /// The reader for a file's extension, or an `.unsupported` error naming the file.
  public func reader(for url: URL, displayPath: String) throws(ImportError) -> any TableReader {
    guard let r = reader(forExtension: url.pathExtension) else {
      throw ImportError(.unsupported, "no reader for .\(url.pathExtension) files yet (readable: "
                          + readers.flatMap(\.fileExtensions).sorted().joined(separator: ", ") + ")", file: displayPath)
    }
    return r
  }
}

/// Hashes a file (SHA-256, hex) by streaming it.
public func sha256(ofFile url: URL, displayPath: String) throws(ImportError) -> (hex: String, bytes: Int) {
  var h = SHA256()
  var total = 0
  try FileChunks.forEach(url, displayPath: displayPath) { chunk in
    h.update(chunk)
    total += chunk.count
  }
  return (h.hexDigest(), total)
}

/// Reads a file in 1 MiB chunks through POSIX `read` into one reused buffer.
enum FileChunks {
  static func forEach(_ url: URL, displayPath: String, firstChunk: Int = 1 << 20,
                      _ body: (UnsafeRawBufferPointer) throws -> Void) throws(ImportError) {
    // Checked before opening (opening a FIFO without O_NONBLOCK waits for a writer) and again on the
    // descriptor (O_NONBLOCK: the open itself never blocks; fstat: the file opened is the one checked).
    try requireRegularFile(url, displayPath: displayPath)
    let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      throw ImportError(.unreadable, "cannot open: \(String(cString: strerror(errno)))", file: displayPath)
    }
    defer { close(fd) }
    let kind = FileKind(descriptor: fd)
    guard kind == .regular else {
      throw ImportError(.unreadable, "not a regular file: \(kind.phrase); only regular files are read",
                        file: displayPath)
    }
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    var want = min(firstChunk, size)
    while true {
      let n = read(fd, buffer.baseAddress, want)
      if n < 0 {
        if errno == EINTR { continue }
        throw ImportError(.unreadable, "read failed: \(String(cString: strerror(errno)))", file: displayPath)
      }
      if n == 0 { break }
      do { try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n)) } catch let e as ImportError {
        throw e
      } catch {
        throw ImportError(.unreadable, "\(error)", file: displayPath)
      }
      want = size
    }
  }
}

/// Throws `.unreadable` if `url` exists but is not a regular file or a symlink to one (a directory, FIFO, device,
/// socket).
func requireRegularFile(_ url: URL, displayPath: String) throws(ImportError) {
  let kind = FileKind(path: url.path)
  // Missing files fall through: the open that follows reports the system's own error ("No such file …").
  guard kind == .regular || kind == .missing else {
    throw ImportError(.unreadable, "not a regular file: \(kind.phrase); only regular files are read",
                      file: displayPath)
  }
}
