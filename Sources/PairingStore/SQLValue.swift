/// A value bound to a `?` parameter of a SQLite statement.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])

    static func integer(_ value: Int64?) -> SQLValue { value.map { .integer($0) } ?? .null }
    static func integer(_ value: Int32?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func blob(_ value: [UInt8]?) -> SQLValue { value.map { .blob($0) } ?? .null }
    static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
