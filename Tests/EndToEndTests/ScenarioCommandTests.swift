import Foundation
import Testing

/// `routerbench scenario …` and `simulate --preset ecvl` through the built binary.
@Suite struct ScenarioCommandTests {
  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test("scenario rcs prints Table 1's scores from its APSP, CA and AIL")
  func rcsChecksThePapersNumbers() throws {
    for (args, expected) in [
      (["--apsp", "0.506", "--ca", "0.824", "--ail", "4.53", "--scenario", "quality"], "0.6851"),   // Table 1: 0.685
      (["--apsp", "0.5064", "--ca", "0.8241", "--ail", "4.5331", "--scenario", "efficiency"], "0.6008"),  // Table 3
      (["--apsp", "0.4557", "--ca", "1", "--ail", "0.9359", "--scenario", "speed"], "0.5543"),      // Table 3
      (["--apsp", "0.5", "--ca", "0.5", "--ail", "2", "--scenario", "mine=1,0.2,0.01", "--digits", "2"], "0.58"),
    ] {
      let r = try Binary.run(["scenario", "rcs"] + args)
      #expect(r.status == 0 && r.stdout == expected + "\n", "\(args): \(r)")
    }
    for bad in [["--apsp", "1.5", "--ca", "0", "--ail", "1"], ["--apsp", "0.5", "--ca", "0", "--ail", "1", "--scenario", "fast"]] {
      let r = try Binary.run(["scenario", "rcs"] + bad)
      #expect(r.status == 64, "\(bad): \(r)")
    }
  }

  @Test("simulate --preset ecvl → scenario import → scenario run writes Table 1 and reuses stored runs")
  func simulateImportRun() throws {
    let dir = try scratch()
    let sim = try Binary.run(["simulate", "--preset", "ecvl", "--scale", "0.02", "--out", "sim"], in: dir)
    #expect(sim.status == 0, "\(sim)")
    for f in ["scores.csv", "models.csv", "simulation.json", "features/text.npy", "features/image.npy",
              "features/sample_ids.txt"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sim/" + f).path), "\(f)")
    }
    let imported = try Binary.run(["scenario", "import", "sim", "--db", "e.sqlite"], in: dir)
    #expect(imported.status == 0 && imported.stderr.contains("481 samples × 3 models"), "\(imported)")
    let again = try Binary.run(["scenario", "import", "sim", "--db", "e.sqlite"], in: dir)
    #expect(again.status == 0 && again.stderr.contains("unchanged"), "\(again)")

    let args = ["scenario", "run", "--db", "e.sqlite", "--routers", "All-at-Large,All-at-Small,Random", "--out", "out"]
    let run = try Binary.run(args, in: dir)
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("| InternVL3-38B/InternVL2_5-1B | All-at-Large |"), "\(run.stdout)")
    #expect(run.stderr.contains("9 runs computed, 0 stored"), "\(run.stderr)")
    for f in ["table1.md", "table1.csv", "table1.tex", "tau-curves.csv", "validation-test.md"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/" + f).path), "\(f)")
    }
    let rerun = try Binary.run(args, in: dir)
    #expect(rerun.status == 0 && rerun.stderr.contains("0 runs computed, 9 stored") && rerun.stdout == run.stdout,
            "\(rerun)")
    // Another MES is another run; the stored runs are listed by `routerbench runs`.
    let mes = try Binary.run(args + ["--mes", "7", "--pairs", "InternVL3-38B/InternVL2_5-1B"], in: dir)
    #expect(mes.status == 0 && mes.stderr.contains("3 runs computed, 0 stored"), "\(mes)")
    let runs = try Binary.run(["runs", "--db", "e.sqlite"], in: dir)
    #expect(runs.status == 0 && runs.stdout.contains("All-at-Large"), "\(runs)")
  }

  @Test("Data errors exit 1 naming the file, row and column; usage errors exit 64")
  func errors() throws {
    let dir = try scratch()
    try Data("sample_id,dataset,model,score,latency_s\n1,GQA,a,7,0.5\n1,GQA,b,12,0.5\n".utf8)
      .write(to: dir.appendingPathComponent("bad.csv"))
    let bad = try Binary.run(["scenario", "import", "bad.csv", "--db", "e.sqlite"], in: dir)
    #expect(bad.status == 1 && bad.stderr.contains("bad.csv, row 3, column 'score': judge score 12 is outside [1, 10]"),
            "\(bad)")
    let missing = try Binary.run(["scenario", "run", "--db", "nothing.sqlite"], in: dir)
    #expect(missing.status == 1 && missing.stderr.contains("no database at nothing.sqlite"), "\(missing)")
    let pair = try Binary.run(["scenario", "run", "--pairs", "A-B"], in: dir)
    #expect(pair.status == 64 && pair.stderr.contains("CLOUD/EDGE"), "\(pair)")
    let labels = try Binary.run(["scenario", "labels", "--rules", "win-soft(x)", "--db", "nothing.sqlite"], in: dir)
    #expect(labels.status != 0, "\(labels)")
  }
}
