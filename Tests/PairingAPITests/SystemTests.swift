import Foundation
import HTTPServer
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterExpressions
import Testing

@Suite struct SystemTests {
    @Test func healthzNeedsNoAuth() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/healthz", key: .some(nil))
        #expect(response.status == 200)
        #expect(response.text == #"{"status":200,"message":"ok"}"#)
        #expect(response.header("X-Request-Id") != nil)
    }

    @Test func unknownRoutesAre404AndWrongMethods405WithAllow() throws {
        let server = try TestServer()
        let missing = try server.request("GET", "/nope", key: .some(nil))
        #expect(missing.status == 404)
        #expect(missing.json["status"] == .number(404))
        let wrong = try server.request("PATCH", server.configsPath, body: "{}")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET, POST")
        #expect(wrong.header("Content-Type") == "application/json; charset=utf-8")
        let wrongItem = try server.request("POST", "\(server.configsPath)/TP-AAAA-BBBB", body: "{}")
        #expect(wrongItem.status == 405)
        #expect(wrongItem.header("Allow") == "DELETE, GET, PUT")
    }

    @Test func aLongPathIsCutInTheAccessLog() throws {
        let server = try TestServer()
        let long = "/companies/\(server.company.id)/" + String(repeating: "a", count: 8000)
        let response = try server.request("GET", long)
        let requestID = try #require(response.header("X-Request-Id"))
        let line = try #require(server.log.first { $0.contains(requestID) })
        #expect(line.count < 1500, "\(line.count) characters")
        #expect(line.contains(String(long.prefix(1024)) + "…("), "\(line.prefix(200))")
        #expect(line.contains("more characters)"))
        #expect(!line.contains(String(long.prefix(1025))))
        let short = try server.request("GET", server.configsPath)
        let shortID = try #require(short.header("X-Request-Id"))
        #expect(server.log.contains { $0.contains(shortID) && $0.contains("\"path\":\"\(server.configsPath)\"") })
    }

    @Test func unexpectedStoreErrorsAre500WithARequestIDAndNoDetail() throws {
        let server = try TestServer(store: FailingStore(base: MemoryPairingStore()))
        let response = try server.request("GET", server.configsPath)
        #expect(response.status == 500)
        let requestID = try #require(response.header("X-Request-Id"))
        #expect(response.json["requestId"] == .string(requestID))
        #expect(!response.text.contains("SELECT"))
        #expect(server.log.contains { $0.contains(requestID) && $0.contains("SELECT") })
        let unavailable = try server.request("GET", "\(server.configsPath)/TP-AAAA-BBBB")
        #expect(unavailable.status == 503)
    }

    @Test func theOpenAPIDocumentListsExactlyTheServedRoutes() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/openapi.json", key: .some(nil))
        #expect(response.status == 200)
        let document = response.json
        #expect(document["openapi"] == .string("3.1.0"))
        guard case .object(let paths)? = document["paths"] else {
            Issue.record("no paths")
            return
        }
        var documented: Set<String> = []
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for method in methods.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let registered = Set(server.app.operations.map { "\($0.method) \($0.path)" })
        #expect(documented == registered)
        // Every documented operation is routed (not the router's 404/405).
        for entry in documented {
            let parts = entry.split(separator: " ", maxSplits: 1)
            let path = String(parts[1])
                .replacingOccurrences(of: "{companyId}", with: server.company.id)
                .replacingOccurrences(of: "{taskWorkerPairingConfigId}", with: "TP-AAAA-BBBB")
            let routed = try server.request(
                String(parts[0]), path, body: parts[0] == "GET" || parts[0] == "DELETE" ? nil : "{}")
            #expect(![405].contains(routed.status), "\(entry)")
            #expect(!(routed.status == 404 && routed.message.hasPrefix("No route")), "\(entry)")
        }
        for expected in [
            "GET /healthz", "GET /openapi.json", "POST /auth/token",
            "GET /companies/{companyId}/task-worker-pairing-configs",
            "POST /companies/{companyId}/task-worker-pairing-configs",
            "GET /companies/{companyId}/task-worker-pairing-configs/{taskWorkerPairingConfigId}",
            "PUT /companies/{companyId}/task-worker-pairing-configs/{taskWorkerPairingConfigId}",
            "DELETE /companies/{companyId}/task-worker-pairing-configs/{taskWorkerPairingConfigId}",
        ] {
            #expect(registered.contains(expected), "\(expected)")
        }
        // Every operation documents the 405 (with Allow) the router answers for the path's other methods.
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for (method, operation) in methods {
                #expect(operation["responses"]?["405"]?["headers"]?["Allow"] != nil, "\(method) \(path)")
            }
        }
        // Every $ref resolves.
        let text = response.text
        guard case .object(let schemas)? = document["components"]?["schemas"] else {
            Issue.record("no schemas")
            return
        }
        for match in text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/) {
            #expect(schemas[String(match.1)] != nil, "\(match.1)")
        }
    }
}

/// A store whose config reads fail like a broken database (500) or an unreachable one (503).
struct FailingStore: ForwardingPairingStore {
    let base: MemoryPairingStore
    func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        throw .database(code: 11, message: "database disk image is malformed", sql: "SELECT * FROM configs")
    }
    func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? {
        throw .unavailable("connection refused")
    }
}
