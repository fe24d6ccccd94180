public import BenchCore
internal import Foundation
internal import GRDB

// MARK: - Values other modules see

/// One finished (or failed) run, as the runner hands it to the store.
public struct RunToSave: Sendable {
  /// SHA-256 of the canonical identity JSON: the run's key (unique in the `run` table).
  public var identityKey: String
  /// The canonical identity JSON (everything that can change the outcome).
  public var identityJSON: String
  /// The router kind ("MLP").
  public var router: String
  /// The name the experiment gave this variant ("MLP-paper"; the kind when none was given).
  public var variant: String
  public var family: RouterFamily
  public var isUpperBound: Bool
  public var lambda: Lambda
  public var seed: UInt64
  public var featureKey: FeatureKey?
  /// The router's configuration as canonical JSON.
  public var configurationJSON: String
  public var costScale: Double
  public var bounds: CostBounds
  public var trainSeconds: Double
  public var routeSeconds: Double
  public var routedInputTokens: Int
  /// What fitting found (chosen model, epochs), as sorted-key JSON.
  public var fitReportJSON: String
  /// (split, benchmark row, model column) for every routed sample, in the snapshot's row and column order.
  public var decisions: [(split: SplitName, row: Int, model: Int)]
  /// Per-dataset and ALL results on dev and test (their `runID` is ignored and assigned here).
  public var results: [ResultRow]
  /// Set for a failed run: the message (decisions and results are then empty).
  public var error: String?

  public init(identityKey: String, identityJSON: String, router: String, variant: String, family: RouterFamily,
              isUpperBound: Bool, lambda: Lambda, seed: UInt64, featureKey: FeatureKey?, configurationJSON: String,
              costScale: Double, bounds: CostBounds, trainSeconds: Double = 0, routeSeconds: Double = 0,
              routedInputTokens: Int = 0, fitReportJSON: String = "{}",
              decisions: [(split: SplitName, row: Int, model: Int)] = [], results: [ResultRow] = [],
              error: String? = nil) {
    self.identityKey = identityKey
    self.identityJSON = identityJSON
    self.router = router
    self.variant = variant
    self.family = family
    self.isUpperBound = isUpperBound
    self.lambda = lambda
    self.seed = seed
    self.featureKey = featureKey
    self.configurationJSON = configurationJSON
    self.costScale = costScale
    self.bounds = bounds
    self.trainSeconds = trainSeconds
    self.routeSeconds = routeSeconds
    self.routedInputTokens = routedInputTokens
    self.fitReportJSON = fitReportJSON
    self.decisions = decisions
    self.results = results
    self.error = error
  }
}

/// A run as listed by `routerbench runs` and read by reports.
public struct RunListing: Sendable, Hashable {
  public var id: Int64
  /// The router kind.
  public var router: String
  public var variant: String
  public var family: RouterFamily?
  public var isUpperBound: Bool
  public var lambda: Lambda
  public var seed: UInt64
  public var featureKey: String?
  public var status: RunStatus?
  public var identityKey: String
  /// nil for runs stored before run identities existed.
  public var identityJSON: String?
  public var benchmarkFingerprint: String?
  public var configurationJSON: String
  public var trainSeconds: Double?
  public var routeSeconds: Double?
  public var routedInputTokens: Int?
  public var finishedAt: String?
  public var error: String?
  /// The experiments this run belongs to, sorted.
  public var experiments: [String]
}

/// Which runs a read or a delete applies to. Every field left nil matches everything.
public struct RunFilter: Sendable, Hashable {
  /// Runs that belong to this experiment.
  public var experiment: String?
  /// Router kinds or variant names (case-insensitive).
  public var routers: [String]?
  public var lambdas: [Lambda]?
  public var seeds: [UInt64]?
  /// Only runs computed on the data with this fingerprint.
  public var benchmarkFingerprint: String?
  public var status: RunStatus?

  public init(experiment: String? = nil, routers: [String]? = nil, lambdas: [Lambda]? = nil, seeds: [UInt64]? = nil,
              benchmarkFingerprint: String? = nil, status: RunStatus? = nil) {
    self.experiment = experiment
    self.routers = routers
    self.lambdas = lambdas
    self.seeds = seeds
    self.benchmarkFingerprint = benchmarkFingerprint
    self.status = status
  }

