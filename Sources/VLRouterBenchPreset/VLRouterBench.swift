// The VL-RouterBench preset (arXiv 2512.23562): the paper's Table 1 catalog (14 datasets, 17 models with their
// USD prices), its main results (Table 2) and its per-dataset Tables A1–A6, read from the CSV files in
// Resources/ (transcribed from the paper; see Resources/README.md). Nothing here is an output of RouterBench.
public import BenchCore
// Plain `import` (not `internal import`): SwiftPM's generated `Bundle.module` accessor imports Foundation without a
// modifier, and Swift rejects mixing the two in one module.
import Foundation

/// A dataset of the preset: its BenchCore description and the paper's sample counts.
public struct PresetDataset: Sendable, Hashable {
  /// `name` is the VLMEvalKit name, `displayName` the paper's.
  public var info: DatasetInfo
  /// Size of the paper's test split (the denominator of every accuracy in Tables A1–A6).
  public var testSamples: Int
  /// Samples in the whole dataset (≈ 5 × the test split).
  public var totalSamples: Int
}

/// Whether a candidate model is open-weight or only reachable through an API.
public enum ModelKind: String, Sendable, Hashable, CaseIterable {
  case open
  case api
}

/// A candidate model of the preset with its Table 1 price.
public struct PresetModel: Sendable, Hashable {
  /// `name` is the VLMEvalKit directory name, `displayName` the paper's; `paramsB` total parameters (nil for API
  /// models).
  public var info: ModelInfo
  /// Active parameters per token in billions (mixture-of-experts models activate fewer than they hold).
  public var activeParamsB: Double?
  public var price: TokenPrice
  public var kind: ModelKind
}

/// A metric of the paper's tables.
public enum PaperMetric: String, Sendable, Hashable, CaseIterable {
  /// Average accuracy, %.
  case accuracy = "avg_acc_pct"
  /// Average cost, USD per 10K samples.
  case cost = "avg_cost_usd_per_10k"
  /// Rank Score, % (reported for "All Datasets" only).
  case rankScore = "rank_score"
}

/// One router's row of Table 2 (its best-λ operating point; std over 5 trials where reported).
public struct Table2Row: Sendable, Hashable {
  /// `baseline`, `feature` or `end-to-end`.
  public var family: String
  public var router: String
  public var accuracy: Double, accuracyStd: Double?
  /// USD per 10K samples.
  public var cost: Double, costStd: Double?
  public var rankScore: Double, rankScoreStd: Double?
  /// The paper's rank (0 for the Oracle, which is not ranked).
  public var rank: Int
  /// Thousands of input tokens routed per second (nil for the baselines).
  public var throughputKTokensPerSecond: Double?
}

/// One figure of Tables A1–A6.
public struct PerDatasetFigure: Sendable, Hashable {
  /// `A1` … `A6`.
  public var table: String
  /// `0`, `10`, `100`, `1000`, `10000` or `inf`, as the paper labels the table.
  public var lambda: String
  /// The dataset's paper display name, or `All Datasets` (the sample-weighted average over the test split).
  public var dataset: String
  public var metric: PaperMetric
  public var method: String
  public var value: Double
}

/// Accuracy (%) and cost (USD per 10K samples) of the three baselines on one dataset (Table A1, λ = 0): the
/// simulator's calibration targets.
public struct PaperBaselines: Sendable, Hashable {
  public var oracle: Double
  public var strongest: Double
  public var cheapest: Double
  public var oracleCost: Double
  public var strongestCost: Double
  public var cheapestCost: Double
}

/// The VL-RouterBench preset, parsed once from the CSV resources of this module.
///
/// Use `VLRouterBench.shared`. Every figure is checked when the resources are first read: a malformed line is a
/// `PresetError` naming the file, line and column (the tests parse every resource, so a shipped build never
/// meets one).
public struct VLRouterBench: Sendable {
  /// The preset's name, as in `--preset vl-routerbench` and in stored metadata.
  public static let name = "vl-routerbench"

