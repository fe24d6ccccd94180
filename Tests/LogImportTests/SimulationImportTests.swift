import BenchCore
@testable import BenchStore
import Foundation
import Simulation
import Testing

@testable import LogImport

/// `routerbench simulate` output through the real importer: the stored benchmark must be the simulator's own
/// benchmark — same samples, quality, input tokens, costs (the simulator's words are one token each under the
/// approximate counter), split, features — and re-importing must change nothing.
@Suite struct SimulationImportTests {
  @Test func simulatedLogsImportToTheSimulatorsBenchmark() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sim = simulate(SimulationConfig(scale: 0.02, seed: 42))
    let root = dir.appendingPathComponent("sim")
    try write(sim, to: root)
    let store = try BenchStore(path: dir.appendingPathComponent("b.sqlite").path)
    let s = try await Importer(options: ImportOptions(root: root)).run(into: store)
    #expect(s.samples == sim.sampleCount && s.models == 17 && s.records == sim.sampleCount * 17)
    #expect(s.splitStored && s.featureSets == ["image", "patches", "text"])

    let b = try store.loadBenchmark()
    let expected = sim.benchmark()
    #expect(b.sampleIDs == expected.sampleIDs)
    #expect(b.datasets.map(\.name) == expected.datasets.map(\.name))
    #expect(b.inputTokens == expected.inputTokens)
    #expect(b.splits == expected.splits)
    #expect(b.models.map(\.name) == expected.models.map(\.name).sorted())
    var qualityMismatches = 0, costMismatches = 0
    for (j, model) in b.models.enumerated() {
      let m = try #require(expected.models.firstIndex { $0.name == model.name })
      for i in 0..<b.sampleCount {
        if b.quality[i, j] != expected.quality[i, m] { qualityMismatches += 1 }
        if abs(b.cost[i, j] - expected.cost[i, m]) > 1e-12 * max(1, expected.cost[i, m]) { costMismatches += 1 }
      }
    }
    #expect(qualityMismatches == 0)
    #expect(costMismatches == 0)
    #expect(try store.metadata(.simulated) == "true")
    #expect(try store.metadata(.preset) == sim.config.preset.rawValue)

    let text = try store.loadFeatures(name: "text")
    #expect(text.rows == sim.sampleCount && text.columns == sim.features.text.shape.dropFirst().reduce(1, *))
    #expect(Array(text.row(0)) == Array(sim.features.text.values[0..<text.columns]))
    #expect(try store.featureShape(ofFeatureSet: "patches") == Array(sim.features.patches.shape.dropFirst()))
    #expect(try store.allMetadata().contains { $0 == (key: "featureShape.patches", value: "16x32") })

    let before = try store.dump()
    let again = try await Importer(options: ImportOptions(root: root)).run(into: store)
    #expect(again.recordsImported == 0 && again.groupsSkipped == 17 * 14)
    #expect(try store.dump() == before)
  }
}

