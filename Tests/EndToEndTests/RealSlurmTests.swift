import BenchCore
import BenchStore
import Foundation
import Reports
import Routers
import Testing

/// Whether a Slurm cluster of our own is up for this process: `scripts/slurm-test.sh` (`make test-slurm`) starts
/// munged, slurmctld and slurmd on loopback, then runs this suite with `ROUTERBENCH_REAL_SLURM=1` and `SLURM_CONF`.
enum RealSlurm {
  static let environment = ProcessInfo.processInfo.environment
  static let enabled = environment["ROUTERBENCH_REAL_SLURM"] == "1" && environment["SLURM_CONF"] != nil
  static let reason: Comment = "needs a running Slurm: `make test-slurm` starts one on loopback and runs this suite"
  static var partition: String { environment["ROUTERBENCH_SLURM_PARTITION"] ?? "rbtest" }

  struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// A started process whose output goes to files (no pipe to fill up), waited for with a deadline.
  final class Started: @unchecked Sendable {
    // Only touched from the test's own task: started, then waited for once.
    let process = Process()
    let out: URL, err: URL
    let what: String

    init(_ executable: String, _ arguments: [String], in directory: URL, log: URL) throws {
      what = ([URL(fileURLWithPath: executable).lastPathComponent] + arguments).joined(separator: " ")
      out = log.appendingPathExtension("out")
      err = log.appendingPathExtension("err")
      _ = FileManager.default.createFile(atPath: out.path, contents: nil)
      _ = FileManager.default.createFile(atPath: err.path, contents: nil)
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.currentDirectoryURL = directory
      process.standardOutput = try FileHandle(forWritingTo: out)
      process.standardError = try FileHandle(forWritingTo: err)
      try process.run()
    }

    /// Waits at most `seconds`; a process still running then is terminated and the wait fails.
    func wait(seconds: Double) async throws -> Finished {
      let deadline = Date().addingTimeInterval(seconds)
      while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        Issue.record("`\(what)` did not finish within \(Int(seconds)) s; stopped")
      }
      process.waitUntilExit()
      return Finished(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
  }

  /// Runs a command to the end, bounded.
  static func run(_ executable: String, _ arguments: [String], in directory: URL, seconds: Double = 30) async throws
    -> Finished
  {
    let log = directory.appendingPathComponent("cmd-\(UUID().uuidString)")
    return try await Started(executable, arguments, in: directory, log: log).wait(seconds: seconds)
  }

