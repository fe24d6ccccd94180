import BenchCore
import BenchStore
import Pipeline
import Foundation
import Reports
import Sweep
import Testing

/// The repository root (README.md, scripts/fixtures/).
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

private func scratch(_ label: String = #function) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-ix-\(label.prefix(20))-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

/// The commands of issue 9's data-interchange side, run through the built binary.
@Suite struct InterchangeCommandTests {
  /// A tiny simulated work directory (what `routerbench simulate` writes), made once, with the model GPT4o
  /// renamed to MyVLM-7B — a model the catalog does not know.
  static let workDir: URL = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-ix-sim-\(UUID().uuidString)")
    let r = try! Binary.run(["simulate", "--scale", "0.01", "--out", dir.path])
    precondition(r.status == 0, "simulate failed: \(r)")
    let fm = FileManager.default
    let old = dir.appendingPathComponent("work_dir/GPT4o"), new = dir.appendingPathComponent("work_dir/MyVLM-7B")
    try! fm.moveItem(at: old, to: new)
    let files = fm.enumerator(at: new, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
    for f in files where f.lastPathComponent.hasPrefix("GPT4o_") {
      try! fm.moveItem(at: f, to: f.deletingLastPathComponent()
        .appendingPathComponent("MyVLM-7B_" + f.lastPathComponent.dropFirst("GPT4o_".count)))
    }
    return dir
  }()

  @Test func pricingTemplateListsEveryModelAndImportRefusesItsPlaceholders() throws {
    let dir = try scratch()
    let t = try Binary.run(["pricing", "template", Self.workDir.path], in: dir)
    #expect(t.status == 0, "\(t)")
    let yaml = t.stdout
    let lines = yaml.split(separator: "\n").filter { $0.hasPrefix("  \"") }
    // Every model of the work directory: the catalog's 16 with its prices, the unknown one with the placeholder.
    #expect(lines.count == 17, "\(yaml)")
    #expect(lines.filter { $0.contains("FILL_IN") } == [#"  "MyVLM-7B": {input: FILL_IN, output: FILL_IN}"#])
    #expect(lines.contains(#"  "Janus-Pro-1B": {input: 0.05, output: 0.05}   # vl-routerbench catalog"#), "\(yaml)")
    #expect(t.stderr.contains("17 models; 1 need prices (FILL_IN): MyVLM-7B"), "\(t.stderr)")
    try yaml.write(to: dir.appendingPathComponent("prices.yaml"), atomically: true, encoding: .utf8)
    let refused = try Binary.run(["import", Self.workDir.path, "--db", "x.sqlite", "--pricing", "prices.yaml",
                                  "--tokenizer", "approximate"], in: dir)
    #expect(refused.status == 1 && refused.stderr.contains("1 models still have the placeholder price FILL_IN: MyVLM-7B"),
            "\(refused)")
    // A failed import leaves no database behind.
    for suffix in ["", "-wal", "-shm"] {
      #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite" + suffix).path))
    }
    // Filled in, it imports.
    try yaml.replacingOccurrences(of: "FILL_IN", with: "0.3").write(to: dir.appendingPathComponent("prices.yaml"),
                                                                   atomically: true, encoding: .utf8)
    let ok = try Binary.run(["import", Self.workDir.path, "--db", "x.sqlite", "--pricing", "prices.yaml",
                             "--tokenizer", "approximate"], in: dir)
    #expect(ok.status == 0, "\(ok)")
  }

  @Test func aMissingLMUDataDirectoryIsAUsageError() throws {
    let dir = try scratch()
    let r = try Binary.run(["import", Self.workDir.path, "--db", "y.sqlite", "--lmudata", "no/such/dir"], in: dir)
    #expect(r.status == 64 && r.stderr.contains("--lmudata no/such/dir: no such directory"), "\(r)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("y.sqlite").path))
  }

  @Test func releaseImportExportAllSplitsAndSplitFrom() throws {
    let dir = try scratch()
    let release = repository.appendingPathComponent("scripts/fixtures/release").path
    let imported = try Binary.run(["import", release, "--db", "paper.sqlite"], in: dir)
    #expect(imported.status == 0 && imported.stdout.contains("22 samples × 3 models") && imported.stdout.contains("train 15, dev 2, test 5"), "\(imported)")
    // Options that do not apply to a release are a usage error.
    let bad = try Binary.run(["import", release, "--db", "other.sqlite", "--pricing", "p.yaml"], in: dir)
    #expect(bad.status == 64 && bad.stderr.contains("--pricing"), "\(bad)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other.sqlite").path))
    // export --split all: three folders in one call.
    let all = try Binary.run(["export", "--db", "paper.sqlite", "--split", "all", "--out", "flat"], in: dir)
    #expect(all.status == 0, "\(all)")
    for (part, n) in [("train", 15), ("dev", 2), ("test", 5)] {
      let ids = try String(contentsOf: dir.appendingPathComponent("flat/\(part)/ids.txt"), encoding: .utf8)
      #expect(ids.split(separator: "\n").count == n, "\(part)")
    }
    let layout = try Binary.run(["export", "--db", "paper.sqlite", "--layout", "vl-routerbench", "--out", "again"], in: dir)
    #expect(layout.status == 0, "\(layout)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("again/data/registry/meta.parquet").path))
    // A simulated database run on the split of a release folder: every id outside it is a clear note.
    let template = try Binary.run(["pricing", "template", Self.workDir.path], in: dir)
    try template.stdout.replacingOccurrences(of: "FILL_IN", with: "0.3")
      .write(to: dir.appendingPathComponent("prices.yaml"), atomically: true, encoding: .utf8)
    let sim = try Binary.run(["import", Self.workDir.path, "--db", "sim.sqlite", "--tokenizer", "approximate",
                              "--pricing", "prices.yaml"], in: dir)
    #expect(sim.status == 0, "\(sim)")
    let exported = try Binary.run(["export", "--db", "sim.sqlite", "--layout", "vl-routerbench", "--out", "simrel"], in: dir)
    #expect(exported.status == 0, "\(exported)")
    let run = try Binary.run(["run", "--db", "sim.sqlite", "--routers", "Strongest,Cheapest", "--split-from", "simrel"], in: dir)
    #expect(run.status == 0 && run.stderr.contains("split 'release' from") && run.stderr.contains("(stored)"), "\(run)")
    let again = try Binary.run(["run", "--db", "sim.sqlite", "--routers", "Strongest,Cheapest", "--split-from", "simrel/SPLITS"], in: dir)
    #expect(again.status == 0 && again.stderr.contains("(already stored)") && again.stderr.contains("already stored (experiment"), "\(again)")
    let none = try Binary.run(["run", "--db", "sim.sqlite", "--split-from", "flat"], in: dir)
    #expect(none.status == 1 && none.stderr.contains("no train.jsonl"), "\(none)")
  }
}

