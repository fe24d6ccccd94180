public import BenchCore
internal import Foundation

/// A router that ran elsewhere (any language): its per-sample scores or decisions are read from a file keyed by
/// sample id and ranked like a built-in router.
///
/// Accepted files (UTF-8; docs/interchange.md):
/// - CSV with a header `sample_id,<model>,<model>,…` — one score per model (higher = route there; models missing
///   from the header score −∞) — or `sample_id,model` — one decision per sample. A leading unnamed index column
///   (pandas' default `to_csv`: header `,sample_id,…` or `Unnamed: 0,…`, integer cells) is skipped. Fields may be
///   quoted (RFC 4180).
/// - JSONL, one object per line: flat `{"sample_id": "...", "<model>": 0.3, …}` (pandas'
///   `to_json(orient="records", lines=True)`), `{"sample_id": "...", "scores": {"<model>": 0.3, …}}` or
///   `{"sample_id": "...", "model": "<model>"}`.
///
/// **Operating points.** A `threshold` or `lambda` column (CSV) or key (JSONL) gives each row an operating point:
/// the file then holds one routing per value (e.g. a RouteLLM-style router at several thresholds), and the router
/// runs once per value, with the value as the run's λ — so it gets operating points and a frontier like the
/// built-in λ-swept routers. Values must be numbers ≥ 0 (`inf` allowed for `lambda`).
///
/// Sample ids are the benchmark's keys (`<dataset>/<index>`, as in `routerbench export`). Anything else — a JSON
/// array, pandas' default column-oriented JSON, a missing `sample_id`, an unknown model, a non-numeric or null
/// score, a duplicate (sample, operating point) — is an error naming the file, the line and the field.
public struct ExternalRouter: Router {
  public static let name = "External"
  public static let family = RouterFamily.external
  public static let summary = "Scores or decisions produced by another program, read from a CSV/JSONL file."

  /// The file and its SHA-256 (part of every run's identity: a rewritten file is a new run).
  public struct Configuration: RouterConfiguration {
    public var name = ""
    public var file = ""
    public var sha256 = ""
    /// The file's operating-point column (`threshold` or `lambda`), if it has one; absent from the canonical JSON
    /// otherwise, so files without one keep their identities.
    public var axis: String?
    public init() {}
    public init(name: String, file: String, sha256: String, axis: String? = nil) {
      self.name = name
      self.file = file
      self.sha256 = sha256
      self.axis = axis
    }
  }

  public var displayName: String
  public var path: String
  /// Scores by sample id, in the benchmark's model order, of this run's operating point; filled by `fit`.
  private var table: [String: [Float]] = [:]
  private var point: Lambda = .notApplicable
  private var axis: String?

  public init(name: String, path: String) {
    displayName = name
    self.path = path
  }

  public init(configuration c: Configuration) { self.init(name: c.name, path: c.file) }

