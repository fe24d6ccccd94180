internal import BenchCore
public import BenchStore
public import Foundation

/// Options of one multi-metric import (`routerbench multimetric import`; docs/multimetric.md, "Data formats").
public struct MultiMetricImportOptions: Sendable {
  /// The quality file: `.csv`, `.tsv` or `.jsonl`.
  public var file: URL
  /// nil: recognised from the header (a `model` column → long; otherwise wide).
  public var layout: GradedLayout?
  /// `metrics.csv` (`metric, higher_is_better, weight, description`); without it every metric is higher-is-better
  /// with weight 1.
  public var metricsFile: URL?
  /// `.npy` feature files (ids in `sample_ids.txt` beside them), stored in the same transaction.
  public var features: [URL]
  /// `models.csv` (`model, display_name, params_b, tier`).
  public var modelsFile: URL?
  /// Models stored with tier `edge`.
  public var edgeModels: [String]
  public var missing: MissingPolicy
  public var imageTokens: Int
  public var tokenCounter: any TokenCounter
  /// Seed of the VL-RouterBench default split stored beside the data.
  public var splitSeed: UInt64
  public var preset: String?
  public var simulated: Bool?
  /// Paths in errors and in `importedFile` are relative to this directory (default: the quality file's).
  public var root: URL?

  public init(file: URL, layout: GradedLayout? = nil, metricsFile: URL? = nil, features: [URL] = [],
              modelsFile: URL? = nil, edgeModels: [String] = [], missing: MissingPolicy = .refuse,
              imageTokens: Int = 256, tokenCounter: any TokenCounter = ApproximateTokenCounter(),
              splitSeed: UInt64 = 42, preset: String? = nil, simulated: Bool? = nil, root: URL? = nil) {
    self.file = file
    self.layout = layout
    self.metricsFile = metricsFile
    self.features = features
    self.modelsFile = modelsFile
    self.edgeModels = edgeModels
    self.missing = missing
    self.imageTokens = imageTokens
    self.tokenCounter = tokenCounter
    self.splitSeed = splitSeed
    self.preset = preset
    self.simulated = simulated
    self.root = root
  }
}

/// What a multi-metric import did.
public struct MultiMetricImportSummary: Sendable, Hashable {
  public var layout: GradedLayout
  public var wrote: Bool
  public var metrics: [String] = []
  public var rowsRead = 0
  public var recordsImported = 0
  public var samples = 0, models = 0, records = 0
  public var droppedSamples: [String] = []
  public var droppedModels: [String] = []
  public var featureSets: [String] = []
  public var notes: [String] = []
}

/// Imports multi-metric quality — M named metric values per (sample, model), RouteT2I's quality vector — in the
/// long or wide layout of the graded import with one column per metric (`metric:NAME` in the long layout,
/// `metric:NAME:MODEL` in the wide one), atomically and idempotently. Errors are `ImportError`s naming the file,
/// row and column.
public enum MultiMetricImport {
  public static let metricPrefix = "metric:"
  public static let longRequired = ["sample_id", "dataset", "model"]
  public static let longOptional = ["input_tokens", "output_tokens", "prompt", "image", "latency_s"]