  /// Whether a listed run passes the filter.
  public func matches(_ r: RunListing) -> Bool {
    if let e = experiment, !r.experiments.contains(e) { return false }
    if let rs = routers?.map({ $0.lowercased() }), !rs.contains(r.router.lowercased()), !rs.contains(r.variant.lowercased()) {
      return false
    }
    if let ls = lambdas, !ls.contains(r.lambda) { return false }
    if let ss = seeds, !ss.contains(r.seed) { return false }
    if let f = benchmarkFingerprint, r.benchmarkFingerprint != f { return false }
    if let s = status, r.status != s { return false }
    return true
  }
}

/// An experiment: a named set of runs (a `reproduce`, a `run --config`, or ad-hoc `run` commands).
public struct ExperimentInfo: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case reproduce, config, cli
  }
  public var name: String
  public var kind: Kind
  /// The experiment's definition as JSON (routers, λ grid, seeds, features…).
  public var definitionJSON: String
  public var createdAt: String
  public var updatedAt: String
  public var runs: Int
}

// MARK: - Records (GRDB)

/// A row of `run` (one record type per table, GRDB's pattern).
struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "run"
  var id: Int64?
  var router: String
  var variant: String?
  var family: String
  var lambda: Double?
  var lambdaLabel: String
  var seed: Int64
  var featureSet: String?
  var featureKey: String?
  var configJSON: String
  var configKey: String
  var identity: String?
  var benchmarkFingerprint: String?
  var status: String
  var isUpperBound: Bool
  var costScale: Double?
  var cmin: Double?
  var cmax: Double?
  var trainSeconds: Double?
  var routeSeconds: Double?
  var routedInputTokens: Int?
  var startedAt: String?
  var finishedAt: String?
  var error: String?
  var fitReport: String?

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let configKey = Column(CodingKeys.configKey)
    static let status = Column(CodingKeys.status)
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  init(_ r: RunToSave, finishedAt: String) {
    router = r.router
    variant = r.variant
    family = r.family.rawValue
    lambda = r.lambda.value
    lambdaLabel = r.lambda.label
    seed = Int64(bitPattern: r.seed)
    featureSet = r.featureKey?.label
    featureKey = r.featureKey?.label
    configJSON = r.configurationJSON
    configKey = r.identityKey
    identity = r.identityJSON
    status = (r.error == nil ? RunStatus.done : .failed).rawValue
    isUpperBound = r.isUpperBound
    costScale = r.costScale
    cmin = r.error == nil ? r.bounds.cmin : nil
    cmax = r.error == nil ? r.bounds.cmax : nil
    trainSeconds = r.error == nil ? r.trainSeconds : nil
    routeSeconds = r.error == nil ? r.routeSeconds : nil
    routedInputTokens = r.error == nil ? r.routedInputTokens : nil
    startedAt = finishedAt
    self.finishedAt = finishedAt
    error = r.error
    fitReport = r.fitReportJSON
  }

  var lambdaValue: Lambda {
    guard let l = lambda else { return .notApplicable }
    return Lambda(l) ?? .notApplicable
  }
}

/// A row of `result`.
struct ResultRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "result"
  var runId: Int64
  var split: String
  var dataset: String
  var samples: Int
  var correct: Double
  var scoreSum: Double
  var costSum: Double
  var accuracy: Double
  var averageCost: Double
  var rankScore: Double?
}

// MARK: - Reads and writes

extension BenchStore {
  /// Identity keys of runs stored with status `done`.
  public func completedRunKeys() throws(StoreError) -> Set<String> {
    try read { db in
      Set(try String.fetchAll(db, RunRecord.select(RunRecord.Columns.configKey, as: String.self)
                                .filter(RunRecord.Columns.status == RunStatus.done.rawValue)))
    }
  }

  /// Stores a run, its decisions and results in one transaction, replacing an earlier attempt with the same
  /// identity, and adds it to `experiment` when one is named. Returns the run id.
  ///
  /// Decisions are stored against the sample and model ids of `snapshot` (the data the run loaded), never the
  /// current row order. If the benchmark's data changed since the snapshot was taken (an import committed in the
  /// meantime), the run is refused with `StoreError.Kind.stale`: its results describe data that is gone.
  @discardableResult
  public func saveRun(_ run: RunToSave, loadedFrom snapshot: BenchmarkSnapshot, experiment: String?) throws(StoreError) -> Int64 {
    try writeRuns { db in try insertRun(db, run, loadedFrom: snapshot, experiment: experiment) }
  }

