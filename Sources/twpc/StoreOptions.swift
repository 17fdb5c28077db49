import Foundation
import PairingStore

/// The storage options every command shares: `--data-dir` (SQLite, default `./data`) and
/// `--database <url>` / `TWPC_DATABASE_URL` (PostgreSQL).
struct StoreOptions {
    static let names: Set<String> = ["data-dir", "database"]

    var dataDirectory: String
    var databaseURL: String?

    init(_ scanner: ArgumentScanner) {
        dataDirectory = scanner.value("data-dir") ?? "./data"
        let url = scanner.value("database") ?? ProcessInfo.processInfo.environment["TWPC_DATABASE_URL"]
        databaseURL = (url?.isEmpty ?? true) ? nil : url
    }

    /// Opens the store and applies pending migrations.
    func open() throws -> any PairingStore {
        let store = try StoreFactory.open(databaseURL: databaseURL, dataDirectory: dataDirectory)
        try store.migrate()
        return store
    }

    /// A readable description of a failure to open or use the store.
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError {
            switch error {
            case .unavailable(let detail): return "the database is unavailable: \(detail)"
            case .database(let code, let message, _): return "database error \(code): \(message)"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