/// README.md's real-log walkthrough, line for line, in a scratch "clone" whose `.build/release/routerbench` is the
/// binary under test and whose `../shared` is the real logs' folder. It needs the real logs beside the repository;
/// with the debug binary (the default `make test`) the import takes ~30 s, so then it runs only with
/// ROUTERBENCH_SLOW=1, and always when a release binary at least as new as the debug binary under test is built
/// (an older release binary is a different program: it may lack the commands the README shows).
@Suite struct ReadmeWalkthroughTests {
  static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
  static var logsPresent: Bool {
    FileManager.default.fileExists(atPath: shared.appendingPathComponent("real-logs/vlmevalkit").path)
  }
  static let releaseBinary = repository.appendingPathComponent(".build/release/routerbench")
  /// The release binary, when it is built from the same sources as the binary under test (not older).
  static var currentRelease: URL? {
    let fm = FileManager.default
    guard fm.isExecutableFile(atPath: releaseBinary.path),
          let release = (try? fm.attributesOfItem(atPath: releaseBinary.path))?[.modificationDate] as? Date,
          let debug = (try? fm.attributesOfItem(atPath: Binary.url.path))?[.modificationDate] as? Date,
          release >= debug else { return nil }
    return releaseBinary
  }
  static var fastEnough: Bool {
    currentRelease != nil || ProcessInfo.processInfo.environment["ROUTERBENCH_SLOW"] == "1"
  }

