import Foundation
@testable import Simulation

/// A unique temporary directory per test (tests run in parallel in one process).
func makeTemporaryDirectory(_ label: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("simtest-\(label)-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A deliberately small reader for QUOTE_ALL TSV (every field double-quoted, `""` escapes a quote, `\n` rows).
/// Independent of the writer, so a round trip checks the quoting.
struct TSVTable {
  var header: [String]
  var rows: [[String]]

  enum ParseError: Error { case unquotedField(line: Int), unterminated, ragged(line: Int) }

  init(text: String, separator: Character = "\t") throws {
    var records: [[String]] = []
    var fields: [String] = []
    var field = ""
    var chars = Array(text)[...]
    var line = 1
    while let c = chars.popFirst() {
      guard c == "\"" else { throw ParseError.unquotedField(line: line) }
      field = ""
      var closed = false
      while let d = chars.popFirst() {
        if d == "\"" {
          if chars.first == "\"" { chars.removeFirst(); field.append("\"") } else { closed = true; break }
        } else {
          field.append(d)
        }
      }
      guard closed else { throw ParseError.unterminated }
      fields.append(field)
      switch chars.popFirst() {
      case separator: continue
      case "\n", nil:
        records.append(fields)
        fields = []
        line += 1
      default: throw ParseError.unquotedField(line: line)
      }
    }
    guard let first = records.first else { throw ParseError.unterminated }
    header = first
    rows = Array(records.dropFirst())
    for (i, r) in rows.enumerated() where r.count != header.count { throw ParseError.ragged(line: i + 2) }
  }

  init(contentsOf url: URL, separator: Character = "\t") throws {
    try self.init(text: try String(contentsOf: url, encoding: .utf8), separator: separator)
  }

  func column(_ name: String) -> [String]? {
    guard let j = header.firstIndex(of: name) else { return nil }
    return rows.map { $0[j] }
  }
}

/// Parses a Python list literal of strings or numbers written by the simulator (`['a', 'b']`, `[1.0, 0.5]`).
func parsePythonList(_ s: String) -> [String] {
  let inner = s.dropFirst().dropLast()
  if inner.isEmpty { return [] }
  return inner.components(separatedBy: ", ").map { item in
    item.hasPrefix("'") && item.hasSuffix("'") ? String(item.dropFirst().dropLast()) : item
  }
}

/// Every (relative path → bytes) under a directory.
func fileTree(_ root: URL) throws -> [String: Data] {
  var out: [String: Data] = [:]
  let base = root.standardizedFileURL.path
  guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
    return out
  }
  for case let url as URL in e {
    guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
    let path = url.standardizedFileURL.path
    out[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
  }
  return out
}
