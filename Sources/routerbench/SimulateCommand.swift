import ArgumentParser
import Foundation
import Simulation

extension PerSampleFormat: ExpressibleByArgument {}

/// `--preset`: the VL-RouterBench logs, or ECVL-Router's graded edge/cloud data (`ECVLSimulation`).
enum SimulatePreset: String, ExpressibleByArgument, CaseIterable {
  case vlRouterBench = "vl-routerbench"
  case ecvl
  case t2i
}

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

  @Option(help: "The benchmark to imitate: vl-routerbench (VLMEvalKit-style logs), ecvl (graded scores and latencies for `scenario import`) or t2i (RouteT2I-style metric vectors for `multimetric import`).")
  var preset: SimulatePreset = .vlRouterBench

  @Option(help: "Multiply every dataset's size by this (each dataset keeps at least 5 samples).")
  var scale: Double = 1

  @Option(help: "Seed of every random draw; the same seed writes the same bytes.")
  var seed: UInt64 = 42

  @Option(help: "Output directory (default: work/sim, work/ecvl-sim or work/t2i-sim).")
  var out: String?

  @Option(help: "Models written concurrently.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Per-sample file format: tsv (default) or xlsx (as VLMEvalKit's default PRED_FORMAT).")
  var format: PerSampleFormat = .tsv

  func validate() throws {
    guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() async throws {
    let started = Date()
    if preset == .t2i {
      note("simulate: generating t2i at scale \(scale), seed \(seed)")
      let data = T2ISimulation.generate(T2ISimulationConfig(scale: scale, seed: seed))
      let dir = URL(fileURLWithPath: out ?? "work/t2i-sim", isDirectory: true)
      try T2ISimulation.write(data, to: dir)
      note("simulate: \(data.sampleCount) prompts × \(data.models.count) models × \(T2ISimulation.metrics.count) metrics "
           + "written to \(dir.standardizedFileURL.path) in " + Date().timeIntervalSince(started).durationText
           + "; import with `routerbench multimetric import \(dir.path)`")
      return
    }
    if preset == .ecvl {
      note("simulate: generating ecvl at scale \(scale), seed \(seed)")
      let data = ECVLSimulation.generate(ECVLSimulationConfig(scale: scale, seed: seed))
      let dir = URL(fileURLWithPath: out ?? "work/ecvl-sim", isDirectory: true)
      try ECVLSimulation.write(data, to: dir)
      note("simulate: \(data.sampleCount) samples × \(data.models.count) models written to "
           + "\(dir.standardizedFileURL.path) in " + Date().timeIntervalSince(started).durationText
           + "; import with `routerbench scenario import \(dir.path)`")
      return
    }
    let config = SimulationConfig(preset: .vlRouterBench, scale: scale, seed: seed)
    note("simulate: generating \(config.preset.rawValue) at scale \(scale), seed \(seed)")
    let sim = simulate(config)
    note("simulate: \(sim.sampleCount) samples × \(sim.modelCount) models generated in "
         + Date().timeIntervalSince(started).durationText)
    let dir = URL(fileURLWithPath: out ?? "work/sim", isDirectory: true)
    try await write(sim, to: dir, jobs: jobs, format: format) { note("simulate: " + $0) }
    note("simulate: wrote \(dir.standardizedFileURL.path) in " + Date().timeIntervalSince(started).durationText)
  }
}
