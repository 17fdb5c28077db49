import CSQLite

/// A prepared SQLite statement (GRDB style): compiled once, cached by its connection,
/// re-bound for every use and finalized when released.
final class Statement: SQLRow {
    let sql: String
    private let handle: OpaquePointer
    private let database: OpaquePointer

    init(database: OpaquePointer, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw SQLiteError(database: database, code: code, sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLValue]) throws(SQLiteError) {
        reset()
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "expected \(expected) parameters, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                // With its length in bytes: a NUL inside the text is bound too, not taken as its end.
                code = sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), twpc_sqlite_transient())
            case .blob(let bytes):
                if bytes.isEmpty {
                    code = sqlite3_bind_zeroblob(handle, index, 0)
                } else {
                    code = bytes.withUnsafeBytes { buffer in
                        sqlite3_bind_blob(
                            handle, index, buffer.baseAddress, Int32(buffer.count), twpc_sqlite_transient())
                    }
                }
            }
            guard code == SQLITE_OK else { throw SQLiteError(database: database, code: code, sql: sql) }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(database: database, code: code, sql: sql)
            reset()
            throw error
        }
    }

    /// Ends the current execution (so no read transaction stays open) and clears bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: SQLRow

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL }

    func int64(_ column: Int) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, Int32(column))
    }

    func text(_ column: Int) -> String? {
        guard !isNull(column), let text = sqlite3_column_text(handle, Int32(column)) else { return nil }
        return String(cString: text)
    }

    func bool(_ column: Int) -> Bool? { int64(column).map { $0 != 0 } }

    func bytes(_ column: Int) -> [UInt8]? {
        if isNull(column) { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(column)))
        guard count > 0, let pointer = sqlite3_column_blob(handle, Int32(column)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
