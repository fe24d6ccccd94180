import ArgumentParser
import Foundation
import LogImport
import Simulation

/// `--format`: how per-sample files (predictions, judged files) are written.
enum SimulateFormat: String, ExpressibleByArgument, CaseIterable { case tsv, xlsx }

extension SimulationPreset: ExpressibleByArgument {}

struct Simulate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Write a calibrated simulated benchmark as VLMEvalKit-style logs, dataset TSVs, features and prices.",
    discussion: """
      The output looks like a real VLMEvalKit run (work_dir/<model>/T…/ prediction and judged files, LMUData/ \
      dataset TSVs) plus features/*.npy, pricing.yaml and simulation.json ("simulated": true). At --scale 1 the \
      baselines on the seed-42 test split match VL-RouterBench Table A1 (docs/simulation.md). Import it with \
      `routerbench import`.
      """)

  @Option(help: "The benchmark to imitate.")
  var preset: SimulationPreset = .vlRouterBench

  @Option(help: "Multiply every dataset's size by this (each dataset keeps at least 5 samples).")
  var scale: Double = 1

  @Option(help: "Seed of every random draw; the same seed writes the same bytes.")
  var seed: UInt64 = 42

  @Option(help: "Output directory.")
  var out: String = "work/sim"

  @Option(help: "Models written concurrently.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Per-sample file format: tsv (default) or xlsx (written with XLSXWriter, as VLMEvalKit's default PRED_FORMAT).")
  var format: SimulateFormat = .tsv

  func validate() throws {
    guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() async throws {
    let started = Date()
    let config = SimulationConfig(preset: preset, scale: scale, seed: seed)
    note("simulate: generating \(preset.rawValue) at scale \(scale), seed \(seed)")
    let sim = simulate(config)
    note("simulate: \(sim.sampleCount) samples × \(sim.modelCount) models generated in "
         + Date().timeIntervalSince(started).durationText)
    let dir = URL(fileURLWithPath: out, isDirectory: true)
    var convert: (@Sendable (URL) throws -> Void)?
    if format == .xlsx { convert = { @Sendable url in try Simulate.rewriteAsXLSX(url) } }
    try await write(sim, to: dir, jobs: jobs, perSampleFile: convert) { note("simulate: " + $0) }
    note("simulate: wrote \(dir.standardizedFileURL.path) in " + Date().timeIntervalSince(started).durationText)
  }

  /// Rewrites a TSV as `<same name>.xlsx` (every cell a string, as VLMEvalKit's xlsxwriter output reads back) and
  /// removes the TSV.
  static func rewriteAsXLSX(_ tsv: URL) throws {
    let xlsx = tsv.deletingPathExtension().appendingPathExtension("xlsx")
    let writer = try XLSXWriter(url: xlsx)
    _ = try DelimitedTableReader.tsv.read(tsv, displayPath: tsv.lastPathComponent, header: { cells in
      try writer.writeRow(cells)
      return nil
    }, row: { row in try writer.writeRow(row.values) })
    try writer.close()
    try FileManager.default.removeItem(at: tsv)
  }
}
