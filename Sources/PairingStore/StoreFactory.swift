import Foundation

/// Opens the store the CLI is configured with.
public enum StoreFactory {
    /// A `postgres://` or `postgresql://` URL opens PostgreSQL; nil opens SQLite at
    /// `<dataDirectory>/twpc.sqlite`, creating the directory. The caller runs `migrate()`.
    /// `poolSize` is the most database connections open at once (match the server's worker threads).
    public static func open(databaseURL: String?, dataDirectory: String, poolSize: Int = 8) throws -> any PairingStore {
        if let databaseURL {
            guard databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") else {
                throw StoreError.unavailable("unsupported database URL: expected postgres:// or postgresql://")
            }
            return try PostgresPairingStore(url: databaseURL, poolSize: poolSize)
        }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable("cannot create the data directory \(dataDirectory): \(error)")
        }
        return try SQLitePairingStore(path: dataDirectory + "/twpc.sqlite", readers: poolSize)
    }
}