  public static func run(_ o: MultiMetricImportOptions, into store: BenchStore) throws -> MultiMetricImportSummary {
    let root = o.root ?? o.file.deletingLastPathComponent()
    let display = WorkDirectoryScanner.relative(o.file, to: root)
    let table = try GradedImport.readTable(o.file, display: display)
    let declared = try o.metricsFile.map { try readMetricsFile($0, root: root) }
    let parsed = try parse(table, display: display, layout: o.layout, declared: declared)
    let modelInfo = try o.modelsFile.map { try GradedImport.readModelsFile($0, root: root) } ?? [:]
    let features = try o.features.map { url throws(ImportError) in
      try GroupParser.readFeatures(url, ids: nil, name: nil, root: root)
    }
    for name in o.edgeModels where !parsed.models.contains(name) && modelInfo[name] == nil {
      throw ImportError(.usage, "--edge names model '\(name)', which \(display) does not score (models: "
                          + parsed.models.joined(separator: ", ") + ")")
    }
    let now = ISO8601DateFormatter().string(from: Date())
    let metricsDisplay = o.metricsFile.map { WorkDirectoryScanner.relative($0, to: root) }

    return try store.transaction { tx in
      var summary = MultiMetricImportSummary(layout: parsed.layout, wrote: false)
      summary.rowsRead = table.rows.count
      summary.metrics = parsed.catalog.map(\.name)
      let stored = try tx.importedFile(path: display)
      let featuresUnchanged = try features.allSatisfy { try tx.importedFile(path: $0.path)?.sha256 == $0.sha256 }
      let catalogUnchanged = try tx.metricCatalog() == parsed.catalog
      if let stored, stored.sha256 == table.sha256, stored.kind == "multimetric", featuresUnchanged, catalogUnchanged {
        (summary.samples, summary.models, summary.records) = try GradedImport.storeCounts(tx)
        summary.notes.append("\(display) was imported before with the same content; nothing written")
        return summary
      }
      summary.wrote = true
      let before = try tx.metricCatalog()
      if !before.isEmpty, before.map(\.name) != parsed.catalog.map(\.name) {
        throw ImportError(.badValue, "the database holds metrics " + before.map(\.name).joined(separator: ", ")
                            + "; this file has " + parsed.catalog.map(\.name).joined(separator: ", ")
                            + " (one catalog per database: import into another --db)", file: metricsDisplay ?? display,
                          row: 1)
      }
      try tx.setMetricCatalog(parsed.catalog)

      let knownDatasets = try tx.datasets()
      var position = knownDatasets.count
      for d in parsed.datasets where !knownDatasets.contains(where: { $0.info.name == d }) {
        _ = try tx.ensureDataset(DatasetInfo(name: d, displayName: d, group: .other, answerType: .unknown),
                                 position: position)
        position += 1
      }
      var modelIDs: [String: Int64] = [:]
      for m in parsed.models { modelIDs[m] = try tx.ensureModel(modelInfo[m] ?? ModelInfo(name: m, displayName: m)) }
      for (name, info) in modelInfo where parsed.models.contains(name) { try tx.setTier(info.tier, ofModel: name) }
      for name in o.edgeModels { try tx.setTier(.edge, ofModel: name) }

      try tx.upsertSamples(parsed.samples.map { s in
        SampleRow(dataset: s.dataset, sourceIndex: s.index, prompt: s.prompt, imageRef: s.image,
                  inputTokens: s.inputTokens ?? (o.tokenCounter.count(s.prompt) + (s.image == nil ? 0 : o.imageTokens)))
      })
      let fileID = try tx.recordImportedFile(ImportedFile(path: display, sha256: table.sha256, kind: "multimetric",
                                                          rows: table.rows.count, importedAt: now))
      let index = try tx.sampleIndex()
      // The VL-RouterBench view's score: the weighted mean of each metric min–max scaled over this file (flipped
      // when lower is better); correct = score ≥ ½.
      let m = parsed.catalog.count
      var lo = [Double](repeating: .infinity, count: m), hi = [Double](repeating: -.infinity, count: m)
      for c in parsed.cells {
        for j in 0..<m {
          lo[j] = min(lo[j], c.values[j])
          hi[j] = max(hi[j], c.values[j])
        }
      }
      let totalWeight = parsed.catalog.reduce(0.0) { $0 + $1.weight }
      var records: [MetricRecordRow] = []
      for c in parsed.cells {
        guard let sample = index[SampleRow.key(dataset: c.dataset, index: c.index)], let model = modelIDs[c.model]
        else { continue }
        var s = 0.0
        for j in 0..<m {
          var u = hi[j] > lo[j] ? (c.values[j] - lo[j]) / (hi[j] - lo[j]) : 0.5
          if !parsed.catalog[j].higherIsBetter { u = 1 - u }
          s += parsed.catalog[j].weight * u
        }
        let score = min(1, max(0, s / totalWeight))
        records.append(MetricRecordRow(sampleId: sample.id, modelId: model, values: c.values, score: score,
                                       correct: score >= 0.5, latencySeconds: c.latency,
                                       outputTokens: Int32(clamping: c.outputTokens ?? 0), sourceFileId: fileID,
                                       sourceRow: Int32(c.row)))
      }
      try tx.writeMetricRecords(records, catalog: parsed.catalog)
      summary.recordsImported = records.count

      let end = try GradedImport.finish(
        tx, matrix: "quality", fix: "Give every model's metrics on every sample", file: display, missing: o.missing,
        splitSeed: o.splitSeed, correctThreshold: "0.5", preset: o.preset, simulated: o.simulated,
        features: features, importedAt: now)
      (summary.droppedSamples, summary.droppedModels, summary.featureSets) = (end.droppedSamples, end.droppedModels,
                                                                             end.featureSets)
      (summary.samples, summary.models, summary.records) = try GradedImport.storeCounts(tx)
      return summary
    }
  }

