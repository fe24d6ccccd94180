import BenchCore
import Foundation
import GRDB
import Testing

@testable import BenchStore

/// Prompts read as checked UTF-8, and the staged chunks of an embedding job.
struct EmbeddingStagingTests {
  static func store() throws -> BenchStore {
    let store = try BenchStore.inMemory()
    try SmallBench(samplesPerDataset: 3).write(to: store)
    return store
  }

  @Test func invalidUTF8InAPromptIsAnErrorNamingTheSample() throws {
    let store = try Self.store()
    #expect(try store.samplePrompts().map(\.sampleID) == store.sampleDescriptions().map(\.sampleID))
    // Another tool can put any bytes in a TEXT column; reading them as a String would replace them silently.
    try store.writer.write { db in
      try db.execute(sql: "UPDATE sample SET prompt = CAST(X'6162FF63' AS TEXT) WHERE key = 'OCRBench/1'")
    }
    #expect(try store.sampleDescriptions().first { $0.sampleID == "OCRBench/1" }?.prompt == "ab\u{FFFD}c")
    let e = #expect(throws: StoreError.self) { try store.samplePrompts() }
    #expect(e?.kind == .invalidText && e?.key == "OCRBench/1" && e?.table == "sample")
  }

  @Test func chunksRoundTripAndAreDroppedWithTheFeatureSet() throws {
    let store = try Self.store()
    let keys = try store.samplePrompts().map(\.sampleID)
    let id = String(repeating: "a", count: 64), fp = String(repeating: "b", count: 64)
    let generation = try store.writer.read { db in try BenchStore.dataGeneration(db) }
    let c0 = StagedEmbeddingChunk(featureSet: "enc", encoderIdentity: id, promptFingerprint: fp, index: 0,
                                  sampleKeys: Array(keys[0..<2]), vectors: Matrix(rows: 2, columns: 2, values: [1, 2, 3, .pi]))
    let c1 = StagedEmbeddingChunk(featureSet: "enc", encoderIdentity: id, promptFingerprint: fp, index: 1,
                                  sampleKeys: Array(keys[2...]), vectors: Matrix(rows: keys.count - 2, columns: 2, repeating: -1))
    try store.stageEmbeddingChunk(c0)
    try store.stageEmbeddingChunk(c1)
    #expect(try store.stagedEmbeddingChunks(featureSet: "enc") == [c0, c1])
    #expect(try store.stagedEmbeddingChunks(featureSet: "other").isEmpty)
    // Staging is not benchmark data: a sweep running meanwhile is not made stale.
    #expect(try store.writer.read { db in try BenchStore.dataGeneration(db) } == generation)
    // The schema refuses a chunk whose vectors do not fit its keys and dimension.
    #expect(throws: (any Error).self) {
      try store.writer.write { db in
        try db.execute(sql: """
          INSERT INTO embeddingChunk VALUES ('enc', ?, ?, 2, 2, '["MMStar/0"]', X'00000000', 'now')
          """, arguments: [id, fp])
      }
    }
    var m = Matrix(rows: keys.count, columns: 2, repeating: Float(0))
    m[0, 0] = 1
    #expect(try store.saveStagedFeatureSet(name: "enc", sampleKeys: keys, matrix: m, source: "test"))
    #expect(try store.stagedEmbeddingChunks(featureSet: "enc").isEmpty)
    #expect(try store.loadFeatures(name: "enc") == m)
    try store.stageEmbeddingChunk(c0)
    #expect(try store.discardStagedEmbeddingChunks(featureSet: "enc") == 1)
  }
}
