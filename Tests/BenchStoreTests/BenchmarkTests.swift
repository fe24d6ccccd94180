import BenchCore
import Foundation
import GRDB
import Testing

@testable import BenchStore
import VLRouterBenchPreset

@Suite struct BenchmarkLoadingTests {
  @Test func loadsRowsBySampleIdColumnsByCodePointNameAndDatasetsByPosition() throws {
    let store = try BenchStore.inMemory()
    let f = SmallBench()
    try f.write(to: store)
    try store.setMetadata(.preset, "tiny")
    let b = try store.loadBenchmark()
    #expect(b.name == "tiny")
    #expect(b.models.map(\.name) == ["GPT4o", "Janus-Pro-1B", "deepseek_vl2"])
    #expect(b.datasets.map(\.name) == ["MMStar", "OCRBench"])
    #expect(b.sampleCount == 20 && b.modelCount == 3)
    #expect(b.sampleIDs.prefix(3) == ["MMStar/0", "MMStar/1", "MMStar/2"])
    #expect(b.sampleDataset[10] == 1 && b.sampleDataset[9] == 0)
    #expect(b.inputTokens[11] == Int32(f.inputTokens(1, 1)))
    #expect(b.correctThreshold == 1.0)
    for (j, model) in b.models.enumerated() {
      let m = f.models.firstIndex { $0.name == model.name }!
      for d in 0..<2 {
        for i in 0..<10 {
          #expect(b.quality[d * 10 + i, j] == f.score(d, i, m))
          #expect(b.cost[d * 10 + i, j] == f.cost(d, i, m))
        }
      }
    }
    #expect(b.splits.isEmpty)
    #expect(try store.loadBenchmark(name: "explicit").name == "explicit")
  }

  @Test func refusesARaggedMatrixNamingACell() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store, skip: [[1, 4, 2]])
    let e = try #require(throws: StoreError.self) { try store.loadBenchmark() }
    #expect(e.kind == .incomplete)
    #expect(e.description.contains("OCRBench/4") && e.description.contains("Janus-Pro-1B"))
    #expect(e.description.contains("1 of 60"))
  }

  @Test func missingCellsAndDroppingIncompleteSamples() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store, skip: [[1, 4, 2], [1, 5, 2], [0, 0, 0]])
    let missing = try store.transaction { tx in try tx.missingCells() }
    #expect(missing.count == 2)
    let janus = try #require(missing.first { $0.model == "Janus-Pro-1B" })
    #expect(janus.dataset == "OCRBench" && janus.missing == 2 && janus.expected == 10)
    #expect(janus.examples == ["OCRBench/4", "OCRBench/5"])
    let dropped = try store.transaction { tx in try tx.deleteIncompleteSamples() }
    #expect(dropped == ["MMStar/0", "OCRBench/4", "OCRBench/5"])
    let b = try store.loadBenchmark()
    #expect(b.sampleCount == 17)
    #expect(try store.transaction { tx in try tx.missingCells() }.isEmpty)
  }

  @Test func aFailingTransactionLeavesNothingBehind() throws {
    struct Boom: Error {}
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    let before = try store.counts()
    #expect(throws: Boom.self) {
      try store.transaction { tx in
        try tx.setMetadata(.preset, "half")
        try tx.deleteModels(["GPT4o"])
        throw Boom()
      }
    }
    #expect(try store.counts() == before)
    #expect(try store.metadata(.preset) == nil)
  }

  @Test func summaryTotalsPerModelAndDataset() throws {
    let store = try BenchStore.inMemory()
    let f = SmallBench()
    try f.write(to: store)
    let rows = try store.summary()
    #expect(rows.count == 6)
    let r = try #require(rows.first { $0.model == "GPT4o" && $0.dataset == "OCRBench" })
    let m = 1, d = 1
    let scores = (0..<10).map { f.score(d, $0, m) }
    #expect(r.samples == 10)
    #expect(r.correct == scores.filter { $0 >= 1 }.count)
    #expect(abs(r.scoreSum - scores.reduce(0) { $0 + Double($1) }) < 1e-9)
    #expect(abs(r.costSum - (0..<10).reduce(0) { $0 + f.cost(d, $1, m) }) < 1e-12)
    #expect(r.inputTokens == (0..<10).reduce(0) { $0 + f.inputTokens(d, $1) })
    #expect(r.outputTokens == (0..<10).reduce(0) { $0 + Int(f.outputTokens(d, $1, m)) })
    #expect(rows.map(\.model) == ["GPT4o", "GPT4o", "Janus-Pro-1B", "Janus-Pro-1B", "deepseek_vl2", "deepseek_vl2"])
  }

  @Test func newPriceTableRecomputesEveryCost() throws {
    let store = try BenchStore.inMemory()
    var f = SmallBench()
    try f.write(to: store)
    f.prices["GPT4o"] = TokenPrice(inputPerMillion: 1, outputPerMillion: 2)
    let change = try store.transaction { tx in
      let c = try tx.activatePriceTable(PriceTable(name: "v2", prices: f.prices), createdAt: "2025-02-01T00:00:00Z")
      try tx.recomputeCosts()
      return c
    }
    guard case .activated = change else { Issue.record("expected a new table, got \(change)"); return }
    let b = try store.loadBenchmark()
    let j = b.models.firstIndex { $0.name == "GPT4o" }!
    #expect(b.cost[3, j] == f.cost(0, 3, 1))
    let same = try store.transaction { tx in
      try tx.activatePriceTable(PriceTable(name: "v2", prices: f.prices), createdAt: "later")
    }
    #expect(same == .unchanged)
    #expect(try store.counts()[.priceTable] == 2)
  }

}

