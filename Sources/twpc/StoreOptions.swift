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

    /// Throws a usage error when `--database` (or `TWPC_DATABASE_URL`) is not a PostgreSQL URL.
    func validate() throws(CLIError) {
        guard let databaseURL else { return }
        guard databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") else {
            let shown = databaseURL.count > 80 ? String(databaseURL.prefix(80)) + "..." : databaseURL
            throw CLIError(
                "--database (or TWPC_DATABASE_URL) must be a postgres:// or postgresql:// URL, not '\(shown)'")
        }
    }

    /// The SQLite file of `--data-dir`.
    var sqlitePath: String { dataDirectory + "/twpc.sqlite" }

    /// Opens the store and applies pending migrations. Only `creating` commands (`migrate`, `serve`,
    /// `companies create`) may create a SQLite data directory; the others need `<data-dir>/twpc.sqlite`
    /// to exist and otherwise throw ``MissingDatabase``. A bad `--database` is a ``CLIError``.
    func open(creating: Bool = false) throws -> any PairingStore {
        try validate()
        if databaseURL == nil, !creating, !FileManager.default.fileExists(atPath: sqlitePath) {
            throw MissingDatabase(path: sqlitePath)
        }
        let store = try StoreFactory.open(databaseURL: databaseURL, dataDirectory: dataDirectory)
        try store.migrate()
        return store
    }

    /// A readable description of a failure to open or use the store.
    static func describe(_ error: any Error) -> String {
        if let error = error as? MissingDatabase { return error.description }
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

/// A command that only uses an existing database found none (it does not create one).
struct MissingDatabase: Error, CustomStringConvertible {
    let path: String
    var description: String { "no database at \(path) (run `twpc migrate` or `twpc serve` first)" }
}