/// The simulator's outputs look like real ones to the importer: no constant token counts, and xlsx per-sample
/// files import to the same benchmark as TSV ones.
@Suite struct SimulationRealismImportTests {
  /// With `--missing refuse` and every sample in a dataset file, the feature sets are stored while the parsers read
  /// the groups (`ParseSchedule.featuresFirst`); otherwise last. Both orders leave the same rows, with the same ids
  /// (records cite `importedFile` ids, which follow the files' order either way).
  @Test func featureSetsStoredEarlyOrLateGiveTheSameDatabase() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("sim")
    try write(simulate(SimulationConfig(scale: 0.02, seed: 42)), to: root)
    var dumps: [[String]] = []
    for missing in [MissingPolicy.refuse, .dropModel] {
      let store = try BenchStore(path: dir.appendingPathComponent("\(missing.rawValue).sqlite").path)
      let s = try await Importer(options: ImportOptions(root: root, missing: missing)).run(into: store)
      let early = s.phases.contains { $0.name.hasPrefix("features (stored while") }
      #expect(early == (missing == .refuse), "\(missing): \(s.phases.map(\.name))")
      #expect(s.featureSets == ["image", "patches", "text"])
      dumps.append(try await store.transaction { tx in
        var rows: [String] = []
        for sql in ["SELECT printf('%d|%s|%s|%s|%d', id, path, sha256, kind, rows) FROM importedFile ORDER BY id",
                    "SELECT printf('%d|%d|%d|%d|%d', sampleId, modelId, sourceFileId, sourceRow, outputTokens) "
                      + "FROM record ORDER BY sampleId, modelId",
                    "SELECT printf('%d|%d|%s', featureSetId, sampleId, hex(vector)) FROM feature "
                      + "ORDER BY featureSetId, sampleId",
                    "SELECT printf('%d|%s|%d|%s', id, name, dimension, sha256) FROM featureSet ORDER BY id",
                    "SELECT printf('%d|%s|%d', id, key, inputTokens) FROM sample ORDER BY id"] {
          let st = try RawStatement(tx.db, sql)
          defer { st.reset() }
          while try st.step() { rows.append(st.text(0)) }
        }
        return rows
      })
    }
    #expect(dumps[0].count > 10_000 && dumps[0] == dumps[1])
  }

  @Test("A small-scale simulation imports without a 'constant token counts' warning", arguments: SlowTests.enabled ? [UInt64(42), 7] : [UInt64(42)])
  func noConstantTokenCountWarnings(seed: UInt64) async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sim = simulate(SimulationConfig(scale: 0.05, seed: seed))
    let root = dir.appendingPathComponent("sim")
    try write(sim, to: root)
    let s = try await Importer(options: ImportOptions(root: root)).run(into: try BenchStore.inMemory())
    #expect(s.records == sim.sampleCount * 17)
    let constant = s.warnings.filter { $0.contains("constant token counts") }
    #expect(constant.isEmpty, "\(constant.count) warnings, e.g. \(constant.first ?? "")")
  }

  @Test("simulate --format xlsx: the importer reads the xlsx files to the same benchmark as the TSV files")
  func xlsxRoundTrip() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sim = simulate(SimulationConfig(scale: 0.005, seed: 3))
    let tsvRoot = dir.appendingPathComponent("tsv"), xlsxRoot = dir.appendingPathComponent("xlsx")
    try await write(sim, to: tsvRoot, jobs: 2)
    try await write(sim, to: xlsxRoot, jobs: 2, format: .xlsx)
    let run = xlsxRoot.appendingPathComponent("work_dir/GPT4o/\(simulatedEvalID)")
    let names = try FileManager.default.contentsOfDirectory(atPath: run.path)
    #expect(names.contains("GPT4o_ChartQA_TEST.xlsx") && names.contains("GPT4o_ChartQA_TEST_results.xlsx"))
    #expect(!names.contains { $0.hasSuffix(".tsv") })
    #expect(names.contains("GPT4o_ChartQA_TEST_acc.csv"))  // aggregates stay as VLMEvalKit writes them

    let a = try BenchStore.inMemory(), b = try BenchStore.inMemory()
    _ = try await Importer(options: ImportOptions(root: tsvRoot)).run(into: a)
    _ = try await Importer(options: ImportOptions(root: xlsxRoot)).run(into: b)
    let fromTSV = try a.loadBenchmark(), fromXLSX = try b.loadBenchmark()
    #expect(fromXLSX.sampleIDs == fromTSV.sampleIDs)
    #expect(fromXLSX.quality == fromTSV.quality)
    #expect(fromXLSX.cost == fromTSV.cost)
    #expect(fromXLSX.inputTokens == fromTSV.inputTokens)
    // And both are the simulator's own benchmark.
    let expected = sim.benchmark()
    #expect(fromXLSX.sampleCount == expected.sampleCount && fromXLSX.modelCount == expected.modelCount)
  }
}
