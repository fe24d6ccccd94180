import ArgumentParser
import BenchCore
import BenchStore
import EdgeCloud
import Foundation
import Learning
import LogImport
import Reports

/// `routerbench scenario …`: ECVL-Router's scenario-aware edge/cloud protocol (docs/ecvl.md).
struct ScenarioCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Scenario-aware edge/cloud routing (ECVL-Router): import graded data, run routers, write the paper's tables.",
    discussion: """
      Data: 1–10 judge scores and latencies per (sample, model), `scenario import` (docs/ecvl.md, "Data formats"), \
      or `routerbench simulate --preset ecvl` then `scenario import work/ecvl-sim`. Pairs are CLOUD/EDGE. Each run \
      is stored under its identity (router configuration, pair, MES, labels, scenarios and weights, τ grid, split, \
      data): commands rerun only what changed, `--force` reruns everything they ask for.
      """,
    subcommands: [RCS.self, Import.self, Run.self, Ablation.self, Labels.self, MESSweep.self])

  static let defaultDatabase = "matrices/ecvl.sqlite"
  /// The paper's three pairs on the simulated preset's models (Table 1 order).
  static let presetPairs = ["InternVL3-38B/InternVL2_5-1B", "InternVL3-8B/InternVL2_5-1B",
                            "InternVL3-38B/InternVL3-8B"]

  // MARK: rcs

  struct RCS: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rcs",
      abstract: "Compute the Routing Comprehensive Score α·APSP + β·CA − γ·AIL (ECVL-Router Eq. 7) to check a paper's number.",
      discussion: """
        Example (Table 1, ECVL-Router on 38B/1B): routerbench scenario rcs --apsp 0.506 --ca 0.824 --ail 4.53 \
        --scenario quality prints 0.6851 (the paper prints 0.685).
        """)

    @Option(help: "Average problem-solving probability, 0–1.") var apsp: Double
    @Option(help: "Cost advantage (share routed to the edge), 0–1.") var ca: Double
    @Option(help: "Average inference latency in seconds.") var ail: Double
    @Option(help: "quality (1.2, 0.1, 0.001), efficiency (1.0, 0.12, 0.001), speed (1.0, 0.1, 0.0015) or NAME=α,β,γ.")
    var scenario: String = "quality"
    @Option(help: "Decimals printed.") var digits: Int = 4

    func validate() throws {
      guard (0...1).contains(apsp), (0...1).contains(ca) else { throw ValidationError("--apsp and --ca are shares in 0…1") }
      guard ail.isFinite, ail >= 0 else { throw ValidationError("--ail is seconds ≥ 0") }
      guard (0...10).contains(digits) else { throw ValidationError("--digits must be in 0…10") }
      do { _ = try Scenario(parsing: scenario) } catch { throw ValidationError("--scenario: \(error)") }
    }

    func run() throws {
      let s = try Scenario(parsing: scenario)
      print(String(format: "%.\(digits)f", s.weights.score(apsp: apsp, ca: ca, ail: ail)))
    }
  }

  // MARK: import

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import graded scores (1–10 judge score and latency per sample and model) into a database.",
      discussion: """
        PATH is a score file (.csv, .tsv or .jsonl; long layout sample_id, dataset, model, score, latency_s \
        [, input_tokens, output_tokens, prompt, image], or wide: sample_id, dataset, score:MODEL, latency_s:MODEL \
        [, output_tokens:MODEL]) or a directory holding scores.csv|jsonl|tsv and optionally models.csv, \
        features/*.npy and simulation.json (as `simulate --preset ecvl` writes it). One transaction: on any error \
        the database is unchanged; an unchanged file is not imported again.
        """)

    @Argument(help: "The score file or the directory holding it.") var path: String
    @Option(help: "The SQLite database to create or update.") var db: String = ScenarioCommand.defaultDatabase
    @Option(help: "long or wide (default: recognised from the header).") var layout: String?
    @Option(parsing: .upToNextOption, help: ".npy feature files (sample_ids.txt beside them).") var features: [String] = []
    @Option(help: "models.csv: model, display_name, params_b, tier.") var models: String?
    @Option(help: "Models to store with tier edge (comma-separated).") var edge: String?
    @Option(help: "When a model lacks samples: refuse, drop-sample or drop-model.") var missing: MissingPolicy = .refuse
    @Option(help: "A record counts as correct in the VL-RouterBench view at this judge score (the paper's MES).")
    var correctJudgeScore: Double = 6

    func validate() throws {
      if let layout, GradedLayout(rawValue: layout) == nil { throw ValidationError("--layout must be long or wide") }
      guard (1...10).contains(correctJudgeScore) else { throw ValidationError("--correct-judge-score must be in 1…10") }
    }

    func run() throws {
      let input = try GradedInput(path: path, models: models, features: features)
      let options = GradedImportOptions(
        file: input.file, layout: layout.flatMap(GradedLayout.init(rawValue:)), features: input.features,
        modelsFile: input.models, edgeModels: edge.map(splitList) ?? [], missing: missing,
        correctJudgeScore: correctJudgeScore, preset: input.preset, simulated: input.simulated, root: input.root)
      let started = Date()
      let summary = try GradedImport.run(options, into: try BenchStore(path: db))
      for n in summary.notes { note("note: " + n) }
      if !summary.droppedSamples.isEmpty { note("dropped \(summary.droppedSamples.count) incomplete samples") }
      if !summary.droppedModels.isEmpty { note("dropped models: " + summary.droppedModels.joined(separator: ", ")) }
      note("scenario import: \(summary.wrote ? "wrote" : "unchanged") \(db): \(summary.samples) samples × "
           + "\(summary.models) models (\(summary.recordsImported) graded records imported, \(summary.layout.rawValue) "
           + "layout)" + (summary.featureSets.isEmpty ? "" : ", features " + summary.featureSets.joined(separator: ", "))
           + " in " + Date().timeIntervalSince(started).durationText)
    }
  }

  // MARK: Shared options

  struct Options: ParsableArguments {
    @Option(help: "The database (from `scenario import`).") var db: String = ScenarioCommand.defaultDatabase
    @Option(help: "Model pairs CLOUD/EDGE, comma-separated (default: the simulated preset's 38B/1B, 8B/1B, 38B/8B).")
    var pairs: String?
    @Option(help: "The Minimal Expectation Score, a judge score in 1…10.") var mes: Double = 6
    @Option(help: "Labels: mes (Eq. 2), win-hard or win-soft(K).") var labels: String = "mes"
    @Option(help: "Scenarios to choose operating points for: quality, efficiency, speed or NAME=α,β,γ (comma-separated).")
    var scenarios: String = "quality,efficiency,speed"
    @Option(help: "The routers' seed.") var seed: UInt64 = 1
    @Option(help: "Seed of the 60/20/20 split (stratified by dataset and which model meets the MES).") var splitSeed: UInt64 = 42
    @Option(help: "Epochs of the neural routers (ECVL-Router, MLP, MF; the paper: 50).") var epochs: Int?
    @Option(help: "Text feature set (default: minilm-l6, text or hashed-text, the first stored).") var textFeatures: String?
    @Option(help: "Image feature set (default: image when stored).") var imageFeatures: String?
    @Option(help: "Output directory of the tables and figures.") var out: String = "work/ecvl"
    @Flag(help: "Rerun the runs even when stored.") var force = false
    @Option(help: "Runs computed at once (each with one OpenBLAS thread when more than one).")
    var jobs: Int = 1

    func validate() throws {
      do {
        _ = try MES(mes)
        _ = try LabelRule(parsing: labels)
        _ = try parsedScenarios()
        _ = try parsedPairs()
      } catch let e as EdgeCloudError { throw ValidationError(e.description) }
      if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
      guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func parsedScenarios() throws -> [Scenario] {
      let s = try splitList(scenarios).map { try Scenario(parsing: $0) }
      guard !s.isEmpty, Set(s.map(\.name)).count == s.count else {
        throw EdgeCloudError(.invalidValue, "--scenarios: give one or more distinct scenarios")
      }
      return s
    }

    func parsedPairs() throws -> [EdgeCloudPair] {
      try splitList(pairs ?? ScenarioCommand.presetPairs.joined(separator: ",")).map { try EdgeCloudPair(parsing: $0) }
    }

    var training: NeuralTraining? {
      guard let epochs else { return nil }
      var t = NeuralTraining()
      t.epochs = epochs
      return t
    }

    func workspace() throws -> ScenarioWorkspace {
      guard FileManager.default.fileExists(atPath: db) else {
        throw CLIError("no database at \(db); create one with `routerbench scenario import PATH --db \(db)`")
      }
      return try ScenarioWorkspace(store: try BenchStore(path: db), textFeatures: textFeatures,
                                   imageFeatures: imageFeatures)
    }

    func specs(_ variants: [EdgeCloudVariant], pairs: [EdgeCloudPair], mes: [MES]? = nil,
               rules: [LabelRule]? = nil) throws -> [ScenarioRunSpec] {
      let scenarios = try parsedScenarios()
      var out: [ScenarioRunSpec] = []
      for pair in pairs {
        for m in try mes ?? [MES(self.mes)] {
          for rule in try rules ?? [LabelRule(parsing: labels)] {
            for v in variants {
              out.append(ScenarioRunSpec(variant: v, pair: pair, mes: m, rule: rule, scenarios: scenarios, seed: seed,
                                         splitSeed: splitSeed))
            }
          }
        }
      }
      return out
    }

    /// Runs the specs (stored ones are read back), printing progress.
    func execute(_ specs: [ScenarioRunSpec], workspace: inout ScenarioWorkspace) async throws -> [ScenarioRunResult] {
      let started = Date()
      if jobs > 1 { BLAS.setThreadCount(1) }
      let results = try await workspace.execute(specs, force: force, jobs: jobs) { p in
        switch p {
        case .stored(let s): note("stored: " + s.title)
        case .started(let s, let i, let n): note("[\(i)/\(n)] running " + s.title)
        case .finished(let s, let seconds): note("done: \(s.title) in " + seconds.durationText)
        }
      }
      let computed = results.filter(\.computed).count
      note("scenario: \(computed) runs computed, \(results.count - computed) stored, in "
           + Date().timeIntervalSince(started).durationText)
      return results
    }

    func write(_ files: [ScenarioReport.File]) throws {
      let dir = URL(fileURLWithPath: out, isDirectory: true)
      try ScenarioReport.write(files, to: dir)
      for f in files { note("wrote " + dir.appendingPathComponent(f.path).path) }
    }
  }

  // MARK: run

  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run routers on model pairs and write Table 1, the τ curves (Fig. 2) and validation vs test (App. B.2).",
      discussion: """
        Writes OUT/table1.{md,csv,tex}, OUT/tau-curves.csv, OUT/validation-test.{md,csv,tex}, and for the first pair \
        OUT/fig2-{apsp,ca,ail,rcs1,rcs2,rcs3}.svg and OUT/fig9-validation-test.svg (ECVL-Router).
        """)
    @OptionGroup var options: Options
    @Option(help: "Routers (comma-separated): ECVL-Router, GBDT, MLP, MF, All-at-Large, All-at-Small, Random, or the groups table1 and all.")
    var routers: String = "table1"

    func run() async throws {
      var workspace = try options.workspace()
      let variants = try EdgeCloudRouters.variants(splitList(routers), training: options.training)
      let pairs = try options.parsedPairs()
      let scenarios = try options.parsedScenarios()
      let results = try await options.execute(try options.specs(variants, pairs: pairs), workspace: &workspace)
      var files = ScenarioReport.files(ScenarioReport.table1(results, scenarios: scenarios), stem: "table1")
      files.append(.init(path: "tau-curves.csv", text: ScenarioReport.curvesTable(results).csv))
      files += ScenarioReport.files(ScenarioReport.validationTest(results, scenarios: scenarios), stem: "validation-test")
      let first = results.filter { $0.spec.pair == pairs[0] }
      files += ScenarioReport.tauFigures(first, scenarios: scenarios, prefix: "fig2")
      if let ecvl = first.first(where: { $0.spec.variant.kind == ECVLRouter.kind }) {
        files.append(ScenarioReport.validationTestFigure(ecvl, scenarios: scenarios, path: "fig9-validation-test.svg"))
      }
      try options.write(files)
      print(ScenarioReport.table1(results, scenarios: scenarios).markdown, terminator: "")
    }
  }

  // MARK: ablation

  struct Ablation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "ECVL-Router's branch ablation on one pair (Table 3): drop text, image or statistics, or keep one.",
      discussion: "Writes OUT/table3.{md,csv,tex}. The pair is the first of --pairs.")
    @OptionGroup var options: Options

    func run() async throws {
      var workspace = try options.workspace()
      let results = try await options.execute(
        try options.specs(try EdgeCloudRouters.ablation(training: options.training),
                          pairs: [try options.parsedPairs()[0]]), workspace: &workspace)
      let table = ScenarioReport.table3(results, scenarios: try options.parsedScenarios())
      try options.write(ScenarioReport.files(table, stem: "table3"))
      print(table.markdown, terminator: "")
    }
  }

  // MARK: labels

  struct Labels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Labelling strategies on one pair (Table 4): the MES rule against win-hard and win-soft(k).",
      discussion: "Writes OUT/table4.{md,csv,tex}. The pair is the first of --pairs; --labels is ignored.")
    @OptionGroup var options: Options
    @Option(help: "Labelling rules (comma-separated).") var rules: String = "mes,win-hard,win-soft(1),win-soft(2)"
    @Option(help: "The router trained on each labelling.") var router: String = "ECVL-Router"

    func run() async throws {
      var workspace = try options.workspace()
      let parsed: [LabelRule]
      do { parsed = try splitList(rules).map { try LabelRule(parsing: $0) } } catch {
        throw ValidationError("--rules: \(error)")
      }
      let variants = try EdgeCloudRouters.variants([router], training: options.training)
      let results = try await options.execute(
        try options.specs(variants, pairs: [try options.parsedPairs()[0]], rules: parsed), workspace: &workspace)
      let table = ScenarioReport.table4(results, scenarios: try options.parsedScenarios())
      try options.write(ScenarioReport.files(table, stem: "table4"))
      print(table.markdown, terminator: "")
    }
  }

  // MARK: mes-sweep

  struct MESSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mes-sweep",
      abstract: "Routers on one pair at every MES (Fig. 11–12): metrics, advantage over the best other router, risk map.",
      discussion: """
        Writes OUT/mes-sweep.{md,csv,tex}, OUT/fig12-{apsp,ca,ail}.svg, OUT/fig12-advantage-rcs{1,2,3}.svg and \
        OUT/fig12-risk.svg (Fig. 11: CA and the failure rate of ECVL-Router). The pair is the first of --pairs; --mes \
        is ignored.
        """)
    @OptionGroup var options: Options
    @Option(help: "MES values (comma-separated).") var mesValues: String = "1,2,3,4,5,6,7,8,9,10"
    @Option(help: "Routers (comma-separated, or table1/all).") var routers: String = "table1"

    func run() async throws {
      var workspace = try options.workspace()
      let values: [MES]
      do { values = try splitList(mesValues).map { v in
        guard let d = Double(v) else { throw EdgeCloudError(.invalidValue, "'\(v)' is not a number") }
        return try MES(d)
      } } catch { throw ValidationError("--mes-values: \(error)") }
      let scenarios = try options.parsedScenarios()
      let variants = try EdgeCloudRouters.variants(splitList(routers), training: options.training)
      let results = try await options.execute(try options.specs(variants, pairs: [try options.parsedPairs()[0]], mes: values),
                                        workspace: &workspace)
      let table = ScenarioReport.mesTable(results, scenarios: scenarios)
      var files = ScenarioReport.files(table, stem: "mes-sweep")
      files += ScenarioReport.mesFigures(results, scenarios: scenarios, focus: variants[0].name, prefix: "fig12")
      try options.write(files)
      print(table.markdown, terminator: "")
    }
  }
}

