import BenchCore
import Foundation
import Routers
import Testing

@testable import Sweep

/// Compares text with a golden file under Tests/SweepTests/Snapshots; `RECORD_SNAPSHOTS=1` re-records.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                    filePath: String = #filePath) throws {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return
  }
  let golden = try #require(try? String(contentsOf: url, encoding: .utf8),
                            "missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
  #expect(text == golden, "snapshot \(name) differs; re-record with RECORD_SNAPSHOTS=1 if intended",
          sourceLocation: sourceLocation)
}

/// The largest shard cost a perfect split could reach at best: no shard costs less than the dearest run, and
/// the costliest shard costs at least the average.
func lowerBound(_ plan: [RunSpec], shards n: Int, costs: RunCostModel = .builtIn) -> Double {
  let c = plan.map(costs.estimate)
  return max(c.max() ?? 0, c.reduce(0, +) / Double(n))
}

@Suite struct ShardPlanTests {
  @Test func shardsPartitionThePlanAndKeepPlanOrder() throws {
    let p = try plan("all", seeds: [1, 2, 3, 4, 5])
    for n in [1, 2, 3, 7, p.count + 3] {
      let s = ShardPlan(p, shards: n)
      #expect(s.shards.count == n && s.estimatedSeconds.count == n)
      let keys = s.shards.flatMap { $0.map(\.key) }
      #expect(keys.count == p.count && Set(keys) == Set(p.map(\.key)), "n = \(n): every run in exactly one shard")
      let position = Dictionary(uniqueKeysWithValues: p.enumerated().map { ($0.element.key, $0.offset) })
      for shard in s.shards {
        let order = shard.map { position[$0.key]! }
        #expect(order == order.sorted(), "n = \(n): a shard keeps plan order")
      }
      for (i, shard) in s.shards.enumerated() {
        #expect(abs(s.estimatedSeconds[i] - shard.map(RunCostModel.builtIn.estimate).reduce(0, +)) < 1e-9)
      }
    }
  }

  @Test func shardsAreBalancedByEstimatedCostNotByCount() throws {
    // 1 OVR run (15.9 s) beside 7 baseline runs (milliseconds each) and 6 Linear runs (0.35 s): by count each of
    // two shards would get 7 runs; by cost OVR gets a shard of its own.
    let p = try plan("baselines,OVR,Linear", lambdas: [.finite(0), .infinity], seeds: [1, 2, 3])
    let s = ShardPlan(p, shards: 2)
    let ovr = try #require(s.shards.firstIndex { $0.contains { $0.identity.router == "OVR" } })
    #expect(s.shards[ovr].map(\.identity.router) == ["OVR"])
    #expect(s.shards[1 - ovr].count == p.count - 1)
    // Longest-processing-time-first stays within 4/3 of the best split, whatever the mix.
    for routers in ["all", "feature", "baselines,KNN,MLP", "OVR,K-means,Linear"] {
      let q = try plan(routers, seeds: [1, 2, 3, 4, 5])
      for n in 2...6 {
        let t = ShardPlan(q, shards: n)
        #expect(t.estimatedSeconds.max()! <= lowerBound(q, shards: n) * 4 / 3 + 1e-9, "\(routers), \(n) shards")
      }
    }
  }

  @Test func theSplitIsAFunctionOfThePlanTheCountAndTheCosts() throws {
    let p = try plan("all", seeds: [1, 2, 3])
    let a = ShardPlan(p, shards: 4), b = ShardPlan(p, shards: 4)
    #expect(a.shards.map { $0.map(\.key) } == b.shards.map { $0.map(\.key) })
    #expect(a.digest == b.digest && a.digest.count == 64)
    // Another count, another cost table or another plan is another split, and another digest.
    #expect(ShardPlan(p, shards: 3).digest != a.digest)
    var costs = RunCostModel.builtIn
    costs.byKind["mlp"] = 1000
    #expect(ShardPlan(p, shards: 4, costs: costs).digest != a.digest)
    let other = try plan("all", seeds: [1, 2, 3], context: PlanContext(
      fingerprint: "fp-other", split: "default", correctThreshold: 1, featureHashes: ["text": "t", "image": "i", "patches": "p"]))
    #expect(ShardPlan(other, shards: 4).digest != a.digest)
  }

