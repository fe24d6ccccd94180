public import BenchStore
public import Foundation

/// Writes every file of a stored report under `directory`: the tables, plots and index.html
/// (`writeReport`), and the leaderboard in Markdown, CSV and JSON. The leaderboard files written with the
/// report leave out run dates (they change between runs; `routerbench leaderboard` shows them).
public func writeFullReport(_ report: StoredReport, store: BenchStore, to directory: URL, bootstrap: Int,
                            seed: UInt64) throws {
  let main = mainTable(report.input, timings: report.timings)
  let boot = try report.bootstrap(main: main, store: store, resamples: bootstrap, seed: seed)
  try writeReport(report.input, timings: report.timings, pValues: boot.pValues, to: directory)
  let board = leaderboard(main, intervals: boot.intervals, pValues: boot.pValues, provenance: report.runProvenance)
  let stable = board.map { var e = $0; e.date = ""; return e }
  for f in LeaderboardFormat.allCases where f != .html {
    try Data(renderLeaderboard(stable, format: f).utf8)
      .write(to: directory.appendingPathComponent("leaderboard.\(f.rawValue)"), options: .atomic)
  }
}

/// `timings.json`: measured stage times of a pipeline run (never part of the tables).
public func writeTimingsJSON(to directory: URL, stages: [(stage: String, seconds: Double)], total: Double,
                             planned: Int, resumed: Int) throws {
  var timing: [String: Any] = ["total_seconds": total, "runs_planned": planned, "runs_resumed": resumed]
  for (k, v) in stages { timing["\(k)_seconds"] = v }
  let data = try JSONSerialization.data(withJSONObject: timing, options: [.prettyPrinted, .sortedKeys])
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  try data.write(to: directory.appendingPathComponent("timings.json"), options: .atomic)
}