  /// `saveRun`'s body inside an open write transaction (scenario runs add their own rows in the same one).
  func insertRun(_ db: Database, _ run: RunToSave, loadedFrom snapshot: BenchmarkSnapshot,
                 experiment: String?) throws -> Int64 {
    let generation = try Self.dataGeneration(db)
    guard generation == snapshot.generation else {
      throw StoreError(.stale, "the benchmark's data changed (an import committed) after this run loaded it; "
                         + "its results describe data that is gone, so it was not stored: run again", path: path,
                       table: "run", key: run.variant)
    }
    try db.execute(sql: "DELETE FROM run WHERE configKey = ?", arguments: [run.identityKey])
    var record = RunRecord(run, finishedAt: ISO8601DateFormatter().string(from: Date()))
    record.benchmarkFingerprint = snapshot.fingerprint
    try record.insert(db)
    let runID = record.id!
    let decision = try db.cachedStatement(
      sql: "INSERT INTO decision (runId, sampleId, split, modelId) VALUES (?, ?, ?, ?)")
    for d in run.decisions {
      try decision.execute(arguments: [runID, snapshot.sampleRowIDs[d.row], d.split.rawValue,
                                       snapshot.modelRowIDs[d.model]])
    }
    for r in run.results {
      try ResultRecord(runId: runID, split: r.split.rawValue, dataset: r.dataset, samples: r.outcome.samples,
                       correct: r.outcome.correct, scoreSum: r.outcome.scoreSum, costSum: r.outcome.costSum,
                       accuracy: r.outcome.accuracy, averageCost: r.outcome.averageCost,
                       rankScore: r.rankScore).insert(db)
    }
    if let experiment {
      try db.execute(sql: "INSERT OR IGNORE INTO experimentRun (experiment, runId) VALUES (?, ?)",
                     arguments: [experiment, runID])
    }
    return runID
  }

  /// Creates or updates an experiment's definition (its runs are added by `saveRun` and `addRuns`).
  ///
  /// An experiment holds exactly what it now asks for, on the data it now runs on: when the definition changes it
  /// forgets its runs, and it forgets runs computed on data other than `fingerprint` (the runs stay stored, and
  /// those the definition asks for again are added back as the sweep adopts them).
  public func registerExperiment(name: String, kind: ExperimentInfo.Kind, definitionJSON: String,
                                 fingerprint: String? = nil) throws(StoreError) {
    try writeRuns { db in
      let now = ISO8601DateFormatter().string(from: Date())
      if let old = try String.fetchOne(db, sql: "SELECT definition FROM experiment WHERE name = ?", arguments: [name]),
         old != definitionJSON {
        try db.execute(sql: "DELETE FROM experimentRun WHERE experiment = ?", arguments: [name])
      }
      if let fingerprint {
        try db.execute(sql: """
          DELETE FROM experimentRun WHERE experiment = ? AND runId IN
            (SELECT id FROM run WHERE benchmarkFingerprint IS NOT ?)
          """, arguments: [name, fingerprint])
      }
      try db.execute(sql: """
        INSERT INTO experiment (name, kind, definition, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition,
                                        updatedAt = excluded.updatedAt
        """, arguments: [name, kind.rawValue, definitionJSON, now, now])
    }
  }

  /// Adds the finished runs with these identity keys to an experiment (runs it asked for that were already
  /// stored). Returns how many were added.
  @discardableResult
  public func addRuns(identityKeys keys: [String], to experiment: String) throws(StoreError) -> Int {
    try writeRuns { db in
      var added = 0
      let st = try db.cachedStatement(sql: """
        INSERT OR IGNORE INTO experimentRun (experiment, runId)
        SELECT ?, id FROM run WHERE configKey = ? AND status = 'done'
        """)
      for k in keys {
        try st.execute(arguments: [experiment, k])
        added += db.changesCount
      }
      return added
    }
  }

  /// Deletes an experiment (its runs stay stored).
  public func deleteExperiment(_ name: String) throws(StoreError) {
    try writeRuns { db in try db.execute(sql: "DELETE FROM experiment WHERE name = ?", arguments: [name]) }
  }

