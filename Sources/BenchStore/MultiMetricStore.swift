public import BenchCore
internal import Foundation
internal import GRDB

extension Schema {
  /// Multi-metric quality (RouteT2I, docs/multimetric.md): the `metric` catalog (name, position, orientation,
  /// weight, description) and the fixed-rate runs' results. A record's metric values live in the existing
  /// `record.metrics` JSON column (`{"clarity": 0.61, …}`; NULL for records without metrics).
  static func addMultiMetricQuality(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE metric (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        higherIsBetter INTEGER NOT NULL CHECK (higherIsBetter IN (0, 1)),
        weight REAL NOT NULL CHECK (weight >= 0),
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE multimetricPoint (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        rate REAL NOT NULL CHECK (rate >= 0 AND rate <= 1),
        samples INTEGER NOT NULL CHECK (samples > 0),
        cloudShare REAL NOT NULL CHECK (cloudShare >= 0 AND cloudShare <= 1),
        deltaP REAL,
        undefinedMetrics TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (runId, rate)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE multimetricValue (
        runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
        rate REAL NOT NULL,
        metric TEXT NOT NULL,
        router REAL NOT NULL,
        edge REAL NOT NULL,
        cloud REAL NOT NULL,
        deltaP REAL,
        PRIMARY KEY (runId, rate, metric)
      ) STRICT, WITHOUT ROWID;
      """)
  }
}

/// One stored metric of the catalog.
public struct StoredMetric: Sendable, Hashable, Codable {
  public var name: String
  public var higherIsBetter: Bool
  public var weight: Double
  public var description: String

  public init(name: String, higherIsBetter: Bool, weight: Double, description: String) {
    self.name = name
    self.higherIsBetter = higherIsBetter
    self.weight = weight
    self.description = description
  }
}

/// One multi-metric (sample, model) record: the metric values (in the catalog's order) and what the VL-RouterBench
/// view reads beside them.
public struct MetricRecordRow: Sendable, Hashable {
  public var sampleId: Int64
  public var modelId: Int64
  /// One finite value per catalog metric.
  public var values: [Double]
  /// In [0, 1]: the VL-RouterBench view's score (the importer: the weighted mean of min–max-scaled metrics).
  public var score: Double
  public var correct: Bool
  public var latencySeconds: Double?
  public var outputTokens: Int32
  public var sourceFileId: Int64
  public var sourceRow: Int32

  public init(sampleId: Int64, modelId: Int64, values: [Double], score: Double, correct: Bool,
              latencySeconds: Double?, outputTokens: Int32, sourceFileId: Int64, sourceRow: Int32) {
    self.sampleId = sampleId
    self.modelId = modelId
    self.values = values
    self.score = score
    self.correct = correct
    self.latencySeconds = latencySeconds
    self.outputTokens = outputTokens
    self.sourceFileId = sourceFileId
    self.sourceRow = sourceRow
  }
}

extension StoreTransaction {
  /// The stored metric catalog, in position order.
  public func metricCatalog() throws -> [StoredMetric] {
    try Row.fetchAll(db, sql: "SELECT name, higherIsBetter, weight, description FROM metric ORDER BY position")
      .map { StoredMetric(name: $0[0], higherIsBetter: $0[1], weight: $0[2], description: $0[3]) }
  }

  /// Replaces the metric catalog.
  public func setMetricCatalog(_ metrics: [StoredMetric]) throws {
    try db.execute(sql: "DELETE FROM metric")
    for (p, m) in metrics.enumerated() {
      try db.execute(sql: "INSERT INTO metric (name, position, higherIsBetter, weight, description) VALUES (?, ?, ?, ?, ?)",
                     arguments: [m.name, p, m.higherIsBetter, m.weight, m.description])
    }
  }

  /// Inserts multi-metric records (values as the `record.metrics` JSON object, keys the catalog's names),
  /// replacing a stored record of the same (sample, model).
  ///
  /// - Throws: `StoreError.invalidArgument` naming the record when it has another count of values than the
  ///   catalog, a value that is not finite, or a score outside [0, 1].
  public func writeMetricRecords(_ records: [MetricRecordRow], catalog: [StoredMetric]) throws {
    let st = try RawStatement(db, """
      INSERT INTO record(sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, latencySeconds,
                         metrics, sourceFileId, sourceRow, judgeScore)
      VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, NULL)
      ON CONFLICT(sampleId, modelId) DO UPDATE SET score = excluded.score, correct = excluded.correct,
        outputTokens = excluded.outputTokens, tokensEstimated = 0, costUSD = 0,
        latencySeconds = excluded.latencySeconds, metrics = excluded.metrics, sourceFileId = excluded.sourceFileId,
        sourceRow = excluded.sourceRow, judgeScore = NULL
      """)
    defer { st.reset() }
    let keys = catalog.map { "\"" + jsonEscaped($0.name) + "\":" }
    for r in records.sorted(by: { $0.sampleId != $1.sampleId ? $0.sampleId < $1.sampleId : $0.modelId < $1.modelId }) {
      let where_ = "sample \(r.sampleId), model \(r.modelId)"
      guard r.values.count == catalog.count else {
        throw StoreError(.invalidArgument, "\(r.values.count) metric values for \(catalog.count) metrics", path: path,
                         table: "record", key: where_)
      }
      if let j = r.values.firstIndex(where: { !$0.isFinite }) {
        throw StoreError(.invalidArgument, "metric \(catalog[j].name) is \(r.values[j]), not finite", path: path,
                         table: "record", key: where_)
      }
      guard r.score.isFinite, (0...1).contains(r.score) else {
        throw StoreError(.invalidArgument, "score \(r.score) is outside [0, 1]", path: path, table: "record",
                         key: where_)
      }
      var json = "{"
      for j in 0..<catalog.count {
        if j > 0 { json += "," }
        json += keys[j] + "\(r.values[j])"
      }
      json += "}"
      st.bind(1, r.sampleId)
      st.bind(2, r.modelId)
      st.bind(3, r.score)
      st.bind(4, r.correct ? 1 : 0)
      st.bind(5, Int(r.outputTokens))
      if let l = r.latencySeconds { st.bind(6, l) } else { st.bindNull(6) }
      st.bind(7, json)
      st.bind(8, r.sourceFileId)
      st.bind(9, Int(r.sourceRow))
      try st.run()
    }
  }
}

func jsonEscaped(_ s: String) -> String {
  var out = ""
  for ch in s.unicodeScalars {
    switch ch {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    default:
      if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
    }
  }
  return out
}

/// Every stored sample with each model's metric values: what the multi-metric protocol reads (rows in
/// `loadBenchmark` order, columns models by name, metrics in catalog order).
public struct MetricTable: Sendable {
  public var sampleKeys: [String]
  public var datasets: [DatasetInfo]
  public var sampleDataset: [Int32]
  public var prompts: [String]
  public var hasImage: [Bool]
  public var inputTokens: [Int32]
  public var models: [ModelInfo]
  public var metrics: [StoredMetric]
  /// values[k] is N × M for model k; NaN where the record has no metric values or there is no record.
  public var values: [Matrix<Double>]
  public var sampleCount: Int { sampleKeys.count }
}

extension BenchStore {
  /// The benchmark snapshot and the metric table, read in one snapshot of the database.
  ///
  /// - Throws: `StoreError.incomplete` (`.database` for JSON that is not an object) naming the record whose `metrics` JSON lacks a catalog metric's number.
  public func metricSnapshot(split: String = BenchStore.defaultSplitName) throws(StoreError)
    -> (snapshot: BenchmarkSnapshot, table: MetricTable)
  {
    let path = path
    return try read { db in
      let snapshot = try Self.loadSnapshot(db, path: path, name: nil, split: split)
      let (b, sampleIDs, modelIDs) = (snapshot.benchmark, snapshot.sampleRowIDs, snapshot.modelRowIDs)
      let graded = try Self.loadGraded(db, benchmark: b, sampleIDs: sampleIDs, modelIDs: modelIDs)
      let catalog = try Row.fetchAll(db, sql: """
        SELECT name, higherIsBetter, weight, description FROM metric ORDER BY position
        """).map { StoredMetric(name: $0[0], higherIsBetter: $0[1], weight: $0[2], description: $0[3]) }
      let n = sampleIDs.count, m = catalog.count
      let rowOf = Dictionary(uniqueKeysWithValues: sampleIDs.enumerated().map { ($1, $0) })
      let columnOf = Dictionary(uniqueKeysWithValues: modelIDs.enumerated().map { ($1, $0) })
      var values = [Matrix<Double>](repeating: Matrix(rows: n, columns: m, repeating: .nan), count: modelIDs.count)
      if m > 0 {
        let st = try RawStatement(db, "SELECT sampleId, modelId, metrics FROM record WHERE metrics IS NOT NULL")
        defer { st.reset() }
        while try st.step() {
          guard let i = rowOf[st.int64(0)], let k = columnOf[st.int64(1)] else { continue }
          let text = st.text(2)
          guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw StoreError(.database, "record.metrics is not a JSON object", path: path, table: "record",
                             key: "\(b.sampleIDs[i]), \(b.models[k].name)")
          }
          for (j, metric) in catalog.enumerated() {
            guard let v = (object[metric.name] as? NSNumber)?.doubleValue else {
              throw StoreError(.incomplete, "record.metrics has no number for metric \(metric.name)", path: path,
                               table: "record", key: "\(b.sampleIDs[i]), \(b.models[k].name)")
            }
            values[k][i, j] = v
          }
        }
      }
      return (snapshot, MetricTable(sampleKeys: b.sampleIDs, datasets: b.datasets, sampleDataset: b.sampleDataset,
                                    prompts: graded.prompts, hasImage: graded.hasImage, inputTokens: b.inputTokens,
                                    models: b.models, metrics: catalog, values: values))
    }
  }
}

// MARK: - Fixed-rate runs

/// One routing rate of a stored multi-metric run: ΔP (nil when no metric is defined) and the metrics left out.
public struct MultiMetricPointRow: Sendable, Hashable, Codable {
  public var rate: Double
  public var samples: Int
  public var cloudShare: Double
  public var deltaP: Double?
  public var undefinedMetrics: [String]

  public init(rate: Double, samples: Int, cloudShare: Double, deltaP: Double?, undefinedMetrics: [String]) {
    self.rate = rate
    self.samples = samples
    self.cloudShare = cloudShare
    self.deltaP = deltaP
    self.undefinedMetrics = undefinedMetrics
  }
}

/// One metric at one rate of a stored run: the routed, all-edge and all-cloud means and ΔP (nil: undefined).
public struct MultiMetricValueRow: Sendable, Hashable, Codable {
  public var rate: Double
  public var metric: String
  public var router: Double
  public var edge: Double
  public var cloud: Double
  public var deltaP: Double?

  public init(rate: Double, metric: String, router: Double, edge: Double, cloud: Double, deltaP: Double?) {
    self.rate = rate
    self.metric = metric
    self.router = router
    self.edge = edge
    self.cloud = cloud
    self.deltaP = deltaP
  }
}

/// A stored multi-metric run: its listing, points and per-metric values (by rate, then catalog order as stored).
public struct StoredMultiMetricRun: Sendable {
  public var run: RunListing
  public var points: [MultiMetricPointRow]
  public var values: [MultiMetricValueRow]
}

extension BenchStore {
  /// Stores a multi-metric run — the `run` row (family `multimetric`) and its points and values — in one
  /// transaction, refused as stale when the data changed since `snapshot`.
  @discardableResult
  public func saveMultiMetricRun(_ run: RunToSave, points: [MultiMetricPointRow], values: [MultiMetricValueRow],
                                 loadedFrom snapshot: BenchmarkSnapshot, experiment: String?) throws(StoreError)
    -> Int64
  {
    try writeRuns { db in
      let id = try insertRun(db, run, loadedFrom: snapshot, experiment: experiment)
      let p = try db.makeStatement(sql: """
        INSERT INTO multimetricPoint (runId, rate, samples, cloudShare, deltaP, undefinedMetrics) VALUES (?, ?, ?, ?, ?, ?)
        """)
      for r in points {
        try p.execute(arguments: [id, r.rate, r.samples, r.cloudShare, r.deltaP, r.undefinedMetrics.joined(separator: ",")])
      }
      let v = try db.makeStatement(sql: """
        INSERT INTO multimetricValue (runId, rate, metric, router, edge, cloud, deltaP) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
      for r in values { try v.execute(arguments: [id, r.rate, r.metric, r.router, r.edge, r.cloud, r.deltaP]) }
      return id
    }
  }

