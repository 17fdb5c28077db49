import Foundation
import Testing

@testable import PairingStore

@Suite("StoreFactory")
struct StoreFactoryTests {
    @Test func withoutAURLItOpensSQLiteInTheDataDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("twpc-factory-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try StoreFactory.open(databaseURL: nil, dataDirectory: root + "/nested/data")
        let sqlite = try #require(store as? SQLitePairingStore)
        #expect(sqlite.path == root + "/nested/data/twpc.sqlite")
        try store.migrate()
        let company = try store.createCompany(name: "c")
        #expect(FileManager.default.fileExists(atPath: sqlite.path))
        let reopened = try StoreFactory.open(databaseURL: nil, dataDirectory: root + "/nested/data")
        try reopened.migrate()
        #expect(try reopened.company(id: company.id) == company)
    }

    @Test(arguments: ["postgres://u@127.0.0.1:1/db", "postgresql://u@127.0.0.1:1/db"])
    func aPostgresURLOpensPostgreSQL(_ url: String) throws {
        // Connections open lazily: nothing listens on port 1, and opening still succeeds.
        let store = try StoreFactory.open(databaseURL: url, dataDirectory: "/nonexistent")
        #expect(store is PostgresPairingStore)
        #expect(throws: StoreError.self) { try store.migrate() }
    }

    @Test func anotherSchemeIsRefused() {
        #expect(throws: StoreError.self) {
            _ = try StoreFactory.open(databaseURL: "mysql://u@127.0.0.1/db", dataDirectory: "/nonexistent")
        }
    }
}