  /// In Table 1 order (grouped: General, STEM, Chart & Doc).
  public let datasets: [PresetDataset]
  /// In Table 1 order (cheapest first).
  public let models: [PresetModel]
  /// Table 2, in the paper's row order.
  public let table2: [Table2Row]
  /// Tables A1–A6, in file order.
  public let perDatasetFigures: [PerDatasetFigure]
  /// The baselines of Table A1 (λ = 0) by VLMEvalKit dataset name.
  public let baselines: [String: PaperBaselines]
  /// The baselines of Table A1's "All Datasets" row.
  public let allDatasetsBaselines: PaperBaselines

  /// The datasets, models and prices as a generic catalog (what the importer recognises and may price).
  public let catalog: BenchmarkCatalog

  /// The preset, read from the bundled resources on first use.
  ///
  /// A resource that does not parse stops the program with the `PresetError` (file, line, column): it is a
  /// packaging defect, not an input error. `load()` returns the error instead.
  public static let shared: VLRouterBench = {
    do { return try load() } catch { fatalError("VLRouterBenchPreset: \(error)") }
  }()

  /// Reads and checks the four CSV resources of the module bundle.
  public static func load() throws(PresetError) -> VLRouterBench {
    func text(_ file: String) throws(PresetError) -> String {
      let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
      guard let url = Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "Resources")
      else { throw PresetError(file: file, message: "not found in the VLRouterBenchPreset resource bundle") }
      do { return try String(contentsOf: url, encoding: .utf8) } catch {
        throw PresetError(file: file, message: "cannot be read as UTF-8: \(error.localizedDescription)")
      }
    }
    return try VLRouterBench(datasetsCSV: try text(Files.datasets), modelsCSV: try text(Files.models),
                             table2CSV: try text(Files.table2), tablesCSV: try text(Files.tables))
  }

  enum Files {
    static let datasets = "datasets.csv"
    static let models = "models.csv"
    static let table2 = "table2.csv"
    static let tables = "tables-a1-a6.csv"
  }

  /// The λ grid of Tables A1–A6 in order, with the table of each λ.
  public static let lambdaTables: [(lambda: String, table: String)] = [
    ("0", "A1"), ("10", "A2"), ("100", "A3"), ("1000", "A4"), ("10000", "A5"), ("inf", "A6"),
  ]

  /// Parses the four files' contents (the bundled ones through `load()`; tests pass strings).
  init(datasetsCSV: String, modelsCSV: String, table2CSV: String, tablesCSV: String) throws(PresetError) {
    datasets = try Self.parseDatasets(datasetsCSV)
    models = try Self.parseModels(modelsCSV)
    table2 = try Self.parseTable2(table2CSV)
    perDatasetFigures = try Self.parseTables(tablesCSV, datasets: datasets)
    (baselines, allDatasetsBaselines) = try Self.baselines(perDatasetFigures, datasets: datasets)
    catalog = BenchmarkCatalog(name: Self.name, datasets: datasets.map(\.info), models: models.map(\.info),
                               prices: Dictionary(uniqueKeysWithValues: models.map { ($0.info.name, $0.price) }))
  }

  // MARK: Parsers

  static func parseDatasets(_ text: String) throws(PresetError) -> [PresetDataset] {
    let csv = try StrictCSV(text, file: Files.datasets, header: [
      "dataset", "vlmevalkit_name", "group", "test_samples", "approx_total_samples", "answer_type",
    ])
    var out: [PresetDataset] = []
    var seen: Set<String> = []
    for row in csv.rows {
      let name = try row.string("vlmevalkit_name")
      let display = try row.string("dataset")
      guard seen.insert(name).inserted else { throw row.error("vlmevalkit_name", "dataset \(name) is listed twice") }
      guard seen.insert("display:" + display).inserted else {
        throw row.error("dataset", "display name \(display) is listed twice")
      }
      let group = try row.choice("group", as: DatasetGroup.self, allowed: [.general, .stem, .chartDoc])
      let answer = try row.choice("answer_type", as: AnswerType.self,
                                  allowed: [.multipleChoice, .yesNo, .openVQA, .math, .ocr])
      let test = try row.int("test_samples", minimum: 1)
      let total = try row.int("approx_total_samples", minimum: 1)
      guard total >= test else {
        throw row.error("approx_total_samples", "\(total) total samples is fewer than \(test) test samples")
      }
      out.append(PresetDataset(info: DatasetInfo(name: name, displayName: display, group: group, answerType: answer),
                               testSamples: test, totalSamples: total))
    }
    guard !out.isEmpty else { throw PresetError(file: Files.datasets, message: "no datasets") }
    return out
  }

  static func parseModels(_ text: String) throws(PresetError) -> [PresetModel] {
    let csv = try StrictCSV(text, file: Files.models, header: [
      "model", "vlmevalkit_name", "params_b", "active_params_b", "input_usd_per_1m", "output_usd_per_1m", "kind",
    ])
    var out: [PresetModel] = []
    var seen: Set<String> = []
    for row in csv.rows {
      let name = try row.string("vlmevalkit_name")
      guard seen.insert(name).inserted else { throw row.error("vlmevalkit_name", "model \(name) is listed twice") }
      let params = try row.optionalNonNegative("params_b")
      let active = try row.optionalNonNegative("active_params_b")
      if let params, let active, active > params {
        throw row.error("active_params_b", "\(active)B active parameters exceed the \(params)B total")
      }
      let price = TokenPrice(inputPerMillion: try row.nonNegative("input_usd_per_1m"),
                             outputPerMillion: try row.nonNegative("output_usd_per_1m"))
      out.append(PresetModel(info: ModelInfo(name: name, displayName: try row.string("model"), paramsB: params),
                             activeParamsB: active, price: price,
                             kind: try row.choice("kind", as: ModelKind.self, allowed: ModelKind.allCases)))
    }
    guard !out.isEmpty else { throw PresetError(file: Files.models, message: "no models") }
    return out
  }

  static func parseTable2(_ text: String) throws(PresetError) -> [Table2Row] {
    let csv = try StrictCSV(text, file: Files.table2, header: [
      "family", "router", "avg_acc_pct", "avg_acc_std", "avg_cost_usd_per_10k", "avg_cost_std", "rank_score",
      "rank_score_std", "rank", "throughput_k_tokens_per_s",
    ])
    var out: [Table2Row] = []
    for row in csv.rows {
      let router = try row.string("router")
      guard !out.contains(where: { $0.router == router }) else {
        throw row.error("router", "router \(router) is listed twice")
      }
      let family = try row.string("family")
      guard ["baseline", "feature", "end-to-end"].contains(family) else {
        throw row.error("family", "'\(family)' is not one of 'baseline', 'feature', 'end-to-end'")
      }
      out.append(Table2Row(
        family: family, router: router,
        accuracy: try percent(row, "avg_acc_pct"), accuracyStd: try row.optionalNonNegative("avg_acc_std"),
        cost: try row.nonNegative("avg_cost_usd_per_10k"), costStd: try row.optionalNonNegative("avg_cost_std"),
        rankScore: try percent(row, "rank_score"), rankScoreStd: try row.optionalNonNegative("rank_score_std"),
        rank: try row.int("rank"),
        throughputKTokensPerSecond: try row.optionalNonNegative("throughput_k_tokens_per_s")))
    }
    guard !out.isEmpty else { throw PresetError(file: Files.table2, message: "no rows") }
    return out
  }

  static func percent(_ row: StrictCSV.Row, _ name: String) throws(PresetError) -> Double {
    let v = try row.double(name)
    guard (0...100).contains(v) else { throw row.error(name, "\(v) is not a percentage in [0, 100]") }
    return v
  }

  static func parseTables(_ text: String, datasets: [PresetDataset]) throws(PresetError) -> [PerDatasetFigure] {
    let csv = try StrictCSV(text, file: Files.tables, header: [
      "table", "lambda", "group", "dataset", "metric", "method", "value",
    ])
    let groupOf = Dictionary(uniqueKeysWithValues: datasets.map { ($0.info.displayName, $0.info.group.rawValue) })
    let tableOf = Dictionary(uniqueKeysWithValues: lambdaTables.map { ($0.lambda, $0.table) })
    var out: [PerDatasetFigure] = []
    out.reserveCapacity(csv.rows.count)
    var seen: Set<[String]> = []
    for row in csv.rows {
      let table = try row.string("table"), lambda = try row.string("lambda")
      guard let expected = tableOf[lambda] else {
        throw row.error("lambda", "'\(lambda)' is not one of the paper's λ: "
                          + lambdaTables.map(\.lambda).joined(separator: ", "))
      }
      guard table == expected else { throw row.error("table", "λ = \(lambda) is Table \(expected), not '\(table)'") }
      let dataset = try row.string("dataset"), group = try row.string("group")
      let wantGroup = dataset == "All Datasets" ? "Average" : groupOf[dataset]
      guard let wantGroup else { throw row.error("dataset", "'\(dataset)' is not a dataset of \(Files.datasets)") }
      guard group == wantGroup else { throw row.error("group", "\(dataset) is in group '\(wantGroup)', not '\(group)'") }
      let metric = try row.choice("metric", as: PaperMetric.self, allowed: PaperMetric.allCases)
      if metric == .rankScore && dataset != "All Datasets" {
        throw row.error("metric", "the paper reports rank_score for All Datasets only")
      }
      let method = try row.string("method")
      let value = metric == .cost ? try row.nonNegative("value") : try percent(row, "value")
      guard seen.insert([lambda, dataset, metric.rawValue, method]).inserted else {
        throw row.error("method", "\(method) on \(dataset), \(metric.rawValue), λ = \(lambda) is listed twice")
      }
      out.append(PerDatasetFigure(table: table, lambda: lambda, dataset: dataset, metric: metric, method: method,
                                  value: value))
    }
    return out
  }

  /// Table A1's Oracle / Strongest / Cheapest figures for every dataset and All Datasets; each must be present.
  static func baselines(_ figures: [PerDatasetFigure], datasets: [PresetDataset]) throws(PresetError)
    -> ([String: PaperBaselines], PaperBaselines)
  {
    var a1: [String: Double] = [:]
    for f in figures where f.lambda == "0" && f.metric != .rankScore {
      a1[f.dataset + "/" + f.metric.rawValue + "/" + f.method] = f.value
    }
    func baselineRow(_ dataset: String) throws(PresetError) -> PaperBaselines {
      func v(_ metric: PaperMetric, _ method: String) throws(PresetError) -> Double {
        guard let x = a1[dataset + "/" + metric.rawValue + "/" + method] else {
          throw PresetError(file: Files.tables, message: "Table A1 (λ = 0) has no \(metric.rawValue) of \(method) on "
                              + "\(dataset) (a calibration target)")
        }
        return x
      }
      return PaperBaselines(oracle: try v(.accuracy, "Oracle"), strongest: try v(.accuracy, "Strongest"),
                            cheapest: try v(.accuracy, "Cheapest"), oracleCost: try v(.cost, "Oracle"),
                            strongestCost: try v(.cost, "Strongest"), cheapestCost: try v(.cost, "Cheapest"))
    }
    var out: [String: PaperBaselines] = [:]
    for d in datasets { out[d.info.name] = try baselineRow(d.info.displayName) }
    return (out, try baselineRow("All Datasets"))
  }
}
