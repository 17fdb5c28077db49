import Foundation
import PairingCore
import Testing

@testable import PairingStore

/// The backends every storage test runs against. PostgreSQL runs only when
/// `TWPC_TEST_DATABASE_URL` is set (`scripts/with-postgres.sh` sets it).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TWPC_TEST_DATABASE_URL"], !url.isEmpty else {
            return nil
        }
        return url
    }

    /// A fresh, empty store (migrated unless told otherwise), with a way to open a second store on the same database
    /// (another "process"); nil when the backend is not available here.
    func makeStore(migrated: Bool = true) throws -> TestStore? {
        switch self {
        case .memory:
            let store = MemoryPairingStore()
            return TestStore(store: store) { store }
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("twpc-store-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/twpc.sqlite"
            let store = try SQLitePairingStore(path: path)
            if migrated { try store.migrate() }
            return TestStore(store: store, directory: directory) { try SQLitePairingStore(path: path) }
        case .postgres:
            guard let base = Self.postgresURL else { return nil }
            let url = try PostgresTestDatabase.freshSchemaURL(base: base)
            let store = try PostgresPairingStore(url: url, poolSize: 4)
            if migrated { try store.migrate() }
            return TestStore(store: store) { try PostgresPairingStore(url: url, poolSize: 4) }
        }
    }
}

/// A store under test; removes its temporary files when released.
final class TestStore: Sendable {
    let store: any PairingStore
    private let directory: String?
    private let opener: @Sendable () throws -> any PairingStore

    init(store: any PairingStore, directory: String? = nil, reopen: @escaping @Sendable () throws -> any PairingStore) {
        self.store = store
        self.directory = directory
        self.opener = reopen
    }

    /// Another store on the same database, as a second process would open it.
    func reopen() throws -> any PairingStore { try opener() }

    deinit {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}