  // MARK: Parsing

  struct Cell {
    var dataset: String
    var index: String
    var model: String
    var values: [Double]
    var latency: Double?
    var outputTokens: Int?
    var row: Int
  }

  struct Parsed {
    var layout: GradedLayout
    var catalog: [StoredMetric]
    var datasets: [String]
    var models: [String]
    var samples: [GradedImport.Sample]
    var cells: [Cell]
  }

  /// A metric column's name: non-empty, no `:` or `,`.
  static func metricName(_ s: String, display: String, column: String) throws(ImportError) -> String {
    guard !s.isEmpty, !s.contains(":"), !s.contains(","), s.trimmingCharacters(in: .whitespaces) == s else {
      throw ImportError(.badValue, "'\(s)' is not a metric name (non-empty, without ':' or ',')", file: display, row: 1,
                        column: column)
    }
    return s
  }

  static func value(_ text: String, display: String, row: Int, column: String) throws(ImportError) -> Double {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let v = Double(t), v.isFinite else {
      throw ImportError(.badValue, t.isEmpty ? "empty metric value" : "metric value '\(t)' is not a finite number",
                        file: display, row: row, column: column)
    }
    return v
  }

  static func parse(_ t: GradedImport.Table, display: String, layout: GradedLayout?, declared: [StoredMetric]?)
    throws(ImportError) -> Parsed
  {
    let chosen = layout ?? (t.header.contains("model") ? .long : .wide)
    var b = GradedImport.Builder(display: display)
    var cells: [Cell] = []
    var metricOrder: [String] = []
    var seen: [String: Int] = [:]
    var at: [String: Int] = [:]
    for (i, name) in t.header.enumerated() where at.updateValue(i, forKey: name) != nil {
      throw ImportError(.duplicate, "column '\(name)' appears twice", file: display, row: 1, column: name)
    }
    func cell(_ r: [String], _ i: Int?) -> String { i.map { $0 < r.count ? r[$0] : "" } ?? "" }
    switch chosen {
    case .long:
      var metricColumn: [Int] = []
      for (i, name) in t.header.enumerated() {
        if name.hasPrefix(metricPrefix) {
          metricOrder.append(try metricName(String(name.dropFirst(metricPrefix.count)), display: display, column: name))
          metricColumn.append(i)
        } else if !(longRequired + longOptional).contains(name) {
          throw ImportError(.badValue, "unknown column '\(name)' in the long layout (columns: "
                              + (longRequired + longOptional).joined(separator: ", ") + ", metric:NAME per metric)",
                            file: display, row: 1, column: name)
        }
      }
      for name in longRequired where at[name] == nil {
        throw ImportError(.missingColumn, "no '\(name)' column (the long layout needs "
                            + longRequired.joined(separator: ", ") + " and metric:NAME columns)", file: display,
                          row: 1, column: name)
      }
      guard !metricOrder.isEmpty else {
        throw ImportError(.missingColumn, "no metric:NAME column", file: display, row: 1)
      }
      for (n, r) in t.rows {
        let dataset = try b.text(cell(r, at["dataset"]), row: n, column: "dataset")
        let index = try b.text(cell(r, at["sample_id"]), row: n, column: "sample_id")
        let model = try b.text(cell(r, at["model"]), row: n, column: "model")
        var values: [Double] = []
        for (j, c) in metricColumn.enumerated() {
          values.append(try value(cell(r, c), display: display, row: n, column: metricPrefix + metricOrder[j]))
        }
        let latencyText = cell(r, at["latency_s"]).trimmingCharacters(in: .whitespaces)
        let latency = latencyText.isEmpty ? nil : try b.latency(latencyText, row: n, column: "latency_s")
        let output = try b.count(cell(r, at["output_tokens"]), row: n, column: "output_tokens")
        let input = try b.count(cell(r, at["input_tokens"]), row: n, column: "input_tokens")
        let key = try b.sample(dataset: dataset, index: index, prompt: cell(r, at["prompt"]),
                               image: cell(r, at["image"]), inputTokens: input, row: n)
        if let first = seen.updateValue(n, forKey: key + "\u{0}" + model) {
          throw ImportError(.duplicate, "sample \(key) has metrics twice for model \(model) (first at row \(first))",
                            file: display, row: n, column: "model")
        }
        cells.append(Cell(dataset: dataset, index: index, model: model, values: values, latency: latency,
                          outputTokens: output, row: n))
      }
    case .wide:
      var metricColumn: [String: [String: Int]] = [:]  // model → metric → column
      var latencyColumn: [String: Int] = [:], tokenColumn: [String: Int] = [:]
      var modelOrder: [String] = []
      for (i, name) in t.header.enumerated() {
        if GradedImport.wideSampleColumns.contains(name) { continue }
        let parts = name.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "metric", !parts[2].isEmpty {
          let metric = try metricName(parts[1], display: display, column: name)
          if !metricOrder.contains(metric) { metricOrder.append(metric) }
          if !modelOrder.contains(parts[2]) { modelOrder.append(parts[2]) }
          metricColumn[parts[2], default: [:]][metric] = i
        } else if parts.count >= 2, ["latency_s", "output_tokens"].contains(parts[0]) {
          let model = parts.dropFirst().joined(separator: ":")
          if parts[0] == "latency_s" { latencyColumn[model] = i } else { tokenColumn[model] = i }
        } else {
          throw ImportError(.badValue, "unknown column '\(name)' in the wide layout (sample columns: "
                              + GradedImport.wideSampleColumns.joined(separator: ", ")
                              + "; per model: metric:NAME:MODEL, latency_s:MODEL, output_tokens:MODEL)",
                            file: display, row: 1, column: name)
        }
      }
      for name in ["sample_id", "dataset"] where at[name] == nil {
        throw ImportError(.missingColumn, "no '\(name)' column", file: display, row: 1, column: name)
      }
      guard !modelOrder.isEmpty else {
        throw ImportError(.missingColumn, "no metric:NAME:MODEL column", file: display, row: 1)
      }
      for model in modelOrder {
        for metric in metricOrder where metricColumn[model]?[metric] == nil {
          throw ImportError(.missingColumn, "model \(model) has no 'metric:\(metric):\(model)' column", file: display,
                            row: 1, column: "metric:\(metric):\(model)")
        }
      }
      for model in Set(latencyColumn.keys).union(tokenColumn.keys) where !modelOrder.contains(model) {
        throw ImportError(.badValue, "model \(model) has latency or token columns but no metric columns",
                          file: display, row: 1, column: model)
      }
      for (n, r) in t.rows {
        let dataset = try b.text(cell(r, at["dataset"]), row: n, column: "dataset")
        let index = try b.text(cell(r, at["sample_id"]), row: n, column: "sample_id")
        let input = try b.count(cell(r, at["input_tokens"]), row: n, column: "input_tokens")
        let key = try b.sample(dataset: dataset, index: index, prompt: cell(r, at["prompt"]),
                               image: cell(r, at["image"]), inputTokens: input, row: n)
        for model in modelOrder {
          let texts = metricOrder.map { cell(r, metricColumn[model]![$0]).trimmingCharacters(in: .whitespaces) }
          if texts.allSatisfy(\.isEmpty) { continue }  // a missing cell: the missing-cell policy decides
          if let j = texts.firstIndex(where: \.isEmpty) {
            throw ImportError(.badValue, "model \(model) has some metrics of this sample but not \(metricOrder[j])",
                              file: display, row: n, column: "metric:\(metricOrder[j]):\(model)")
          }
          var values: [Double] = []
          for (j, text) in texts.enumerated() {
            values.append(try value(text, display: display, row: n, column: "metric:\(metricOrder[j]):\(model)"))
          }
          let latencyText = cell(r, latencyColumn[model]).trimmingCharacters(in: .whitespaces)
          let latency = latencyText.isEmpty ? nil : try b.latency(latencyText, row: n, column: "latency_s:\(model)")
          let output = try b.count(cell(r, tokenColumn[model]), row: n, column: "output_tokens:\(model)")
          if let first = seen.updateValue(n, forKey: key + "\u{0}" + model) {
            throw ImportError(.duplicate, "sample \(key) appears twice (first at row \(first))", file: display, row: n,
                              column: "sample_id")
          }
          cells.append(Cell(dataset: dataset, index: index, model: model, values: values, latency: latency,
                            outputTokens: output, row: n))
        }
      }
    }
    guard !cells.isEmpty else { throw ImportError(.incomplete, "the file has no rows with metrics", file: display) }
    var models: [String] = []
    for c in cells where !models.contains(c.model) { models.append(c.model) }
    // The catalog: metrics.csv's orientation, weight and description, in the file's column order.
    var catalog: [StoredMetric] = []
    if let declared {
      for name in metricOrder where !declared.contains(where: { $0.name == name }) {
        throw ImportError(.badValue, "metric \(name) is not in metrics.csv (which lists "
                            + declared.map(\.name).joined(separator: ", ") + ")", file: display, row: 1,
                          column: chosen == .long ? metricPrefix + name : nil)
      }
      for d in declared where !metricOrder.contains(d.name) {
        throw ImportError(.missingColumn, "metrics.csv lists \(d.name), which the file has no column of",
                          file: display, row: 1)
      }
      catalog = metricOrder.map { name in declared.first { $0.name == name }! }
    } else {
      catalog = metricOrder.map { StoredMetric(name: $0, higherIsBetter: true, weight: 1, description: "") }
    }
    return Parsed(layout: chosen, catalog: catalog, datasets: b.datasets, models: models, samples: b.samples,
                  cells: cells)
  }

