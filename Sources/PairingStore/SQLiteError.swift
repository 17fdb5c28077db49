import CSQLite

/// An error reported by SQLite: the (extended) result code, SQLite's message and the SQL
/// that failed. Mapped into `StoreError` before it leaves the store.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// Extended result code (`SQLITE_CONSTRAINT_UNIQUE` is 2067).
    var code: Int32
    var message: String
    var sql: String

    static let constraintUnique: Int32 = 2067
    static let constraintPrimaryKey: Int32 = 1555
    static let constraintForeignKey: Int32 = 787

    init(code: Int32, message: String, sql: String) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The last error of a connection (its extended code when it matches `code`).
    init(database: OpaquePointer?, code: Int32, sql: String) {
        var resolved = code
        var message = String(cString: sqlite3_errstr(code))
        if let database {
            let extended = sqlite3_extended_errcode(database)
            if extended & 0xff == code & 0xff {
                resolved = extended
                if let text = sqlite3_errmsg(database) { message = String(cString: text) }
            }
        }
        self.init(code: resolved, message: message, sql: sql)
    }

    var description: String { "SQLite error \(code): \(message) (\(sql))" }

    /// Whether this is a busy/locked error (another process holds the write lock past the busy timeout).
    var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }

    /// As the store reports it: busy becomes `.unavailable`, everything else `.database`.
    var storeError: StoreError {
        if isBusy { return .unavailable("the database is busy") }
        return .database(code: code, message: message, sql: sql)
    }
}
