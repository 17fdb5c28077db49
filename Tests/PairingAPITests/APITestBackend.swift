import Foundation

@testable import PairingStore

/// The store `TestServer` uses when a test gives none, chosen by `TWPC_API_TEST_BACKEND`:
/// `memory` (the default), `sqlite` (a fresh database in a temporary directory per server) or
/// `postgres` (a fresh schema per server in the database of `TWPC_TEST_DATABASE_URL`, which
/// `scripts/with-postgres.sh` sets).
enum APITestBackend: String, Sendable {
    case memory
    case sqlite
    case postgres

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The backend named by `TWPC_API_TEST_BACKEND`; an unknown name is an error, not a silent default.
    static func current() throws -> APITestBackend {
        let name = ProcessInfo.processInfo.environment["TWPC_API_TEST_BACKEND"] ?? ""
        if name.isEmpty { return .memory }
        guard let backend = APITestBackend(rawValue: name.lowercased()) else {
            throw Unavailable(description: "TWPC_API_TEST_BACKEND must be memory, sqlite or postgres, not '\(name)'")
        }
        return backend
    }

    /// A new, empty (not yet migrated) store, and the temporary directory to remove afterwards (SQLite).
    func makeStore() throws -> (store: any PairingStore, directory: String?) {
        switch self {
        case .memory:
            return (MemoryPairingStore(), nil)
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("twpc-api-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return (try SQLitePairingStore(path: directory + "/twpc.sqlite", readers: 2), directory)
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["TWPC_TEST_DATABASE_URL"], !base.isEmpty else {
                throw Unavailable(
                    description:
                        "TWPC_API_TEST_BACKEND=postgres needs TWPC_TEST_DATABASE_URL (scripts/with-postgres.sh)")
            }
            return (try PostgresPairingStore(url: try Self.freshSchemaURL(base: base), poolSize: 3), nil)
        }
    }

    /// Creates a new empty schema and returns `base` with `search_path` set to it, so servers running
    /// in parallel never see each other's rows.
    static func freshSchemaURL(base: String) throws -> String {
        let schema = "api_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let connection = try PostgresConnection(url: base)
        // The schema name is generated above (hex digits), not input; identifiers cannot be bound.
        try connection.execute("CREATE SCHEMA \(schema)")
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "options=-csearch_path%3D\(schema)"
    }
}
