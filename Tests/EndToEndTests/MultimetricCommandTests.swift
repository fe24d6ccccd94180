import Foundation
import Testing

/// `routerbench multimetric …` and `simulate --preset t2i` through the built binary.
@Suite struct MultimetricCommandTests {
  func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-multimetric-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test("simulate --preset t2i → multimetric import → multimetric run writes the tables and reuses stored runs")
  func simulateImportRun() throws {
    let dir = try scratch()
    let sim = try Binary.run(["simulate", "--preset", "t2i", "--scale", "0.01", "--out", "sim"], in: dir)
    #expect(sim.status == 0, "\(sim)")
    for f in ["scores.csv", "metrics.csv", "models.csv", "simulation.json", "features/text.npy",
              "features/sample_ids.txt"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sim/" + f).path), "\(f)")
    }
    let imported = try Binary.run(["multimetric", "import", "sim", "--db", "t.sqlite"], in: dir)
    #expect(imported.status == 0 && imported.stderr.contains("50 samples × 7 models × 10 metrics"), "\(imported)")
    let again = try Binary.run(["multimetric", "import", "sim", "--db", "t.sqlite"], in: dir)
    #expect(again.status == 0 && again.stderr.contains("unchanged"), "\(again)")

    let args = ["multimetric", "run", "--db", "t.sqlite", "--pairs", "SD3/SD1.5", "--routers", "Random,RouteT2I-style",
                "--epochs", "1", "--single-metrics", "harmony", "--out", "out"]
    let run = try Binary.run(args, in: dir)
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("| Edge Model: SD1.5 |") && run.stdout.contains("| RouteT2I-style |"), "\(run.stdout)")
    for f in ["metrics-50.md", "metrics-50.csv", "metrics-50.tex", "curve.md", "curve.svg", "single-50.md"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/SD3_SD1.5/" + f).path), "\(f)")
    }
    let csv = try String(contentsOf: dir.appendingPathComponent("out/curves.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + 2 * 11, "\(csv)")
    let rerun = try Binary.run(args, in: dir)
    #expect(rerun.status == 0 && rerun.stdout == run.stdout && rerun.stderr.contains("Random: stored"), "\(rerun)")
    let runs = try Binary.run(["runs", "--db", "t.sqlite"], in: dir)
    #expect(runs.status == 0 && runs.stdout.contains("RouteT2I-style"), "\(runs)")
  }

  @Test("Data errors exit 1 naming the file, row and column; usage errors are refused")
  func errors() throws {
    let dir = try scratch()
    try Data("sample_id,dataset,model,metric:clarity\n1,coco,a,0.5\n1,coco,b,x\n".utf8)
      .write(to: dir.appendingPathComponent("bad.csv"))
    let bad = try Binary.run(["multimetric", "import", "bad.csv", "--db", "t.sqlite"], in: dir)
    #expect(bad.status == 1 && bad.stderr.contains("bad.csv, row 3, column 'metric:clarity'"), "\(bad)")
    let missing = try Binary.run(["multimetric", "run", "--db", "nothing.sqlite"], in: dir)
    #expect(missing.status == 1 && missing.stderr.contains("no database at nothing.sqlite"), "\(missing)")
    try Data("sample_id,dataset,model,metric:clarity\n1,coco,a,0.5\n1,coco,b,0.6\n".utf8)
      .write(to: dir.appendingPathComponent("ok.csv"))
    #expect(try Binary.run(["multimetric", "import", "ok.csv", "--db", "t.sqlite"], in: dir).status == 0)
    let rate = try Binary.run(["multimetric", "run", "--db", "t.sqlite", "--pairs", "b/a", "--rates", "1.5"], in: dir)
    #expect(rate.status != 0 && rate.stderr.contains("routing rate 1.5 is outside [0, 1]"), "\(rate)")
  }
}
