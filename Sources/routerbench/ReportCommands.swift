import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Reports
import Routers

/// Loads the stored report of a database (shared by `report` and `leaderboard`).
func loadStoredReport(_ db: String) throws -> (BenchStore, StoredReport) {
  guard FileManager.default.fileExists(atPath: db) else {
    throw ValidationError("no database at \(db); create one with `routerbench import` or `routerbench reproduce`")
  }
  let store = try BenchStore(path: db)
  let name = URL(fileURLWithPath: db).deletingPathExtension().lastPathComponent
  let report = try StoredReport.load(from: store, name: name, routerOrder: RouterRegistry.builtIn.entries.map(\.name),
                                     toolVersion: RouterBench.configuration.version)
  guard !report.input.results.isEmpty else {
    throw ValidationError("\(db) has no finished runs yet; run `routerbench run --db \(db)` first")
  }
  return (store, report)
}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write per-dataset.csv, Tables A1–A6, the main table, frontiers, plots, the leaderboard and index.html.",
    discussion: """
      Files (under --out): per-dataset.csv, main-table.csv, frontiers.csv, leaderboard.md/.csv/.json,
      tables/A1…A6.{md,csv,tex}, tables/main-table.{md,tex}, tables/frontiers.md, plots/*.svg, index.html,
      README.md; timings.csv holds the measured timings (everything else is deterministic).
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Output directory.") var out: String = "results"
  @Option(help: "Bootstrap resamples for confidence intervals (0 = none).") var bootstrap: Int = 1000
  @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 42

  func run() throws {
    let (store, report) = try loadStoredReport(database.db)
    try Self.writeAll(store: store, report: report, out: out, bootstrap: bootstrap, seed: seed)
  }

  static func writeAll(store: BenchStore, report: StoredReport, out: String, bootstrap: Int, seed: UInt64) throws {
    let dir = URL(fileURLWithPath: out)
    let main = mainTable(report.input, timings: report.timings)
    let boot = try report.bootstrap(main: main, store: store, resamples: bootstrap, seed: seed)
    try writeReport(report.input, timings: report.timings, pValues: boot.pValues, to: dir)
    let board = leaderboard(main, intervals: boot.intervals, pValues: boot.pValues, provenance: report.runProvenance)
    // Dates vary between runs, so the leaderboard files written with the report leave them out.
    let stable = board.map { var e = $0; e.date = ""; return e }
    for f in LeaderboardFormat.allCases where f != .html {
      try Data(renderLeaderboard(stable, format: f).utf8).write(to: dir.appendingPathComponent("leaderboard.\(f.rawValue)"))
    }
    note("==> report written to \(dir.path)/ (index.html, per-dataset.csv, main-table.csv, tables/, plots/)")
  }
}

struct LeaderboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leaderboard",
    abstract: "Routers ranked by rank score at their dev-chosen λ, with confidence intervals and gap to Oracle.")

  @OptionGroup var database: DatabaseOptions
  @Option(help: "md, csv, json or html.") var format: String = "md"
  @Option(help: "Bootstrap resamples for confidence intervals (0 = none).") var bootstrap: Int = 1000
  @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 42

  func validate() throws {
    guard LeaderboardFormat(rawValue: format) != nil else { throw ValidationError("--format must be md, csv, json or html") }
  }

  func run() throws {
    let (store, report) = try loadStoredReport(database.db)
    let main = mainTable(report.input, timings: report.timings)
    let boot = try report.bootstrap(main: main, store: store, resamples: bootstrap, seed: seed)
    print(renderLeaderboard(leaderboard(main, intervals: boot.intervals, pValues: boot.pValues,
                                        provenance: report.runProvenance),
                            format: LeaderboardFormat(rawValue: format)!), terminator: "")
  }
}

struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "runs", abstract: "List stored runs.")
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Output format (csv).") var format: String = "csv"

  func validate() throws {
    guard format == "csv" else { throw ValidationError("--format: only csv is supported") }
  }

  func run() throws {
    let store = try BenchStore(path: database.db)
    let runs = try store.fetchRuns()
    print("router,lambda,seed,status,train_seconds,route_seconds")
    for r in runs {
      print([r.router, r.lambdaLabel, String(r.seed), r.status, r.trainSeconds.map { String(format: "%.4f", $0) } ?? "",
             r.routeSeconds.map { String(format: "%.4f", $0) } ?? ""].joined(separator: ","))
    }
  }
}

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Copy finished runs from shard databases into one database.",
    discussion: "Example: routerbench merge --db matrices/b.sqlite shard-0.sqlite shard-1.sqlite")
  @OptionGroup var database: DatabaseOptions
  @Argument(help: "Shard databases of the same benchmark.") var shards: [String]

  func run() throws {
    let store = try BenchStore(path: database.db)
    for s in shards {
      let n = try store.mergeRuns(fromDatabaseAt: s)
      note("merged \(n) runs from \(s)")
    }
  }
}
