public import BenchCore

/// A file the importer has read, with its SHA-256 (re-importing an unchanged file is skipped).
public struct ImportedFile: Sendable, Hashable {
  /// Path relative to the import root (as given to `routerbench import`).
  public var path: String
  public var sha256: String
  /// `prediction`, `judged`, `dataset`, `pricing`, `features`, `simulation`, …
  public var kind: String
  public var rows: Int
  /// ISO 8601 time of the import that read it.
  public var importedAt: String

  public init(path: String, sha256: String, kind: String, rows: Int, importedAt: String) {
    self.path = path
    self.sha256 = sha256
    self.kind = kind
    self.rows = rows
    self.importedAt = importedAt
  }
}

/// A dated price table: USD per one million input / output tokens per model name.
public struct PriceTable: Sendable, Hashable {
  public var name: String
  public var version: String?
  public var date: String?
  /// Where the prices come from (a file path, "vl-routerbench catalog", …).
  public var source: String?
  public var prices: [String: TokenPrice]

  public init(name: String, version: String? = nil, date: String? = nil, source: String? = nil,
              prices: [String: TokenPrice]) {
    self.name = name
    self.version = version
    self.date = date
    self.source = source
    self.prices = prices
  }
}

/// What `activatePriceTable` did.
public enum PriceTableChange: Sendable, Hashable {
  /// The active table already held these prices (prices of newly stored models may have been added).
  case unchanged
  /// A new table was stored and activated; stored costs must be recomputed.
  case activated(id: Int64)
}

/// One sample to store. `key` is "<dataset>/<sourceIndex>" and unique in the database.
public struct SampleRow: Sendable, Hashable {
  public var key: String
  public var dataset: String
  public var sourceIndex: String
  public var prompt: String
  public var imageRef: String?
  public var imageHash: String?
  public var inputTokens: Int
  public var category: String?

  public init(dataset: String, sourceIndex: String, prompt: String, imageRef: String? = nil,
              imageHash: String? = nil, inputTokens: Int, category: String? = nil) {
    self.key = SampleRow.key(dataset: dataset, index: sourceIndex)
    self.dataset = dataset
    self.sourceIndex = sourceIndex
    self.prompt = prompt
    self.imageRef = imageRef
    self.imageHash = imageHash
    self.inputTokens = inputTokens
    self.category = category
  }

  /// The sample key "<dataset>/<index>".
  @inlinable public static func key(dataset: String, index: String) -> String { dataset + "/" + index }
}

/// A stored sample's id, dataset id and input tokens (what the importer needs to write records).
public struct SampleRef: Sendable, Hashable {
  public var id: Int64
  public var datasetId: Int64
  public var inputTokens: Int
}

/// One (sample, model) cell to store. `sourceFileId` is the `importedFile` row of the file that gave the score
/// (from `StoreTransaction.recordImportedFile`).
public struct RecordRow: Sendable, Hashable {
  public var sampleId: Int64
  public var modelId: Int64
  /// In [0, 1]; partial credit kept.
  public var score: Float
  public var correct: Bool
  public var outputTokens: Int32
  public var tokensEstimated: Bool
  public var costUSD: Double
  public var latencySeconds: Double?
  /// A JSON object of extra metrics, or `nil`.
  public var metricsJSON: String?
  public var sourceFileId: Int64
  /// Row number in the source file (header = row 1).
  public var sourceRow: Int32

  public init(sampleId: Int64, modelId: Int64, score: Float, correct: Bool, outputTokens: Int32,
              tokensEstimated: Bool, costUSD: Double, latencySeconds: Double? = nil, metricsJSON: String? = nil,
              sourceFileId: Int64, sourceRow: Int32) {
    self.sampleId = sampleId
    self.modelId = modelId
    self.score = score
    self.correct = correct
    self.outputTokens = outputTokens
    self.tokensEstimated = tokensEstimated
    self.costUSD = costUSD
    self.latencySeconds = latencySeconds
    self.metricsJSON = metricsJSON
    self.sourceFileId = sourceFileId
    self.sourceRow = sourceRow
  }
}

/// (model, dataset) cells with no record: `missing` of the dataset's `expected` samples, a few example keys.
public struct MissingCells: Sendable, Hashable, CustomStringConvertible {
  public var model: String
  public var dataset: String
  public var missing: Int
  public var expected: Int
  public var examples: [String]

  public var description: String {
    "model \(model) lacks \(missing) of \(expected) samples of \(dataset)"
      + (examples.isEmpty ? "" : " (e.g. \(examples.joined(separator: ", ")))")
  }
}

/// Per (model, dataset) totals of the stored records.
public struct SummaryRow: Sendable, Hashable {
  public var model: String
  public var dataset: String
  public var samples: Int
  /// Records with `correct = 1` (score ≥ the import's threshold).
  public var correct: Int
  public var scoreSum: Double
  public var costSum: Double
  public var inputTokens: Int
  public var outputTokens: Int

  public var accuracy: Double { samples == 0 ? 0 : Double(correct) / Double(samples) }
  public var meanScore: Double { samples == 0 ? 0 : scoreSum / Double(samples) }
  public var averageCost: Double { samples == 0 ? 0 : costSum / Double(samples) }
}

/// One stored (model, dataset) group of records and the files they were imported from.
public struct StoredGroup: Sendable, Hashable {
  public var model: String
  public var dataset: String
  public var records: Int
  /// `importedFile` paths of the records' source files (relative to the import root of the time), sorted.
  public var files: [String]
  public init(model: String, dataset: String, records: Int, files: [String]) {
    self.model = model
    self.dataset = dataset
    self.records = records
    self.files = files
  }
}
