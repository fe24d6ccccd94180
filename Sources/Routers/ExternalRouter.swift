public import BenchCore
internal import Foundation

/// A router that ran elsewhere (any language): its per-sample scores or decisions are read from a file keyed by
/// sample id and ranked like a built-in router.
///
/// Accepted files (UTF-8):
/// - CSV with a header `sample_id,<model>,<model>,…` — one score per model (higher = route there); models missing
///   from the header score −∞; or a header `sample_id,model` — one decision per sample.
/// - JSONL, one object per line: `{"sample_id": "...", "scores": {"<model>": 0.3, …}}` or
///   `{"sample_id": "...", "model": "<model>"}`.
/// Sample ids are the benchmark's keys (`<dataset>/<index>`, as in `routerbench export`).
public struct ExternalRouter: Router {
  public static let name = "External"
  public static let family = RouterFamily.external
  public static let summary = "Scores or decisions produced by another program, read from a CSV/JSONL file."

  /// The file and its SHA-256 (part of every run's identity: a rewritten file is a new run).
  public struct Configuration: RouterConfiguration {
    public var name = ""
    public var file = ""
    public var sha256 = ""
    public init() {}
    public init(name: String, file: String, sha256: String) {
      self.name = name
      self.file = file
      self.sha256 = sha256
    }
  }

  public var displayName: String
  public var path: String
  /// Scores by sample id, in the benchmark's model order; filled by `fit`.
  private var table: [String: [Float]] = [:]

  public init(name: String, path: String) {
    displayName = name
    self.path = path
  }

  public init(configuration c: Configuration) { self.init(name: c.name, path: c.file) }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    table = try Self.load(path: path, models: data.benchmark.models.map(\.name), router: displayName)
    // Validate coverage of the rows this run routes (dev and test): every one must have an entry.
    let b = data.benchmark
    let needed = (b.splits[.dev] ?? []) + (b.splits[.test] ?? [])
    let missing = needed.filter { table[b.sampleIDs[$0]] == nil }
    if !missing.isEmpty {
      let examples = missing.prefix(3).map { b.sampleIDs[$0] }.joined(separator: ", ")
      throw RouterError.invalidInput(
        router: displayName,
        message: "\(path) covers \(needed.count - missing.count) of the \(needed.count) dev+test samples; missing \(missing.count), e.g. \(examples)")
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

  /// Parses a score or decision file into per-sample score rows in `models` order.
  static func load(path: String, models: [String], router: String) throws -> [String: [Float]] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw RouterError.invalidInput(router: router, message: "cannot read \(path)")
    }
    let column = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
    var out: [String: [Float]] = [:]
    func fail(_ line: Int, _ msg: String) -> RouterError {
      .invalidInput(router: router, message: "\(path):\(line): \(msg)")
    }
    func oneHot(_ model: String, line: Int) throws -> [Float] {
      guard let j = column[model] else { throw fail(line, "unknown model '\(model)' (models: \(models.joined(separator: ", ")))") }
      var row = [Float](repeating: 0, count: models.count)
      row[j] = 1
      return row
    }
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if path.hasSuffix(".jsonl") || text.first == "{" {
      for (n, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = obj["sample_id"] as? String else { throw fail(n + 1, "expected an object with \"sample_id\"") }
        if out[id] != nil { throw fail(n + 1, "duplicate sample_id \(id)") }
        if let model = obj["model"] as? String {
          out[id] = try oneHot(model, line: n + 1)
        } else if let scores = obj["scores"] as? [String: Any] {
          var row = [Float](repeating: -.infinity, count: models.count)
          for (name, v) in scores {
            guard let j = column[name] else { throw fail(n + 1, "unknown model '\(name)'") }
            guard let x = (v as? NSNumber)?.floatValue, x.isFinite else { throw fail(n + 1, "score for \(name) is not a number") }
            row[j] = x
          }
          out[id] = row
        } else {
          throw fail(n + 1, "expected \"model\" or \"scores\"")
        }
      }
      return out
    }
    guard let headerLine = lines.first else { throw fail(1, "empty file") }
    let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard header.first == "sample_id" else { throw fail(1, "the header must start with sample_id") }
    let decisions = header.count == 2 && header[1] == "model"
    var cols: [Int] = []
    if !decisions {
      for (c, name) in header.enumerated().dropFirst() {
        guard let j = column[name] else { throw fail(1, "column \(c + 1): unknown model '\(name)'") }
        cols.append(j)
      }
    }
    for (n, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard f.count == header.count else { throw fail(n + 1, "\(f.count) fields, header has \(header.count)") }
      let id = f[0]
      if out[id] != nil { throw fail(n + 1, "duplicate sample_id \(id)") }
      if decisions {
        out[id] = try oneHot(f[1], line: n + 1)
      } else {
        var row = [Float](repeating: -.infinity, count: models.count)
        for (c, j) in cols.enumerated() {
          guard let x = Float(f[c + 1]), x.isFinite else { throw fail(n + 1, "column \(c + 2) (\(header[c + 1])): '\(f[c + 1])' is not a number") }
          row[j] = x
        }
        out[id] = row
      }
    }
    return out
  }
}

extension RouterRegistry {
  /// Registers a `NAME=FILE` external router; `sha256` is the file's content hash (it enters the run identity).
  public mutating func registerExternal(name: String, path: String, sha256: String) {
    register(Entry(ExternalRouter.self, named: name, summary: "external scores from \(path)",
                   configuration: .init(name: name, file: path, sha256: sha256)))
  }
}