  /// `metric, higher_is_better, weight, description` (the last three optional per row: true, 1, "").
  static func readMetricsFile(_ url: URL, root: URL) throws(ImportError) -> [StoredMetric] {
    let display = WorkDirectoryScanner.relative(url, to: root)
    let t = try GradedImport.readTable(url, display: display)
    let known = ["metric", "higher_is_better", "weight", "description"]
    for name in t.header where !known.contains(name) {
      throw ImportError(.badValue, "unknown column '\(name)' (columns: \(known.joined(separator: ", ")))",
                        file: display, row: 1, column: name)
    }
    guard let mi = t.header.firstIndex(of: "metric") else {
      throw ImportError(.missingColumn, "no 'metric' column", file: display, row: 1, column: "metric")
    }
    let hi = t.header.firstIndex(of: "higher_is_better"), wi = t.header.firstIndex(of: "weight")
    let di = t.header.firstIndex(of: "description")
    var out: [StoredMetric] = []
    for (n, r) in t.rows {
      func cell(_ i: Int?) -> String { i.map { $0 < r.count ? r[$0].trimmingCharacters(in: .whitespaces) : "" } ?? "" }
      let name = try metricName(cell(mi), display: display, column: "metric")
      var higher = true
      switch cell(hi).lowercased() {
      case "", "true", "1", "yes": higher = true
      case "false", "0", "no": higher = false
      default:
        throw ImportError(.badValue, "'\(cell(hi))' is not true or false", file: display, row: n,
                          column: "higher_is_better")
      }
      var weight = 1.0
      if !cell(wi).isEmpty {
        guard let w = Double(cell(wi)), w.isFinite, w >= 0 else {
          throw ImportError(.badValue, "weight '\(cell(wi))' is not a number ≥ 0", file: display, row: n,
                            column: "weight")
        }
        weight = w
      }
      guard !out.contains(where: { $0.name == name }) else {
        throw ImportError(.duplicate, "metric \(name) is listed twice", file: display, row: n, column: "metric")
      }
      out.append(StoredMetric(name: name, higherIsBetter: higher, weight: weight, description: cell(di)))
    }
    guard !out.isEmpty else { throw ImportError(.incomplete, "no metrics listed", file: display) }
    guard out.contains(where: { $0.weight > 0 }) else {
      throw ImportError(.badValue, "every metric has weight 0", file: display)
    }
    return out
  }
}
