import ArgumentParser
import BenchCore
import BenchStore
import EdgeCloud
import Foundation
import LogImport
import MultiMetric
import Reports

/// `routerbench multimetric …`: RouteT2I's multi-metric edge/cloud protocol at a fixed routing rate
/// (docs/multimetric.md).
struct MultimetricCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "multimetric",
    abstract: "Multi-metric edge/cloud routing at a fixed routing rate (RouteT2I): import metric vectors, run routers, write ΔP tables.",
    discussion: """
      Data: M named metric values per (sample, model) in the long layout (sample_id, dataset, model, metric:NAME…) or \
      the wide one (metric:NAME:MODEL), or `routerbench simulate --preset t2i` then `multimetric import work/t2i-sim`. \
      Pairs are CLOUD/EDGE. A router scores each test prompt for "send to cloud"; at rate r the top round(r·n) go \
      to the cloud, ties to the earlier sample. ΔP = mean over metrics of (P_router − P_edge)/|P_cloud − P_edge| × 100.
      """,
    subcommands: [Import.self, Run.self])

  static let defaultDatabase = "matrices/t2i.sqlite"
  /// The main text's pair and three of the supplementary's (Tables 8, 14, 16).
  static let presetPairs = ["SD3/SD2.1", "SD3/SD1.5", "SDXL/SD1.5", "PixArt-alpha/SD2.1"]

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import multi-metric quality (M metric values per sample and model) into a database.",
      discussion: """
        PATH is a quality file (.csv, .tsv or .jsonl) or a directory holding scores.csv|jsonl|tsv and optionally \
        metrics.csv (metric, higher_is_better, weight, description), models.csv, features/*.npy and simulation.json \
        (as `simulate --preset t2i` writes it). One transaction; an unchanged file is not imported again.
        """)

    @Argument(help: "The quality file or the directory holding it.") var path: String
    @Option(help: "The SQLite database to create or update.") var db: String = MultimetricCommand.defaultDatabase
    @Option(help: "long or wide (default: long when there is a model column).") var layout: String?
    @Option(help: "metrics.csv: metric, higher_is_better, weight, description.") var metrics: String?
    @Option(parsing: .upToNextOption, help: ".npy feature files (sample_ids.txt beside them).") var features: [String] = []
    @Option(help: "models.csv: model, display_name, params_b, tier.") var models: String?
    @Option(help: "Models to store with tier edge (comma-separated).") var edge: String?
    @Option(help: "When a model lacks samples: refuse, drop-sample or drop-model.") var missing: MissingPolicy = .refuse

    func validate() throws {
      if let layout, GradedLayout(rawValue: layout) == nil { throw ValidationError("--layout must be long or wide") }
    }

    func run() throws {
      let input = try GradedInput(path: path, models: models, metrics: metrics, features: features)
      let options = MultiMetricImportOptions(
        file: input.file, layout: layout.flatMap(GradedLayout.init(rawValue:)), metricsFile: input.metrics,
        features: input.features, modelsFile: input.models, edgeModels: edge.map(splitList) ?? [], missing: missing,
        preset: input.preset, simulated: input.simulated, root: input.root)
      let started = Date()
      let summary = try MultiMetricImport.run(options, into: try BenchStore(path: db))
      for n in summary.notes { note("note: " + n) }
      if !summary.droppedSamples.isEmpty { note("dropped \(summary.droppedSamples.count) incomplete samples") }
      if !summary.droppedModels.isEmpty { note("dropped models: " + summary.droppedModels.joined(separator: ", ")) }
      note("multimetric import: \(summary.wrote ? "wrote" : "unchanged") \(db): \(summary.samples) samples × "
           + "\(summary.models) models × \(summary.metrics.count) metrics (\(summary.recordsImported) records imported, "
           + "\(summary.layout.rawValue) layout)"
           + (summary.featureSets.isEmpty ? "" : ", features " + summary.featureSets.joined(separator: ", "))
           + " in " + Date().timeIntervalSince(started).durationText)
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run routers on edge/cloud pairs at fixed routing rates; write the per-metric table, the ΔP curve and its area.",
      discussion: """
        Writes per pair (CLOUD_EDGE with '/' as '_'): metrics-RATE.{md,csv,tex} (supplementary Tables 5–22 layout), \
        curve.{md,csv,tex} (ΔP at every rate and the area), curve.svg, and with --single-metrics single-RATE.{md,csv,tex} \
        (Table 4 layout); curves.csv holds every run. Stored runs are reused (--force reruns).
        """)

    @Option(help: "The database (from `multimetric import`).") var db: String = MultimetricCommand.defaultDatabase
    @Option(help: "Pairs CLOUD/EDGE, comma-separated (default: SD3/SD2.1, SD3/SD1.5, SDXL/SD1.5, PixArt-alpha/SD2.1).")
    var pairs: String?
    @Option(help: "Routers: \(QualityRouters.kinds.joined(separator: ", ")), or paper / all.") var routers: String = "all"
    @Option(help: "Routing rates (shares to the cloud, 0–1 or N%), comma-separated (default 0, 0.1, …, 1).")
    var rates: String?
    @Option(help: "The rate of the per-metric table (default 0.5, the supplementary's).") var tableRate: String = "0.5"
    @Option(help: "Metrics to report one by one in Table 4's layout (comma-separated).") var singleMetrics: String?
    @Option(help: "The routers' seed.") var seed: UInt64 = 1
    @Option(help: "Seed of the 80/20 train/test split (per dataset).") var splitSeed: UInt64 = 42
    @Option(help: "Epochs of the neural routers (default 20).") var epochs: Int?
    @Option(help: "Text feature set (default: minilm-l6, text or hashed-text, the first stored).") var textFeatures: String?
    @Option(help: "Output directory.") var out: String = "work/t2i"
    @Flag(help: "Rerun the runs even when stored.") var force = false

    func run() throws {
      guard FileManager.default.fileExists(atPath: db) else {
        throw CLIError("no database at \(db); create one with `routerbench multimetric import PATH --db \(db)`")
      }
      let started = Date()
      var workspace = try QualityWorkspace(store: try BenchStore(path: db), textFeatures: textFeatures)
      let pairList = try splitList(pairs ?? MultimetricCommand.presetPairs.joined(separator: ","))
        .map { try EdgeCloudPair(parsing: $0) }
      let rateList = try rates.map { try splitList($0).map { try RoutingRate(parsing: $0) } } ?? RoutingRate.curve
      let tableRate = try RoutingRate(parsing: tableRate)
      let rateSet = rateList.contains(tableRate) ? rateList : (rateList + [tableRate]).sorted()
      if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
      let variants = try QualityRouters.variants(splitList(routers), epochs: epochs)
      let singles = try singleMetrics.map { try splitList($0).map { try MetricName($0) } } ?? []
      for m in singles where workspace.catalog.index(of: m) == nil {
        throw CLIError("--single-metrics: no metric \(m) (stored: \(workspace.catalog.names.map(\.rawValue).joined(separator: ", ")))")
      }
      let dir = URL(fileURLWithPath: out, isDirectory: true)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      var all: [(pair: EdgeCloudPair, router: String, curve: DeltaPCurve)] = []
      for pair in pairList {
        let specs = variants.map { QualityRunSpec(variant: $0, pair: pair, rates: rateSet, splitSeed: splitSeed, seed: seed) }
        let results = try workspace.execute(specs, force: force) { note($0) }
        let named = results.map { ($0.spec.variant.name, $0.curve) }
        all += results.map { (pair, $0.spec.variant.name, $0.curve) }
        let base = dir.appendingPathComponent(pair.label.replacingOccurrences(of: "/", with: "_"), isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let rateTag = String(Int((tableRate.value * 100).rounded()))
        var tables = [("metrics-\(rateTag)", QualityReport.metricTable(pair: pair, metrics: workspace.catalog,
                                                                         results: named, rate: tableRate)),
                      ("curve", QualityReport.curveTable(pair: pair, results: named))]
        if !singles.isEmpty {
          tables.append(("single-\(rateTag)", QualityReport.singleMetricTable(pair: pair, metrics: singles,
                                                                              results: named, rate: tableRate)))
        }
        for (name, t) in tables {
          try t.markdown.write(to: base.appendingPathComponent(name + ".md"), atomically: true, encoding: .utf8)
          try t.csv.write(to: base.appendingPathComponent(name + ".csv"), atomically: true, encoding: .utf8)
          try t.latex.write(to: base.appendingPathComponent(name + ".tex"), atomically: true, encoding: .utf8)
        }
        try QualityReport.curvePlot(pair: pair, results: named)
          .write(to: base.appendingPathComponent("curve.svg"), atomically: true, encoding: .utf8)
        print(tables[0].1.markdown)
        print(tables[1].1.markdown)
      }
      try QualityReport.curveCSV(all, metrics: workspace.catalog)
        .write(to: dir.appendingPathComponent("curves.csv"), atomically: true, encoding: .utf8)
      note("multimetric: \(all.count) runs on \(pairList.count) pairs in " + Date().timeIntervalSince(started).durationText
           + "; files in \(dir.path)")
    }
  }
}
