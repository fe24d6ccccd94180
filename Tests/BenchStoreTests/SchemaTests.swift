import BenchCore
import Foundation
import GRDB
import Testing

@testable import BenchStore

@Suite struct SchemaTests {
  @Test func createsEveryTableWithTheAgreedColumns() throws {
    let store = try BenchStore.inMemory()
    let columns: [String: [String]] = try store.writer.read { db in
      var out: [String: [String]] = [:]
      for t in StoreTable.allCases { out[t.rawValue] = try db.columns(in: t.rawValue).map(\.name) }
      return out
    }
    #expect(columns["run"] == ["id", "router", "family", "lambda", "lambdaLabel", "seed", "featureSet", "configJSON",
                               "configKey", "status", "costScale", "cmin", "cmax", "trainSeconds", "routeSeconds",
                               "routedInputTokens", "startedAt", "finishedAt", "error"])
    #expect(columns["decision"] == ["runId", "sampleId", "split", "modelId"])
    #expect(columns["result"] == ["runId", "split", "dataset", "samples", "correct", "scoreSum", "costSum", "accuracy",
                                  "averageCost", "rankScore"])
    #expect(columns["record"] == ["sampleId", "modelId", "score", "correct", "outputTokens", "tokensEstimated",
                                  "costUSD", "latencySeconds", "metrics", "sourceFile", "sourceRow", "sourceSHA256"])
    #expect(columns["sample"] == ["id", "datasetId", "sourceIndex", "key", "prompt", "imageRef", "imageHash",
                                  "inputTokens", "category"])
    #expect(columns["metadata"] == ["key", "value"])
    #expect(columns["importedFile"] == ["path", "sha256", "kind", "rows", "importedAt"])
  }

  @Test func fileStoresUseWALAndCreateTheirDirectory() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("nested/deeper/bench.sqlite").path
    let store = try BenchStore(path: path)
    let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    #expect(FileManager.default.fileExists(atPath: path))
    // Reopening migrates nothing and keeps data.
    try store.setMetadata("preset", "x")
    let again = try BenchStore(path: path)
    #expect(try again.metadata("preset") == "x")
  }

  @Test func foreignKeysAreEnforcedAndCascade() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    #expect(throws: StoreError.self) {
      try store.transaction { tx in
        try tx.db.execute(sql: "INSERT INTO record(sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, sourceFile, sourceRow, sourceSHA256) VALUES (9999, 1, 0, 0, 0, 1, 0, 'f', 1, 'h')")
      }
    }
    try store.transaction { tx in try tx.deleteModels(["GPT4o"]) }
    let counts = try store.counts()
    #expect(counts[.record] == 2 * 10 * 2)
    #expect(counts[.price] == 2)
  }

  @Test func runTablesAcceptInfiniteLambdaAsNullAndCascade() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    try store.transaction { tx in
      try tx.db.execute(sql: """
        INSERT INTO run(router, family, lambda, lambdaLabel, seed, configJSON, configKey, status)
        VALUES ('MLP', 'featureLevel', NULL, '∞', 1, '{}', 'k1', 'done')
        """)
      let run = tx.db.lastInsertedRowID
      try tx.db.execute(sql: "INSERT INTO decision VALUES (?, 1, 'test', 1)", arguments: [run])
      try tx.db.execute(sql: "INSERT INTO result VALUES (?, 'test', 'ALL', 1, 1, 1, 0.1, 1, 0.1, 0.5)", arguments: [run])
      try tx.db.execute(sql: "DELETE FROM run")
    }
    let counts = try store.counts()
    #expect(counts[.decision] == 0 && counts[.result] == 0)
  }

  @Test func sha256MatchesKnownVectorsAndStreamsInAnyChunks() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    for chunk in [1, 7, 63, 64, 65, 1000] {
      var h = SHA256()
      var i = 0
      while i < million.count {
        let end = min(i + chunk * 37, million.count)
        million[i..<end].withUnsafeBytes { h.update($0) }
        i = end
      }
      #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
  }
}