/// What `scenario import` and `multimetric import` read from their PATH: a scores file, or a directory holding
/// `scores.csv|jsonl|tsv` with, when not given on the command line, its `models.csv`, `metrics.csv`,
/// `features/*.npy`, and the preset named by `simulation.json`.
struct GradedInput {
  var file: URL
  /// The directory, when PATH is one.
  var root: URL?
  var models: URL?
  var metrics: URL?
  var features: [URL]
  var preset: String?
  var simulated: Bool?

  private struct Manifest: Decodable {
    var preset: String?
    var simulated: Bool?
  }

  init(path: String, models: String?, metrics: String? = nil, features: [String]) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CLIError("no file or directory at \(path)") }
    file = URL(fileURLWithPath: path)
    self.models = models.map { URL(fileURLWithPath: $0) }
    self.metrics = metrics.map { URL(fileURLWithPath: $0) }
    self.features = features.map { URL(fileURLWithPath: $0) }
    guard isDirectory.boolValue else { return }
    let dir = file
    root = dir
    guard let scores = ["scores.csv", "scores.jsonl", "scores.tsv"].map({ dir.appendingPathComponent($0) })
      .first(where: { fm.fileExists(atPath: $0.path) }) else {
      throw CLIError("\(path) holds no scores.csv, scores.jsonl or scores.tsv")
    }
    file = scores
    func beside(_ name: String) -> URL? {
      let url = dir.appendingPathComponent(name)
      return fm.fileExists(atPath: url.path) ? url : nil
    }
    if self.models == nil { self.models = beside("models.csv") }
    if self.metrics == nil { self.metrics = beside("metrics.csv") }
    if self.features.isEmpty {
      let featureDir = dir.appendingPathComponent("features")
      self.features = ((try? fm.contentsOfDirectory(atPath: featureDir.path)) ?? []).filter { $0.hasSuffix(".npy") }
        .sorted().map { featureDir.appendingPathComponent($0) }
    }
    if let data = fm.contents(atPath: dir.appendingPathComponent("simulation.json").path),
       let manifest = try? JSONDecoder().decode(Manifest.self, from: data) {
      preset = manifest.preset
      simulated = manifest.simulated
    }
  }
}
