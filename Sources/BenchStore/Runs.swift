public import BenchCore
internal import GRDB
internal import Foundation

/// One finished run, as the runner hands it to the store.
public struct StoredRun: Sendable {
  public var router: String
  public var family: String
  /// nil = the router does not depend on λ; `.infinity` is stored as NULL with label "inf".
  public var lambda: Double?
  public var lambdaLabel: String
  public var seed: UInt64
  public var featureSet: String?
  public var configJSON: String
  /// The run's identity for resume (unique).
  public var configKey: String
  public var costScale: Double
  public var bounds: CostBounds
  public var trainSeconds: Double
  public var routeSeconds: Double
  public var routedInputTokens: Int
  /// (split, benchmark row, model column) for every routed sample.
  public var decisions: [(split: SplitName, row: Int, model: Int)]
  /// Per-dataset and ALL results on dev and test (their `runID` is ignored and assigned here).
  public var results: [ResultRow]

  public init(router: String, family: String, lambda: Double?, lambdaLabel: String, seed: UInt64,
              featureSet: String?, configJSON: String, configKey: String, costScale: Double, bounds: CostBounds,
              trainSeconds: Double, routeSeconds: Double, routedInputTokens: Int,
              decisions: [(split: SplitName, row: Int, model: Int)], results: [ResultRow]) {
    self.router = router
    self.family = family
    self.lambda = lambda
    self.lambdaLabel = lambdaLabel
    self.seed = seed
    self.featureSet = featureSet
    self.configJSON = configJSON
    self.configKey = configKey
    self.costScale = costScale
    self.bounds = bounds
    self.trainSeconds = trainSeconds
    self.routeSeconds = routeSeconds
    self.routedInputTokens = routedInputTokens
    self.decisions = decisions
    self.results = results
  }
}

/// A run as listed by `routerbench runs`.
public struct RunListing: Sendable, Hashable {
  public var id: Int64
  public var router: String
  public var family: String
  public var lambdaLabel: String
  public var seed: UInt64
  public var featureSet: String?
  public var status: String
  public var trainSeconds: Double?
  public var routeSeconds: Double?
  public var routedInputTokens: Int?
  public var configJSON: String
  public var finishedAt: String?
  public var error: String?
}

extension BenchStore {
  /// Keys of runs stored with status `done`.
  public func completedRunKeys() throws -> Set<String> {
    try writer.read { db in
      Set(try String.fetchAll(db, sql: "SELECT configKey FROM run WHERE status = 'done'"))
    }
  }

  /// Sample ids in benchmark row order and model ids in benchmark column order (the order `loadBenchmark` uses).
  private func rowAndColumnIDs(_ db: Database) throws -> (samples: [Int64], models: [Int64]) {
    (try Int64.fetchAll(db, sql: "SELECT id FROM sample ORDER BY id"),
     try Int64.fetchAll(db, sql: "SELECT id FROM model ORDER BY name"))
  }

