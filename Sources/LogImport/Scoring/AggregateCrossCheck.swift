// Reads VLMEvalKit's aggregate score files and compares them with a mean (or count) of per-sample
// scores, so an import can verify that what it recomputed is what VLMEvalKit reported.
//   `_acc.csv`   MCQ: 0–1 (`split, Overall, …`); ImageVQA: 0–100 (`Overall` [, per split/category])
//   `_score.csv` Y/N: 0–100 (`split, aAcc, fAcc, qAcc`); math: 0–100 (`Task&Skill|Subject, tot, prefetch, hit, …`)
//   `_score.json` OCRBench: integer counts, `Final Score` 0–1000, `Final Score Norm` 0–100

public import Foundation

public enum AggregateScale: Sendable, Equatable {
  /// Stored as a fraction in [0, 1] (mean of per-sample scores).
  case fraction
  /// Stored as a percentage: mean × 100.
  case percent
  /// Stored as a count of correct samples (sum), e.g. OCRBench's Final Score out of 1000.
  case count

  /// What VLMEvalKit would store for these per-sample scores (NumPy mean, ×100 applied last).
  public func value(of perSample: [Double]) -> Double {
    switch self {
    case .fraction: return NumPy.mean(perSample)
    case .percent: return NumPy.mean(perSample) * 100
    case .count: return NumPy.sum(perSample)
    }
  }
}

public struct AggregateComparison: Sendable, Equatable {
  public var stored: Double
  public var recomputed: Double
  public var scale: AggregateScale
  public var samples: Int
  public var difference: Double { recomputed - stored }
  /// Bit-for-bit equal doubles.
  public var exact: Bool { stored == recomputed }
  public func agrees(tolerance: Double) -> Bool { abs(difference) <= tolerance }
}

public enum AggregateFiles {
  /// A small CSV file (RFC 4180 quoting, as pandas' `to_csv(quoting=QUOTE_ALL)` writes) as header + rows.
  public struct Table: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public func value(row: Int, column: String) -> String? {
      guard let c = header.firstIndex(of: column), row < rows.count, c < rows[row].count else { return nil }
      return rows[row][c]
    }
    /// Index of the first row whose first column equals `key`.
    public func row(whereFirstColumnIs key: String) -> Int? { rows.firstIndex { $0.first == key } }
  }

  public static func readCSV(_ url: URL) throws -> Table {
    let file = url.path
    try requireRegularFile(url, displayPath: file)
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ImportFormatError(.io, file: file, "cannot read: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ImportFormatError(.invalidUTF8, file: file, "not UTF-8")
    }
    var records: [[String]] = []
    var field = ""
    var record: [String] = []
    var inQuotes = false
    var afterQuote = false
    var line = 1
    var it = Array(text.unicodeScalars)
    if it.first == "\u{FEFF}" { it.removeFirst() }
    var i = 0
    func endField() { record.append(field); field = ""; afterQuote = false }
    while i < it.count {
      let c = it[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < it.count && it[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else {
            inQuotes = false
            afterQuote = true
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        guard field.isEmpty && !afterQuote else {
          throw ImportFormatError(.invalidRecord, file: file, row: line, "stray quote")
        }
        inQuotes = true
      } else if c == "," {
        endField()
      } else if c == "\n" || c == "\r" {
        if c == "\r" && i + 1 < it.count && it[i + 1] == "\n" { i += 1 }
        endField()
        records.append(record)
        record = []
        line += 1
      } else {
        guard !afterQuote else { throw ImportFormatError(.invalidRecord, file: file, row: line, "text after closing quote") }
        field.unicodeScalars.append(c)
      }
      i += 1
    }
    if inQuotes { throw ImportFormatError(.invalidRecord, file: file, row: line, "unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty || afterQuote { endField(); records.append(record) }
    guard let header = records.first else { throw ImportFormatError(.invalidRecord, file: file, "empty CSV") }
    let rows = Array(records.dropFirst())
    for (k, r) in rows.enumerated() where r.count != header.count {
      throw ImportFormatError(.invalidRecord, file: file, row: k + 2,
                              "\(r.count) fields, header has \(header.count)")
    }
    return Table(header: header, rows: rows)
  }

  static func number(_ s: String?, file: String, what: String) throws -> Double {
    guard let s, let v = PythonText.float(s) else {
      throw ImportFormatError(.invalidRecord, file: file, column: what, "not a number: \(s ?? "missing")")
    }
    return v
  }

  /// `Overall` from an `_acc.csv` (MCQ: the row of `split`, default the first; ImageVQA: the only row).
  public static func overallAccuracy(_ url: URL, split: String? = nil) throws -> Double {
    let t = try readCSV(url)
    var row = 0
    if let split {
      guard let c = t.header.firstIndex(of: "split"), let r = t.rows.firstIndex(where: { $0[c] == split }) else {
        throw ImportFormatError(.invalidRecord, file: url.path, column: "split", "no row for split \"\(split)\"")
      }
      row = r
    }
    guard !t.rows.isEmpty else { throw ImportFormatError(.invalidRecord, file: url.path, "no data row") }
    return try number(t.value(row: row, column: "Overall"), file: url.path, what: "Overall")
  }

  /// MathVista / MathVision `_score.csv`: the Overall row's `tot`, `hit` and `acc` (0–100).
  public static func mathOverall(_ url: URL) throws -> (total: Int, hit: Int, acc: Double) {
    try mathOverall(try readCSV(url), file: url.path)
  }

  static func mathOverall(_ t: Table, file: String) throws -> (total: Int, hit: Int, acc: Double) {
    guard let r = t.row(whereFirstColumnIs: "Overall") else {
      throw ImportFormatError(.invalidRecord, file: file, "no Overall row")
    }
    let tot = try number(t.value(row: r, column: "tot"), file: file, what: "tot")
    let hit = try number(t.value(row: r, column: "hit"), file: file, what: "hit")
    let acc = try number(t.value(row: r, column: "acc"), file: file, what: "acc")
    return (Int(tot), Int(hit), acc)
  }

  /// An aggregate table: `.csv` by `readCSV`; `.xlsx` / `.tsv` (MMMU's Dec-2023 `_acc.xlsx`) by the per-sample
  /// readers, every cell as text.
  static func readTable(_ url: URL, ext: String, displayPath: String) throws -> Table {
    if ext == "csv" { return try readCSV(url) }
    let reader = try TableReaders.standard.reader(for: url, displayPath: displayPath)
    var header: [String] = []
    var rows: [[String]] = []
    _ = try reader.read(url, displayPath: displayPath, header: { cells in
      header = cells
      return nil
    }, row: { row in
      rows.append((0..<row.count).map { row[$0] })
    })
    return Table(header: header, rows: rows)
  }

  /// A numeric field of a JSON object file (OCRBench `_score.json`: "Final Score", …).
  public static func jsonNumber(_ url: URL, key: String) throws -> Double {
    try requireRegularFile(url, displayPath: url.path)
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ImportFormatError(.io, file: url.path, "cannot read: \(error.localizedDescription)")
    }
    guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ImportFormatError(.invalidRecord, file: url.path, "not a JSON object")
    }
    guard let v = obj[key] as? NSNumber else {
      throw ImportFormatError(.invalidRecord, file: url.path, column: key, "missing or not a number")
    }
    return v.doubleValue
  }

  /// Compares a stored aggregate with per-sample scores on the given scale.
  public static func compare(stored: Double, perSample: [Double], scale: AggregateScale) -> AggregateComparison {
    AggregateComparison(stored: stored, recomputed: scale.value(of: perSample), scale: scale, samples: perSample.count)
  }
}