  /// The lines between the walkthrough markers' ```bash fence.
  static func commands() throws -> [String] {
    let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = readme.range(of: "<!-- walkthrough:start -->"), let end = readme.range(of: "<!-- walkthrough:end -->")
    else { return [] }
    return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix("```") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  @Test func theWalkthroughIsMarkedAndUsesTheDocumentedBinary() throws {
    let lines = try Self.commands()
    #expect(lines.count >= 5)
    #expect(lines.filter { $0.contains("routerbench") }.allSatisfy { $0.hasPrefix(".build/release/routerbench ") })
  }

  @Test(.enabled(if: logsPresent, "real VLMEvalKit logs not found at ../shared/real-logs; skipped"),
        .enabled(if: fastEnough, "no release binary as new as the debug one (.build/release/routerbench): the debug import takes ~30 s; run with ROUTERBENCH_SLOW=1 or after `swift build -c release`"))
  func theRealLogWalkthroughRunsVerbatim() throws {
    let root = try scratch()
    let clone = root.appendingPathComponent("clone")
    let bin = clone.appendingPathComponent(".build/release")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let binary = Self.currentRelease ?? Binary.url
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("routerbench"), withDestinationURL: binary)
    try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("shared"), withDestinationURL: Self.shared)
    let script = "set -euo pipefail\n" + (try Self.commands()).joined(separator: "\n") + "\n"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", script]
    p.currentDirectoryURL = clone
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(text)")
    #expect(text.contains("11/11 stored aggregates reproduced"), "\(text)")
    #expect(text.contains("7017 samples × 5 models"), "\(text)")
    #expect(FileManager.default.fileExists(atPath: clone.appendingPathComponent("results-real/index.html").path))
  }
}

/// An external RouteLLM-style threshold router gets operating points and a frontier like the built-in routers.
@Suite struct ExternalOperatingPointTests {
  @Test func aThresholdFileBecomesOneRunPerThresholdAndAFrontier() async throws {
    let bench = try Bench.make(scale: 0.01)
    let b = try bench.store.loadBenchmark()
    // "Win rate of the strongest model" = a fixed per-sample number; route to the dearest model above the
    // threshold, else to the cheapest: higher thresholds are cheaper.
    let means = CostBounds.columnMeans(b.cost)
    let cheap = b.models[means.indices.min { means[$0] < means[$1] }!].name
    let dear = b.models[means.indices.max { means[$0] < means[$1] }!].name
    var csv = ",sample_id,threshold,model\n"
    var row = 0
    for t in [0.1, 0.3, 0.5, 0.7, 0.9] {
      for (i, id) in b.sampleIDs.enumerated() {
        let winRate = Double((i * 37) % 100) / 100
        csv += "\(row),\(id),\(t),\(winRate >= t ? dear : cheap)\n"
        row += 1
      }
    }
    let file = bench.dir.appendingPathComponent("routellm.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let e = Experiment(name: "ext", routers: [], seeds: [1], external: [ExternalScores(name: "RouteLLM", path: file.path)])
    let summary = try await bench.run(e)
    #expect(summary.ran == 5 && summary.failures.isEmpty, "\(summary.failures)")
    let report = try bench.report(ReportSelection(experiment: "ext"))
    let rows = frontierRows(report.input)
    let routellm = try #require(rows.first { $0.name == "RouteLLM" })
    #expect(routellm.points.count == 5)
    // Cost falls as the threshold rises (fewer samples go to the dearest model).
    let costs = routellm.points.map(\.cost)
    #expect(zip(costs, costs.dropFirst()).allSatisfy { $0 > $1 }, "\(costs)")
  }
}
