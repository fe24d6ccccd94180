import ArgumentParser
import Foundation
import Pipeline
import Routers
import Sweep

struct SlurmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slurm",
    abstract: "Write (and with --submit, submit) a Slurm job array for an experiment, and a merge job after it.",
    discussion: """
      One array task per shard of the plan, split into shards of about equal estimated cost; each task writes \
      its own shard database beside --db and skips the runs its shard already finished, so a re-submitted array \
      resumes. The merge job (--dependency=afterok) merges the shards into --db, lists runs still missing and \
      writes the report to DIR/report. Files: DIR/array.sbatch, DIR/merge.sbatch, DIR/submit.sh, DIR/logs/ (one \
      log per task). Without --submit the scripts are printed; see docs/slurm.md.
      Example:
        routerbench slurm --config experiments/paper.yaml --db matrices/b.sqlite --shards 16 \\
          --partition cpu --time 2:00:00 --cpus 4 --mem 16G --out slurm/paper --submit
      """)

  @Option(help: "The experiment file (YAML) every task runs.") var config: String
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Array tasks: the plan is split into this many shards of about equal estimated cost.") var shards: Int
  @Option(help: "Slurm partition(s) of every job.") var partition: String?
  @Option(help: "Wall-time limit per job (M, H:M:S, D-H:M:S …).") var time: String?
  @Option(help: "CPUs per array task; the task runs this many runs side by side.") var cpus: Int = 1
  @Option(help: "Memory per job (megabytes, or with K/M/G/T).") var mem: String?
  @Option(help: "GPUs per array task, N or TYPE:N (asked for as --gres=gpu:…).") var gpus: String?
  @Option(help: "Bootstrap resamples of the merge job's report.") var bootstrap: Int = 1000
  @Option(help: "The routerbench executable the jobs run (default: this one).") var executable: String?
  @Option(help: "Where the scripts, logs/ and report/ go.") var out: String
  @Flag(help: "Submit the array and the merge job with sbatch, and print their job ids.") var submit = false

  func validate() throws {
    guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
    guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be ≥ 0") }
    do { _ = try resources() } catch { throw ValidationError(error.description) }
  }

  func resources() throws(SweepError) -> SlurmResources {
    try SlurmResources(partition: partition, time: time, cpus: cpus, memory: mem, gpus: gpus)
  }

  func run() throws {
    let store = try database.open()
    let experiment = try Experiment.load(path: config, registry: .builtIn)
    let planned = try Pipeline.plan(experiment, store: store)
    let plan = ShardPlan(planned.plan, shards: shards)
    if shards > planned.plan.count {
      note("warning: \(shards) shards for \(planned.plan.count) runs: \(shards - planned.plan.count) tasks will have nothing to do")
    }
    let job = try SlurmJob(
      experiment: experiment.name, configPath: absolute(config), databasePath: absolute(database.db),
      executable: try executable.map(absolute) ?? runningExecutable(), outputDirectory: absolute(out), plan: plan,
      resources: try resources(), bootstrap: bootstrap)
    try job.write()
    let total = plan.estimatedSeconds.reduce(0, +)
    note("==> \(planned.plan.count) runs of experiment '\(experiment.name)' in \(shards) shards "
         + String(format: "(estimated %.1f s in all, the dearest shard %.1f s)", total, plan.estimatedSeconds.max() ?? 0))
    note("==> wrote \(job.arrayScriptPath), \(job.mergeScriptPath) and \(job.submitScriptPath); logs go to \(job.logDirectory)/")
    if submit {
      let s = try job.submit()
      print("array_job=\(s.arrayJob)")
      print("merge_job=\(s.mergeJob)")
      note("==> submitted array job \(s.arrayJob) (tasks 0-\(shards - 1)) and merge job \(s.mergeJob) (after every task "
           + "succeeded); the report goes to \(job.reportDirectory)/")
    } else {
      print("# ==> \(job.arrayScriptPath) <==")
      print(job.arrayScript)
      print("# ==> \(job.mergeScriptPath) <==")
      print(job.mergeScript, terminator: "")
      note("==> submit with `bash \(job.submitScriptPath)`, or run this command again with --submit")
    }
  }

  /// `path` made absolute against the working directory (the scripts run elsewhere).
  func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// This process's executable (`/proc/self/exe`), so the jobs run the same build.
  func runningExecutable() throws -> String {
    do { return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") } catch {
      throw CLIError("cannot find this executable's path (/proc/self/exe: \(error.localizedDescription)); give --executable")
    }
  }
}
