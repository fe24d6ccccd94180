internal import GRDB

/// The database schema as append-only named migrations. Never edit a registered migration: add a new one.
///
/// Table names are singular camelCase (GRDB's recommended practice); every table is `STRICT`, foreign keys are
/// enforced and cascade on delete. docs/data-model.md documents each column.
enum Schema {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1-benchmark", migrate: createBenchmarkTables)
    m.registerMigration("v1-runs", migrate: createRunTables)
    m.registerMigration("v2-normalised-provenance", migrate: normaliseProvenance)
    m.registerMigration("v3-run-identity-and-experiments", migrate: addRunIdentityAndExperiments)
    m.registerMigration("v4-embedding-chunks", migrate: addEmbeddingChunks)
    m.registerMigration("v5-graded-records-and-scenario-runs", migrate: addGradedRecordsAndScenarioRuns)
    m.registerMigration("v6-multimetric-quality-and-runs", migrate: addMultiMetricQuality)
    return m
  }

  /// Datasets, models, prices, samples, records, provenance, splits, features, metadata.
  static func createBenchmarkTables(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE dataset (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        displayName TEXT NOT NULL,
        groupName TEXT NOT NULL,
        answerType TEXT NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE model (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        displayName TEXT NOT NULL,
        paramsB REAL,
        tier TEXT NOT NULL DEFAULT 'cloud' CHECK (tier IN ('edge', 'cloud'))
      ) STRICT;

      CREATE TABLE priceTable (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT,
        date TEXT,
        source TEXT,
        createdAt TEXT NOT NULL,
        isActive INTEGER NOT NULL DEFAULT 0 CHECK (isActive IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX priceTable_onlyOneActive ON priceTable(isActive) WHERE isActive = 1;

      CREATE TABLE price (
        priceTableId INTEGER NOT NULL REFERENCES priceTable(id) ON DELETE CASCADE,
        modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
        inputPerMillion REAL NOT NULL CHECK (inputPerMillion >= 0),
        outputPerMillion REAL NOT NULL CHECK (outputPerMillion >= 0),
        PRIMARY KEY (priceTableId, modelId)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX price_modelId ON price(modelId);

      CREATE TABLE sample (
        id INTEGER PRIMARY KEY,
        datasetId INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        sourceIndex TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        prompt TEXT NOT NULL,
        imageRef TEXT,
        imageHash TEXT,
        inputTokens INTEGER NOT NULL CHECK (inputTokens >= 0),
        category TEXT
      ) STRICT;
      CREATE INDEX sample_datasetId ON sample(datasetId);

      CREATE TABLE record (
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        outputTokens INTEGER NOT NULL CHECK (outputTokens >= 0),
        tokensEstimated INTEGER NOT NULL CHECK (tokensEstimated IN (0, 1)),
        costUSD REAL NOT NULL CHECK (costUSD >= 0),
        latencySeconds REAL,
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
        sourceFile TEXT NOT NULL,
        sourceRow INTEGER NOT NULL,
        sourceSHA256 TEXT NOT NULL,
        PRIMARY KEY (sampleId, modelId)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE importedFile (
        path TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        rows INTEGER NOT NULL,
        importedAt TEXT NOT NULL
      ) STRICT;

      CREATE TABLE split (
        name TEXT PRIMARY KEY,
        seed INTEGER,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE splitMember (
        splitName TEXT NOT NULL REFERENCES split(name) ON DELETE CASCADE ON UPDATE CASCADE,
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        part TEXT NOT NULL CHECK (part IN ('train', 'dev', 'test')),
        PRIMARY KEY (splitName, sampleId)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX splitMember_sampleId ON splitMember(sampleId);

      CREATE TABLE featureSet (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        dimension INTEGER NOT NULL CHECK (dimension > 0),
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL
      ) STRICT;

      CREATE TABLE feature (
        featureSetId INTEGER NOT NULL REFERENCES featureSet(id) ON DELETE CASCADE,
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        vector BLOB NOT NULL,
        PRIMARY KEY (featureSetId, sampleId)
      ) STRICT;
      CREATE INDEX feature_sampleId ON feature(sampleId);

      CREATE TABLE metadata (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      """)
  }

  /// Router runs, their per-sample decisions and their per-(split, dataset) results. The runner owns the API
  /// on top of these tables; `lambda` NULL means λ = ∞, `result.dataset` = 'ALL' holds the total.
  static func createRunTables(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE run (
        id INTEGER PRIMARY KEY,
        router TEXT NOT NULL,
        family TEXT NOT NULL,
        lambda REAL,
        lambdaLabel TEXT NOT NULL,
        seed INTEGER NOT NULL,
        featureSet TEXT,
        configJSON TEXT NOT NULL,
        configKey TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        costScale REAL,
        cmin REAL,
        cmax REAL,
        trainSeconds REAL,
        routeSeconds REAL,
        routedInputTokens INTEGER,
        startedAt TEXT,
        finishedAt TEXT,
        error TEXT
      ) STRICT;

      CREATE TABLE decision (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        split TEXT NOT NULL,
        modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
        PRIMARY KEY (runId, sampleId)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX decision_sampleId ON decision(sampleId);

      CREATE TABLE result (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        split TEXT NOT NULL,
        dataset TEXT NOT NULL,
        samples INTEGER NOT NULL,
        correct REAL NOT NULL,
        scoreSum REAL NOT NULL,
        costSum REAL NOT NULL,
        accuracy REAL NOT NULL,
        averageCost REAL NOT NULL,
        rankScore REAL,
        PRIMARY KEY (runId, split, dataset)
      ) STRICT, WITHOUT ROWID;
      """)
  }

  /// Records name their source file by `importedFile.id` instead of repeating its path and SHA-256 in every row
  /// (~170 bytes × 519,180 records: a 5× larger table and ~0.5 s more per import). The `recordSource` view gives
  /// the former columns back. Existing records keep their provenance.
  static func normaliseProvenance(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE importedFileNew (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        rows INTEGER NOT NULL,
        importedAt TEXT NOT NULL
      ) STRICT;
      INSERT INTO importedFileNew(path, sha256, kind, rows, importedAt)
        SELECT path, sha256, kind, rows, importedAt FROM importedFile ORDER BY importedAt, path;
      INSERT OR IGNORE INTO importedFileNew(path, sha256, kind, rows, importedAt)
        SELECT DISTINCT sourceFile, sourceSHA256, 'unknown', 0, '' FROM record;
      DROP TABLE importedFile;
      ALTER TABLE importedFileNew RENAME TO importedFile;

      CREATE TABLE recordNew (
        sampleId INTEGER NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
        modelId INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        outputTokens INTEGER NOT NULL CHECK (outputTokens >= 0),
        tokensEstimated INTEGER NOT NULL CHECK (tokensEstimated IN (0, 1)),
        costUSD REAL NOT NULL CHECK (costUSD >= 0),
        latencySeconds REAL,
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
        sourceFileId INTEGER NOT NULL, -- importedFile.id (kept consistent by the importer; no FK check per row)
        sourceRow INTEGER NOT NULL,
        PRIMARY KEY (sampleId, modelId)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO recordNew
        SELECT r.sampleId, r.modelId, r.score, r.correct, r.outputTokens, r.tokensEstimated, r.costUSD,
               r.latencySeconds, r.metrics, f.id, r.sourceRow
        FROM record r JOIN importedFile f ON f.path = r.sourceFile;
      DROP TABLE record;
      ALTER TABLE recordNew RENAME TO record;

      CREATE VIEW recordSource AS
        SELECT r.sampleId, r.modelId, f.path AS sourceFile, r.sourceRow, f.sha256 AS sourceSHA256
        FROM record r JOIN importedFile f ON f.id = r.sourceFileId;
      """)
  }

  /// A run's identity holds everything that can change its outcome (docs/architecture.md, "Run identity"):
  /// `identityKey` is the SHA-256 of the canonical identity JSON (`identity`), `router` the router kind,
  /// `variant` the name the experiment gave it, `featureKey` its features, `benchmarkFingerprint` the content
  /// hash of the data it ran on. `lambda` holds λ as a number (NULL: the router does not depend on λ; ∞ is
  /// stored as SQLite's infinity). Runs join experiments through `experimentRun`, so one result serves every
  /// experiment that asks for the same identity. `dataGeneration` counts the transactions that changed benchmark
  /// data (see `BenchStore.bumpDataGeneration`). Runs stored before this migration have no identity: they stay
  /// listed by `routerbench runs` but belong to no experiment, so no report uses them.
  static func addRunIdentityAndExperiments(_ db: Database) throws {
    try db.execute(sql: """
      ALTER TABLE run ADD COLUMN variant TEXT;
      ALTER TABLE run ADD COLUMN featureKey TEXT;
      ALTER TABLE run ADD COLUMN identity TEXT CHECK (identity IS NULL OR json_valid(identity));
      ALTER TABLE run ADD COLUMN benchmarkFingerprint TEXT;
      ALTER TABLE run ADD COLUMN isUpperBound INTEGER NOT NULL DEFAULT 0 CHECK (isUpperBound IN (0, 1));
      ALTER TABLE run ADD COLUMN fitReport TEXT CHECK (fitReport IS NULL OR json_valid(fitReport));
      UPDATE run SET variant = router WHERE variant IS NULL;
      UPDATE run SET lambda = 9e999 WHERE lambdaLabel = 'inf';
      CREATE INDEX run_router ON run(router);

      CREATE TABLE experiment (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('reproduce', 'config', 'cli')),
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        createdAt TEXT NOT NULL,
        updatedAt TEXT NOT NULL
      ) STRICT;

      CREATE TABLE experimentRun (
        experiment TEXT NOT NULL REFERENCES experiment(name) ON DELETE CASCADE ON UPDATE CASCADE,
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        PRIMARY KEY (experiment, runId)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX experimentRun_runId ON experimentRun(runId);

      CREATE TABLE dataGeneration (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO dataGeneration (id, value) VALUES (1, 0);
      """)
  }

  /// The finished chunks of an embedding job (`routerbench features embed`), committed one by one so a killed run
  /// resumes: keyed by feature-set name, encoder identity (SHA-256 of weights and settings) and chunk index, with
  /// the prompt fingerprint (SHA-256 of the samples' keys and prompts) the chunk was computed for. `sampleKeys` is
  /// a JSON array of sample keys (not ids: re-importing the same samples keeps them valid), `vectors` the
  /// float32 little-endian rows in that order. The job stores the feature set and deletes its chunks in one
  /// transaction; nothing else reads this table.
  static func addEmbeddingChunks(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE embeddingChunk (
        featureSet TEXT NOT NULL CHECK (length(featureSet) > 0),
        encoderIdentity TEXT NOT NULL CHECK (length(encoderIdentity) = 64),
        promptFingerprint TEXT NOT NULL CHECK (length(promptFingerprint) = 64),
        chunk INTEGER NOT NULL CHECK (chunk >= 0),
        dimension INTEGER NOT NULL CHECK (dimension > 0),
        sampleKeys TEXT NOT NULL CHECK (json_valid(sampleKeys) AND json_type(sampleKeys) = 'array'
                                        AND json_array_length(sampleKeys) > 0),
        vectors BLOB NOT NULL CHECK (length(vectors) = json_array_length(sampleKeys) * dimension * 4),
        createdAt TEXT NOT NULL,
        PRIMARY KEY (featureSet, encoderIdentity, chunk)
      ) STRICT, WITHOUT ROWID;
      """)
  }
}
