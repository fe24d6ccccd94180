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
                               "routedInputTokens", "startedAt", "finishedAt", "error", "variant", "featureKey",
                               "identity", "benchmarkFingerprint", "isUpperBound", "fitReport"])
    #expect(columns["experiment"] == ["name", "kind", "definition", "createdAt", "updatedAt"])
    #expect(columns["experimentRun"] == ["experiment", "runId"])
    #expect(columns["decision"] == ["runId", "sampleId", "split", "modelId"])
    #expect(columns["result"] == ["runId", "split", "dataset", "samples", "correct", "scoreSum", "costSum", "accuracy",
                                  "averageCost", "rankScore"])
    #expect(columns["record"] == ["sampleId", "modelId", "score", "correct", "outputTokens", "tokensEstimated",
                                  "costUSD", "latencySeconds", "metrics", "sourceFileId", "sourceRow", "judgeScore"])
    #expect(columns["scenarioResult"] == ["runId", "scenario", "split", "alpha", "beta", "gamma", "tau", "epoch",
                                          "samples", "apsp", "ca", "ail", "rcs", "accuracy", "pgr", "meanScore",
                                          "outputTokens", "latencySeconds", "tokenSaving", "timeSaving"])
    #expect(columns["scenarioCurve"] == ["runId", "scenario", "split", "tau", "samples", "apsp", "ca", "ail", "rcs"])
    #expect(columns["scenarioDecision"] == ["runId", "scenario", "sampleId", "probability", "edge"])
    #expect(columns["sample"] == ["id", "datasetId", "sourceIndex", "key", "prompt", "imageRef", "imageHash",
                                  "inputTokens", "category"])
    #expect(columns["metadata"] == ["key", "value"])
    #expect(columns["importedFile"] == ["id", "path", "sha256", "kind", "rows", "importedAt"])
    #expect(columns["embeddingChunk"] == ["featureSet", "encoderIdentity", "promptFingerprint", "chunk", "dimension",
                                          "sampleKeys", "vectors", "createdAt"])
    let provenance = try store.writer.read { db in try db.columns(in: "recordSource").map(\.name) }
    #expect(provenance == ["sampleId", "modelId", "sourceFile", "sourceRow", "sourceSHA256"])
  }

  @Test func fileStoresUseWALAndCreateTheirDirectory() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("nested/deeper/bench.sqlite").path
    let store = try BenchStore(path: path)
    let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    #expect(FileManager.default.fileExists(atPath: path))
    // Reopening migrates nothing and keeps data.
    try store.setMetadata(.preset, "x")
    let again = try BenchStore(path: path)
    #expect(try again.metadata(.preset) == "x")
  }

  @Test func foreignKeysAreEnforcedAndCascade() throws {
    let store = try BenchStore.inMemory()
    try SmallBench().write(to: store)
    #expect(throws: StoreError.self) {
      try store.transaction { tx in
        try tx.db.execute(sql: "INSERT INTO record(sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, sourceFileId, sourceRow) VALUES (9999, 1, 0, 0, 0, 1, 0, 1, 1)")
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
}

@Suite struct MigrationTests {
  /// A database written by the first schema (path and hash repeated in every record) keeps every record and its
  /// provenance through `v2-normalised-provenance`.
  @Test func v1RecordsKeepTheirProvenance() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("v1.sqlite").path
    do {
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: "v1-runs")
      try queue.write { db in
        try db.execute(sql: """
          INSERT INTO dataset(name, displayName, groupName, answerType, position) VALUES ('MMStar', 'MMStar', 'General', 'multiple_choice', 0);
          INSERT INTO model(name, displayName, tier) VALUES ('A', 'A', 'cloud'), ('B', 'B', 'cloud');
          INSERT INTO sample(datasetId, sourceIndex, key, prompt, inputTokens) VALUES (1, '0', 'MMStar/0', 'q', 260);
          INSERT INTO importedFile(path, sha256, kind, rows, importedAt)
            VALUES ('work_dir/A/T1/A_MMStar_openai_result.tsv', 'aa', 'judged', 1, '2025-01-01T00:00:00Z');
          INSERT INTO record(sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, sourceFile, sourceRow, sourceSHA256)
            VALUES (1, 1, 1, 1, 3, 1, 0.001, 'work_dir/A/T1/A_MMStar_openai_result.tsv', 2, 'aa'),
                   (1, 2, 0, 0, 4, 1, 0.002, 'work_dir/B/T1/B_MMStar.tsv', 7, 'bb');
          """)
      }
    }
    let store = try BenchStore(path: path)
    #expect(try store.provenance(sample: "MMStar/0", model: "A")
            == RecordProvenance(file: "work_dir/A/T1/A_MMStar_openai_result.tsv", row: 2, sha256: "aa"))
    #expect(try store.provenance(sample: "MMStar/0", model: "B")
            == RecordProvenance(file: "work_dir/B/T1/B_MMStar.tsv", row: 7, sha256: "bb"))
    let b = try store.loadBenchmark()
    #expect(b.quality.values == [1, 0] && b.cost.values == [0.001, 0.002])
    let columns = try store.writer.read { db in try db.columns(in: "record").map(\.name) }
    #expect(columns.contains("sourceFileId") && !columns.contains("sourceFile"))
  }
}