  /// Stores a finished run, its decisions and results in one transaction, replacing an earlier failed attempt
  /// with the same key. Returns the run id.
  @discardableResult
  public func saveRun(_ run: StoredRun) throws -> Int64 {
    try writer.write { db in
      try db.execute(sql: "DELETE FROM run WHERE configKey = ?", arguments: [run.configKey])
      let now = ISO8601DateFormatter().string(from: Date())
      try db.execute(sql: """
        INSERT INTO run (router, family, lambda, lambdaLabel, seed, featureSet, configJSON, configKey, status,
                         costScale, cmin, cmax, trainSeconds, routeSeconds, routedInputTokens, startedAt, finishedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        arguments: [run.router, run.family, run.lambda.flatMap { $0.isFinite ? $0 : nil }, run.lambdaLabel,
                    Int64(bitPattern: run.seed), run.featureSet, run.configJSON, run.configKey, run.costScale,
                    run.bounds.cmin, run.bounds.cmax, run.trainSeconds, run.routeSeconds, run.routedInputTokens,
                    now, now])
      let runID = db.lastInsertedRowID
      let ids = try rowAndColumnIDs(db)
      let decision = try db.cachedStatement(
        sql: "INSERT INTO decision (runId, sampleId, split, modelId) VALUES (?, ?, ?, ?)")
      for d in run.decisions {
        try decision.execute(arguments: [runID, ids.samples[d.row], d.split.rawValue, ids.models[d.model]])
      }
      let result = try db.cachedStatement(sql: """
        INSERT INTO result (runId, split, dataset, samples, correct, scoreSum, costSum, accuracy, averageCost, rankScore)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for r in run.results {
        try result.execute(arguments: [runID, r.split.rawValue, r.dataset, r.outcome.samples, r.outcome.correct,
                                       r.outcome.scoreSum, r.outcome.costSum, r.outcome.accuracy,
                                       r.outcome.averageCost, r.rankScore])
      }
      return runID
    }
  }

  /// Records a failed run (a later sweep retries it).
  public func saveFailedRun(router: String, family: String, lambda: Double?, lambdaLabel: String, seed: UInt64,
                            featureSet: String?, configKey: String, costScale: Double, error: String) throws {
    try writer.write { db in
      try db.execute(sql: "DELETE FROM run WHERE configKey = ?", arguments: [configKey])
      let now = ISO8601DateFormatter().string(from: Date())
      try db.execute(sql: """
        INSERT INTO run (router, family, lambda, lambdaLabel, seed, featureSet, configJSON, configKey, status,
                         costScale, startedAt, finishedAt, error)
        VALUES (?, ?, ?, ?, ?, ?, '{}', ?, 'failed', ?, ?, ?, ?)
        """,
        arguments: [router, family, lambda.flatMap { $0.isFinite ? $0 : nil }, lambdaLabel,
                    Int64(bitPattern: seed), featureSet, configKey, costScale, now, now, error])
    }
  }

  /// Every stored result of finished runs, ordered by run id, split and dataset.
  public func fetchResults() throws -> [ResultRow] {
    try writer.read { db in
      let rows = try Row.fetchAll(db, sql: """
        SELECT r.id, r.router, r.family, r.lambdaLabel, r.seed, x.split, x.dataset, x.samples, x.correct,
               x.scoreSum, x.costSum, x.rankScore
        FROM result x JOIN run r ON r.id = x.runId
        WHERE r.status = 'done'
        ORDER BY r.id, x.split, x.dataset
        """)
      return rows.compactMap { row -> ResultRow? in
        guard let split = SplitName(rawValue: row[5]) else { return nil }
        let seed: Int64 = row[4]
        return ResultRow(
          runID: row[0], router: row[1], family: row[2], lambdaLabel: row[3], seed: UInt64(bitPattern: seed),
          split: split, dataset: row[6],
          outcome: Outcome(samples: row[7], correct: row[8], scoreSum: row[9], costSum: row[10]), rankScore: row[11])
      }
    }
  }

  /// Every run, ordered by id.
  public func fetchRuns() throws -> [RunListing] {
    try writer.read { db in
      try Row.fetchAll(db, sql: """
        SELECT id, router, family, lambdaLabel, seed, featureSet, status, trainSeconds, routeSeconds,
               routedInputTokens, configJSON, finishedAt, error FROM run ORDER BY id
        """).map { row in
        let seed: Int64 = row[4]
        return RunListing(id: row[0], router: row[1], family: row[2], lambdaLabel: row[3],
                          seed: UInt64(bitPattern: seed), featureSet: row[5], status: row[6], trainSeconds: row[7],
                          routeSeconds: row[8], routedInputTokens: row[9], configJSON: row[10], finishedAt: row[11],
                          error: row[12])
      }
    }
  }

  /// The decisions of one run and split: (benchmark row, model column), in row order.
  public func fetchDecisions(runID: Int64, split: SplitName) throws -> [(row: Int, model: Int)] {
    try writer.read { db in
      let ids = try rowAndColumnIDs(db)
      let rowOf = Dictionary(uniqueKeysWithValues: ids.samples.enumerated().map { ($1, $0) })
      let colOf = Dictionary(uniqueKeysWithValues: ids.models.enumerated().map { ($1, $0) })
      return try Row.fetchAll(db, sql: "SELECT sampleId, modelId FROM decision WHERE runId = ? AND split = ?",
                              arguments: [runID, split.rawValue])
        .compactMap { r -> (Int, Int)? in
          guard let i = rowOf[r[0]], let m = colOf[r[1]] else { return nil }
          return (i, m)
        }.sorted { $0.0 < $1.0 }
    }
  }
}

extension BenchStore {
  /// Copies the finished runs of another database of the same benchmark (e.g. one shard of a job array) into
  /// this one. Runs already present (same key, done) are skipped; samples and models are matched by key and name,
  /// so the two files need not share row ids. Returns the number of runs copied. One transaction.
  @discardableResult
  public func mergeRuns(fromDatabaseAt path: String) throws -> Int {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(.notFound, "no database to merge from", path: path)
    }
    return try writer.writeWithoutTransaction { db in
      try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [path])
      defer { try? db.execute(sql: "DETACH DATABASE other") }
      var copied = 0
      try db.inTransaction {
        let theirs = try Row.fetchAll(db, sql: "SELECT * FROM other.run WHERE status = 'done' ORDER BY id")
        let ours = Set(try String.fetchAll(db, sql: "SELECT configKey FROM main.run WHERE status = 'done'"))
        for run in theirs {
          let key: String = run["configKey"]
          if ours.contains(key) { continue }
          try db.execute(sql: "DELETE FROM main.run WHERE configKey = ?", arguments: [key])
          try db.execute(sql: """
            INSERT INTO main.run (router, family, lambda, lambdaLabel, seed, featureSet, configJSON, configKey, status,
                                  costScale, cmin, cmax, trainSeconds, routeSeconds, routedInputTokens, startedAt,
                                  finishedAt, error)
            SELECT router, family, lambda, lambdaLabel, seed, featureSet, configJSON, configKey, status, costScale,
                   cmin, cmax, trainSeconds, routeSeconds, routedInputTokens, startedAt, finishedAt, error
            FROM other.run WHERE id = ?
            """, arguments: [run["id"] as Int64])
          let newID = db.lastInsertedRowID
          try db.execute(sql: """
            INSERT INTO main.decision (runId, sampleId, split, modelId)
            SELECT ?, ms.id, d.split, mm.id
            FROM other.decision d
            JOIN other.sample os ON os.id = d.sampleId JOIN main.sample ms ON ms.key = os.key
            JOIN other.model om ON om.id = d.modelId JOIN main.model mm ON mm.name = om.name
            WHERE d.runId = ?
            """, arguments: [newID, run["id"] as Int64])
          try db.execute(sql: """
            INSERT INTO main.result (runId, split, dataset, samples, correct, scoreSum, costSum, accuracy,
                                     averageCost, rankScore)
            SELECT ?, split, dataset, samples, correct, scoreSum, costSum, accuracy, averageCost, rankScore
            FROM other.result WHERE runId = ?
            """, arguments: [newID, run["id"] as Int64])
          copied += 1
        }
        return .commit
      }
      return copied
    }
  }
}