  /// The finished run with this identity key and its points and values; nil when there is none or it has no
  /// multi-metric points.
  public func multiMetricRun(identityKey: String) throws(StoreError) -> StoredMultiMetricRun? {
    guard let listing = try fetchRuns(RunFilter(status: .done)).first(where: { $0.identityKey == identityKey }) else {
      return nil
    }
    return try read { db in
      let points = try Row.fetchAll(db, sql: """
        SELECT rate, samples, cloudShare, deltaP, undefinedMetrics FROM multimetricPoint WHERE runId = ? ORDER BY rate
        """, arguments: [listing.id]).map { r in
        MultiMetricPointRow(rate: r[0], samples: r[1], cloudShare: r[2], deltaP: r[3],
                            undefinedMetrics: (r[4] as String).split(separator: ",").map(String.init))
      }
      guard !points.isEmpty else { return nil }
      let order = try Row.fetchAll(db, sql: "SELECT name FROM metric ORDER BY position").map { $0[0] as String }
      let values = try Row.fetchAll(db, sql: """
        SELECT rate, metric, router, edge, cloud, deltaP FROM multimetricValue WHERE runId = ?
        """, arguments: [listing.id]).map { r in
        MultiMetricValueRow(rate: r[0], metric: r[1], router: r[2], edge: r[3], cloud: r[4], deltaP: r[5])
      }.sorted { a, b in
        a.rate != b.rate ? a.rate < b.rate
          : (order.firstIndex(of: a.metric) ?? .max, a.metric) < (order.firstIndex(of: b.metric) ?? .max, b.metric)
      }
      return StoredMultiMetricRun(run: listing, points: points, values: values)
    }
  }
}
