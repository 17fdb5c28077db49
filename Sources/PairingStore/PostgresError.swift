/// An error reported by PostgreSQL (or libpq): SQLSTATE, message, the violated constraint if any,
/// and the SQL. Mapped into `StoreError` before it leaves the store; the text never reaches clients.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Five-character SQLSTATE (`23505` unique violation); empty when libpq reported no state.
    var sqlState: String
    var message: String
    var constraint: String?
    var sql: String

    static let uniqueViolation = "23505"
    static let foreignKeyViolation = "23503"

    var description: String { "PostgreSQL error \(sqlState): \(message) (\(sql))" }

    /// Whether the error means the server or the connection is gone (class 08, shutdown, starting up).
    var isConnectionFailure: Bool {
        sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }

    /// SQLSTATE as a number for `StoreError.database(code:)`: its base-36 value (`23505` stays readable in the message).
    var numericCode: Int32 { Int32(sqlState, radix: 36) ?? -1 }

    var storeError: StoreError {
        if isConnectionFailure { return .unavailable("the database connection failed") }
        return .database(code: numericCode, message: "SQLSTATE \(sqlState): \(message)", sql: sql)
    }
}
