import Foundation
import PairingCore
import TestSupport
import Testing

@testable import PairingStore

/// PostgreSQL-only behaviour: recovery after a server restart, and the sync lock of a dead holder.
@Suite("PostgreSQL resilience")
struct PostgresResilienceTests {
    private func expectUnavailable(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("\(what): expected .unavailable, got success")
        } catch StoreError.unavailable {
        } catch {
            Issue.record("\(what): expected .unavailable, got \(error)")
        }
    }

    /// Runs on a cluster of its own, so stopping it never disturbs other tests.
    @Test(.enabled(if: TemporaryPostgresCluster.binDirectory != nil))
    func theStoreRecoversAfterTheDatabaseRestarts() throws {
        let cluster = try TemporaryPostgresCluster(
            binDirectory: try #require(TemporaryPostgresCluster.binDirectory), directoryPrefix: "twpc-pg-restart-")
        let store = try PostgresPairingStore(url: cluster.url, poolSize: 3)
        try store.migrate()
        let company = try store.createCompany(name: "before")
        let config = try store.createConfig(companyID: company.id, NewPairingConfig(name: "kept"), limit: 1000)

        try cluster.stop()
        expectUnavailable("read during the outage") { _ = try store.company(id: company.id) }
        expectUnavailable("write during the outage") {
            _ = try store.createConfig(companyID: company.id, NewPairingConfig(name: "lost"), limit: 1000)
        }
        expectUnavailable("sync lock during the outage") { try store.withSyncLock(companyID: company.id) {} }

        try cluster.start()
        // The first request after the restart already succeeds: broken sessions are replaced.
        #expect(try store.company(id: company.id) == company)
        #expect(try store.config(companyID: company.id, .publicID(config.id)) == config)
        let created = try store.createConfig(companyID: company.id, NewPairingConfig(name: "after"), limit: 1000)
        #expect(try store.liveConfigs(companyID: company.id).map(\.id).contains(created.id))
        #expect(try !store.liveConfigs(companyID: company.id).contains { $0.name == "lost" })
        #expect(try store.withSyncLock(companyID: company.id) { 5 } == 5)
    }

    /// The sync lock lives in the holder's session: when that session dies, the lock is free again.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func theSyncLockOfADeadSessionIsReleased() throws {
        let base = try #require(StoreBackend.postgresURL)
        let url = try PostgresTestDatabase.freshSchemaURL(base: base)
        let holder = try PostgresPairingStore(url: url, poolSize: 2)
        try holder.migrate()
        let other = try PostgresPairingStore(url: url, poolSize: 2)
        let company = try holder.createCompany(name: "c")
        let admin = try PostgresConnection(url: base)

        try holder.withSyncLock(companyID: company.id) {
            #expect(throws: StoreError.syncInProgress(nil)) { try other.withSyncLock(companyID: company.id) {} }
            // Kill the holder's session, as if its process had died.
            let killed = try admin.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' \
                AND classid = \(Int64(0x7477_7073))::int4::oid AND objid = hashtext(\(company.id))::oid
                """)
            #expect(killed.rows.count == 1)
            // Termination is asynchronous: wait (briefly) for the server to drop the lock.
            var acquired = false
            for _ in 0..<100 where !acquired {
                do {
                    try other.withSyncLock(companyID: company.id) {}
                    acquired = true
                } catch StoreError.syncInProgress {
                    usleep(20_000)
                }
            }
            #expect(acquired)
        }
    }
}
