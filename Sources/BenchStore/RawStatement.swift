internal import GRDB
internal import GRDBSQLite

/// A prepared statement driven through the SQLite C API, for the two hot paths (bulk record insert and the
/// benchmark load), where GRDB's per-row `StatementArguments` / `Row` values would dominate the run time.
///
/// It keeps GRDB's `Statement` alive (GRDB finalizes it) and always leaves it reset.
struct RawStatement {
  private let statement: Statement
  let handle: OpaquePointer
  private let connection: OpaquePointer?

  /// SQLite copies the bytes before `bind…` returns.
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  init(_ db: Database, _ sql: String) throws {
    statement = try db.makeStatement(sql: sql)
    handle = statement.sqliteStatement
    connection = db.sqliteConnection
  }

  func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }
  func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
  func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(handle, i, v) }
  func bindNull(_ i: Int32) { sqlite3_bind_null(handle, i) }
  func bind(_ i: Int32, _ v: String) {
    var s = v
    s.withUTF8 { u in
      _ = u.withMemoryRebound(to: CChar.self) { c in
        sqlite3_bind_text(handle, i, c.baseAddress, Int32(c.count), RawStatement.transient)
      }
    }
  }
  func bind(_ i: Int32, _ v: String?) { if let v { bind(i, v) } else { bindNull(i) } }
  func bind(_ i: Int32, _ v: Double?) { if let v { bind(i, v) } else { bindNull(i) } }
  func bindBlob(_ i: Int32, _ p: UnsafeRawBufferPointer) {
    sqlite3_bind_blob(handle, i, p.baseAddress, Int32(p.count), RawStatement.transient)
  }

  /// Steps once: `true` when a row is available, `false` when done.
  func step() throws -> Bool {
    let rc = sqlite3_step(handle)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite error \(rc)"
    sqlite3_reset(handle)
    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
  }

  /// Runs an INSERT/UPDATE once with the current bindings and resets the statement for the next row.
  func run() throws {
    _ = try step()
    sqlite3_reset(handle)
  }

  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  func int64(_ c: Int32) -> Int64 { sqlite3_column_int64(handle, c) }
  func double(_ c: Int32) -> Double { sqlite3_column_double(handle, c) }
  func isNull(_ c: Int32) -> Bool { sqlite3_column_type(handle, c) == SQLITE_NULL }
  func text(_ c: Int32) -> String {
    guard let p = sqlite3_column_text(handle, c) else { return "" }
    let n = Int(sqlite3_column_bytes(handle, c))
    return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
  }
  func blob(_ c: Int32) -> UnsafeRawBufferPointer {
    let n = Int(sqlite3_column_bytes(handle, c))
    guard let p = sqlite3_column_blob(handle, c), n > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: p, count: n)
  }
}
