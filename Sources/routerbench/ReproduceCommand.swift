import ArgumentParser
import BenchCore
import Foundation
import Pipeline
import Routers
import Sweep

struct ReproduceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reproduce",
    abstract: "simulate → import → run → report on the built-in benchmark (this is `make run`).",
    discussion: """
      Runs the default experiment (experiments/default.yaml: every router, the paper's λ grid, five seeds), or the
      one in --config. Every stage is resumable: an existing simulation with the same settings is reused, the
      import skips unchanged files, the sweep skips stored runs. The tables are deterministic; stage timings go
      to OUT/timings.json.
      """)

  @Option(help: "Multiply every dataset's size by this (1 = the paper's 30,540 samples).") var scale: Double = 1
  @Option(help: "Seed of the simulation, the split and the bootstrap.") var seed: UInt64 = 42
  @Option(help: "Where the report goes.") var out: String = "results"
  @Option(help: "Where the simulated VLMEvalKit logs go.") var work: String = "work"
  @Option(help: "The benchmark database (default: matrices/vl-routerbench[-sSCALE].sqlite).") var db: String?
  @Option(help: "An experiment file (default: the built-in default experiment).") var config: String?
  @Option(help: "Only these routers and groups (overrides the experiment's).") var routers: String?
  @Option(help: "λ grid (overrides the experiment's).") var lambdas: String?
  @Option(help: "Seeds for seed-dependent routers (overrides the experiment's).") var seeds: Int?
  @Option(help: "Runs in parallel.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(help: "Bootstrap resamples for confidence intervals.") var bootstrap: Int = 1000
  @Option(help: "Token counter: cl100k (exact) or approximate.") var tokenizer: TokenizerChoice = .cl100k

  func validate() throws {
    guard scale.isFinite, scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
    guard jobs >= 1, bootstrap >= 0 else { throw ValidationError("--jobs must be ≥ 1, --bootstrap ≥ 0") }
    if let seeds, seeds < 1 { throw ValidationError("--seeds must be ≥ 1") }
    if let lambdas { _ = try parseLambdas(lambdas, option: "--lambdas") }
  }

  func run() async throws {
    var experiment = try config.map { try Experiment.load(path: $0, registry: .builtIn) } ?? .builtInDefault
    if let routers { experiment.routers = try Experiment.variants(routers, registry: .builtIn) }
    if let lambdas { experiment.lambdas = try parseLambdas(lambdas, option: "--lambdas") }
    if let seeds { experiment.seeds = (1...seeds).map(UInt64.init) }
    let options = Pipeline.ReproduceOptions(
      scale: scale, seed: seed, out: URL(fileURLWithPath: out), work: URL(fileURLWithPath: work), database: db,
      experiment: experiment, jobs: jobs, bootstrap: bootstrap, exactTokens: tokenizer == .cl100k)
    let interrupt = InterruptReport()
    let s = try await Pipeline.reproduce(options, log: note, progress: {
      interrupt.update($0)
      progressLine("      " + $0.line, final: $0.done == $0.total)
    })
    note("done in \(s.totalSeconds.durationText): open \(out)/index.html, or read \(out)/README.md")
    if !s.run.failures.isEmpty { throw CLIError("\(s.run.failures.count) runs failed (listed above)") }
  }
}
