import Foundation
import HTTPServer
import PairingAPI
import PairingCore
import PairingStore
import Synchronization

/// A real twpc API server on an ephemeral port, with two companies, a key for each and an admin key.
/// Without a `store`, it uses the backend `TWPC_API_TEST_BACKEND` names (`APITestBackend`; memory by default).
final class TestServer: @unchecked Sendable {
    let store: any PairingStore
    let app: PairingApplication
    let server: HTTPServer
    let company: Company
    let key: String
    let otherCompany: Company
    let otherKey: String
    let adminKey: String

    var port: Int { server.port }

    init(store: (any PairingStore)? = nil, configLimit: Int = 1000) throws {
        let (store, temporaryDirectory): (any PairingStore, String?) =
            try store.map { ($0, nil) } ?? APITestBackend.current().makeStore()
        self.temporaryDirectory = temporaryDirectory
        try store.migrate()
        self.store = store
        let lines = LogLines()
        logLinesSource = lines
        let logger = RequestLogger(sink: { line in lines.append(line) })
        let app = PairingApplication(store: store, logger: logger, configLimit: configLimit)
        self.app = app
        company = try store.createCompany(name: "Acme Loans")
        otherCompany = try store.createCompany(name: "Other Lending")
        key = APIKeyCrypto.generateKey()
        _ = try store.createAPIKey(companyID: company.id, hash: APIKeyCrypto.sha256Hex(key))
        otherKey = APIKeyCrypto.generateKey()
        _ = try store.createAPIKey(companyID: otherCompany.id, hash: APIKeyCrypto.sha256Hex(otherKey))
        adminKey = APIKeyCrypto.generateKey()
        _ = try store.createAPIKey(companyID: nil, hash: APIKeyCrypto.sha256Hex(adminKey))
        let configuration = HTTPServer.Configuration(
            port: 0, threads: 2,
            errorResponse: { status, message, requestID in
                Envelope.error(APIError(status, message), requestID: requestID)
            },
            onResponse: { request, response, duration in
                app.logAccess(request: request, response: response, durationSeconds: duration)
            })
        server = HTTPServer(configuration: configuration, responder: app)
        try server.start()
    }

    private let logLinesSource: LogLines
    /// The SQLite backend's directory, removed with the server.
    private let temporaryDirectory: String?

    /// Every log line written so far.
    var log: [String] { logLinesSource.all }

    deinit {
        server.shutdown()
        if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
    }

    var configsPath: String { "/companies/\(company.id)/task-worker-pairing-configs" }

    /// Sends a request; `key` defaults to the first company's key (pass `nil` for none).
    func request(
        _ method: String, _ path: String, body: String? = nil, bytes: [UInt8]? = nil,
        contentType: String? = "application/json", key: String?? = .none, headers: [(String, String)] = []
    ) throws -> TestResponse {
        let payload = bytes ?? body.map { Array($0.utf8) } ?? []
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        let credential: String? = key ?? self.key
        if let credential { head += "X-API-KEY: \(credential)\r\n" }
        if !payload.isEmpty || method == "POST" || method == "PUT" {
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(payload.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try TestHTTPClient.send(port: port, Array(head.utf8) + payload)
    }

    /// Creates a config through the API and returns its `data`.
    @discardableResult
    func create(_ body: String) throws -> TestResponse {
        try request("POST", configsPath, body: body)
    }
}

/// Log lines captured by a test server.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