  @Test func aRunsEstimateComesFromItsVariantItsKindOrItsFamily() throws {
    let c = RunCostModel.builtIn
    let p = try plan("KNN,Strongest", lambdas: [.finite(0)], seeds: [1])
    let knn = try #require(p.first { $0.identity.router == "KNN" })
    #expect(c.estimate(knn) == 2.64 + c.overheadSeconds)
    // A router the table does not know takes its family's figure: end-to-end ones are far dearer.
    var e2e = knn
    e2e.identity.router = "SomeEndToEndRouter"
    e2e.family = .endToEnd
    #expect(c.estimate(e2e) == 110 + c.overheadSeconds)
    #expect(c.estimate(e2e) > 10 * c.estimate(knn))
    // An experiment's `estimated_seconds` for a variant wins over both.
    let yaml = """
      experiment: costs
      routers:
        KNN: {estimated_seconds: 120}
        Strongest:
      lambdas: [0]
      seeds: [1]
      """
    let e = try Experiment.parse(yaml, source: "costs.yaml", registry: .builtIn)
    #expect(e.routers.first { $0.name == "KNN" }?.estimatedSeconds == 120)
    let q = try e.plan(registry: .builtIn, context: smallContext)
    #expect(c.estimate(try #require(q.first { $0.identity.router == "KNN" })) == 120 + c.overheadSeconds)
    // It is not part of any run's identity.
    #expect(Set(q.map(\.key)) == Set(p.map(\.key)))
    #expect(throws: SweepError.self) {
      try Experiment.parse(yaml.replacingOccurrences(of: "120", with: "-1"), source: "costs.yaml", registry: .builtIn)
    }
  }
}

/// Baselines, KNN and Linear over λ ∈ {0, 100, ∞} and seeds 1, 2, with identities spelled out here (not taken
/// from the registry), so the golden scripts and docs/slurm.md do not change when a router's defaults or revision do.
func fixedPlan() -> [RunSpec] {
  var out: [RunSpec] = []
  let routers: [(String, RouterFamily, Bool, Bool)] = [
    ("Oracle", .baseline, false, false), ("Strongest", .baseline, false, false), ("Cheapest", .baseline, false, false),
    ("StrongestPerDataset", .baseline, false, false), ("Random", .baseline, false, true),
    ("BestValuePerDataset", .baseline, false, false), ("KNN", .feature, false, false), ("Linear", .feature, true, true),
  ]
  for (name, family, byLambda, bySeed) in routers {
    for l in byLambda ? [Lambda.finite(0), .finite(100), .infinity] : [.notApplicable] {
      for seed in bySeed ? [UInt64(1), 2] : [1] {
        let features = family == .feature ? FeatureKey.paperDefault : nil
        let id = RunIdentity(router: name, variant: name, revision: 1, configuration: "{}", lambda: l, seed: seed,
                             costScale: 100, correctThreshold: 1, features: features,
                             featureSHA256: features.map { _ in ["t", "i"] }, split: "default", benchmark: "fp-docs")
        out.append(RunSpec(identity: id, family: family, isUpperBound: name == "Oracle", values: [:]))
      }
    }
  }
  return out
}

/// The job scripts of `routerbench slurm`, as text: golden files, the checks on what goes into them, and what
/// bash makes of them.
@Suite struct SlurmScriptTests {
  func job(database: String = "/home/alice/rb/matrices/vl.sqlite",
           out: String = "/home/alice/rb/slurm/paper", experiment: String = "paper") throws -> SlurmJob {
    return try SlurmJob(
      experiment: experiment, configPath: "/home/alice/rb/experiments/paper.yaml", databasePath: database,
      executable: "/home/alice/rb/.build/release/routerbench", outputDirectory: out,
      plan: ShardPlan(fixedPlan(), shards: 4),
      resources: SlurmResources(partition: "cpu", time: "2:00:00", cpus: 2, memory: "8G", gpus: nil), bootstrap: 1000)
  }

  @Test func theGeneratedScriptsMatchTheirGoldenFiles() throws {
    let j = try job()
    try assertSnapshot(j.arrayScript, named: "array.sbatch")
    try assertSnapshot(j.mergeScript, named: "merge.sbatch")
    try assertSnapshot(j.submitScript, named: "submit.sh")
    #expect(j.shardDatabasePath(2) == "/home/alice/rb/matrices/vl.paper.shard-2-of-4.sqlite")
  }

