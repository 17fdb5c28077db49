import Foundation

@testable import PairingStore

/// Gives each PostgreSQL test a schema of its own in the shared test database, so tests running
/// in parallel never see each other's rows and every test migrates from scratch.
enum PostgresTestDatabase {
    /// Creates a new empty schema and returns `base` with `search_path` set to it.
    static func freshSchemaURL(base: String) throws -> String {
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let connection = try PostgresConnection(url: base)
        // The schema name is generated above (hex digits), not input; identifiers cannot be bound.
        try connection.execute("CREATE SCHEMA \(schema)")
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "options=-csearch_path%3D\(schema)"
    }
}
