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
    try self.init(utf8: Array(text.utf8), separator: separator.asciiValue ?? 0x09)
  }

  init(utf8 bytes: [UInt8], separator: UInt8) throws {
    var records: [[String]] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var p = 0
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    while p < bytes.count {
      guard bytes[p] == quote else { throw ParseError.unquotedField(line: line) }
      p += 1
      field.removeAll(keepingCapacity: true)
      var closed = false
      while p < bytes.count {
        let b = bytes[p]
        p += 1
        if b == quote {
          if p < bytes.count, bytes[p] == quote { field.append(quote); p += 1 } else { closed = true; break }
        } else {
          field.append(b)
        }
      }
      guard closed else { throw ParseError.unterminated }
      fields.append(String(decoding: field, as: UTF8.self))
      if p == bytes.count || bytes[p] == newline {
        records.append(fields)
        fields = []
        line += 1
        p += 1
      } else if bytes[p] == separator {
        p += 1
      } else {
        throw ParseError.unquotedField(line: line)
      }
    }
    guard let first = records.first else { throw ParseError.unterminated }
    header = first
    rows = Array(records.dropFirst())
    for (i, r) in rows.enumerated() where r.count != header.count { throw ParseError.ragged(line: i + 2) }
  }

  init(contentsOf url: URL, separator: Character = "\t") throws {
    try self.init(utf8: [UInt8](try Data(contentsOf: url)), separator: separator.asciiValue ?? 0x09)
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
