import Foundation
import Testing
@testable import Simulation

@Suite("Determinism")
struct DeterminismTests {
  @Test("Same seed writes byte-identical files (serial and concurrent writers alike)")
  func sameSeedSameBytes() async throws {
    let config = SimulationConfig(scale: 0.03, seed: 9)
    let a = try makeTemporaryDirectory("det-a"), b = try makeTemporaryDirectory("det-b")
    defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
    try write(simulate(config), to: a)
    try await write(simulate(config), to: b, jobs: 3)
    let ta = try fileTree(a), tb = try fileTree(b)
    #expect(ta.count == expectedFileCount)
    #expect(Set(ta.keys) == Set(tb.keys))
    for (path, data) in ta { #expect(tb[path] == data, "\(path) differs between two runs") }
  }

  @Test("A different seed gives different data")
  func differentSeedDiffers() throws {
    let x = simulate(SimulationConfig(scale: 0.03, seed: 1))
    let y = simulate(SimulationConfig(scale: 0.03, seed: 2))
    #expect(x.sampleCount == y.sampleCount)
    #expect(x.samples.map(\.question) != y.samples.map(\.question))
    #expect(x.quality != y.quality)
    #expect(x.features.text != y.features.text)
    #expect((0..<x.sampleCount).map { x.prediction(row: $0, model: 3) }
      != (0..<y.sampleCount).map { y.prediction(row: $0, model: 3) })
  }

  /// Per (model, dataset): prediction file + judged file (not for OCRBench) + aggregate; plus the LMUData TSVs,
  /// three .npy files, sample_ids.txt, pricing.yaml and simulation.json.
  var expectedFileCount: Int { 17 * (14 * 3 - 1) + 14 + 4 + 2 }
}