  public var fitReport: [String: String] {
    guard let axis else { return [:] }
    return ["operating_point": "\(axis)=\(point.label)"]
  }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    let file = try ExternalScoreFile(path: path, router: displayName)
    let all = try file.table(models: data.benchmark.models.map(\.name))
    axis = file.axis
    if file.axis != nil {
      guard let p = Lambda(objective.lambda), let t = all[p] else {
        throw RouterError.invalidInput(router: displayName,
                                       message: "\(path) has no rows at \(file.axis ?? "λ") = \(shortNumber(objective.lambda))")
      }
      point = p
      table = t
    } else {
      table = all[.notApplicable] ?? [:]
    }
    // Validate coverage of the rows this run routes (dev and test): every one must have an entry.
    let b = data.benchmark
    let needed = (b.splits[.dev] ?? []) + (b.splits[.test] ?? [])
    let missing = needed.filter { table[b.sampleIDs[$0]] == nil }
    if !missing.isEmpty {
      let examples = missing.prefix(3).map { b.sampleIDs[$0] }.joined(separator: ", ")
      let at = file.axis.map { " at \($0) = \(point.label)" } ?? ""
      throw RouterError.invalidInput(
        router: displayName,
        message: "\(path) covers \(needed.count - missing.count) of the \(needed.count) dev+test samples\(at); missing \(missing.count), e.g. \(examples)")
    }
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard !table.isEmpty else { throw RouterError.notFitted(displayName) }
    let k = inputs.samples.modelCount
    var m = Matrix<Float>(rows: inputs.rows.count, columns: k, repeating: -.infinity)
    for (r, i) in inputs.rows.enumerated() {
      guard let s = table[inputs.samples.sampleIDs[i]] else {
        throw RouterError.invalidInput(router: displayName, message: "\(path) has no entry for \(inputs.samples.sampleIDs[i])")
      }
      for j in 0..<k { m[r, j] = s[j] }
    }
    return m
  }

  /// Parses a score or decision file into per-sample score rows in `models` order (files without an
  /// operating-point axis; tests and callers that need one table).
  static func load(path: String, models: [String], router: String) throws -> [String: [Float]] {
    let file = try ExternalScoreFile(path: path, router: router)
    return try file.table(models: models).values.first ?? [:]
  }
}

/// A parsed external score file, before its model names are matched to a benchmark.
struct ExternalScoreFile {
  /// One row: a sample at an operating point, with scores by model name or one decision.
  struct Row {
    var line: Int
    var sampleID: String
    var point: Lambda
    enum Content {
      case scores([(model: String, column: String, value: Float)])
      case decision(String)
    }
    var content: Content
  }

  static let axes = ["threshold", "lambda"]

  let path: String
  let router: String
  /// `threshold` or `lambda` when the file has an operating-point column.
  var axis: String?
  var rows: [Row] = []

  func fail(_ line: Int, _ msg: String) -> RouterError { .invalidInput(router: router, message: "\(path):\(line): \(msg)") }

  init(path: String, router: String) throws {
    self.path = path
    self.router = router
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RouterError.invalidInput(router: router, message: "cannot read \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw RouterError.invalidInput(router: router, message: "\(path) is not UTF-8 text")
    }
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
      .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    let first = body.first { !$0.isWhitespace }
    if first == "[" {
      throw fail(1, "a JSON array; write one object per line (pandas: df.to_json(path, orient=\"records\", lines=True))")
    }
    if path.hasSuffix(".jsonl") || path.hasSuffix(".json") || first == "{" {
      try parseJSONL(lines)
    } else if path.hasSuffix(".tsv") || (lines.first?.contains("\t") == true && lines.first?.contains(",") == false) {
      throw fail(1, "tab-separated; write CSV (pandas: df.to_csv(path)) or JSONL")
    } else {
      try parseCSV(lines)
    }
  }

  /// The operating point of a cell: a number ≥ 0, `inf` for λ.
  func point(_ text: String, line: Int, axis: String) throws -> Lambda {
    guard let l = Lambda(parsing: text), l.isApplicable else {
      throw fail(line, "\(axis) '\(text)' is not a number ≥ 0 (operating points are stored as the run's λ)")
    }
    if axis == "threshold", l == .infinity { throw fail(line, "threshold 'inf' is not a finite number") }
    return l
  }

