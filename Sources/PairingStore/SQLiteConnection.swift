import CSQLite

/// How hard SQLite syncs a commit to disk (`PRAGMA synchronous`) in WAL mode.
public enum SQLiteDurability: String, Sendable {
    /// A commit survives a crash of the process (kill -9), and may be lost on power loss.
    case normal = "NORMAL"
    /// A commit is on disk when acknowledged: survives power loss too (one fsync per commit).
    case full = "FULL"
}

/// One SQLite connection with its statement cache. Not thread-safe: a connection is used by one
/// thread at a time, which `ConnectionPool` guarantees (hence `@unchecked Sendable`).
final class SQLiteConnection: PooledConnection, @unchecked Sendable {
    private let database: OpaquePointer
    private var statements: [String: Statement] = [:]
    /// The same statements keyed by where their SQL text lives (see `statement(_:)`).
    private var statementsByTextAddress: [TextAddress: Statement] = [:]

    private struct TextAddress: Hashable {
        let address: UInt
        let count: Int
    }

    /// Process-wide SQLite settings, applied once before the first connection opens: memory
    /// statistics off, so connections on different threads do not serialize on its global mutex.
    private static let configureLibrary: Void = { _ = twpc_sqlite_disable_memstatus() }()

    /// Opens (creating if needed) the database at `path` in WAL mode, with foreign keys on and a busy timeout.
    init(path: String, durability: SQLiteDurability, busyTimeoutMilliseconds: Int32 = 5_000) throws(StoreError) {
        _ = SQLiteConnection.configureLibrary
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(database: handle, code: code, sql: "open \(path)")
            sqlite3_close_v2(handle)
            throw .unavailable("cannot open the SQLite database: \(error.message)")
        }
        database = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = \(durability.rawValue)")
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        statementsByTextAddress.removeAll()
        statements.removeAll()
        sqlite3_close_v2(database)
    }

    /// The database file's full path as SQLite resolved it (symbolic links followed): its `-shm` and
    /// `-wal` files are this path plus the suffix.
    var resolvedPath: String? {
        guard let name = sqlite3_db_filename(database, "main"), name.pointee != 0 else { return nil }
        return String(cString: name)
    }

    var isUsable: Bool { true }
    var failedOnFirstCommand: Bool { false }
    func checkedOut() {}

    /// Runs SQL text without parameters (several statements allowed): pragmas and migrations only.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            var error = SQLiteError(database: database, code: code, sql: sql)
            if let message {
                error.message = String(cString: message)
                sqlite3_free(message)
            }
            throw error.storeError
        }
    }

    /// The cached prepared statement for `sql`.
    ///
    /// The SQL of the hot queries is a constant (a `static let`), so its text lives at one address. Looking
    /// it up by that address and length, then confirming with `==` (immediate for the same storage),
    /// avoids hashing a 400-character text on every query; other text falls back to the text-keyed cache.
    private func statement(_ sql: String) throws(StoreError) -> Statement {
        let address = sql.utf8.withContiguousStorageIfAvailable {
            TextAddress(address: UInt(bitPattern: $0.baseAddress), count: $0.count)
        }
        if let address, let cached = statementsByTextAddress[address], cached.sql == sql { return cached }
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            do { statement = try Statement(database: database, sql: sql) } catch { throw error.storeError }
            statements[sql] = statement
        }
        if let address {
            // Text built at run time lands at ever new addresses: keep the index small.
            if statementsByTextAddress.count >= 64 { statementsByTextAddress.removeAll(keepingCapacity: true) }
            statementsByTextAddress[address] = statement
        }
        return statement
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Int {
        let statement = try statement(sql)
        defer { statement.reset() }
        do {
            try statement.bind(values)
            while try statement.step() {}
        } catch {
            throw error.storeError
        }
        return Int(sqlite3_changes(database))
    }

    /// Runs a query and decodes every row with `decode`.
    func query<T>(
        _ sql: String, _ values: [SQLValue] = [], _ decode: (Statement) throws(StoreError) -> T
    ) throws(StoreError) -> [T] {
        let statement = try statement(sql)
        defer { statement.reset() }
        var rows: [T] = []
        do {
            try statement.bind(values)
            while try statement.step() { rows.append(try decode(statement)) }
        } catch let error as SQLiteError {
            throw error.storeError
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(code: 0, message: "\(error)", sql: sql)
        }
        return rows
    }

    /// The first row of a query, if any.
    func queryFirst<T>(
        _ sql: String, _ values: [SQLValue] = [], _ decode: (Statement) throws(StoreError) -> T
    ) throws(StoreError) -> T? {
        try query(sql, values, decode).first
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body(self)
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }
}
