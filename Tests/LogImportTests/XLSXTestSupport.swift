import Foundation
@testable import LogImport
@testable import Simulation

/// Helpers for XLSX tests: temporary files and hand-made packages.
enum XLSXTestSupport {
  static func tempURL(_ name: String = "t.xlsx") -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("rb-xlsx-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name)
  }

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="xml" ContentType="application/xml"/></Types>
    """

  static let workbook = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
    """

  static let workbookRels = """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
    Target="sharedStrings.xml"/></Relationships>
    """

  static func sheet(_ sheetData: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(sheetData)</sheetData></worksheet>
    """
  }

  static func sst(_ items: [String]) -> String {
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      + items.joined() + "</sst>"
  }

  /// A workbook whose sheet XML and shared-string XML are given verbatim.
  static func package(sheetXML: String, sharedStringsXML: String? = nil) -> [(path: String, data: Data)] {
    var parts: [(path: String, data: Data)] = [
      ("[Content_Types].xml", Data(contentTypes.utf8)),
      ("xl/workbook.xml", Data(workbook.utf8)),
      ("xl/_rels/workbook.xml.rels", Data(workbookRels.utf8)),
      ("xl/worksheets/sheet1.xml", Data(sheetXML.utf8)),
    ]
    if let sharedStringsXML { parts.append(("xl/sharedStrings.xml", Data(sharedStringsXML.utf8))) }
    return parts
  }

  static func write(sheetXML: String, sharedStringsXML: String? = nil) throws -> URL {
    let url = tempURL()
    try XLSXWriter.writePackage(package(sheetXML: sheetXML, sharedStringsXML: sharedStringsXML), to: url)
    return url
  }

  static func rows(_ url: URL, options: XLSXReader.Options = .init()) throws -> [(Int, [String])] {
    var out: [(Int, [String])] = []
    try XLSXReader(url: url, options: options).forEachRow { out.append(($0, $1)) }
    return out
  }

  /// Reads the first error thrown by `body` as an ImportFormatError.
  static func importError(_ body: () throws -> Void) -> ImportFormatError? {
    do { try body() } catch let e as ImportFormatError { return e } catch { return nil }
    return nil
  }

  /// Real VLMEvalKit logs shipped beside the repository (never copied into it).
  static let realLogsRoot: URL = {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return repo.appendingPathComponent("../shared/real-logs/vlmevalkit/chengyuehuang511__VLMEvalKit/outputs")
      .standardizedFileURL
  }()

  static var realLogsPresent: Bool {
    FileManager.default.fileExists(atPath: realLogsRoot.path)
  }

  /// All .xlsx files of the real logs, sorted by path relative to `realLogsRoot`.
  static func realXLSXFiles() -> [(relative: String, url: URL)] {
    guard let e = FileManager.default.enumerator(at: realLogsRoot, includingPropertiesForKeys: nil) else { return [] }
    var out: [(String, URL)] = []
    for case let u as URL in e where u.pathExtension == "xlsx" {
      let rel = String(u.standardizedFileURL.path.dropFirst(realLogsRoot.path.count + 1))
      out.append((rel, u))
    }
    return out.sorted { $0.0 < $1.0 }
  }
}

/// FNV-1a 64-bit, for compact fixtures (mirrored in the Python fixture generators).
struct FNV1a64 {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
  mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
  }
  mutating func add(_ s: String) { add(s.utf8) }
  var hex: String { String(value, radix: 16) }
}
