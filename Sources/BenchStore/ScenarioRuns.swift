public import BenchCore
internal import Foundation
internal import GRDB

/// One scenario's chosen operating point on one split, with its metrics (ECVL-Router Sec. 3.2, Table 4).
public struct ScenarioResultRow: Sendable, Hashable, Codable {
  /// The scenario's name ("quality", "efficiency", "speed" or a custom name).
  public var scenario: String
  public var split: SplitName
  /// RCS = alpha·APSP + beta·CA − gamma·AIL.
  public var alpha: Double
  public var beta: Double
  public var gamma: Double
  /// The threshold chosen on dev; nil for a fixed policy (All-at-Large, All-at-Small, Random).
  public var tau: Double?
  /// The epoch whose weights were kept (1-based); nil for routers fit in one step.
  public var epoch: Int?
  public var samples: Int
  public var apsp: Double
  public var ca: Double
  public var ail: Double
  public var rcs: Double
  /// Share of samples whose decision equals the run's label (edge iff the label says the edge is competent).
  public var accuracy: Double
  /// Performance gap recovered on mean judge score; nil when both models score the same on average.
  public var pgr: Double?
  public var meanScore: Double
  /// Output tokens of the routed responses, summed.
  public var outputTokens: Int
  /// Seconds of the routed responses, summed.
  public var latencySeconds: Double
  /// Σ cloud output tokens − Σ routed output tokens; nil when the records carry no output tokens.
  public var tokenSaving: Int?
  /// Σ cloud latency − Σ routed latency, seconds.
  public var timeSaving: Double

  public init(scenario: String, split: SplitName, alpha: Double, beta: Double, gamma: Double, tau: Double?,
              epoch: Int?, samples: Int, apsp: Double, ca: Double, ail: Double, rcs: Double, accuracy: Double,
              pgr: Double?, meanScore: Double, outputTokens: Int, latencySeconds: Double, tokenSaving: Int?,
              timeSaving: Double) {
    self.scenario = scenario
    self.split = split
    self.alpha = alpha
    self.beta = beta
    self.gamma = gamma
    self.tau = tau
    self.epoch = epoch
    self.samples = samples
    self.apsp = apsp
    self.ca = ca
    self.ail = ail
    self.rcs = rcs
    self.accuracy = accuracy
    self.pgr = pgr
    self.meanScore = meanScore
    self.outputTokens = outputTokens
    self.latencySeconds = latencySeconds
    self.tokenSaving = tokenSaving
    self.timeSaving = timeSaving
  }
}

/// The metrics at one threshold of a run's grid, for the weights kept for a scenario (ECVL-Router Fig. 2, 9).
public struct ScenarioCurvePoint: Sendable, Hashable, Codable {
  public var scenario: String
  public var split: SplitName
  public var tau: Double
  public var samples: Int
  public var apsp: Double
  public var ca: Double
  public var ail: Double
  public var rcs: Double

  public init(scenario: String, split: SplitName, tau: Double, samples: Int, apsp: Double, ca: Double, ail: Double,
              rcs: Double) {
    self.scenario = scenario
    self.split = split
    self.tau = tau
    self.samples = samples
    self.apsp = apsp
    self.ca = ca
    self.ail = ail
    self.rcs = rcs
  }
}

/// Where one scenario sent one test sample, and the probability the router gave.
public struct ScenarioDecisionRow: Sendable, Hashable {
  public var scenario: String
  /// Benchmark row in the snapshot the run loaded.
  public var row: Int
  public var probability: Double
  public var edge: Bool

  public init(scenario: String, row: Int, probability: Double, edge: Bool) {
    self.scenario = scenario
    self.row = row
    self.probability = probability
    self.edge = edge
  }
}

/// A stored scenario run: its listing, results and curves.
public struct StoredScenarioRun: Sendable {
  public var run: RunListing
  public var results: [ScenarioResultRow]
  public var curves: [ScenarioCurvePoint]
}

