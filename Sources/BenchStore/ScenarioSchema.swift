internal import GRDB

extension Schema {
  /// Graded records and scenario runs (ECVL-Router; docs/ecvl.md, docs/data-model.md).
  ///
  /// - `record.judgeScore`: an LLM judge's 1–10 score (ECVL-Router App. A.2), NULL for records imported from
  ///   VLMEvalKit logs. A graded record also stores `score` = (judge − 1)/9 and `latencySeconds` (required by
  ///   the graded importer, NULL elsewhere).
  /// - `scenarioResult`: per (run, scenario, split) the operating point the scenario chose on dev — τ (NULL for
  ///   a fixed policy), the kept epoch — and its metrics (APSP, CA, AIL, RCS with the scenario's weights, router
  ///   accuracy, PGR, token and time saving).
  /// - `scenarioCurve`: the same metrics at every τ of the run's grid, for the weights kept for the scenario.
  /// - `scenarioDecision`: per test sample, the probability the router gave and where the scenario sent it.
  static func addGradedRecordsAndScenarioRuns(_ db: Database) throws {
    try db.execute(sql: """
      ALTER TABLE record ADD COLUMN judgeScore REAL
        CHECK (judgeScore IS NULL OR (judgeScore >= 1 AND judgeScore <= 10));

      CREATE TABLE scenarioResult (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        split TEXT NOT NULL CHECK (split IN ('dev', 'test')),
        alpha REAL NOT NULL,
        beta REAL NOT NULL,
        gamma REAL NOT NULL,
        tau REAL CHECK (tau IS NULL OR (tau >= 0 AND tau <= 1)),
        epoch INTEGER,
        samples INTEGER NOT NULL CHECK (samples > 0),
        apsp REAL NOT NULL,
        ca REAL NOT NULL,
        ail REAL NOT NULL,
        rcs REAL NOT NULL,
        accuracy REAL NOT NULL,
        pgr REAL,
        meanScore REAL NOT NULL,
        outputTokens INTEGER NOT NULL,
        latencySeconds REAL NOT NULL,
        tokenSaving INTEGER,
        timeSaving REAL NOT NULL,
        PRIMARY KEY (runId, scenario, split)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE scenarioCurve (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        split TEXT NOT NULL CHECK (split IN ('dev', 'test')),
        tau REAL NOT NULL CHECK (tau >= 0 AND tau <= 1),
        samples INTEGER NOT NULL,
        apsp REAL NOT NULL,
        ca REAL NOT NULL,
        ail REAL NOT NULL,
        rcs REAL NOT NULL,
        PRIMARY KEY (runId, scenario, split, tau)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE scenarioDecision (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        probability REAL NOT NULL,
        edge INTEGER NOT NULL CHECK (edge IN (0, 1)),
        PRIMARY KEY (runId, scenario, sampleId)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX scenarioDecision_sampleId ON scenarioDecision(sampleId);
      """)
  }
}
