import CLibPQ

#if canImport(Glibc)
    import Glibc
#endif

/// One libpq session. Not thread-safe: used by one thread at a time, which `ConnectionPool`
/// guarantees (hence `@unchecked Sendable`).
final class PostgresConnection: PooledConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    private var commandsSinceCheckout = 0
    private(set) var failedOnFirstCommand = false

    /// Connects to `url` (`postgres://user@host:port/db?...`). Failure is `.unavailable`; the message
    /// never contains the URL (it may hold a password).
    init(url: String, connectTimeoutSeconds: Int = 5) throws(StoreError) {
        // Later keywords win: the URL's own connect_timeout, if any, overrides the default.
        let keywords = ["connect_timeout", "dbname"]
        let values = [String(connectTimeoutSeconds), url]
        let connection = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw .unavailable("cannot allocate a PostgreSQL connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.firstLine(PQerrorMessage(connection))
            PQfinish(connection)
            throw .unavailable("cannot connect to PostgreSQL: \(message)")
        }
        // Silence notices such as "relation already exists, skipping".
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit { PQfinish(handle) }

    var isUsable: Bool { PQstatus(handle) == CONNECTION_OK }

    func checkedOut() {
        commandsSinceCheckout = 0
        failedOnFirstCommand = false
    }

    /// Runs `query` with its bound parameters (`PQexecParams`). A unique violation of a constraint named
    /// in `uniqueViolations` becomes that error; a foreign-key violation (a missing company) `.notFound`.
    @discardableResult
    func query(_ query: PostgresQuery, uniqueViolations: [String: StoreError] = [:]) throws(StoreError)
        -> PostgresResult
    {
        commandsSinceCheckout += 1
        let binds = query.binds
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        values.reserveCapacity(binds.count)
        defer { for value in values { free(value) } }
        for bind in binds {
            switch bind {
            case .null:
                values.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                values.append(strdup(text))
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                let buffer = malloc(max(bytes.count, 1))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBytes { source in
                    if let base = source.baseAddress { memcpy(buffer, base, bytes.count) }
                }
                values.append(buffer)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        let result = values.withUnsafeBufferPointer { valuePointers in
            valuePointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                PQexecParams(
                    handle, query.sql, Int32(binds.count), nil, constValues.baseAddress, lengths, formats, 0)
            }
        }
        return try consume(result, sql: query.sql, uniqueViolations: uniqueViolations)
    }

    /// Runs SQL without parameters (`BEGIN`, `COMMIT`, migrations).
    @discardableResult
    func execute(_ sql: String) throws(StoreError) -> PostgresResult {
        commandsSinceCheckout += 1
        return try consume(PQexec(handle, sql), sql: sql, uniqueViolations: [:])
    }

    private func consume(_ result: OpaquePointer?, sql: String, uniqueViolations: [String: StoreError])
        throws(StoreError) -> PostgresResult
    {
        defer { PQclear(result) }
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK, let result else {
            let error = PostgresError(
                sqlState: Self.field(result, "C") ?? "",
                message: Self.field(result, "M") ?? Self.firstLine(PQerrorMessage(handle)),
                constraint: Self.field(result, "n"), sql: sql)
            if !isUsable || error.isConnectionFailure {
                failedOnFirstCommand = commandsSinceCheckout == 1
                throw .unavailable("lost the connection to PostgreSQL")
            }
            if error.sqlState == PostgresError.uniqueViolation, let constraint = error.constraint,
                let mapped = uniqueViolations[constraint]
            {
                throw mapped
            }
            if error.sqlState == PostgresError.foreignKeyViolation { throw .notFound }
            throw error.storeError
        }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            rows.append(PostgresRow(values: values))
        }
        let affected = PQcmdTuples(result).map { Int(String(cString: $0)) ?? 0 } ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN")
        let result: T
        do {
            result = try body(self)
        } catch {
            if isUsable { _ = try? execute("ROLLBACK") }
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            if isUsable { _ = try? execute("ROLLBACK") }
            throw error
        }
        return result
    }

    private static func field(_ result: OpaquePointer?, _ code: Unicode.Scalar) -> String? {
        guard let result, let text = PQresultErrorField(result, Int32(code.value)) else { return nil }
        return String(cString: text)
    }

    private static func firstLine(_ text: UnsafeMutablePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        let message = String(cString: text)
        return message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
    }

    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
    ) -> R {
        let duplicates = strings.map { UnsafePointer(strdup($0)) } + [nil]
        defer { for pointer in duplicates { free(UnsafeMutableRawPointer(mutating: pointer)) } }
        return duplicates.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
