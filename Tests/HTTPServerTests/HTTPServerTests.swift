import Foundation
import HTTPServer
import Synchronization
import Testing

/// Starts a server on a free port with `responder`, runs `body`, shuts the server down.
func withServer<T>(
    _ responder: any HTTPResponder, configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    _ body: (HTTPServer) throws -> T
) throws -> T {
    var configuration = HTTPServer.Configuration(port: 0, threads: 4, connectionTimeout: 10, shutdownTimeout: 5)
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    defer { server.shutdown() }
    return try body(server)
}

/// Echoes the request back as JSON-ish text lines.
let echo = ClosureResponder { request in
    var lines = ["method=\(request.method)", "path=\(request.path)"]
    for item in request.query { lines.append("q:\(item.name)=\(item.value)") }
    lines.append("id=\(request.requestID)")
    lines.append("x-test=\(request.header("x-test") ?? "-")")
    lines.append("body=\(request.body.count)")
    var body = Array(lines.joined(separator: "\n").utf8)
    if request.path == "/body" { body = request.body }
    return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: body)
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
        }
    }
}
