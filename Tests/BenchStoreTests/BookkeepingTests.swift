import BenchCore
import Dispatch
import Foundation
import Testing

@testable import BenchStore

/// The bookkeeping tables written through GRDB records: metadata, imported files, price tables and prices.
@Suite struct BookkeepingTests {
  @Test func anImportedFileKeepsItsIdAndIsRewrittenOnlyWhenItsContentChanges() throws {
    let store = try BenchStore.inMemory()
    let first = ImportedFile(path: "work_dir/A/A_MMStar.tsv", sha256: "aa", kind: "prediction", rows: 3,
                             importedAt: "2025-01-01T00:00:00Z")
    let other = ImportedFile(path: "work_dir/B/B_MMStar.tsv", sha256: "bb", kind: "prediction", rows: 4,
                             importedAt: "2025-01-01T00:00:00Z")
    let (a, b) = try store.transaction { tx in (try tx.recordImportedFile(first), try tx.recordImportedFile(other)) }
    #expect(a != b)

    // Same content, later time: same id, nothing rewritten (importedAt stays).
    var reread = first
    reread.importedAt = "2025-02-01T00:00:00Z"
    #expect(try store.transaction { tx in try tx.recordImportedFile(reread) } == a)
    #expect(try store.transaction { tx in try tx.importedFile(path: first.path) } == first)

    // Changed content: same id, every field updated.
    var changed = reread
    changed.sha256 = "cc"
    changed.rows = 5
    #expect(try store.transaction { tx in try tx.recordImportedFile(changed) } == a)
    let files = try store.transaction { tx in try tx.importedFiles() }
    #expect(files == [first.path: changed, other.path: other])
    #expect(try store.transaction { tx in try tx.importedFile(path: "work_dir/none.tsv") } == nil)
  }

  @Test func activatingAPriceTableKeepsOneActiveTableAndItsPricesByModelName() throws {
    let store = try BenchStore.inMemory()
    let f = SmallBench()
    try f.write(to: store)
    let active = try #require(try store.transaction { tx in try tx.activePriceTable() })
    #expect(active.table == PriceTable(name: "test", prices: f.prices))

    let v2 = PriceTable(name: "v2", version: "2", date: "2025-02-01", source: "unit test",
                        prices: ["GPT4o": TokenPrice(inputPerMillion: 1, outputPerMillion: 2)])
    let change = try store.transaction { tx in try tx.activatePriceTable(v2, createdAt: "2025-02-01T00:00:00Z") }
    guard case .activated(let id) = change else { Issue.record("expected a new table, got \(change)"); return }
    let now = try #require(try store.transaction { tx in try tx.activePriceTable() })
    #expect(now.id == id && now.table == v2)
    #expect(try store.counts()[.priceTable] == 2 && store.counts()[.price] == 4)

    // Two of three models have no price in v2: recomputing costs names the first by name and changes nothing.
    let before = try store.loadBenchmark().cost
    let e = try #require(throws: StoreError.self) { try store.transaction { tx in try tx.recomputeCosts() } }
    #expect(e.kind == .notFound && e.table == "price" && e.key == "Janus-Pro-1B")
    #expect(try store.loadBenchmark().cost == before)
  }

  @Test func featureShapesAreStoredPerFeatureSet() throws {
    let store = try BenchStore.inMemory()
    #expect(try store.featureShape(ofFeatureSet: "patches") == nil)
    try store.transaction { tx in
      try tx.setFeatureShape([16, 32], ofFeatureSet: "patches")
      try tx.setFeatureShape([3], ofFeatureSet: "text")
    }
    #expect(try store.featureShape(ofFeatureSet: "patches") == [16, 32])
    #expect(try store.featureShape(ofFeatureSet: "text") == [3])
    #expect(try store.allMetadata().map(\.key) == ["featureShape.patches", "featureShape.text"])
    try store.transaction { tx in try tx.setFeatureShape(nil, ofFeatureSet: "patches") }
    #expect(try store.featureShape(ofFeatureSet: "patches") == nil)
  }

  @Test func metadataKeysAreTheStoredKeys() throws {
    let store = try BenchStore.inMemory()
    try store.transaction { tx in
      for key in MetadataKey.allCases { try tx.setMetadata(key, "v-\(key.rawValue)") }
    }
    #expect(try store.allMetadata().map(\.key)
            == ["correctThreshold", "costSource", "imageTokens", "preset", "simulated", "tokenCounter"])
    for key in MetadataKey.allCases { #expect(try store.metadata(key) == "v-\(key.rawValue)") }
    try store.setMetadata(.correctThreshold, "0.5")
    #expect(try store.transaction { tx in try tx.metadata(.correctThreshold) } == "0.5")
  }

  /// A second store on the same file (as a second process would be) waits for the first one's write
  /// transaction instead of failing with "database is locked".
  @Test func aWriterWaitsForAnotherConnectionsWriteTransaction() throws {
    let path = try temporaryDirectory().appendingPathComponent("shared.sqlite").path
    let holder = try BenchStore(path: path)
    let waiter = try BenchStore(path: path)
    let locked = DispatchSemaphore(value: 0)
    let released = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      // Errors surface below: without this transaction's commit the key is missing.
      try? holder.transaction { tx in
        try tx.setMetadata(.preset, "first")  // takes the write lock (GRDB begins IMMEDIATE transactions)
        locked.signal()
        Thread.sleep(forTimeInterval: 0.5)
      }
      released.signal()
    }
    locked.wait()
    let clock = ContinuousClock()
    let start = clock.now
    try waiter.setMetadata(.tokenCounter, "second")
    let waited = clock.now - start
    released.wait()
    #expect(waited >= .milliseconds(250), "the second write returned after \(waited), before the first transaction ended")
    #expect(try waiter.metadata(.preset) == "first")
    #expect(try holder.metadata(.tokenCounter) == "second")
  }
}
