import Foundation
import HTTPServer

@testable import PairingAPI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The sync endpoints (`PairingApplication` with `SyncController`) on a real port, over an
/// `EmulatorSyncHarness`'s store and sync service, with an API key of the harness's company.
struct SyncAPIServer: Sendable {
    let server: HTTPServer
    /// An API key of the harness's company.
    let key: String
    /// The company's sync endpoint: `http://127.0.0.1:<port>/companies/<id>/task-worker-pairing-configs/sync`.
    let base: String

    /// Starts the server with `threads` worker threads; `shutdown()` stops it.
    init(harness: EmulatorSyncHarness, threads: Int) throws {
        let app = PairingApplication(store: harness.store)
        SyncController.register(on: app, service: harness.service)
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, threads: threads), responder: app)
        try server.start()
        key = APIKeyCrypto.generateKey()
        _ = try harness.store.createAPIKey(companyID: harness.company.id, hash: APIKeyCrypto.sha256Hex(key))
        base = "http://127.0.0.1:\(server.port)/companies/\(harness.company.id)/task-worker-pairing-configs/sync"
    }

    func shutdown() { server.shutdown() }

    /// Sends `method` to `url`, with `X-API-KEY: key` when a key is given: the status and the body's
    /// JSON object (empty when the body is none).
    func call(_ method: String, _ url: String, key: String?) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let key { request.setValue(key, forHTTPHeaderField: "X-API-KEY") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as! HTTPURLResponse).statusCode, object)
    }
}