  /// The path of `name` on PATH.
  static func which(_ name: String) -> String? {
    (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `JobState` of every job record `scontrol show job -o ID` prints (one per array task).
  static func jobStates(_ id: String, in directory: URL) async throws -> [String] {
    let r = try await run(which("scontrol") ?? "/usr/bin/scontrol", ["show", "job", "-o", id], in: directory)
    return r.stdout.split(separator: "\n").compactMap { line in
      line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
    }
  }
}

/// A small sweep submitted to a real Slurm with `routerbench slurm --submit` (4 array tasks and the merge job),
/// compared with a single-process run of the same experiment: same runs (identities), same results, same
/// decisions, same per-dataset table. Every wait is bounded.
@Suite(.serialized, .enabled(if: RealSlurm.enabled, RealSlurm.reason)) struct RealSlurmTests {
  @Test(.timeLimit(.minutes(4))) func aSubmittedSweepMergesIntoTheSameDatabaseAsOneProcess() async throws {
    let clock = ContinuousClock(), start = clock.now
    func elapsed() -> String { String(format: "%.1f s", (clock.now - start).seconds) }
    let binary = Binary.url.resolvingSymlinksInPath().path
    let bench = try Bench.make(scale: 0.05)
    let dir = bench.dir
    let main = bench.store.path!, reference = dir.appendingPathComponent("reference.sqlite").path
    try bench.store.backup(to: reference)
    let config = dir.appendingPathComponent("slurm-test.yaml")
    try """
      experiment: slurm-test
      routers: [baselines, KNN, Linear]
      lambdas: [0, 100, inf]
      seeds: [1, 2]
      """.write(to: config, atomically: true, encoding: .utf8)
    print("real Slurm: benchmark at scale 0.05 imported (\(bench.store.path!)) after \(elapsed())")

    let submitted = try await RealSlurm.run(binary, [
      "slurm", "--config", config.path, "--db", main, "--shards", "4", "--partition", RealSlurm.partition,
      "--time", "10", "--cpus", "1", "--mem", "2G", "--bootstrap", "100", "--out", "jobs", "--submit"], in: dir, seconds: 60)
    try #require(submitted.status == 0, "routerbench slurm --submit: \(submitted.stderr)")
    let ids = Dictionary(uniqueKeysWithValues: submitted.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
      let kv = line.split(separator: "=", maxSplits: 1).map(String.init)
      return kv.count == 2 ? (kv[0], kv[1]) : nil
    })
    let arrayJob = try #require(ids["array_job"], "no array_job= line: \(submitted.stdout)")
    let mergeJob = try #require(ids["merge_job"], "no merge_job= line: \(submitted.stdout)")
    print("real Slurm: submitted array job \(arrayJob) and merge job \(mergeJob) after \(elapsed())")

    // The single-process run of the same experiment, side by side with the array (the binary, so the BLAS kernel
    // is pinned as in the tasks).
    let single = try RealSlurm.Started(binary, ["run", "--config", config.path, "--db", reference, "--jobs", "1"],
                                       in: dir, log: dir.appendingPathComponent("reference-run"))

    // Wait (bounded) for the merge job to end.
    let jobs = dir.appendingPathComponent("jobs")
    var mergeState = ""
    let deadline = Date().addingTimeInterval(180)
    while Date() < deadline {
      mergeState = try await RealSlurm.jobStates(mergeJob, in: dir).first ?? ""
      if ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL",
          "DEADLINE"].contains(where: mergeState.hasPrefix) { break }
      try await Task.sleep(for: .seconds(1))
    }
    let logs = (try? FileManager.default.contentsOfDirectory(atPath: jobs.appendingPathComponent("logs").path)) ?? []
    func logText() -> String {
      logs.sorted().map { name in
        "==> \(name)\n" + ((try? String(contentsOf: jobs.appendingPathComponent("logs/\(name)"), encoding: .utf8)) ?? "")
      }.joined(separator: "\n")
    }
    let taskStates = try await RealSlurm.jobStates(arrayJob, in: dir)
    print("real Slurm: merge job \(mergeState.isEmpty ? "not found" : mergeState) after \(elapsed()); tasks: \(taskStates)")
    try #require(mergeState == "COMPLETED", "merge job \(mergeJob) ended \(mergeState); logs:\n\(logText())")
    #expect(taskStates.count == 4 && taskStates.allSatisfy { $0 == "COMPLETED" }, "array tasks: \(taskStates)")

    let ref = try await single.wait(seconds: 120)
    try #require(ref.status == 0, "the single-process run: \(ref.stderr.suffix(3000))")
    print("real Slurm: single-process run done after \(elapsed())")

    // One log per task and one for the merge job, each saying what it did.
    for i in 0..<4 {
      let name = "shard-\(i).job-\(arrayJob).log"
      let text = try String(contentsOf: jobs.appendingPathComponent("logs/\(name)"), encoding: .utf8)
      #expect(text.contains("shard \(i)/4") && text.contains("planned for experiment 'slurm-test'"), "\(name):\n\(text)")
      #expect(FileManager.default.fileExists(atPath: main.replacingOccurrences(of: ".sqlite", with: ".slurm-test.shard-\(i)-of-4.sqlite")))
    }
    let mergeLog = try String(contentsOf: jobs.appendingPathComponent("logs/merge.job-\(mergeJob).log"), encoding: .utf8)
    #expect(mergeLog.contains("experiment 'slurm-test': all 14 runs stored"), "\(mergeLog)")

    // The merged database holds the same runs, with the same results and decisions, as the single process's.
    let merged = try BenchStore(path: main), single1 = try BenchStore(path: reference)
    let filter = RunFilter(experiment: "slurm-test", status: .done)
    let a = try merged.fetchRuns(filter), b = try single1.fetchRuns(filter)
    #expect(a.count == 14 && b.count == 14)
    #expect(Set(a.map(\.identityKey)) == Set(b.map(\.identityKey)))
    let bByKey = Dictionary(uniqueKeysWithValues: b.map { ($0.identityKey, $0) })
    for r in a { #expect(r.identityJSON == bByKey[r.identityKey]?.identityJSON, "\(r.variant): identity JSON") }
    /// Every stored figure by (identity, split, dataset): samples, correct, score sum, cost sum, rank score.
    func results(_ store: BenchStore, _ runs: [RunListing]) throws -> [String: [Double]] {
      let key = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0.identityKey) })
      return Dictionary(uniqueKeysWithValues: try store.fetchResults(of: runs).map { r in
        ("\(key[r.runID]!) \(r.split.rawValue) \(r.dataset)",
         [Double(r.outcome.samples), r.outcome.correct, r.outcome.scoreSum, r.outcome.costSum, r.rankScore])
      })
    }
    let ra = try results(merged, a), rb = try results(single1, b)
    #expect(!ra.isEmpty && ra == rb, "results differ between the merged and the single-process database")
    let sa = try merged.snapshot(), sb = try single1.snapshot()
    for r in a {
      let other = try #require(bByKey[r.identityKey])
      for split in [SplitName.dev, .test] {
        let da = try merged.fetchDecisions(runID: r.id, split: split, in: sa)
        let db = try single1.fetchDecisions(runID: other.id, split: split, in: sb)
        #expect(!da.isEmpty && da.map(\.row) == db.map(\.row) && da.map(\.model) == db.map(\.model),
                "\(r.variant) λ=\(r.lambda.label) seed=\(r.seed): \(split.rawValue) decisions differ")
      }
    }
    // The merge job's report is the single process's.
    let report = try StoredReport.load(from: single1, selection: ReportSelection(experiment: "slurm-test"),
                                       routerOrder: RouterRegistry.builtIn.entries.map(\.name))
    let expected = Reports.reportFiles(report.input, timings: report.timings).first { $0.path == "per-dataset.csv" }?.contents
    let written = try String(contentsOf: jobs.appendingPathComponent("report/per-dataset.csv"), encoding: .utf8)
    #expect(expected != nil && written == expected, "report/per-dataset.csv differs from the single-process run's")
    print("real Slurm: merged database equals the single-process run (14 runs) after \(elapsed())")
  }
}
