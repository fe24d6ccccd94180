import BenchStore
import Foundation
import Testing

/// The built `routerbench` binary, run as a user runs it (swift-argument-parser's `AssertExecuteCommand`
/// pattern): exit status, standard output and error, files written. Data errors exit 1 with the message; usage
/// errors exit 64 with the usage.
enum Binary {
  /// `.build/<config>/routerbench`, next to the test bundle.
  static let url: URL = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("routerbench")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".build/debug/routerbench")
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary with `arguments` in `directory` and waits (bounded: 120 s). `environment` entries are laid
  /// over this process's environment.
  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    if !environment.isEmpty {
      p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes before waiting, so a chatty process never blocks on a full pipe.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                  stderr: String(decoding: e, as: UTF8.self))
  }
}

@Suite struct CommandLineTests {
  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func rankScoreChecksThePapersNumber() throws {
    let r = try Binary.run(["rank-score", "--accuracy", "77.49", "--cost", "1.13", "--cmin", "0.142", "--cmax", "10.7"])
    #expect(r.status == 0 && r.stdout.contains("74.19"), "\(r)")
  }

  @Test func aMissingDatabaseIsADataErrorExitingOne() throws {
    let dir = try scratch()
    for command in [["run"], ["report"], ["leaderboard"], ["info"], ["summary"], ["runs"], ["features", "list"]] {
      let r = try Binary.run(command + ["--db", "nope.sqlite"], in: dir)
      #expect(r.status == 1, "\(command): \(r)")
      #expect(r.stderr.contains("no database at nope.sqlite"), "\(command): \(r.stderr)")
      #expect(!r.stderr.contains("USAGE"), "a data error must not print the usage")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nope.sqlite").path))
  }

  @Test func aBadFlagIsAUsageErrorExiting64() throws {
    let bad: [[String]] = [["run", "--lambdas", "0,ten"], ["run", "--seeds", "0"], ["run", "--shard", "3/2"],
                           ["run", "--fusion", "sum"], ["report", "--lambdas", "x"], ["report", "--accuracy", "mean"],
                           ["runs", "delete"],
                           ["run", "--config", "x.yaml", "--routers", "KNN"]]
    for args in bad {
      let r = try Binary.run(args)
      #expect(r.status == 64, "\(args): \(r)")
      #expect(r.stderr.contains("Usage") || r.stderr.contains("USAGE"), "\(args): \(r.stderr)")
    }
  }

  @Test func aBadExperimentFileNamesTheFileAndKey() throws {
    let dir = try scratch()
    let db = try sharedBench.get().copy().store.path!
    let file = dir.appendingPathComponent("exp.yaml")
    try "experiment: e\nrouters:\n  KNN: {kk: 3}\n".write(to: file, atomically: true, encoding: .utf8)
    let r = try Binary.run(["run", "--db", db, "--config", file.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("exp.yaml") && r.stderr.contains("unknown key 'kk'") && r.stderr.contains("valid keys: k"), "\(r.stderr)")
  }

  @Test func featuresEmbedStoresASetThatRunRoutesOn() throws {
    let db = try sharedBench.get().copy().store.path!
    let bad = try Binary.run(["features", "embed", "--db", db, "--encoder", "nope"])
    #expect(bad.status == 64 && bad.stderr.contains("unknown encoder 'nope'; one of hashed-text"), "\(bad.stderr)")
    let embed = try Binary.run(["features", "embed", "--db", db, "--encoder", "hashed-text", "--batch", "200"])
    #expect(embed.status == 0, "\(embed.stderr)")
    // Not a terminal: one plain progress line per committed chunk, then the report.
    #expect(embed.stderr.contains("] 200/") && embed.stderr.contains("ETA"), "\(embed.stderr)")
    #expect(embed.stderr.contains("stored feature set 'hashed-text' ("), "\(embed.stderr)")
    #expect(embed.stderr.contains("0 resumed") && embed.stderr.contains("empty prompts"), "\(embed.stderr)")
    let list = try Binary.run(["features", "list", "--db", db])
    #expect(list.stdout.contains("hashed-text\t") && list.stdout.contains(" × 4096"), "\(list.stdout)")
    let run = try Binary.run(["run", "--db", db, "--routers", "KNN", "--lambdas", "0", "--seeds", "1",
                              "--feature-set", "hashed-text", "--jobs", "1"])
    #expect(run.status == 0 && run.stderr.contains("1 run done"), "\(run.stderr)")
  }

  @Test func slurmWritesThePrintedScriptsAndSubmitsOnlyWhereSbatchIs() throws {
    let dir = try scratch()
    let db = try sharedBench.get().store.path!
    let file = dir.appendingPathComponent("exp.yaml")
    try "experiment: cli-slurm\nrouters: [Strongest, Cheapest, Random]\nseeds: 2\n".write(to: file, atomically: true, encoding: .utf8)
    let args = ["slurm", "--config", "exp.yaml", "--db", db, "--shards", "2", "--out", "jobs", "--time", "10"]
    let r = try Binary.run(args, in: dir)
    #expect(r.status == 0, "\(r)")
    let out = dir.appendingPathComponent("jobs").standardizedFileURL.path
    let array = try String(contentsOfFile: out + "/array.sbatch", encoding: .utf8)
    let merge = try String(contentsOfFile: out + "/merge.sbatch", encoding: .utf8)
    // The printed scripts are the written ones; relative paths became absolute; the jobs run this binary.
    #expect(r.stdout == "# ==> \(out)/array.sbatch <==\n\(array)\n# ==> \(out)/merge.sbatch <==\n\(merge)")
    #expect(array.contains("#SBATCH --array=0-1\n") && array.contains("#SBATCH --time=10\n"))
    #expect(array.contains("--config \(file.standardizedFileURL.path) \\\n"), "\(array)")
    let binary = Binary.url.resolvingSymlinksInPath().path
    #expect(array.contains("exec \(binary) run \\\n"), "\(array)")
    #expect(FileManager.default.fileExists(atPath: out + "/submit.sh") && FileManager.default.fileExists(atPath: out + "/logs"))
    #expect(r.stderr.contains("4 runs of experiment 'cli-slurm' in 2 shards"), "\(r.stderr)")
    // Bad values are usage errors; --submit without sbatch is a data error naming what is missing.
    for bad in [["--time", "2h"], ["--mem", "lots"], ["--shards", "0"], ["--cpus", "0"]] {
      let b = try Binary.run(args + bad, in: dir)
      #expect(b.status == 64 && b.stderr.contains(bad[0]), "\(bad): \(b)")
    }
    let s = try Binary.run(args + ["--submit"], in: dir, environment: ["PATH": dir.path])
    #expect(s.status == 1 && s.stderr.contains("sbatch: not found on PATH"), "\(s)")
    let noShard = try Binary.run(["run", "--db", db, "--config", "exp.yaml", "--shard-db", "x.sqlite"], in: dir)
    #expect(noShard.status == 64 && noShard.stderr.contains("give --shard i/n too"), "\(noShard)")
  }

  @Test func runReportAndRunsThroughTheBinary() throws {
    let dir = try scratch()
    let db = try sharedBench.get().copy().store.path!
    let file = dir.appendingPathComponent("exp.yaml")
    try """
      experiment: cli-test
      routers:
        Strongest:
        KNN-3: {router: KNN, k: 3}
      seeds: 1
      """.write(to: file, atomically: true, encoding: .utf8)
    let run = try Binary.run(["run", "--db", db, "--config", file.path, "--jobs", "1"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("2 runs done, 0 already stored (experiment 'cli-test')"), "\(run.stderr)")
    // Not a terminal: one progress line per finished run (a Slurm or nohup log shows progress).
    #expect(run.stderr.contains("] 1/2") && run.stderr.contains("] 2/2"), "\(run.stderr)")
    let again = try Binary.run(["run", "--db", db, "--config", file.path, "--jobs", "1"])
    #expect(again.stderr.contains("0 runs done, 2 already stored"), "\(again.stderr)")

    let list = try Binary.run(["runs", "--db", db, "--experiment", "cli-test"])
    #expect(list.status == 0)
    let lines = list.stdout.split(separator: "\n")
    #expect(lines.first == "id,router,variant,lambda,seed,features,status,experiments,identity,train_seconds,route_seconds")
    #expect(lines.contains { $0.contains(",KNN,KNN-3,-,1,text+image/normalize_concat,done,cli-test,") }, "\(list.stdout)")

    let out = dir.appendingPathComponent("report")
    let report = try Binary.run(["report", "--db", db, "--out", out.path, "--bootstrap", "20"])
    #expect(report.status == 0, "\(report.stderr)")
    let main = try String(contentsOf: out.appendingPathComponent("main-table.csv"), encoding: .utf8)
    #expect(main.contains("\nKNN-3,feature,") && main.contains("\nStrongest,baseline,"))
    for f in ["index.html", "per-dataset.csv", "leaderboard.json", "tables/main-table.tex", "plots/overview.svg"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
    }
    let board = try Binary.run(["leaderboard", "--db", db, "--format", "csv", "--bootstrap", "0"])
    #expect(board.status == 0 && board.stdout.contains("KNN-3"))
    // Only columns with a value: no bootstrap, no interval or p-value; no Oracle, no gap; both routers
    // λ-independent, no λ.
    #expect(board.stdout.hasPrefix("rank,router,family,accuracy_pct,cost_usd_per_10k,rank_score,date\n"),
            "\(board.stdout)")
    let scored = try Binary.run(["leaderboard", "--db", db, "--format", "md", "--bootstrap", "0", "--accuracy", "score"])
    #expect(scored.status == 0 && scored.stdout.contains("Accuracy is the mean score"), "\(scored.stderr)")
    let summary = try Binary.run(["summary", "--db", db])
    #expect(summary.status == 0 && summary.stderr.contains("accuracy_pct is the mean score"), "\(summary.stderr)")

    let delete = try Binary.run(["runs", "delete", "--db", db, "--router", "KNN"])
    #expect(delete.status == 0 && delete.stderr.contains("deleted 1 runs"), "\(delete.stderr)")
    let experiments = try Binary.run(["runs", "experiments", "--db", db])
    #expect(experiments.stdout.contains("cli-test,config,1,"), "\(experiments.stdout)")
  }

  @Test func ctrlCStopsCleanlyAndTheSameCommandResumes() throws {
    let db = try sharedBench.get().copy().store.path!
    let args = ["run", "--db", db, "--routers", "Strongest,MLP", "--seeds", "3", "--jobs", "1"]
    let p = Process()
    p.executableURL = Binary.url
    p.arguments = args
    let err = Pipe()
    p.standardError = err
    p.standardOutput = Pipe()
    try p.run()
    // Wait (bounded) until at least one run is stored, then press Ctrl-C.
    var seen = ""
    let deadline = Date().addingTimeInterval(120)
    while !seen.contains("] 2/"), Date() < deadline {
      seen += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
    }
    p.interrupt()
    seen += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 130, "\(seen)")
    #expect(seen.contains("runs stored; run the same command again to resume"), "\(seen)")
    let again = try Binary.run(args)
    #expect(again.status == 0)
    let resumed = again.stderr.split(separator: "\n").first { $0.contains("already stored") } ?? ""
    #expect(!resumed.contains(" 0 already stored"), "\(again.stderr)")
  }
}
