import Foundation
import PairingCore
import Testing

@testable import PairingStore

/// SQLite-only behaviour: the sync lock lease of a holder that died, and the file on disk.
@Suite("SQLite store")
struct SQLiteStoreTests {
    private func makeStore() throws -> (SQLitePairingStore, TestStore) {
        let test = try #require(try StoreBackend.sqlite.makeStore())
        return (try #require(test.store as? SQLitePairingStore), test)
    }

    @Test func anExpiredLeaseIsTakenOverAndALiveOneIsNot() throws {
        let (store, test) = try makeStore()
        _ = test
        let company = try store.createCompany(name: "c")
        // Another process holds the lock, and is alive (its lease runs for a minute).
        let other = try SQLiteConnection(path: store.path, durability: .normal)
        try other.run(
            "INSERT INTO sync_locks (company_id, holder, expires_at) VALUES (?, 'other', ?)",
            [.text(company.id), .integer(StoreClock.nowMicros() + 60_000_000)])
        #expect(throws: StoreError.syncInProgress(nil)) { try store.withSyncLock(companyID: company.id) {} }
        // That process died: its lease ran out without renewal.
        try other.run(
            "UPDATE sync_locks SET expires_at = ? WHERE company_id = ?",
            [.integer(StoreClock.nowMicros() - 1), .text(company.id)])
        #expect(try store.withSyncLock(companyID: company.id) { 3 } == 3)
        // The lease row is gone after the body: the lock is free.
        #expect(try other.queryFirst("SELECT COUNT(*) FROM sync_locks", []) { $0.int64(0) } == 0)
    }

    @Test func theLeaseIsRenewedWhileTheBodyRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("twpc-lease-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLitePairingStore(path: directory + "/twpc.sqlite", syncLockLeaseSeconds: 1.2)
        try store.migrate()
        let company = try store.createCompany(name: "c")
        let observer = try SQLiteConnection(path: store.path, durability: .normal)
        try store.withSyncLock(companyID: company.id) {
            let first = try #require(
                try observer.queryFirst("SELECT expires_at FROM sync_locks", []) { $0.int64(0) } ?? nil)
            // Longer than the lease: without renewal another taker would get the lock.
            usleep(1_500_000)
            let later = try #require(
                try observer.queryFirst("SELECT expires_at FROM sync_locks", []) { $0.int64(0) } ?? nil)
            #expect(later > first)
            #expect(throws: StoreError.syncInProgress(nil)) { try store.withSyncLock(companyID: company.id) {} }
        }
    }

    @Test func theDatabaseIsAWALFileWithTheSchemaVersionsRecorded() throws {
        let (store, test) = try makeStore()
        _ = test
        let connection = try SQLiteConnection(path: store.path, durability: .normal)
        #expect(try connection.queryFirst("PRAGMA journal_mode", []) { $0.text(0) } == "wal")
        #expect(try connection.queryFirst("PRAGMA foreign_keys", []) { $0.int64(0) } == 1)
        let versions = try connection.query("SELECT version FROM schema_migrations ORDER BY version", []) {
            $0.int64(0)
        }
        #expect(versions == Migrations.all.map(\.version))
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
    }

    @Test func migrateUpgradesADatabaseCreatedByAnOlderVersion() throws {
        let test = try #require(try StoreBackend.sqlite.makeStore(migrated: false))
        let store = try #require(test.store as? SQLitePairingStore)
        // A database written by a release that knew only the first migration.
        let old = try SQLiteConnection(path: store.path, durability: .normal)
        try old.transaction { db throws(StoreError) in
            try db.execute(Migrations.createSchemaMigrations)
            for statement in Migrations.all[0].statements(for: .sqlite) { try db.execute(statement) }
            try db.run(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'first', 0)", [])
            try db.run("INSERT INTO companies (id, name, created_at) VALUES ('CP-OLD0-0001', 'old', 1)", [])
        }
        try store.migrate()
        let versions = try old.query("SELECT version FROM schema_migrations ORDER BY version", []) { $0.int64(0) }
        #expect(versions == Migrations.all.map(\.version))
        #expect(try store.company(id: "CP-OLD0-0001")?.name == "old")
        // The tables of the later migration exist now.
        try store.saveSyncMapping(companyID: "CP-OLD0-0001", SyncMapping(workflowSID: "WW1"))
        #expect(try store.syncMapping(companyID: "CP-OLD0-0001").workflowSID == "WW1")
    }

    @Test func anUnwritablePathIsUnavailable() {
        #expect(throws: StoreError.self) { _ = try SQLitePairingStore(path: "/proc/twpc-no-such-dir/x.sqlite") }
    }
}

/// The WAL-index header that keeps the SQLite store's authenticated reads current.
@Suite("SQLite WAL index")
struct SQLiteWALIndexTests {
    @Test func theHeaderChangesWithEveryCommitAndOnlyThen() throws {
        let test = try #require(try StoreBackend.sqlite.makeStore())
        let store = try #require(test.store as? SQLitePairingStore)
        let company = try store.createCompany(name: "c")
        let reader = WALIndexReader(databasePath: store.path)
        let before = try #require(reader.stamp())
        // Reads change nothing.
        _ = try store.liveConfigs(companyID: company.id)
        _ = try store.company(id: company.id)
        #expect(reader.stamp() == before)
        // A commit through another connection (as another process would) changes it.
        let other = try SQLiteConnection(path: store.path, durability: .normal)
        try other.run("UPDATE companies SET name = 'renamed' WHERE id = ?", [.text(company.id)])
        let afterOther = try #require(reader.stamp())
        #expect(afterOther != before)
        // So does each commit of the store itself, however small.
        _ = try store.createAPIKey(companyID: company.id, hash: "aa11")
        let afterKey = try #require(reader.stamp())
        #expect(afterKey != afterOther)
        #expect(try store.revokeAPIKey(id: try #require(try store.apiKey(hash: "aa11")).id))
        #expect(reader.stamp() != afterKey)
    }

