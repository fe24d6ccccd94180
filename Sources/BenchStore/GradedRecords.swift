public import BenchCore
internal import Foundation
internal import GRDB

/// One graded (sample, model) cell: an LLM judge's 1–10 score and the response's latency (ECVL-Router's data;
/// docs/ecvl.md). Stored in `record` with `score` = (judge − 1)/9, so the VL-RouterBench view of the same
/// database (`loadBenchmark`) reads a score in [0, 1].
public struct GradedRecordRow: Sendable, Hashable {
  public var sampleId: Int64
  public var modelId: Int64
  /// The judge's score in [1, 10].
  public var judgeScore: Double
  /// End-to-end seconds, finite and ≥ 0.
  public var latencySeconds: Double
  public var outputTokens: Int32
  /// Whether the record counts as correct in the VL-RouterBench view (the importer: judge ≥ its threshold).
  public var correct: Bool
  public var costUSD: Double
  public var sourceFileId: Int64
  /// Row in the source file (header = row 1; JSONL: the line).
  public var sourceRow: Int32

  public init(sampleId: Int64, modelId: Int64, judgeScore: Double, latencySeconds: Double, outputTokens: Int32,
              correct: Bool, costUSD: Double = 0, sourceFileId: Int64, sourceRow: Int32) {
    self.sampleId = sampleId
    self.modelId = modelId
    self.judgeScore = judgeScore
    self.latencySeconds = latencySeconds
    self.outputTokens = outputTokens
    self.correct = correct
    self.costUSD = costUSD
    self.sourceFileId = sourceFileId
    self.sourceRow = sourceRow
  }

  /// The [0, 1] score stored beside the judge score: (judge − 1)/9.
  public var normalizedScore: Float { Float((judgeScore - 1) / 9) }
}

extension StoreTransaction {
  /// Inserts graded records, replacing a stored record of the same (sample, model).
  ///
  /// - Throws: `StoreError.invalidArgument` for a judge score outside [1, 10] or a latency that is negative or
  ///   not finite (the importer reports these with file, row and column first; this is the last guard).
  public func writeGradedRecords(_ records: [GradedRecordRow]) throws {
    let st = try RawStatement(db, """
      INSERT INTO record(sampleId, modelId, score, correct, outputTokens, tokensEstimated, costUSD, latencySeconds,
                         metrics, sourceFileId, sourceRow, judgeScore)
      VALUES (?, ?, ?, ?, ?, 0, ?, ?, NULL, ?, ?, ?)
      ON CONFLICT(sampleId, modelId) DO UPDATE SET score = excluded.score, correct = excluded.correct,
        outputTokens = excluded.outputTokens, tokensEstimated = 0, costUSD = excluded.costUSD,
        latencySeconds = excluded.latencySeconds, metrics = NULL, sourceFileId = excluded.sourceFileId,
        sourceRow = excluded.sourceRow, judgeScore = excluded.judgeScore
      """)
    defer { st.reset() }
    let ordered = records.sorted { $0.sampleId != $1.sampleId ? $0.sampleId < $1.sampleId : $0.modelId < $1.modelId }
    for r in ordered {
      guard r.judgeScore.isFinite, (1...10).contains(r.judgeScore) else {
        throw StoreError(.invalidArgument, "judge score \(r.judgeScore) is outside [1, 10]", path: path,
                         table: "record", key: "sample \(r.sampleId), model \(r.modelId)")
      }
      guard r.latencySeconds.isFinite, r.latencySeconds >= 0 else {
        throw StoreError(.invalidArgument, "latency \(r.latencySeconds) s is negative or not finite", path: path,
                         table: "record", key: "sample \(r.sampleId), model \(r.modelId)")
      }
      st.bind(1, r.sampleId)
      st.bind(2, r.modelId)
      st.bind(3, Double(r.normalizedScore))
      st.bind(4, r.correct ? 1 : 0)
      st.bind(5, Int(r.outputTokens))
      st.bind(6, r.costUSD)
      st.bind(7, r.latencySeconds)
      st.bind(8, r.sourceFileId)
      st.bind(9, Int(r.sourceRow))
      st.bind(10, r.judgeScore)
      try st.run()
    }
  }

  /// Deletes a stored split (its memberships go with it); nothing happens when there is none.
  public func deleteSplit(_ name: String) throws {
    try db.execute(sql: "DELETE FROM split WHERE name = ?", arguments: [name])
  }

  /// Sets a model's tier (edge or cloud). Returns whether it changed.
  @discardableResult
  public func setTier(_ tier: ModelTier, ofModel name: String) throws -> Bool {
    try db.execute(sql: "UPDATE model SET tier = ? WHERE name = ? AND tier IS NOT ?",
                   arguments: [tier.rawValue, name, tier.rawValue])
    return db.changesCount > 0
  }
}

