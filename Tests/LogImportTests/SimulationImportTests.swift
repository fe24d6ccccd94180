import BenchCore
import BenchStore
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
    #expect(try store.metadata("simulated") == "true")
    #expect(try store.metadata("preset") == sim.config.preset.rawValue)

    let text = try store.loadFeatures(name: "text")
    #expect(text.rows == sim.sampleCount && text.columns == sim.features.text.shape.dropFirst().reduce(1, *))
    #expect(Array(text.row(0)) == Array(sim.features.text.values[0..<text.columns]))
    let patchShape = sim.features.patches.shape.dropFirst().map(String.init).joined(separator: "x")
    #expect(try store.metadata("featureShape.patches") == patchShape)

    let before = try store.dump()
    let again = try await Importer(options: ImportOptions(root: root)).run(into: store)
    #expect(again.recordsImported == 0 && again.groupsSkipped == 17 * 14)
    #expect(try store.dump() == before)
  }
}

/// The simulator's outputs look like real ones to the importer: no constant token counts.
@Suite struct SimulationRealismImportTests {
  @Test("A small-scale simulation imports without a 'constant token counts' warning", arguments: [UInt64(42), 7])
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
}
