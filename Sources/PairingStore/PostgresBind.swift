/// A value bound to a `$n` parameter of a PostgreSQL query: sent as text (the server parses it
/// as the parameter's inferred type), or as binary for `bytea`.
enum PostgresBind: Sendable, Hashable {
    case null
    case text(String)
    case bytes([UInt8])
}
