/// A strict reader of the preset's CSV resources (RFC 4180 on one line per record).
///
/// Rules, each violation a `PresetError` with file, line and column: `\n` line ends only (no CR); one final newline
/// allowed, no blank lines; the header must be exactly the expected column names; every row has exactly as many
/// fields as the header; a field may be double-quoted (`""` inside is a quote) but a quoted field must close on its
/// line and be followed by a comma or the line end. Nothing is skipped.
struct StrictCSV {
  let file: String
  let header: [String]
  let rows: [Row]

  /// One record: its fields, where each field starts, and its line.
  struct Row {
    let file: String
    let header: [String]
    let line: Int
    let fields: [String]
    /// 1-based character column of each field's first character (of its opening quote when quoted).
    let columns: [Int]

    private func index(_ name: String) -> Int {
      guard let i = header.firstIndex(of: name) else { preconditionFailure("\(file) has no column \(name)") }
      return i
    }

    /// An error at the field `name` of this row.
    func error(_ name: String, _ message: String) -> PresetError {
      let i = index(name)
      return PresetError(file: file, line: line, column: columns[i], field: name, message: message)
    }

    /// The field, which must not be empty.
    func string(_ name: String) throws(PresetError) -> String {
      let v = fields[index(name)]
      guard !v.isEmpty else { throw error(name, "empty; a value is required") }
      return v
    }

    /// The field as a finite number; empty is an error.
    func double(_ name: String) throws(PresetError) -> Double {
      let text = try string(name)
      guard let v = Double(text), v.isFinite else { throw error(name, "'\(text)' is not a number") }
      return v
    }

    /// The field as a finite number, or nil when empty.
    func optionalDouble(_ name: String) throws(PresetError) -> Double? {
      fields[index(name)].isEmpty ? nil : try double(name)
    }

    /// The field as a non-negative number, or nil when empty.
    func optionalNonNegative(_ name: String) throws(PresetError) -> Double? {
      guard let v = try optionalDouble(name) else { return nil }
      guard v >= 0 else { throw error(name, "\(v) is negative") }
      return v
    }

    func nonNegative(_ name: String) throws(PresetError) -> Double {
      let v = try double(name)
      guard v >= 0 else { throw error(name, "\(v) is negative") }
      return v
    }

    /// The field as a whole number ≥ `minimum`.
    func int(_ name: String, minimum: Int = 0) throws(PresetError) -> Int {
      let text = try string(name)
      guard let v = Int(text) else { throw error(name, "'\(text)' is not a whole number") }
      guard v >= minimum else { throw error(name, "\(v) is below \(minimum)") }
      return v
    }

    /// The field as one of `values` (by raw value).
    func choice<T: RawRepresentable>(_ name: String, as: T.Type, allowed: [T]) throws(PresetError) -> T
    where T.RawValue == String {
      let text = try string(name)
      guard let v = T(rawValue: text), allowed.contains(where: { $0.rawValue == v.rawValue }) else {
        throw error(name, "'\(text)' is not one of " + allowed.map { "'\($0.rawValue)'" }.joined(separator: ", "))
      }
      return v
    }
  }

  init(_ text: String, file: String, header expected: [String]) throws(PresetError) {
    self.file = file
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    guard let first = lines.first else {
      throw PresetError(file: file, line: 1, column: 1, message: "empty file; expected the header "
                          + expected.joined(separator: ","))
    }
    let (names, starts) = try Self.fields(of: first, line: 1, file: file)
    for (i, name) in expected.enumerated() {
      guard i < names.count else {
        throw PresetError(file: file, line: 1, column: first.unicodeScalars.count + 1,
                          message: "header ends before column '\(name)'; expected " + expected.joined(separator: ","))
      }
      guard names[i] == name else {
        throw PresetError(file: file, line: 1, column: starts[i], field: name,
                          message: "header column \(i + 1) is '\(names[i])', expected '\(name)'")
      }
    }
    guard names.count == expected.count else {
      throw PresetError(file: file, line: 1, column: starts[expected.count],
                        message: "header has \(names.count) columns, expected \(expected.count): "
                          + expected.joined(separator: ","))
    }
    header = expected
    var rows: [Row] = []
    rows.reserveCapacity(lines.count - 1)
    for (n, line) in lines.enumerated().dropFirst() {
      let number = n + 1
      guard !line.isEmpty else {
        throw PresetError(file: file, line: number, column: 1, message: "blank line")
      }
      let (fields, columns) = try Self.fields(of: line, line: number, file: file)
      guard fields.count == expected.count else {
        let column = fields.count > expected.count ? columns[expected.count] : line.unicodeScalars.count + 1
        let field = fields.count > expected.count ? nil : expected[fields.count]
        throw PresetError(file: file, line: number, column: column, field: field,
                          message: "\(fields.count) fields, expected \(expected.count) ("
                            + expected.joined(separator: ",") + ")")
      }
      rows.append(Row(file: file, header: expected, line: number, fields: fields, columns: columns))
    }
    self.rows = rows
  }

  /// Splits one line into fields, with the 1-based column each starts at.
  static func fields(of line: Substring, line number: Int, file: String) throws(PresetError)
    -> (fields: [String], columns: [Int])
  {
    var fields: [String] = [], columns: [Int] = []
    let scalars = Array(line.unicodeScalars)
    var i = 0
    func fail(_ at: Int, _ message: String) -> PresetError {
      PresetError(file: file, line: number, column: at + 1, message: message)
    }
    while true {
      columns.append(i + 1)
      var field = String.UnicodeScalarView()
      if i < scalars.count, scalars[i] == "\"" {
        let open = i
        i += 1
        var closed = false
        while i < scalars.count {
          if scalars[i] == "\"" {
            if i + 1 < scalars.count, scalars[i + 1] == "\"" {
              field.append("\"")
              i += 2
              continue
            }
            closed = true
            i += 1
            break
          }
          field.append(scalars[i])
          i += 1
        }
        guard closed else { throw fail(open, "quoted field is not closed on its line") }
        guard i == scalars.count || scalars[i] == "," else {
          throw fail(i, "unexpected '\(scalars[i])' after a closing quote (expected ',' or the line end)")
        }
      } else {
        while i < scalars.count, scalars[i] != "," {
          if scalars[i] == "\r" { throw fail(i, "carriage return (the preset's files use \\n line ends)") }
          if scalars[i] == "\"" { throw fail(i, "quote inside an unquoted field") }
          field.append(scalars[i])
          i += 1
        }
      }
      fields.append(String(field))
      if i == scalars.count { break }
      i += 1  // the comma
    }
    return (fields, columns)
  }
}
