internal import BenchCore
internal import GRDB
internal import Foundation

/// One benchmark in one SQLite file: datasets, models, price tables, samples, per-(sample, model) records with
/// provenance, splits, feature sets, metadata, and the runner's runs / decisions / results.
///
/// Files are opened as a `DatabasePool` in WAL mode (concurrent readers, one writer); `inMemory()` uses a
/// `DatabaseQueue`. Foreign keys are enforced. The schema is created and migrated on open (see `Schema`).
/// Another process (or another `BenchStore` on the same file) that holds the write lock is waited for, up to
/// 30 seconds, instead of failing at once with "database is locked".
///
/// ```swift
/// let store = try BenchStore(path: "matrices/vl.sqlite")
/// let bench = try store.loadBenchmark()          // N × K quality and cost, rows ordered by sample id
/// ```
public struct BenchStore: Sendable {
  /// The underlying GRDB writer (a `DatabasePool` for files, a `DatabaseQueue` in memory). Internal: other
  /// modules use the typed methods of `BenchStore` and `StoreTransaction`.
  let writer: any DatabaseWriter
  /// The database file, or `nil` in memory.
  public let path: String?

  /// The split `ensureDefaultSplit` stores and `loadBenchmark` reads unless told otherwise.
  public static let defaultSplitName = "default"

  /// Seconds a write waits for another connection's write transaction to finish (e.g. a sweep shard writing its
  /// runs while another shard does) before it fails with a `.database` error.
  static let busyTimeout: TimeInterval = 30

  /// Opens (creating if needed, with its parent directory) the database at `path` and migrates it.
  public init(path: String) throws(StoreError) {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw StoreError(.open, "cannot create the parent directory: \(error.localizedDescription)", path: path)
    }
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: Self.configuration)
    } catch {
      throw StoreError(.open, "cannot open the database: \(StoreError.wrap(error, path: nil).message)", path: path)
    }
    try self.init(writer: pool, path: path)
  }

  /// A fresh database in memory (tests, scratch work).
  public static func inMemory() throws(StoreError) -> BenchStore {
    let queue: DatabaseQueue
    do { queue = try DatabaseQueue(configuration: configuration) } catch {
      throw StoreError.wrap(error, path: nil)
    }
    return try BenchStore(writer: queue, path: nil)
  }

  private init(writer: any DatabaseWriter, path: String?) throws(StoreError) {
    self.writer = writer
    self.path = path
    do { try Schema.migrator.migrate(writer) } catch {
      throw StoreError(.schema, "migration failed: \(StoreError.wrap(error, path: nil).message)", path: path)
    }
  }

  private static var configuration: Configuration {
    var c = Configuration()
    c.foreignKeysEnabled = true
    // Wait for a concurrent writer (another process, or another store on the same file) instead of failing at
    // once with SQLITE_BUSY. GRDB begins write transactions IMMEDIATE, so the wait covers every write.
    c.busyMode = .timeout(busyTimeout)
    c.prepareDatabase { db in
      // WAL + NORMAL is durable at checkpoints and much faster for bulk imports; a larger page cache keeps the
      // record B-tree of a full benchmark (~100 MB) in memory while it is written or read.
      // 16 KiB pages, for a new file only (SQLite ignores the pragma once the file has pages): the feature
      // vectors are 1–2 KiB blobs, and a 4 KiB page holds one 2 KiB row, so the default left feature pages half
      // empty (the simulated benchmark's store: 263 MB with 4 KiB pages, 186 MB with 16 KiB), and every byte is
      // written twice, to the WAL and at the checkpoint.
      try db.execute(sql: "PRAGMA page_size = 16384")
      try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY")
    }
    return c
  }

  // MARK: Transactions

  /// Runs `body` in one write transaction: everything it does is committed together, or — if it throws —
  /// nothing is. Errors thrown by `body` are rethrown unchanged; SQLite errors surface as `StoreError`.
  public func transaction<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T {
    do {
      return try writer.write { db in
        let before = db.totalChangesCount
        var tx = StoreTransaction(db: db, path: path)
        let value = try body(&tx)
        if db.totalChangesCount != before { try Self.bumpDataGeneration(db) }
        return value
      }
    } catch let e as DatabaseError {
      throw StoreError.wrap(e, path: path)
    }
  }

  /// The asynchronous form of `transaction(_:)`: `body` runs on the database's writer queue (not on a
  /// cooperative thread), so it may block waiting for work produced by other tasks.
  public func transaction<T: Sendable>(_ body: @Sendable (inout StoreTransaction) throws -> T) async throws -> T {
    let path = path
    do {
      return try await writer.write { db in
        let before = db.totalChangesCount
        var tx = StoreTransaction(db: db, path: path)
        let value = try body(&tx)
        if db.totalChangesCount != before { try Self.bumpDataGeneration(db) }
        return value
      }
    } catch let e as DatabaseError {
      throw StoreError.wrap(e, path: path)
    }
  }

  /// Runs `body` with read access (a snapshot).
  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do { return try writer.read(body) } catch { throw StoreError.wrap(error, path: path) }
  }

  /// Runs `body` in a write transaction, wrapping every error as a `StoreError`.
  func write<T>(_ body: (inout StoreTransaction) throws -> T) throws(StoreError) -> T {
    do { return try transaction(body) } catch { throw StoreError.wrap(error, path: path) }
  }

  // MARK: Data generation

  /// Every transaction that changes benchmark data (samples, models, records, prices, splits, features) bumps
  /// this counter, in the same commit. A run remembers the generation it loaded and is refused at save time when
  /// the counter moved (`saveRun`); run-table writes do not bump it.
  static func bumpDataGeneration(_ db: Database) throws {
    try db.execute(sql: "UPDATE dataGeneration SET value = value + 1 WHERE id = 1")
  }

  static func dataGeneration(_ db: Database) throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT value FROM dataGeneration WHERE id = 1") ?? 0
  }

}
