internal import BenchCore
internal import GRDB

// GRDB record types for the small bookkeeping tables (metadata, imported files, price tables and prices).
//
// These tables hold a handful to a few thousand rows, so they use GRDB's query interface: one `Codable` struct per
// table with a `Columns` enum, and no SQL strings. The bulk tables (`record`, `sample`, `feature`, `splitMember`)
// keep hand-written SQL through `RawStatement`: see docs/data-model.md ("Writing") for why.
//
// The records are internal: the public API speaks BenchCore / BenchStore value types (`ImportedFile`,
// `PriceTable`, `TokenPrice`) and never GRDB types.

/// A row of `metadata`: one key and its value.
struct MetadataRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "metadata"

  var key: String
  var value: String

  enum Columns {
    static let key = Column(CodingKeys.key)
  }

  /// The value stored for `key`, or `nil`.
  static func value(of key: String, in db: Database) throws -> String? { try fetchOne(db, key: key)?.value }
}

/// A row of `importedFile`: a file an import read, identified by its path.
struct ImportedFileRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "importedFile"

  /// `nil` until inserted.
  var id: Int64?
  var path: String
  var sha256: String
  var kind: String
  var rows: Int
  var importedAt: String

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let path = Column(CodingKeys.path)
  }

  init(_ f: ImportedFile) {
    path = f.path
    sha256 = f.sha256
    kind = f.kind
    rows = f.rows
    importedAt = f.importedAt
  }

  var file: ImportedFile {
    ImportedFile(path: path, sha256: sha256, kind: kind, rows: rows, importedAt: importedAt)
  }

  /// Whether `f` says the same as this row, apart from the time it was read.
  func hasSameContent(as f: ImportedFile) -> Bool { sha256 == f.sha256 && kind == f.kind && rows == f.rows }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `priceTable`: a named, dated price list; at most one row is active.
struct PriceTableRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "priceTable"

  /// `nil` until inserted.
  var id: Int64?
  var name: String
  var version: String?
  var date: String?
  var source: String?
  var createdAt: String
  var isActive: Bool

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let isActive = Column(CodingKeys.isActive)
  }

  /// The active table, if any (`isActive = 1`).
  static var active: QueryInterfaceRequest<PriceTableRecord> { filter(Columns.isActive == true) }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `price`: one model's USD per million input and output tokens in one price table.
struct PriceRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "price"

  var priceTableId: Int64
  var modelId: Int64
  var inputPerMillion: Double
  var outputPerMillion: Double

  enum Columns {
    static let priceTableId = Column(CodingKeys.priceTableId)
    static let modelId = Column(CodingKeys.modelId)
  }

  init(priceTableId: Int64, modelId: Int64, _ p: TokenPrice) {
    self.priceTableId = priceTableId
    self.modelId = modelId
    inputPerMillion = p.inputPerMillion
    outputPerMillion = p.outputPerMillion
  }

  var price: TokenPrice { TokenPrice(inputPerMillion: inputPerMillion, outputPerMillion: outputPerMillion) }
}