  mutating func parseJSONL(_ lines: [Substring]) throws {
    for (n, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
      let no = n + 1
      guard let any = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) else {
        throw fail(no, "not valid JSON (one object per line)")
      }
      guard let obj = any as? [String: Any] else { throw fail(no, "expected a JSON object per line") }
      guard let rawID = obj["sample_id"] else { throw fail(no, "expected an object with \"sample_id\"") }
      if rawID is [String: Any] {
        throw fail(no, "\"sample_id\" holds an object: this is pandas' default column-oriented JSON; write one object "
                     + "per row (df.to_json(path, orient=\"records\", lines=True))")
      }
      guard let id = rawID as? String else { throw fail(no, "\"sample_id\" must be a string (<dataset>/<index>)") }
      let axes = Self.axes.filter { obj[$0] != nil }
      if axes.count > 1 { throw fail(no, "both \"threshold\" and \"lambda\": give one operating-point key") }
      var p = Lambda.notApplicable
      if let a = axes.first {
        if rows.isEmpty { axis = a }
        guard axis == a else { throw fail(no, "\"\(a)\", but earlier lines have \(axis.map { "\"\($0)\"" } ?? "no operating point")") }
        let v = obj[a]!
        let text: String
        if let s = v as? String { text = s } else if let x = (v as? NSNumber), type(of: v) != Bool.self { text = "\(x.doubleValue)" } else {
          throw fail(no, "\"\(a)\" must be a number")
        }
        p = try point(text, line: no, axis: a)
      } else if axis != nil {
        throw fail(no, "no \"\(axis!)\", but earlier lines have one")
      }
      if let model = obj["model"] {
        guard let m = model as? String else { throw fail(no, "\"model\" must be a model name") }
        let extra = obj.keys.filter { $0 != "sample_id" && $0 != "model" && !Self.axes.contains($0) }
        if !extra.isEmpty { throw fail(no, "a decision (\"model\") with other keys: \(extra.sorted().joined(separator: ", "))") }
        rows.append(Row(line: no, sampleID: id, point: p, content: .decision(m)))
        continue
      }
      var cells: [(String, String, Float)] = []
      let source: [String: Any]
      if let nested = obj["scores"] {
        guard let s = nested as? [String: Any] else { throw fail(no, "\"scores\" must be an object {model: score}") }
        source = s
      } else {
        source = obj.filter { $0.key != "sample_id" && !Self.axes.contains($0.key) }
      }
      guard !source.isEmpty else { throw fail(no, "expected \"model\", \"scores\" or one score per model") }
      for (name, v) in source.sorted(by: { $0.key < $1.key }) {
        if v is NSNull { throw fail(no, "score for \(name) is null (a NaN in pandas?)") }
        guard let x = (v as? NSNumber)?.floatValue, type(of: v) != Bool.self, x.isFinite else {
          throw fail(no, "score for \(name) is not a number")
        }
        cells.append((name, name, x))
      }
      rows.append(Row(line: no, sampleID: id, point: p, content: .scores(cells)))
    }
  }

  /// RFC 4180 fields of one line (quotes around a field; `""` inside is a quote).
  func fields(_ line: Substring, no: Int) throws -> [String] {
    var out: [String] = []
    var field = ""
    var quoted = false, wasQuoted = false
    var i = line.startIndex
    while i < line.endIndex {
      let c = line[i]
      if quoted {
        if c == "\"" {
          let next = line.index(after: i)
          if next < line.endIndex, line[next] == "\"" {
            field.append("\"")
            i = next
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "," {
        out.append(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
        field = ""
        wasQuoted = false
      } else if c == "\"" && field.allSatisfy(\.isWhitespace) {
        quoted = true
        wasQuoted = true
        field = ""
      } else {
        field.append(c)
      }
      i = line.index(after: i)
    }
    if quoted { throw fail(no, "a quoted field is not closed") }
    out.append(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
    return out
  }

  mutating func parseCSV(_ lines: [Substring]) throws {
    guard let headerLine = lines.first, !headerLine.allSatisfy(\.isWhitespace) else { throw fail(1, "empty file") }
    var header = try fields(headerLine, no: 1)
    // pandas' default to_csv writes the index first, under an empty name ("Unnamed: 0" after a round trip).
    let indexColumn = header.count > 1 && (header[0].isEmpty || header[0].hasPrefix("Unnamed: ") || header[0] == "index")
      && header[1] == "sample_id"
    if indexColumn { header.removeFirst() }
    guard header.first == "sample_id" else {
      throw fail(1, "the header must start with sample_id (optionally after pandas' unnamed index column); got '\(header.first ?? "")'")
    }
    let axisColumns = header.enumerated().filter { Self.axes.contains($0.element) }
    if axisColumns.count > 1 { throw fail(1, "both threshold and lambda columns: give one operating-point column") }
    axis = axisColumns.first?.element
    let axisIndex = axisColumns.first?.offset
    let rest = header.enumerated().filter { $0.offset != 0 && $0.offset != axisIndex }
    let decisions = rest.count == 1 && rest[0].element == "model"
    if rest.isEmpty { throw fail(1, "no score columns (one per model) and no model column") }
    var seenNames = Set<String>()
    for (c, name) in rest where !seenNames.insert(name).inserted {
      throw fail(1, "column \(c + 1 + (indexColumn ? 1 : 0)): '\(name)' appears twice")
    }
    for (n, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
      let no = n + 1
      var f = try fields(line, no: no)
      if indexColumn {
        guard f.count == header.count + 1 else { throw fail(no, "\(f.count) fields, header has \(header.count + 1)") }
        guard Int(f[0]) != nil else { throw fail(no, "index column: '\(f[0])' is not an integer (pandas' row index)") }
        f.removeFirst()
      }
      guard f.count == header.count else { throw fail(no, "\(f.count) fields, header has \(header.count)") }
      let p = try axisIndex.map { try point(f[$0], line: no, axis: axis!) } ?? .notApplicable
      if decisions {
        rows.append(Row(line: no, sampleID: f[0], point: p, content: .decision(f[rest[0].offset])))
        continue
      }
      var cells: [(String, String, Float)] = []
      for (c, name) in rest {
        guard let x = Float(f[c]), x.isFinite else {
          let shown = c + 1 + (indexColumn ? 1 : 0)
          throw fail(no, "column \(shown) (\(name)): '\(f[c])' is not a number")
        }
        cells.append((name, "column \(c + 1 + (indexColumn ? 1 : 0))", x))
      }
      rows.append(Row(line: no, sampleID: f[0], point: p, content: .scores(cells)))
    }
  }

  /// The operating points of the file in ascending order (`[.notApplicable]` without an axis).
  var points: [Lambda] { Array(Set(rows.map(\.point))).sorted() }

  /// Score rows by operating point and sample id, in `models` order.
  func table(models: [String]) throws -> [Lambda: [String: [Float]]] {
    let column = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
    var out: [Lambda: [String: [Float]]] = [:]
    for r in rows {
      if out[r.point]?[r.sampleID] != nil {
        let at = axis.map { " at \($0) = \(r.point.label)" } ?? ""
        throw fail(r.line, "duplicate sample_id \(r.sampleID)\(at)")
      }
      var row: [Float]
      switch r.content {
      case .decision(let m):
        guard let j = column[m] else { throw fail(r.line, "unknown model '\(m)' (models: \(models.joined(separator: ", ")))") }
        row = [Float](repeating: 0, count: models.count)
        row[j] = 1
      case .scores(let cells):
        row = [Float](repeating: -.infinity, count: models.count)
        for (name, where_, x) in cells {
          guard let j = column[name] else {
            let place = where_ == name ? "" : "\(where_): "
            throw fail(r.line, "\(place)unknown model '\(name)' (models: \(models.joined(separator: ", ")))")
          }
          row[j] = x
        }
      }
      out[r.point, default: [:]][r.sampleID] = row
    }
    return out
  }
}

extension RouterRegistry {
  /// Registers a `NAME=FILE` external router; `sha256` is the file's content hash (it enters the run identity).
  /// A file with a `threshold` or `lambda` column runs once per value (`Entry.operatingPoints`).
  public mutating func registerExternal(name: String, path: String, sha256: String) throws {
    let file = try ExternalScoreFile(path: path, router: name)
    var entry = Entry(ExternalRouter.self, named: name, summary: "external scores from \(path)",
                      configuration: .init(name: name, file: path, sha256: sha256, axis: file.axis))
    if file.axis != nil {
      entry.dependsOnLambda = true
      entry.operatingPoints = file.points
    }
    register(entry)
  }
}