    @Test func aWriteByAnotherConnectionIsSeenByTheNextAuthenticatedRead() throws {
        let test = try #require(try StoreBackend.sqlite.makeStore())
        let store = try #require(test.store as? SQLitePairingStore)
        let company = try store.createCompany(name: "c")
        _ = try store.createAPIKey(companyID: company.id, hash: "aa11")
        let config = try store.createConfig(companyID: company.id, NewPairingConfig(name: "one"), limit: 1000)
        let target = AuthenticatedReadTarget.configSummary(.publicID(config.id))
        let first = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target)
        #expect(first.configSummary?.version == config.version)
        // Written behind the store's back, with plain SQL on a connection of its own.
        let other = try SQLiteConnection(path: store.path, durability: .normal)
        try other.run("UPDATE pairing_configs SET version = version + 10 WHERE id = ?", [.text(config.id)])
        #expect(
            try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target).configSummary?.version
                == config.version + 10)
        try other.run("UPDATE api_keys SET revoked_at = 1 WHERE hash = 'aa11'")
        #expect(try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target).key == nil)
    }
}

/// The SQLite store behind a symbolic link, and what its authenticated-read cache keeps.
@Suite("SQLite authenticated-read cache")
struct SQLiteAuthenticatedReadCacheTests {
    @Test func throughASymbolicLinkTheWALIndexWatchedIsTheOneSQLiteUses() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("twpc-link-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        let real = try SQLitePairingStore(path: root + "/real/twpc.sqlite")
        try real.migrate()
        try FileManager.default.createSymbolicLink(
            atPath: root + "/data/twpc.sqlite", withDestinationPath: root + "/real/twpc.sqlite")
        let store = try SQLitePairingStore(path: root + "/data/twpc.sqlite")
        let company = try store.createCompany(name: "c")
        _ = try store.createAPIKey(companyID: company.id, hash: "aa11")
        // A stale WAL index beside the link, with a valid header that never changes.
        try FileManager.default.copyItem(atPath: root + "/real/twpc.sqlite-shm", toPath: root + "/data/twpc.sqlite-shm")
        #expect(try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .company).key != nil)
        // Revoked through the real path, by a connection of its own.
        let other = try SQLiteConnection(path: root + "/real/twpc.sqlite", durability: .normal)
        try other.run("UPDATE api_keys SET revoked_at = 1 WHERE hash = 'aa11'")
        #expect(try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .company).key == nil)
    }

    private func stamp(_ word: UInt64) -> WALIndexStamp { WALIndexStamp(words: (1, word, 0, 0, 0, 0)) }
    private let company = APIKeyRecord(id: "AK-1", companyID: "CP-1", hash: "aa11", createdAt: 0)
    private let admin = APIKeyRecord(id: "AK-2", companyID: nil, hash: "bb22", createdAt: 0)

    @Test func onlyReadsThatFoundWhatTheyLookedForAreKeptAndOnlyForTheirStamp() {
        let cache = AuthenticatedReadCache(capacity: 10)
        let found = AuthenticatedRead(key: company, companyExists: true, configRevision: 4)
        cache.store(found, keyHash: "aa11", companyID: "CP-1", .company, at: stamp(1))
        #expect(cache.read(keyHash: "aa11", companyID: "CP-1", .company, at: stamp(1)) == found)
        #expect(cache.read(keyHash: "aa11", companyID: "CP-1", .company, at: stamp(2)) == nil)
        // Not kept: no key; a company key on another company (403); no such company or config (404).
        let refused: [(AuthenticatedRead, String)] = [
            (AuthenticatedRead(key: nil), "CP-1"),
            (AuthenticatedRead(key: company, companyExists: true), "CP-" + String(repeating: "x", count: 30_000)),
            (AuthenticatedRead(key: admin, companyExists: false), "CP-NONE"),
            (AuthenticatedRead(key: admin, companyExists: nil), "CP-1"),
        ]
        for (read, companyID) in refused {
            cache.store(read, keyHash: "k", companyID: companyID, .company, at: stamp(1))
            #expect(cache.read(keyHash: "k", companyID: companyID, .company, at: stamp(1)) == nil)
        }
        // A new stamp starts over; a full cache starts over.
        cache.store(found, keyHash: "aa11", companyID: "CP-1", .company, at: stamp(2))
        #expect(cache.read(keyHash: "aa11", companyID: "CP-1", .company, at: stamp(1)) == nil)
        for index in 0..<10 {
            let read = AuthenticatedRead(key: admin, companyExists: true)
            cache.store(read, keyHash: "bb22", companyID: "CP-\(index)", .company, at: stamp(2))
        }
        #expect(cache.read(keyHash: "aa11", companyID: "CP-1", .company, at: stamp(2)) == nil)
        #expect(cache.read(keyHash: "bb22", companyID: "CP-9", .company, at: stamp(2)) != nil)
    }

    @Test func textWithANulIsBoundWhole() throws {
        let test = try #require(try StoreBackend.sqlite.makeStore())
        let store = try #require(test.store as? SQLitePairingStore)
        let company = try store.createCompany(name: "c")
        #expect(try store.company(id: company.id + "\u{0}junk") == nil)
        #expect(try store.company(id: company.id) != nil)
    }
}
