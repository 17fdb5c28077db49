import Foundation
import PairingStore
import Testing

@testable import PairingAPI

@Suite("Sync endpoints reject unknown or malformed query parameters")
struct SyncQueryStrictnessTests {
    @Test("wrong case, repeats, empty or non-canonical dryRun and unknown parameters get 400; nothing syncs")
    func strictQuery() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        try harness.createStandardConfigs()
        let api = try SyncAPIServer(harness: harness, threads: 2)
        defer { api.shutdown() }

        func call(_ method: String, _ query: String) async throws -> (Int, String) {
            let (status, object) = try await api.call(method, api.base + query, key: api.key)
            return (status, object["message"] as? String ?? "")
        }

        let cases: [(String, String)] = [
            ("?dryrun=true", "dryrun"), ("?dryRun=true&dryRun=false", "more than once"),
            ("?dryRun=", "dryRun"), ("?dryRun=1", "dryRun"), ("?dryRun=TRUE", "dryRun"),
            ("?dryRun=true&force=1", "force"),
        ]
        for (query, named) in cases {
            let (status, message) = try await call("POST", query)
            #expect(status == 400, "POST \(query)")
            #expect(message.contains(named), "POST \(query): \(message)")
        }
        let (getStatus, getMessage) = try await call("GET", "?dryRun=false")
        #expect(getStatus == 400)
        #expect(getMessage.contains("dryRun"))
        // None of them ran a sync: no queue was created, no run recorded.
        #expect(try await harness.client.listWorkspaces().isEmpty)
        #expect(try harness.store.latestSyncRun(companyID: harness.company.id, dryRun: nil) == nil)
        // The canonical forms still work.
        #expect(try await call("POST", "?dryRun=true").0 == 200)
        #expect(try await call("POST", "?dryRun=false").0 == 200)
        #expect(try await call("GET", "").0 == 200)
    }
}