/// Every stored sample with each model's judge score, latency and output tokens: what scenario routing reads
/// (rows in `loadBenchmark` order — samples by id —, columns models by name).
public struct GradedTable: Sendable {
  public var sampleKeys: [String]
  public var datasets: [DatasetInfo]
  /// Index into `datasets` per row.
  public var sampleDataset: [Int32]
  public var prompts: [String]
  /// Whether the sample names an image (`sample.imageRef` or `imageHash` set).
  public var hasImage: [Bool]
  public var inputTokens: [Int32]
  public var models: [ModelInfo]
  /// N × K judge scores in [1, 10]; NaN where the record has none (not graded) or there is no record.
  public var judge: Matrix<Double>
  /// N × K seconds; NaN where the record has no latency or there is no record.
  public var latency: Matrix<Double>
  /// N × K output tokens (0 where there is no record).
  public var outputTokens: Matrix<Int32>
  /// N × K: whether a record exists.
  public var hasRecord: Matrix<Bool>

  public var sampleCount: Int { sampleKeys.count }
}

extension BenchStore {
  /// The benchmark snapshot (for storing runs against exactly this data) and the graded table, read in one
  /// snapshot of the database.
  public func gradedSnapshot(split: String = BenchStore.defaultSplitName) throws(StoreError)
    -> (snapshot: BenchmarkSnapshot, graded: GradedTable)
  {
    let path = path
    return try read { db in
      let snapshot = try Self.loadSnapshot(db, path: path, name: nil, split: split)
      let (b, sampleIDs, modelIDs) = (snapshot.benchmark, snapshot.sampleRowIDs, snapshot.modelRowIDs)
      return (snapshot, try Self.loadGraded(db, benchmark: b, sampleIDs: sampleIDs, modelIDs: modelIDs))
    }
  }

  static func loadGraded(_ db: Database, benchmark b: Benchmark, sampleIDs: [Int64], modelIDs: [Int64]) throws
    -> GradedTable
  {
    let n = sampleIDs.count, k = modelIDs.count
    let rowOf = Dictionary(uniqueKeysWithValues: sampleIDs.enumerated().map { ($1, $0) })
    let columnOf = Dictionary(uniqueKeysWithValues: modelIDs.enumerated().map { ($1, $0) })
    var prompts = [String](repeating: "", count: n)
    var hasImage = [Bool](repeating: false, count: n)
    do {
      let st = try RawStatement(db, "SELECT id, prompt, imageRef IS NOT NULL OR imageHash IS NOT NULL FROM sample")
      defer { st.reset() }
      while try st.step() {
        guard let i = rowOf[st.int64(0)] else { continue }
        prompts[i] = st.text(1)
        hasImage[i] = st.int64(2) != 0
      }
    }
    var judge = Matrix<Double>(rows: n, columns: k, repeating: .nan)
    var latency = Matrix<Double>(rows: n, columns: k, repeating: .nan)
    var tokens = Matrix<Int32>(rows: n, columns: k, repeating: 0)
    var present = Matrix<Bool>(rows: n, columns: k, repeating: false)
    do {
      let st = try RawStatement(db, "SELECT sampleId, modelId, judgeScore, latencySeconds, outputTokens FROM record")
      defer { st.reset() }
      while try st.step() {
        guard let i = rowOf[st.int64(0)], let j = columnOf[st.int64(1)] else { continue }
        present[i, j] = true
        if !st.isNull(2) { judge[i, j] = st.double(2) }
        if !st.isNull(3) { latency[i, j] = st.double(3) }
        tokens[i, j] = Int32(clamping: st.int64(4))
      }
    }
    return GradedTable(sampleKeys: b.sampleIDs, datasets: b.datasets, sampleDataset: b.sampleDataset,
                       prompts: prompts, hasImage: hasImage, inputTokens: b.inputTokens, models: b.models,
                       judge: judge, latency: latency, outputTokens: tokens, hasRecord: present)
  }

  /// Sets model tiers in one transaction (unknown names are an error naming them).
  public func setTiers(_ tiers: [String: ModelTier]) throws(StoreError) {
    try write { tx in
      let known = Set(try tx.models().map(\.info.name))
      for (name, tier) in tiers.sorted(by: { $0.key < $1.key }) {
        guard known.contains(name) else {
          throw StoreError(.notFound, "no such model (stored: \(known.sorted().joined(separator: ", ")))",
                           path: path, table: "model", key: name)
        }
        try tx.setTier(tier, ofModel: name)
      }
    }
  }
}
