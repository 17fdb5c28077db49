import Foundation
import HTTPServer
import PairingStore
import Testing

@testable import PairingAPI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Sync endpoints reject unknown or malformed query parameters")
struct SyncQueryStrictnessTests {
    @Test("wrong case, repeats, empty or non-canonical dryRun and unknown parameters get 400; nothing syncs")
    func strictQuery() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        try harness.createStandardConfigs()
        let app = PairingApplication(store: harness.store)
        SyncController.register(on: app, service: harness.service)
        let api = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, threads: 2), responder: app)
        try api.start()
        defer { api.shutdown() }
        let key = APIKeyCrypto.generateKey()
        _ = try harness.store.createAPIKey(companyID: harness.company.id, hash: APIKeyCrypto.sha256Hex(key))
        let base = "http://127.0.0.1:\(api.port)/companies/\(harness.company.id)/task-worker-pairing-configs/sync"

        func call(_ method: String, _ query: String) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: base + query)!)
            request.httpMethod = method
            request.setValue(key, forHTTPHeaderField: "X-API-KEY")
            let (data, response) = try await URLSession.shared.data(for: request)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as! HTTPURLResponse).statusCode, object["message"] as? String ?? "")
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