  /// docs/slurm.md shows the generated array script: it must be the one routerbench writes.
  @Test func theDocsShowTheGoldenScript() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/slurm.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let j = try job()
    #expect(text.contains("```bash\n" + j.arrayScript + "```"), "docs/slurm.md does not show the current array.sbatch")
    #expect(text.contains("```bash\n" + j.mergeScript + "```"), "docs/slurm.md does not show the current merge.sbatch")
  }

  @Test func optionsAreCheckedBeforeTheyGoIntoAScript() throws {
    let bad: [(SlurmResources?, String)] = [
      (try? SlurmResources(time: "2h"), "--time"), (try? SlurmResources(memory: "8 GB"), "--mem"),
      (try? SlurmResources(partition: "cpu\n#SBATCH --x"), "--partition"), (try? SlurmResources(gpus: "a100"), "--gpus"),
      (try? SlurmResources(cpus: 0), "--cpus"),
    ]
    for (r, option) in bad { #expect(r == nil, "\(option) accepted a bad value") }
    do {
      _ = try SlurmResources(time: "2h")
      Issue.record("--time 2h accepted")
    } catch { #expect(error.description.contains("--time") && error.description.contains("'2h'")) }
    for ok in ["30", "30:00", "2:00:00", "1-0", "1-12:00", "1-12:00:00", "UNLIMITED"] {
      #expect((try? SlurmResources(time: ok)) != nil, "--time \(ok)")
    }
    #expect(try SlurmResources(gpus: "a100:2").gpus == "a100:2")
    #expect(try SlurmResources(gpus: "0").gpus == nil)
    #expect(throws: SweepError.self) { try job(out: "/home/alice/my runs") }
    #expect(throws: SweepError.self) { try job(out: "relative/dir") }
    let gpu = try SlurmJob(experiment: "g", configPath: "/e.yaml", databasePath: "/b.sqlite", executable: "/rb",
                           outputDirectory: "/o", plan: ShardPlan([], shards: 1), resources: SlurmResources(gpus: "2"))
    #expect(gpu.arrayScript.contains("\n#SBATCH --gres=gpu:2\n") && !gpu.mergeScript.contains("gres"))
  }

  /// Runs each script with bash, with a recording stand-in for `routerbench` and `sbatch`: every argument
  /// arrives as written, even for paths with spaces and quotes and an experiment name with a newline.
  @Test func bashPassesEveryArgumentIntact() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-slurm-\(UUID().uuidString)")
    let bin = dir.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let record = dir.appendingPathComponent("args").path
    // Prints each argument on a line of its own (NUL-free test values), then exits 0.
    let recorder = "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> \(SlurmJob.shellQuoted(record))\necho 17\n"
    for name in ["routerbench", "sbatch"] {
      let path = bin.appendingPathComponent(name).path
      try Data(recorder.utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }
    let odd = dir.appendingPathComponent("it's a \"db\" $HOME").path
    try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
    let p = try plan("baselines", seeds: [1])
    let j = try SlurmJob(experiment: "odd 'name'\n$x", configPath: odd + "/exp.yaml", databasePath: odd + "/b.sqlite",
                         executable: bin.appendingPathComponent("routerbench").path,
                         outputDirectory: dir.appendingPathComponent("out").path, plan: ShardPlan(p, shards: 2),
                         resources: SlurmResources())
    try j.write()
    func bash(_ script: String, _ env: [String: String]) throws -> (Int32, [String]) {
      try? FileManager.default.removeItem(atPath: record)
      let proc = Process()
      proc.executableURL = URL(fileURLWithPath: "/bin/bash")
      proc.arguments = [script]
      proc.environment = env.merging(["PATH": bin.path + ":/usr/bin:/bin"]) { a, _ in a }
      proc.standardOutput = FileHandle.nullDevice
      try proc.run()
      proc.waitUntilExit()
      let text = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
      return (proc.terminationStatus, text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
    }
    let (status, args) = try bash(j.arrayScriptPath, ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_JOB_ID": "9"])
    #expect(status == 0)
    #expect(args == ["run", "--config", odd + "/exp.yaml", "--db", odd + "/b.sqlite", "--shard", "1/2",
                     "--shard-db", j.shardDatabasePath(1), "--plan-digest", j.plan.digest, "--jobs", "1"])
    #expect(j.shardDatabasePath(1) == odd + "/b.odd__name___x.shard-1-of-2.sqlite")
    // Outside Slurm the array script stops before running anything.
    let (outside, none) = try bash(j.arrayScriptPath, [:])
    #expect(outside != 0 && none.isEmpty)
    let (mergeStatus, merge) = try bash(j.mergeScriptPath, [:])
    #expect(mergeStatus == 0)
    let name = "odd 'name'\n$x"
    let db = odd + "/b.sqlite"
    var wanted: [String] = ["merge", "--db", db, "--experiment", name, j.shardDatabasePath(0), j.shardDatabasePath(1)]
    wanted += ["report", "--db", db, "--experiment", name, "--out", j.reportDirectory, "--bootstrap", "1000"]
    // The recorder writes one argument per line, so the name's newline splits it in two.
    let lines: [String] = wanted.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    #expect(merge == lines)
    let (submitStatus, submitted) = try bash(j.submitScriptPath, [:])
    #expect(submitStatus == 0)
    #expect(submitted == ["--parsable", j.arrayScriptPath, "--parsable", "--dependency=afterok:17", j.mergeScriptPath])
    let s = try j.submit(environment: ["PATH": bin.path + ":/usr/bin:/bin"])
    #expect(s == SlurmJob.Submission(arrayJob: "17", mergeJob: "17"))
    do {
      _ = try j.submit(environment: ["PATH": dir.path])
      Issue.record("submitted without sbatch on PATH")
    } catch { #expect(error.description.contains("sbatch: not found on PATH")) }
  }
}
