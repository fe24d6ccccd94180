import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Pipeline
import Reports
import Routers
import Sweep

/// Loads the stored report of the selected experiment (shared by `report` and `leaderboard`).
func loadStoredReport(_ database: DatabaseOptions, _ selection: ReportSelection) throws -> (BenchStore, StoredReport) {
  let store = try database.open()
  let report = try StoredReport.load(from: store, selection: selection,
                                     routerOrder: RouterRegistry.builtIn.entries.map(\.name))
  for r in report.failedRuns {
    note("note: failed run \(r.variant)\(r.lambda.isApplicable ? " λ=" + r.lambda.label : "") seed=\(r.seed): \(r.error ?? "?") (run the experiment again to retry)")
  }
  if report.staleRuns > 0 {
    note("note: \(report.staleRuns) runs of experiment '\(report.experiment.name)' were computed on earlier data and are left out")
  }
  return (store, report)
}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write per-dataset.csv, Tables A1–A6, the main table, frontiers, plots, the leaderboard and index.html.",
    discussion: """
      Shows one experiment (default: the latest `reproduce` or `run --config`), only its runs on the current data.
      Files (under --out): per-dataset.csv, main-table.csv, frontiers.csv, leaderboard.md/.csv/.json,
      tables/A1…A6.{md,csv,tex}, tables/main-table.{md,tex}, tables/frontiers.{md,tex}, plots/*.svg (and a PDF
      beside each when rsvg-convert is installed), index.html, README.md; timings.csv and timings.json hold the
      measured timings and the BLAS kernel (everything else is deterministic). The .tex tables need
      \\usepackage{booktabs}, {graphicx} and {rotating}. --accuracy correct (default, the paper's rule) counts a
      sample as correct when its score reaches the threshold; --accuracy score shows the mean score.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var select: SelectionOptions
  @Option(help: "Output directory.") var out: String = "results"
  @Option(help: "Bootstrap resamples for confidence intervals (0 = none).") var bootstrap: Int = 1000
  @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 42

  func run() throws {
    let (store, report) = try loadStoredReport(database, select.selection)
    for n in try writeFullReport(report, store: store, to: URL(fileURLWithPath: out), bootstrap: bootstrap, seed: seed) {
      note(n)
    }
    note("==> report of experiment '\(report.experiment.name)' written to \(out)/ (index.html, per-dataset.csv, main-table.csv, tables/, plots/)")
  }
}

struct LeaderboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leaderboard",
    abstract: "Routers ranked by rank score at their dev-chosen λ, with confidence intervals and gap to Oracle.")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var select: SelectionOptions
  @Option(help: "md, csv, json or html.") var format: String = "md"
  @Option(help: "Bootstrap resamples for confidence intervals (0 = none).") var bootstrap: Int = 1000
  @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 42

  func validate() throws {
    guard LeaderboardFormat(rawValue: format) != nil else { throw ValidationError("--format must be md, csv, json or html") }
  }

  func run() throws {
    let (store, report) = try loadStoredReport(database, select.selection)
    let main = mainTable(report.input, timings: report.timings)
    let boot = try report.bootstrap(main: main, store: store, resamples: bootstrap, seed: seed)
    print(renderLeaderboard(leaderboard(main, bootstrap: boot, provenance: report.runProvenance),
                            format: LeaderboardFormat(rawValue: format)!, method: boot.caption,
                            accuracy: report.input.accuracySentence), terminator: "")
  }
}

struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs", abstract: "List, delete and group stored runs.",
    subcommands: [List.self, Delete.self, Experiments.self], defaultSubcommand: List.self)

  /// Filters shared by `runs list` and `runs delete`.
  struct Filters: ParsableArguments {
    @Option(help: "Only runs of this experiment.") var experiment: String?
    @Option(help: "Only these routers (kinds or variant names, comma-separated).") var router: String?
    @Option(help: "Only these λ values (comma-separated; '-' for λ-independent runs).") var lambda: String?
    @Option(help: "Only these seeds (comma-separated).") var seed: String?

    func validate() throws {
      if let lambda { for t in splitList(lambda) where Lambda(parsing: t) == nil { throw ValidationError("--lambda: '\(t)' is not a λ") } }
      if let seed { for t in splitList(seed) where UInt64(t) == nil { throw ValidationError("--seed: '\(t)' is not a seed") } }
    }

    var filter: RunFilter {
      RunFilter(experiment: experiment, routers: router.map(splitList),
                lambdas: lambda.map { splitList($0).compactMap { Lambda(parsing: $0) } },
                seeds: seed.map { splitList($0).compactMap { UInt64($0) } })
    }
    var isEmpty: Bool { experiment == nil && router == nil && lambda == nil && seed == nil }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Stored runs as CSV.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: Filters
    @Option(help: "Output format (csv).") var format: String = "csv"

    func validate() throws {
      guard format == "csv" else { throw ValidationError("--format: only csv is supported") }
    }

    func run() throws {
      let runs = try database.open().fetchRuns(filters.filter)
      print("id,router,variant,lambda,seed,features,status,experiments,identity,train_seconds,route_seconds")
      for r in runs {
        print([String(r.id), r.router, r.variant, r.lambda.label, String(r.seed), r.featureKey ?? "",
               r.status?.rawValue ?? "", r.experiments.joined(separator: " "), String(r.identityKey.prefix(12)),
               r.trainSeconds.map { String(format: "%.4f", $0) } ?? "",
               r.routeSeconds.map { String(format: "%.4f", $0) } ?? ""].map(csvField).joined(separator: ","))
      }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "delete", abstract: "Delete the stored runs that match the filters (at least one, or --all).",
      discussion: "Example: routerbench runs delete --router MLP --lambda 10,100")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: Filters
    @Flag(help: "Delete every run.") var all = false

    func validate() throws {
      if filters.isEmpty && !all { throw ValidationError("name what to delete (--experiment, --router, --lambda, --seed) or pass --all") }
    }

    func run() throws {
      let n = try database.open().deleteRuns(all ? RunFilter() : filters.filter)
      note("deleted \(n) runs")
    }
  }

  struct Experiments: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "experiments", abstract: "Stored experiments, newest first.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
      print("experiment,kind,runs,updated")
      for e in try database.open().experiments() {
        print([e.name, e.kind.rawValue, String(e.runs), e.updatedAt].map(csvField).joined(separator: ","))
      }
    }
  }
}

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Copy finished runs (and their experiments) from shard databases into one database.",
    discussion: """
      A run already stored here is kept when the shard's copy is the same computation (same identity, \
      configuration, data fingerprint, results and decisions); when they differ nothing is merged and the error \
      names the run. Then every experiment the shards ran (or those --experiment names) is planned on this \
      database's data and each run it still lacks is listed by identity, with the error of a shard that holds it \
      as failed; missing runs exit 1 (the merged runs stay stored).
      Example: routerbench merge --db matrices/b.sqlite shard-0.sqlite shard-1.sqlite
      """)
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Check this experiment for missing runs (repeatable; default: the experiments the shards ran).")
  var experiment: [String] = []
  @Argument(help: "Shard databases of the same benchmark.") var shards: [String]

  func run() throws {
    let store = try database.open()
    var failed: [String: (shard: String, run: FailedRun)] = [:]
    var names: [String] = []
    for s in shards {
      let m = try store.mergeRuns(fromDatabaseAt: s)
      var extra: [String] = []
      if m.alreadyStored > 0 { extra.append("\(m.alreadyStored) more it holds are here already, identical") }
      if !m.failed.isEmpty { extra.append("\(runCount(m.failed.count)) failed there, not copied") }
      note("merged \(runCount(m.copied)) from \(s)" + (extra.isEmpty ? "" : " (" + extra.joined(separator: "; ") + ")"))
      for f in m.failed { failed[f.identityKey] = (s, f) }
      for e in m.experiments where !names.contains(e) { names.append(e) }
    }
    let stored = Dictionary(try store.experiments().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var missingTotal = 0
    for name in experiment.isEmpty ? names : experiment {
      guard let info = stored[name] else {
        throw CLIError("no experiment '\(name)' in \(database.db) (stored: \(stored.keys.sorted().joined(separator: ", ")))")
      }
      let definition: Experiment
      do {
        definition = try JSONDecoder().decode(Experiment.self, from: Data(info.definitionJSON.utf8))
      } catch {
        throw CLIError("experiment '\(name)' in \(database.db): its stored definition cannot be read (\(error)); "
                       + "check it with `routerbench run --config FILE` instead")
      }
      let (planned, missing) = try Pipeline.missingRuns(definition, store: store)
      if missing.isEmpty {
        note("experiment '\(name)': all \(runCount(planned)) stored")
        continue
      }
      note("experiment '\(name)': \(missing.count) of \(runCount(planned)) missing:")
      for r in missing {
        let why = failed[r.key].map { "failed in \($0.shard): \($0.run.error)" } ?? "in none of the merged databases"
        note("  missing \(r.title) (identity \(r.key)): \(why)")
      }
      missingTotal += missing.count
    }
    if missingTotal > 0 {
      throw CLIError("\(runCount(missingTotal)) missing (listed above); the merged runs are stored. Run their shards again "
                     + "(finished runs are skipped) and merge again")
    }
  }
}

/// "1 run", "3 runs".
func runCount(_ n: Int) -> String { n == 1 ? "1 run" : "\(n) runs" }
