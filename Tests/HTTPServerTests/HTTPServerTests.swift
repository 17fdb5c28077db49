import Foundation
import HTTPServer
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension HTTPServer.Configuration {
    /// A configuration for tests: a free port, few threads, short timeouts; then `configure`.
    static func testing(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in }) -> Self {
        var configuration = HTTPServer.Configuration(port: 0, threads: 4, connectionTimeout: 10, shutdownTimeout: 5)
        configure(&configuration)
        return configuration
    }
}

/// Starts a server with `responder`, runs `body`, shuts the server down.
@discardableResult
func withServer<T>(
    _ responder: any HTTPResponder, _ configuration: HTTPServer.Configuration = .testing(),
    _ body: (HTTPServer) throws -> T
) throws -> T {
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    defer { server.shutdown() }
    return try body(server)
}

/// Echoes the request back as text lines (or the body itself for `/body`).
let echo = ClosureResponder { request in
    if request.path == "/body" {
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: request.body)
    }
    var lines = ["method=\(request.method)", "path=\(request.path)"]
    for item in request.query { lines.append("q:\(item.name)=\(item.value)") }
    lines.append("id=\(request.requestID)")
    lines.append("x-test=\(request.header("x-test") ?? "-")")
    lines.append("body=\(request.body.count)")
    return .text(200, lines.joined(separator: "\n"))
}

/// Collects access-log calls.
final class AccessLog: Sendable {
    struct Entry: Sendable {
        var method: String
        var path: String
        var status: Int
        var requestID: String
        var responseID: String?
        var duration: Double
    }
    let entries = Mutex<[Entry]>([])

    var hook: @Sendable (HTTPRequest, HTTPResponse, Double) -> Void {
        { request, response, duration in
            let id = response.headers.first { $0.name.lowercased() == "x-request-id" }?.value
            self.entries.withLock {
                $0.append(
                    Entry(
                        method: request.method, path: request.path, status: response.status,
                        requestID: request.requestID, responseID: id, duration: duration))
            }
        }
    }

    /// Waits briefly for `count` entries (the hook runs right after the response is queued).
    func waitFor(_ count: Int) -> [Entry] {
        for _ in 0..<500 {
            let current = entries.withLock { $0 }
            if current.count >= count { return current }
            usleep(2000)
        }
        return entries.withLock { $0 }
    }
}

