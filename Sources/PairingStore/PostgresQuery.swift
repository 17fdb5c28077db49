/// A PostgreSQL query written as a string literal whose interpolations become bound parameters
/// (postgres-nio style): `"SELECT name FROM companies WHERE id = \(id)"` sends
/// `SELECT name FROM companies WHERE id = $1` with `id` bound to `$1`. A value is never pasted
/// into the SQL text; only compile-time `StaticString` fragments can be, with `\(literal:)`.
struct PostgresQuery: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    private(set) var sql: String
    private(set) var binds: [PostgresBind]

    init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    var description: String { sql }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var sql = ""
        fileprivate var binds: [PostgresBind] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        mutating func appendLiteral(_ literal: String) { sql += literal }

        private mutating func bind(_ value: PostgresBind) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        mutating func appendInterpolation(_ value: String) { bind(.text(value)) }
        mutating func appendInterpolation(_ value: String?) { bind(value.map { .text($0) } ?? .null) }
        mutating func appendInterpolation(_ value: Int64) { bind(.text(String(value))) }
        mutating func appendInterpolation(_ value: Int64?) { bind(value.map { .text(String($0)) } ?? .null) }
        mutating func appendInterpolation(_ value: Int32?) { bind(value.map { .text(String($0)) } ?? .null) }
        mutating func appendInterpolation(_ value: Bool) { bind(.text(value ? "true" : "false")) }
        mutating func appendInterpolation(_ value: [UInt8]?) { bind(value.map { .bytes($0) } ?? .null) }
        mutating func appendInterpolation(_ value: SQLValue) {
            switch value {
            case .null: bind(.null)
            case .integer(let integer): bind(.text(String(integer)))
            case .text(let text): bind(.text(text))
            case .blob(let bytes): bind(.bytes(bytes))
            }
        }

        /// A fixed SQL fragment (a column list): compile-time text only, never input.
        mutating func appendInterpolation(literal fragment: StaticString) { sql += fragment.description }
    }
}