  /// Every experiment, newest first.
  public func experiments() throws(StoreError) -> [ExperimentInfo] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT e.name, e.kind, e.definition, e.createdAt, e.updatedAt,
               (SELECT COUNT(*) FROM experimentRun x WHERE x.experiment = e.name)
        FROM experiment e ORDER BY e.updatedAt DESC, e.name
        """).map { r in
        ExperimentInfo(name: r[0], kind: ExperimentInfo.Kind(rawValue: r[1]) ?? .cli, definitionJSON: r[2],
                       createdAt: r[3], updatedAt: r[4], runs: r[5])
      }
    }
  }

  /// The runs that pass `filter`, ordered by id.
  public func fetchRuns(_ filter: RunFilter = RunFilter()) throws(StoreError) -> [RunListing] {
    try read { db in
      var members: [Int64: [String]] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT runId, experiment FROM experimentRun ORDER BY experiment") {
        members[r[0], default: []].append(r[1])
      }
      return try RunRecord.order(RunRecord.Columns.id).fetchAll(db).map { r in
        RunListing(id: r.id!, router: r.router, variant: r.variant ?? r.router,
                   family: RouterFamily(rawValue: r.family), isUpperBound: r.isUpperBound, lambda: r.lambdaValue,
                   seed: UInt64(bitPattern: r.seed), featureKey: r.featureKey ?? r.featureSet,
                   status: RunStatus(rawValue: r.status), identityKey: r.configKey, identityJSON: r.identity,
                   benchmarkFingerprint: r.benchmarkFingerprint, configurationJSON: r.configJSON,
                   trainSeconds: r.trainSeconds, routeSeconds: r.routeSeconds, routedInputTokens: r.routedInputTokens,
                   finishedAt: r.finishedAt, error: r.error, experiments: members[r.id!] ?? [])
      }.filter(filter.matches)
    }
  }

  /// The stored results of the finished runs that pass `filter`, ordered by run id, split and dataset.
  /// Each row is labelled with its run's variant name, family, λ and upper-bound flag.
  public func fetchResults(_ filter: RunFilter = RunFilter()) throws(StoreError) -> [ResultRow] {
    var f = filter
    f.status = .done
    return try fetchResults(of: fetchRuns(f))
  }

  /// The stored results of these runs (the finished ones among them), labelled as `fetchResults(_:)` does.
  public func fetchResults(of listed: [RunListing]) throws(StoreError) -> [ResultRow] {
    let runs = Dictionary(uniqueKeysWithValues: listed.filter { $0.status == .done }.map { ($0.id, $0) })
    return try read { db in
      try ResultRecord.order(Column("runId"), Column("split"), Column("dataset")).fetchAll(db).compactMap { x in
        guard let run = runs[x.runId], let split = SplitName(rawValue: x.split) else { return nil }
        return ResultRow(
          runID: x.runId, router: run.variant, family: run.family ?? .external, lambda: run.lambda, seed: run.seed,
          split: split, dataset: x.dataset,
          outcome: Outcome(samples: x.samples, correct: x.correct, scoreSum: x.scoreSum, costSum: x.costSum),
          rankScore: x.rankScore ?? 0, isUpperBound: run.isUpperBound, featureKey: run.featureKey)
      }
    }
  }

  /// Deletes the runs that pass `filter` (their decisions, results and experiment memberships go with them).
  /// Returns how many were deleted.
  @discardableResult
  public func deleteRuns(_ filter: RunFilter) throws(StoreError) -> Int {
    let ids = try fetchRuns(filter).map(\.id)
    return try writeRuns { db in
      for chunk in stride(from: 0, to: ids.count, by: 500) {
        let part = ids[chunk..<min(chunk + 500, ids.count)]
        try db.execute(sql: "DELETE FROM run WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                       arguments: StatementArguments(Array(part)))
      }
      return ids.count
    }
  }

  /// The decisions of one run and split as (row, model) of `snapshot`, in row order. Samples or models of the run
  /// that are no longer in the snapshot are left out (the caller compares counts).
  public func fetchDecisions(runID: Int64, split: SplitName, in snapshot: BenchmarkSnapshot) throws(StoreError)
    -> [(row: Int, model: Int)]
  {
    let rowOf = snapshot.rowOfSampleID, colOf = snapshot.columnOfModelID
    return try read { db in
      try Row.fetchAll(db, sql: "SELECT sampleId, modelId FROM decision WHERE runId = ? AND split = ?",
                       arguments: [runID, split.rawValue])
        .compactMap { r -> (Int, Int)? in
          guard let i = rowOf[r[0]], let m = colOf[r[1]] else { return nil }
          return (i, m)
        }.sorted { $0.0 < $1.0 }
    }
  }

  /// A run-table write: no data-generation bump (runs are not benchmark data), errors wrapped.
  func writeRuns<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do { return try writer.write(body) } catch { throw StoreError.wrap(error, path: path, table: "run") }
  }
}

/// What `mergeRuns(fromDatabaseAt:)` did.
public struct MergeSummary: Sendable, Hashable {
  /// Finished runs copied: new to this database, or replacing a failed attempt stored here.
  public var copied: Int
  /// Finished runs this database already held, identical (same identity, configuration, data fingerprint,
  /// results and decisions): left as they are.
  public var alreadyStored: Int
  /// Runs the other database holds only as failed (and this one not as finished), with their errors.
  public var failed: [FailedRun]
  /// The experiments the other database worked on, by name: those it defines that were not here, or that it
  /// updated later than this database (a shard's own experiment, not the ones its copy of the main database
  /// brought along unchanged).
  public var experiments: [String]
}

/// A failed run of a merged database: what `merge` names when it reports a missing run.
public struct FailedRun: Sendable, Hashable {
  public var identityKey: String
  public var variant: String
  public var lambda: Lambda
  public var seed: UInt64
  public var error: String
}

extension BenchStore {
  /// Copies the finished runs of another database of the same benchmark (e.g. one shard of a job array) into
  /// this one, with their experiments and memberships, in one transaction. Samples and models are matched by key
  /// and name, so the two files need not share row ids.
  ///
  /// Runs are keyed by identity (the SHA-256 of everything that can change a result), so a run of the same key
  /// stored in both files must be the same computation. It is left as it is when both agree on the identity
  /// JSON, the configuration, the data fingerprint, every result row and every decision; when they disagree (a
  /// non-deterministic computation — another routerbench build or BLAS kernel on another node — or a damaged or
  /// hand-edited file) nothing is merged and a `.conflict` error names the run, both files and the first
  /// difference. A run whose decisions name samples or models this database does not hold (a shard of other
  /// data) is refused the same way. A failed run here is replaced by a finished one from there; failed runs
  /// there are not copied but listed in the summary.
  ///
  /// An experiment both files define differently (another λ grid under the same name) takes the newer
  /// definition: when the other file's is newer, this file's memberships of it are dropped and the other's
  /// copied; when this file's is newer, the other's memberships of it are not copied.
  @discardableResult
  public func mergeRuns(fromDatabaseAt path: String) throws(StoreError) -> MergeSummary {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(.notFound, "no database to merge from", path: path)
    }
    let here = self.path ?? "this database"
    do {
      return try writer.writeWithoutTransaction { db in
        try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [path])
        defer { try? db.execute(sql: "DETACH DATABASE other") }
        var summary = MergeSummary(copied: 0, alreadyStored: 0, failed: [], experiments: [])
        try db.inTransaction {
          let (outdated, newer) = try Self.mergeExperiments(db)
          summary.experiments = newer
          let theirs = try Row.fetchAll(db, sql: "SELECT id, configKey, variant, router, lambdaLabel, seed, status, error FROM other.run ORDER BY id")
          var ours: [String: (id: Int64, done: Bool)] = [:]
          for r in try Row.fetchAll(db, sql: "SELECT id, configKey, status FROM main.run") {
            ours[r[1]] = (r[0], (r[2] as String) == RunStatus.done.rawValue)
          }
          for run in theirs {
            let key: String = run["configKey"], otherID: Int64 = run["id"]
            let title = Self.runTitle(variant: run["variant"] ?? run["router"], lambdaLabel: run["lambdaLabel"],
                                      seed: run["seed"])
            guard (run["status"] as String) == RunStatus.done.rawValue else {
              if ours[key]?.done != true {
                summary.failed.append(FailedRun(
                  identityKey: key, variant: run["variant"] ?? run["router"],
                  lambda: Lambda(parsing: run["lambdaLabel"]) ?? .notApplicable,
                  seed: UInt64(bitPattern: run["seed"]), error: run["error"] ?? "no message stored"))
              }
              continue
            }
            if let mine = ours[key], mine.done {
              if let difference = try Self.runDifference(db, main: mine.id, other: otherID) {
                throw StoreError(.conflict, "run \(title) (identity \(key.prefix(12))…) is stored here and in \(path) "
                                   + "with different \(difference); refusing to overwrite it: the two were computed "
                                   + "differently (another routerbench build or BLAS kernel?) — keep one with "
                                   + "`routerbench runs delete` on the other file, then merge again",
                                 path: here, table: "run", key: key)
              }
              summary.alreadyStored += 1
            } else {
              try db.execute(sql: "DELETE FROM main.run WHERE configKey = ?", arguments: [key])
              try db.execute(sql: """
                INSERT INTO main.run (router, variant, family, lambda, lambdaLabel, seed, featureSet, featureKey,
                                      configJSON, configKey, identity, benchmarkFingerprint, status, isUpperBound,
                                      costScale, cmin, cmax, trainSeconds, routeSeconds, routedInputTokens,
                                      startedAt, finishedAt, error, fitReport)
                SELECT router, variant, family, lambda, lambdaLabel, seed, featureSet, featureKey, configJSON,
                       configKey, identity, benchmarkFingerprint, status, isUpperBound, costScale, cmin, cmax,
                       trainSeconds, routeSeconds, routedInputTokens, startedAt, finishedAt, error, fitReport
                FROM other.run WHERE id = ?
                """, arguments: [otherID])
              let newID = db.lastInsertedRowID
              try db.execute(sql: """
                INSERT INTO main.decision (runId, sampleId, split, modelId)
                SELECT ?, ms.id, d.split, mm.id
                FROM other.decision d
                JOIN other.sample os ON os.id = d.sampleId JOIN main.sample ms ON ms.key = os.key
                JOIN other.model om ON om.id = d.modelId JOIN main.model mm ON mm.name = om.name
                WHERE d.runId = ?
                """, arguments: [newID, otherID])
              let copiedDecisions = db.changesCount
              let decisions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM other.decision WHERE runId = ?",
                                               arguments: [otherID]) ?? 0
              guard copiedDecisions == decisions else {
                throw StoreError(.conflict, "run \(title) of \(path): \(decisions - copiedDecisions) of its \(decisions) "
                                   + "decisions name samples or models this database does not hold; that file holds "
                                   + "other benchmark data, so nothing was merged", path: here, table: "decision",
                                 key: key)
              }
              try db.execute(sql: """
                INSERT INTO main.result (runId, split, dataset, samples, correct, scoreSum, costSum, accuracy,
                                         averageCost, rankScore)
                SELECT ?, split, dataset, samples, correct, scoreSum, costSum, accuracy, averageCost, rankScore
                FROM other.result WHERE runId = ?
                """, arguments: [newID, otherID])
              ours[key] = (newID, true)
              summary.copied += 1
            }
            let memberships = try String.fetchAll(db, sql: "SELECT experiment FROM other.experimentRun WHERE runId = ?",
                                                  arguments: [otherID])
            for e in memberships where !outdated.contains(e) {
              try db.execute(sql: "INSERT OR IGNORE INTO main.experimentRun (experiment, runId) VALUES (?, ?)",
                             arguments: [e, ours[key]!.id])
            }
          }
          return .commit
        }
        return summary
      }
    } catch {
      throw StoreError.wrap(error, path: here, table: "run")
    }
  }

  /// Copies the other database's experiments: new ones as they are; one defined alike in both gets the later
  /// update time; one defined differently takes the newer definition. Returns the experiments whose definition
  /// here is newer (the other database's memberships of them are not copied), and those the other database
  /// updated later than this one or brought in new, sorted.
  static func mergeExperiments(_ db: Database) throws -> (outdated: Set<String>, newer: [String]) {
    var outdated = Set<String>(), newer: [String] = []
    for e in try Row.fetchAll(db, sql: "SELECT name, kind, definition, createdAt, updatedAt FROM other.experiment ORDER BY name") {
      let name: String = e["name"], definition: String = e["definition"], updated: String = e["updatedAt"]
      guard let mine = try Row.fetchOne(db, sql: "SELECT definition, updatedAt FROM main.experiment WHERE name = ?",
                                        arguments: [name]) else {
        try db.execute(sql: "INSERT INTO main.experiment (name, kind, definition, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [name, e["kind"] as String, definition, e["createdAt"] as String, updated])
        newer.append(name)
        continue
      }
      let myUpdate: String = mine["updatedAt"]
      if updated > myUpdate { newer.append(name) }
      if (mine["definition"] as String) == definition {
        if updated > myUpdate {
          try db.execute(sql: "UPDATE main.experiment SET updatedAt = ? WHERE name = ?", arguments: [updated, name])
        }
      } else if updated > myUpdate {
        try db.execute(sql: "DELETE FROM main.experimentRun WHERE experiment = ?", arguments: [name])
        try db.execute(sql: "UPDATE main.experiment SET kind = ?, definition = ?, updatedAt = ? WHERE name = ?",
                       arguments: [e["kind"] as String, definition, updated, name])
      } else {
        outdated.insert(name)
      }
    }
    return (outdated, newer)
  }

  /// What differs between two stored finished runs of the same key (nil: nothing that describes the result).
  /// Timings and the fit report are not compared: they are measurements and notes, not results.
  static func runDifference(_ db: Database, main: Int64, other: Int64) throws -> String? {
    let row = try Row.fetchOne(db, sql: """
      SELECT m.identity IS o.identity, m.configJSON IS o.configJSON, m.benchmarkFingerprint IS o.benchmarkFingerprint
      FROM main.run m, other.run o WHERE m.id = ? AND o.id = ?
      """, arguments: [main, other])
    if let row {
      if !(row[0] as Bool) { return "identity JSON" }
      if !(row[1] as Bool) { return "router configuration" }
      if !(row[2] as Bool) { return "benchmark fingerprint" }
    }
    let columns = "split, dataset, samples, correct, scoreSum, costSum, accuracy, averageCost, rankScore"
    // SQLite applies compound operators left to right, so each EXCEPT is a subquery of its own.
    let resultSQL = """
      SELECT * FROM (SELECT \(columns) FROM main.result WHERE runId = ?1
                     EXCEPT SELECT \(columns) FROM other.result WHERE runId = ?2)
      UNION ALL
      SELECT * FROM (SELECT \(columns) FROM other.result WHERE runId = ?2
                     EXCEPT SELECT \(columns) FROM main.result WHERE runId = ?1)
      """
    if let r = try Row.fetchOne(db, sql: "SELECT split, dataset FROM (\(resultSQL)) LIMIT 1", arguments: [main, other]) {
      let split: String = r[0], dataset: String = r[1]
      let figures = try Row.fetchAll(db, sql: """
        SELECT 'here', accuracy, averageCost FROM main.result WHERE runId = ? AND split = ? AND dataset = ?
        UNION ALL SELECT 'there', accuracy, averageCost FROM other.result WHERE runId = ? AND split = ? AND dataset = ?
        """, arguments: [main, split, dataset, other, split, dataset])
      let shown = figures.map { f -> String in
        "\(f[0] as String): accuracy \(f[1] as Double), average cost \(f[2] as Double)"
      }.joined(separator: "; ")
      return "results (\(split) split, dataset \(dataset)\(shown.isEmpty ? "" : ": " + shown))"
    }
    let decisionSQL = """
      SELECT s.key, d.split, m.name FROM main.decision d JOIN main.sample s ON s.id = d.sampleId
        JOIN main.model m ON m.id = d.modelId WHERE d.runId = ?1
      EXCEPT SELECT s.key, d.split, m.name FROM other.decision d JOIN other.sample s ON s.id = d.sampleId
        JOIN other.model m ON m.id = d.modelId WHERE d.runId = ?2
      """
    if let r = try Row.fetchOne(db, sql: "SELECT * FROM (\(decisionSQL)) LIMIT 1", arguments: [main, other]) {
      return "decisions (sample \(r[0] as String) is routed to \(r[2] as String) here, not there)"
    }
    let counts = try Row.fetchOne(db, sql: """
      SELECT (SELECT COUNT(*) FROM main.decision WHERE runId = ?), (SELECT COUNT(*) FROM other.decision WHERE runId = ?)
      """, arguments: [main, other])
    if let counts, (counts[0] as Int) != (counts[1] as Int) {
      return "decisions (\(counts[0] as Int) routed samples here, \(counts[1] as Int) there)"
    }
    return nil
  }

  /// `MLP-paper λ=10 seed=2`, as the sweep titles runs.
  static func runTitle(variant: String, lambdaLabel: String, seed: Int64) -> String {
    (lambdaLabel == Lambda.notApplicable.label ? variant : "\(variant) λ=\(lambdaLabel)") + " seed=\(UInt64(bitPattern: seed))"
  }
}