@Suite struct HTTPServerBasicsTests {
    @Test func startsOnEphemeralPortAndResponds() throws {
        try withServer(echo) { server in
            #expect(server.port > 0)
            let response = try RawClient.request(port: server.port, "GET", "/hello")
            #expect(response.status == 200)
            #expect(response.text.contains("method=GET"))
            #expect(response.text.contains("path=/hello"))
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: [1, 2, 8])
    func worksWithAnyThreadCount(threads: Int) throws {
        try withServer(echo, .testing { $0.threads = threads }) { server in
            let client = try RawClient(port: server.port)
            for i in 0..<3 {
                try client.send("GET /n/\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().text.contains("path=/n/\(i)"))
            }
        }
    }

    @Test func twoServersGetDifferentPorts() throws {
        try withServer(echo) { first in
            try withServer(echo) { second in
                #expect(first.port != second.port)
                let status = try RawClient.request(port: second.port, "GET", "/").status
                #expect(status == 200)
            }
        }
    }

    @Test func startTwiceFails() throws {
        try withServer(echo) { server in
            #expect(throws: HTTPServer.StartError.self) { try server.start() }
        }
    }

    @Test func bindingAPortInUseFails() throws {
        try withServer(echo) { server in
            let clash = HTTPServer(configuration: .init(port: server.port), responder: echo)
            #expect(throws: HTTPServer.StartError.self) { try clash.start() }
        }
    }

    @Test func methodIsUpperCasedAndHeadersArePassed() throws {
        try withServer(echo) { server in
            let response = try RawClient.request(port: server.port, "get", "/x", headers: ["X-Test: hello there"])
            #expect(response.text.contains("method=GET"))
            #expect(response.text.contains("x-test=hello there"))
        }
    }

    @Test func queryItemsAreDecodedInOrder() throws {
        try withServer(echo) { server in
            let target = "/search/caf%C3%A9?a=1&b=x+y&a=2&c=%2F%20%C3%A9%2B&flag&&empty=&=v"
            let response = try RawClient.request(port: server.port, "GET", target)
            #expect(response.status == 200)
            let lines = response.text.split(separator: "\n").map(String.init)
            #expect(lines.contains("path=/search/café"))
            let query = lines.filter { $0.hasPrefix("q:") }
            #expect(query == ["q:a=1", "q:b=x y", "q:a=2", "q:c=/ é+", "q:flag=", "q:empty=", "q:=v"])
        }
    }

    @Test func absoluteFormTargetIsReducedToItsPath() throws {
        try withServer(echo) { server in
            let response = try RawClient.request(port: server.port, "GET", "http://example.com:80/abs/p%41th?k=v")
            #expect(response.status == 200)
            #expect(response.text.contains("path=/abs/pAth"))
            #expect(response.text.contains("q:k=v"))
        }
    }

    @Test func plusInPathStaysPlus() throws {
        try withServer(echo) { server in
            let response = try RawClient.request(port: server.port, "GET", "/a+b%20c")
            #expect(response.text.contains("path=/a+b c"))
        }
    }

    @Test(arguments: ["/bad%zz", "/bad%2", "/bad%", "/caf%FF", "/ok?x=%G1", "/ok?x=%C3"])
    func invalidPercentEncodingIs400(target: String) throws {
        let log = AccessLog()
        try withServer(echo, .testing { $0.onResponse = log.hook }) { server in
            let response = try RawClient.request(port: server.port, "GET", target)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let id = try #require(response.header("X-Request-Id"))
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            #expect(json?["status"] as? Int == 400)
            #expect((json?["message"] as? String)?.isEmpty == false)
            let entries = log.waitFor(1)
            #expect(entries.map(\.status) == [400])
            #expect(entries.first?.responseID == id)
        }
    }

    @Test func bodyIsEchoed() throws {
        try withServer(echo) { server in
            let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let response = try RawClient.request(port: server.port, "POST", "/body", body: body)
            #expect(response.status == 200)
            #expect(response.body == body)
        }
    }

    @Test func bodyOfExactlyTheLimitIsAccepted() throws {
        try withServer(echo, .testing { $0.maxBodyBytes = 1000 }) { server in
            let body = [UInt8](repeating: 65, count: 1000)
            let response = try RawClient.request(port: server.port, "PUT", "/body", body: body)
            #expect(response.status == 200)
            #expect(response.body.count == 1000)
        }
    }

    @Test func chunkedBodyIsRead() throws {
        try withServer(echo) { server in
            let client = try RawClient(port: server.port)
            try client.send(
                "POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello world")
        }
    }

    @Test func headIsAnsweredWithoutBody() throws {
        let responder = ClosureResponder { request in .text(200, "\(request.path) body") }
        try withServer(responder) { server in
            let client = try RawClient(port: server.port)
            try client.send("HEAD /thing HTTP/1.1\r\nHost: x\r\n\r\nGET /thing HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            // The next response on the same connection starts right after the head: no body was sent.
            let get = try client.readResponse()
            #expect(get.status == 200)
            #expect(get.text == "/thing body")
            #expect(head.header("Content-Length") == String(get.body.count))
        }
    }

    @Test(arguments: [204, 304])
    func noBodyStatuses(status: Int) throws {
        let responder = ClosureResponder { _ in HTTPResponse(status: status, body: Array("ignored".utf8)) }
        try withServer(responder) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == status)
            #expect(first.header("X-Request-Id") != nil)
            let second = try client.readResponse()
            #expect(second.status == status)
        }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        try withServer(echo) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            try client.send("GET /two?n=2 HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = try client.readResponse()
            #expect(first.text.contains("path=/one"))
            #expect(second.text.contains("path=/two"))
            #expect(second.text.contains("q:n=2"))
            #expect(first.header("X-Request-Id") != second.header("X-Request-Id"))
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer(echo) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(try client.isClosedByServer())
        }
    }

    @Test func responderConnectionCloseClosesTheConnection() throws {
        let responder = ClosureResponder { _ in .text(200, "bye", headers: [("Connection", "close")]) }
        try withServer(responder) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "bye")
            #expect(try client.isClosedByServer())
        }
    }

    @Test(arguments: [0, 99, 101, 1000])
    func nonFinalStatusFromResponderBecomes500(status: Int) throws {
        let responder = ClosureResponder { _ in HTTPResponse(status: status) }
        try withServer(responder) { server in
            let response = try RawClient.request(port: server.port, "GET", "/")
            #expect(response.status == 500)
            #expect(response.header("X-Request-Id") != nil)
        }
    }

    @Test func requestIDsAreAddedReusedOrReplaced() throws {
        let responder = ClosureResponder { request in
            if request.path == "/own" { return HTTPResponse(status: 200, headers: [("X-Request-Id", "mine")]) }
            return .text(200, request.requestID)
        }
        try withServer(responder) { server in
            let generated = try RawClient.request(port: server.port, "GET", "/")
            let id = try #require(generated.header("X-Request-Id"))
            #expect(id.count == 16)
            #expect(id.allSatisfy { $0.isHexDigit })
            #expect(generated.text == id)

            let reused = try RawClient.request(port: server.port, "GET", "/", headers: ["X-Request-Id: abc-123.X_y"])
            #expect(reused.header("X-Request-Id") == "abc-123.X_y")
            #expect(reused.text == "abc-123.X_y")

            let insane = try RawClient.request(port: server.port, "GET", "/", headers: ["X-Request-Id: a b;c"])
            #expect(insane.header("X-Request-Id")?.count == 16)
            let tooLong = String(repeating: "a", count: 129)
            let long = try RawClient.request(port: server.port, "GET", "/", headers: ["X-Request-Id: \(tooLong)"])
            #expect(long.header("X-Request-Id")?.count == 16)

            let own = try RawClient.request(port: server.port, "GET", "/own")
            #expect(own.headers.filter { $0.name.lowercased() == "x-request-id" }.map(\.value) == ["mine"])

            var ids = Set<String>()
            for _ in 0..<50 { ids.insert(try RawClient.request(port: server.port, "GET", "/").text) }
            #expect(ids.count == 50)
        }
    }

    @Test func accessLogFiresOncePerRequestWithStatus() throws {
        let log = AccessLog()
        let router = Router()
        router.get("/ok") { _ in .text(200, "ok") }
        try withServer(router, .testing { $0.onResponse = log.hook }) { server in
            let ok = try RawClient.request(port: server.port, "GET", "/ok?x=1")
            _ = try RawClient.request(port: server.port, "GET", "/missing")
            _ = try RawClient.request(port: server.port, "DELETE", "/ok")
            let entries = log.waitFor(3)
            #expect(entries.count == 3)
            #expect(entries.map(\.status).sorted() == [200, 404, 405])
            let first = try #require(entries.first { $0.status == 200 })
            #expect(first.method == "GET")
            #expect(first.path == "/ok")
            #expect(first.requestID == ok.header("X-Request-Id"))
            #expect(first.responseID == ok.header("X-Request-Id"))
            #expect(first.duration >= 0 && first.duration < 10)
        }
    }
}