extension BenchStore {
  /// Stores a scenario run — the `run` row (as `saveRun`), its per-scenario results, curves and test decisions — in
  /// one transaction, refused as stale when the data changed since `snapshot`.
  @discardableResult
  public func saveScenarioRun(_ run: RunToSave, results: [ScenarioResultRow], curves: [ScenarioCurvePoint],
                              decisions: [ScenarioDecisionRow], loadedFrom snapshot: BenchmarkSnapshot,
                              experiment: String?) throws(StoreError) -> Int64 {
    try writeRuns { db in
      let id = try insertRun(db, run, loadedFrom: snapshot, experiment: experiment)
      let result = try db.makeStatement(sql: """
        INSERT INTO scenarioResult (runId, scenario, split, alpha, beta, gamma, tau, epoch, samples, apsp, ca, ail, rcs,
                                    accuracy, pgr, meanScore, outputTokens, latencySeconds, tokenSaving, timeSaving)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for r in results {
        let values: [(any DatabaseValueConvertible)?] = [
          id, r.scenario, r.split.rawValue, r.alpha, r.beta, r.gamma, r.tau, r.epoch, r.samples, r.apsp, r.ca,
          r.ail, r.rcs, r.accuracy, r.pgr, r.meanScore, r.outputTokens, r.latencySeconds, r.tokenSaving,
          r.timeSaving,
        ]
        try result.execute(arguments: StatementArguments(values))
      }
      let curve = try db.makeStatement(sql: """
        INSERT INTO scenarioCurve (runId, scenario, split, tau, samples, apsp, ca, ail, rcs)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for c in curves {
        try curve.execute(arguments: [id, c.scenario, c.split.rawValue, c.tau, c.samples, c.apsp, c.ca, c.ail, c.rcs])
      }
      let decision = try RawStatement(db, """
        INSERT INTO scenarioDecision (runId, scenario, sampleId, probability, edge) VALUES (?, ?, ?, ?, ?)
        """)
      defer { decision.reset() }
      for d in decisions {
        guard snapshot.sampleRowIDs.indices.contains(d.row) else {
          throw StoreError(.invalidArgument, "decision for row \(d.row) of \(snapshot.sampleRowIDs.count)",
                           path: path, table: "scenarioDecision", key: run.variant)
        }
        decision.bind(1, id)
        decision.bind(2, d.scenario)
        decision.bind(3, snapshot.sampleRowIDs[d.row])
        decision.bind(4, d.probability)
        decision.bind(5, d.edge ? 1 : 0)
        try decision.run()
      }
      return id
    }
  }

  /// The finished run with this identity key and its scenario results and curves; nil when there is none or it
  /// has no scenario results (e.g. a run copied by `mergeRuns`, which copies only the VL-RouterBench tables).
  public func scenarioRun(identityKey: String) throws(StoreError) -> StoredScenarioRun? {
    let listing = try fetchRuns(RunFilter(status: .done)).first { $0.identityKey == identityKey }
    guard let listing else { return nil }
    return try read { db in
      let results = try Row.fetchAll(db, sql: """
        SELECT scenario, split, alpha, beta, gamma, tau, epoch, samples, apsp, ca, ail, rcs, accuracy, pgr, meanScore,
               outputTokens, latencySeconds, tokenSaving, timeSaving
        FROM scenarioResult WHERE runId = ? ORDER BY scenario, split
        """, arguments: [listing.id]).map { r in
        ScenarioResultRow(scenario: r[0], split: SplitName(rawValue: r[1]) ?? .test, alpha: r[2], beta: r[3],
                          gamma: r[4], tau: r[5], epoch: r[6], samples: r[7], apsp: r[8], ca: r[9], ail: r[10],
                          rcs: r[11], accuracy: r[12], pgr: r[13], meanScore: r[14], outputTokens: r[15],
                          latencySeconds: r[16], tokenSaving: r[17], timeSaving: r[18])
      }
      guard !results.isEmpty else { return nil }
      let curves = try Row.fetchAll(db, sql: """
        SELECT scenario, split, tau, samples, apsp, ca, ail, rcs FROM scenarioCurve WHERE runId = ?
        ORDER BY scenario, split, tau
        """, arguments: [listing.id]).map { r in
        ScenarioCurvePoint(scenario: r[0], split: SplitName(rawValue: r[1]) ?? .test, tau: r[2], samples: r[3],
                           apsp: r[4], ca: r[5], ail: r[6], rcs: r[7])
      }
      return StoredScenarioRun(run: listing, results: results, curves: curves)
    }
  }

  /// The stored test decisions of one scenario of a run, as rows of `snapshot` (samples no longer stored are
  /// left out), in row order.
  public func scenarioDecisions(runID: Int64, scenario: String, in snapshot: BenchmarkSnapshot)
    throws(StoreError) -> [ScenarioDecisionRow]
  {
    let rowOf = snapshot.rowOfSampleID
    return try read { db in
      try Row.fetchAll(db, sql: """
        SELECT sampleId, probability, edge FROM scenarioDecision WHERE runId = ? AND scenario = ?
        """, arguments: [runID, scenario]).compactMap { r -> ScenarioDecisionRow? in
        guard let i = rowOf[r[0]] else { return nil }
        return ScenarioDecisionRow(scenario: scenario, row: i, probability: r[1], edge: r[2])
      }.sorted { $0.row < $1.row }
    }
  }
}