@Suite struct SplitAndFeatureTests {
  @Test func defaultSplitIsStratifiedSeededAndStoredOnce() throws {
    let store = try BenchStore.inMemory()
    var f = SmallBench()
    f.samplesPerDataset = 50
    try f.write(to: store)
    #expect(try store.ensureDefaultSplit(seed: 42))
    #expect(try store.ensureDefaultSplit(seed: 7) == false)
    let b = try store.loadBenchmark()
    let expected = StratifiedSplit.make(sampleDataset: b.sampleDataset, datasetNames: b.datasets.map(\.name), seed: 42)
    #expect(b.splits == expected)
    #expect(b.splits[.test]?.count == 20 && b.splits[.dev]?.count == 10 && b.splits[.train]?.count == 70)
    let seed = try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT seed FROM split") }
    #expect(seed == 42)
  }

  @Test func storeSplitRejectsUnknownAndDoubleMembers() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    let unknown = try #require(throws: StoreError.self) {
      try store.storeSplit(name: "x", seed: nil, parts: [.train: ["MMStar/0", "Nope/1"]])
    }
    #expect(unknown.kind == .notFound && unknown.key == "Nope/1")
    let twice = try #require(throws: StoreError.self) {
      try store.storeSplit(name: "x", seed: nil, parts: [.train: ["MMStar/0"], .test: ["MMStar/0"]])
    }
    #expect(twice.description.contains("both"))
    #expect(try store.splitNames().isEmpty)
    try store.storeSplit(name: "released", seed: nil, parts: [.train: ["MMStar/1"], .test: ["OCRBench/0"]])
    let b = try store.loadBenchmark(split: "released")
    #expect(b.splits[.train] == [1] && b.splits[.test] == [10] && b.splits[.dev] == [])
  }

  @Test func featureSetsRoundTripAlignedToBenchmarkRows() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    let b = try store.loadBenchmark()
    // Save in reverse order; loading must realign to benchmark rows.
    let keys = Array(b.sampleIDs.reversed())
    let values = keys.flatMap { k -> [Float] in
      let i = Float(b.sampleIDs.firstIndex(of: k)!)
      return [i, -i, i / 3, .pi]
    }
    let m = Matrix(rows: keys.count, columns: 4, values: values)
    #expect(try store.saveFeatureSet(name: "text", sampleKeys: keys, matrix: m, source: "unit"))
    #expect(try store.saveFeatureSet(name: "text", sampleKeys: keys, matrix: m, source: "unit") == false)
    let loaded = try store.loadFeatures(name: "text")
    #expect(loaded.rows == 20 && loaded.columns == 4)
    for i in 0..<20 { #expect(Array(loaded.row(i)) == [Float(i), -Float(i), Float(i) / 3, .pi]) }
    #expect(try store.featureSetNames() == ["text"])
    let e = try #require(throws: StoreError.self) { try store.loadFeatures(name: "image") }
    #expect(e.kind == .notFound && e.description.contains("text"))
  }

  @Test func loadingFeaturesMissingASampleFails() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    let b = try store.loadBenchmark()
    let keys = Array(b.sampleIDs.dropLast())
    try store.saveFeatureSet(name: "t", sampleKeys: keys, matrix: Matrix(rows: keys.count, columns: 2, repeating: 1),
                             source: "unit")
    let e = try #require(throws: StoreError.self) { try store.loadFeatures(name: "t") }
    #expect(e.kind == .incomplete && e.key == b.sampleIDs.last)
  }

  @Test func metadataSetsReplacesAndRemoves() throws {
    let store = try BenchStore.inMemory()
    #expect(try store.metadata(.simulated) == nil)
    try store.setMetadata(.simulated, "true")
    try store.setMetadata(.simulated, "false")
    #expect(try store.metadata(.simulated) == "false")
    try store.setMetadata(.simulated, nil)
    #expect(try store.allMetadata().isEmpty)
  }
}