@Suite struct HTTPServerRoutingTests {
    static func makeRouter() -> Router {
        let router = Router(
            notFound: { _ in .json(404, Array(#"{"status":404}"#.utf8)) },
            methodNotAllowed: { _, _ in .json(405, Array(#"{"status":405}"#.utf8)) })
        router.get("/companies/{companyId}/configs") { request in
            .text(200, "list \(request.parameters["companyId"] ?? "")")
        }
        router.post("/companies/{companyId}/configs") { request in
            .text(201, "create \(request.parameters["companyId"] ?? "") \(request.body.count)")
        }
        router.get("/companies/{companyId}/configs/{id}") { request in
            .text(200, "get \(request.parameters["companyId"] ?? "") \(request.parameters["id"] ?? "")")
        }
        router.get("/companies/{companyId}/configs/default") { _ in .text(200, "literal default") }
        router.delete("/companies/{companyId}/configs/{id}") { _ in HTTPResponse(status: 204) }
        return router
    }

    @Test func routesWithParameters() throws {
        try withServer(Self.makeRouter()) { server in
            #expect(try RawClient.request(port: server.port, "GET", "/companies/CP-1/configs").text == "list CP-1")
            #expect(
                try RawClient.request(port: server.port, "GET", "/companies/CP-1/configs/TW-9").text == "get CP-1 TW-9")
            #expect(
                try RawClient.request(port: server.port, "GET", "/companies/CP-1/configs/default").text
                    == "literal default")
            let created = try RawClient.request(
                port: server.port, "POST", "/companies/CP%2D2/configs", body: Array("{}".utf8))
            #expect(created.status == 201)
            #expect(created.text == "create CP-2 2")
            #expect(try RawClient.request(port: server.port, "DELETE", "/companies/C/configs/1").status == 204)
        }
    }

    @Test func theMostSpecificPatternOwnsThePath() {
        let router = Self.makeRouter()
        // `/configs/default` is its own resource (GET only): DELETE there is a 405 naming GET,
        // not a DELETE of the `{id}` route with id "default".
        let refused = router.respond(to: HTTPRequest(method: "DELETE", path: "/companies/C/configs/default"))
        #expect(refused.status == 405)
        #expect(refused.headers.first { $0.name == "Allow" }?.value == "GET")
        let deleted = router.respond(to: HTTPRequest(method: "DELETE", path: "/companies/C/configs/TP-1"))
        #expect(deleted.status == 204)
        let other = router.respond(to: HTTPRequest(method: "PATCH", path: "/companies/C/configs/TP-1"))
        #expect(other.headers.first { $0.name == "Allow" }?.value == "DELETE, GET")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() throws {
        try withServer(Self.makeRouter()) { server in
            let missing = try RawClient.request(port: server.port, "GET", "/nope")
            #expect(missing.status == 404)
            #expect(missing.header("X-Request-Id") != nil)
            let wrong = try RawClient.request(port: server.port, "PATCH", "/companies/C/configs/1")
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "DELETE, GET")
            #expect(wrong.header("X-Request-Id") != nil)
            let head = try RawClient.request(port: server.port, "HEAD", "/companies/C/configs")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "6")
        }
    }

    @Test func urlSessionClientWorks() async throws {
        let server = HTTPServer(configuration: .init(port: 0, threads: 2), responder: Self.makeRouter())
        try server.start()
        defer { server.shutdown() }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/companies/CP-7/configs")!)
        request.httpMethod = "POST"
        request.httpBody = Data("{\"a\":1}".utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 201)
        #expect(String(decoding: data, as: UTF8.self) == "create CP-7 7")
        #expect(http.value(forHTTPHeaderField: "X-Request-Id")?.count == 16)
    }
}

@Suite struct HTTPServerLimitsTests {
    @Test func contentLengthOverTheLimitIsRejectedBeforeTheBody() throws {
        let log = AccessLog()
        try withServer(echo, .testing { $0.onResponse = log.hook }) { server in
            let client = try RawClient(port: server.port)
            // Announce 2 MB but send nothing: the answer must come without the body.
            try client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("X-Request-Id") != nil)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            #expect(json?["status"] as? Int == 413)
            #expect(log.waitFor(1).map(\.status) == [413])
        }
    }

    @Test func twoMegabyteBodyIs413() throws {
        try withServer(echo) { server in
            let client = try RawClient(port: server.port)
            let body = [UInt8](repeating: 120, count: 2 << 20)
            try client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            try? client.send(body)  // the server may close before reading it all
            let response = try client.readResponse()
            #expect(response.status == 413)
        }
    }

    @Test func chunkedBodyOverTheLimitIs413() throws {
        try withServer(echo, .testing { $0.maxBodyBytes = 10_000 }) { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "1000\r\n" + String(repeating: "z", count: 4096) + "\r\n"
            for _ in 0..<4 { try client.send(chunk) }
            try client.send("0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("X-Request-Id") != nil)
        }
    }

    @Test func customErrorResponseIsUsed() throws {
        try withServer(
            echo,
            .testing {
                $0.maxBodyBytes = 10
                $0.errorResponse = { status, message, id in
                    .text(status, "custom \(status) \(id) \(message.isEmpty ? "" : "msg")")
                }
            }
        ) { server in
            let response = try RawClient.request(
                port: server.port, "POST", "/body", body: Array(repeating: 1, count: 11))
            #expect(response.status == 413)
            let id = try #require(response.header("X-Request-Id"))
            #expect(response.text == "custom 413 \(id) msg")
        }
    }

    @Test func abandonedRequestsDoNotCountAsInFlightOrDelayShutdown() throws {
        let server = HTTPServer(configuration: .init(port: 0, threads: 2, shutdownTimeout: 5), responder: echo)
        try server.start()
        var clients: [RawClient] = []
        for _ in 0..<3 {
            let partial = try RawClient(port: server.port)
            try partial.send("GET /partial HTTP/1.1\r\nHost: x\r\n")  // headers never finished
            let short = try RawClient(port: server.port)
            try short.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")  // body cut short
            clients += [partial, short]
        }
        for client in clients.prefix(2) { client.hangUp() }
        // A complete request still works next to them.
        #expect(try RawClient.request(port: server.port, "GET", "/ok").status == 200)
        // The /ok request completes right after its response is sent; the others never count.
        var count = server.inFlightRequests
        for _ in 0..<500 where count != 0 {
            usleep(2000)
            count = server.inFlightRequests
        }
        #expect(count == 0)
        let start = ContinuousClock.now
        server.shutdown()
        #expect(start.duration(to: .now) < .seconds(2))
    }
}

@Suite struct HTTPServerConcurrencyTests {
    @Test func manyParallelRequests() throws {
        let responder = ClosureResponder { request in
            usleep(5000)
            return .text(200, request.path)
        }
        try withServer(responder, .testing { $0.threads = 8 }) { server in
            let port = server.port
            let results = Mutex<[Int: String]>([:])
            DispatchQueue.concurrentPerform(iterations: 64) { i in
                let text = (try? RawClient.request(port: port, "GET", "/r/\(i)").text) ?? "failed"
                results.withLock { $0[i] = text }
            }
            let all = results.withLock { $0 }
            #expect(all.count == 64)
            for i in 0..<64 { #expect(all[i] == "/r/\(i)") }
        }
    }

    @Test func slowResponderDoesNotBlockOtherConnections() throws {
        let release = DispatchSemaphore(value: 0)
        let slowStarted = DispatchSemaphore(value: 0)
        let responder = ClosureResponder { request in
            if request.path == "/slow" {
                slowStarted.signal()
                _ = release.wait(timeout: .now() + 10)
            }
            return .text(200, request.path)
        }
        try withServer(responder, .testing { $0.threads = 4 }) { server in
            let port = server.port
            let slowResult = Mutex<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                let text = try? RawClient.request(port: port, "GET", "/slow").text
                slowResult.withLock { $0 = text }
                done.signal()
            }
            #expect(slowStarted.wait(timeout: .now() + 5) == .success)
            // While /slow is blocked, other connections are served.
            for i in 0..<5 {
                let text = try RawClient.request(port: port, "GET", "/fast/\(i)").text
                #expect(text == "/fast/\(i)")
            }
            #expect(slowResult.withLock { $0 } == nil)
            #expect(server.inFlightRequests >= 1)  // the blocked request (a fast one may be finishing)
            release.signal()
            #expect(done.wait(timeout: .now() + 5) == .success)
            #expect(slowResult.withLock { $0 } == "/slow")
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequest() throws {
        let started = DispatchSemaphore(value: 0)
        let responder = ClosureResponder { request in
            started.signal()
            usleep(300_000)
            return .text(200, "finished \(request.path)")
        }
        let server = HTTPServer(configuration: .init(port: 0, threads: 2, shutdownTimeout: 5), responder: responder)
        try server.start()
        let port = server.port
        let result = Mutex<RawClient.Response?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let response = try? RawClient.request(port: port, "GET", "/slow")
            result.withLock { $0 = response }
            done.signal()
        }
        #expect(started.wait(timeout: .now() + 5) == .success)
        server.shutdown()  // returns only after the in-flight request is answered
        #expect(done.wait(timeout: .now() + 5) == .success)
        let response = try #require(result.withLock { $0 })
        #expect(response.status == 200)
        #expect(response.text == "finished /slow")
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(throws: RawClient.Failure.self) { _ = try RawClient(port: port) }
        server.shutdown()  // idempotent
    }
}

@Suite struct HTTPServerConnectionTests {
    @Test func idleConnectionIsClosedAfterTheTimeout() throws {
        try withServer(echo, .testing { $0.connectionTimeout = 1 }) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            let start = ContinuousClock.now
            #expect(try client.isClosedByServer())  // blocks until the server closes (recv timeout 10 s)
            #expect(start.duration(to: .now) < .seconds(5))
        }
    }

    @Test func expectContinueIsAnswered() throws {
        try withServer(echo) { server in
            let client = try RawClient(port: server.port)
            try client.send(
                "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("hello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
        }
    }

    @Test func expectContinueOverTheLimitIs413WithoutContinue() throws {
        try withServer(echo, .testing { $0.maxBodyBytes = 100 }) { server in
            let client = try RawClient(port: server.port)
            try client.send(
                "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func runUntilTerminatedStopsOnSignal() throws {
        signal(SIGUSR2, SIG_IGN)  // a stray signal after the test must not kill the test process
        let server = HTTPServer(configuration: .init(port: 0, threads: 2), responder: echo)
        try server.start()
        let port = server.port
        let stop = Mutex(false)
        DispatchQueue.global().async {
            // Keep signalling until the server has stopped (the handler may not be installed yet).
            while !stop.withLock({ $0 }) {
                kill(getpid(), SIGUSR2)
                usleep(20_000)
            }
        }
        let received = server.runUntilTerminated(signals: [SIGUSR2])
        stop.withLock { $0 = true }
        #expect(received == SIGUSR2)
        #expect(throws: RawClient.Failure.self) { _ = try RawClient(port: port) }
    }
}

@Suite struct HTTPRequestTests {
    @Test func headerLookupIgnoresCase() {
        let request = HTTPRequest(
            method: "GET", path: "/", headers: [("content-TYPE", "a"), ("X-Api-Key", "k"), ("Content-Type", "b")])
        #expect(request.header("Content-Type") == "a")
        #expect(request.header("x-api-key") == "k")
        #expect(request.header("x-api-ke") == nil)
        #expect(request.header("x-api-keys") == nil)
    }

    @Test func queryValuesKeepOrder() {
        let request = HTTPRequest(method: "GET", path: "/", query: [("a", "1"), ("b", "2"), ("a", "3")])
        #expect(request.queryValues("a") == ["1", "3"])
        #expect(request.queryValues("c").isEmpty)
    }
}

@Suite struct HTTPServerErrorResponseTests {
    @Test func defaultErrorResponseIsEscapedJSON() throws {
        let message = "Bad \"input\"\\ here\n\ttab \u{01} é"
        let response = HTTPServer.defaultErrorResponse(400, message, "id-1")
        #expect(response.status == 400)
        #expect(response.headers.map(\.name) == ["Content-Type"])
        #expect(response.headers.first?.value == "application/json; charset=utf-8")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["status"] as? Int == 400)
        #expect(json["message"] as? String == message)
        #expect(json.count == 2)
    }

    @Test func textHelperSetsContentType() {
        let response = HTTPResponse.text(201, "héllo", headers: [("X-A", "b")])
        #expect(response.status == 201)
        #expect(response.body == Array("héllo".utf8))
        #expect(response.headers.first?.value == "text/plain; charset=utf-8")
        #expect(response.headers.last?.name == "X-A")
    }
}
