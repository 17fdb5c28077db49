// A tiny server for benchmarking the HTTP layer alone (no store, no JSON encoding).
//
//   HTTPBenchServer [--port N] [--threads N]
//
// Prints `listening on <port>` once it accepts connections, runs until SIGINT/SIGTERM.
// Routes: GET /hello (text), GET /json (small JSON), POST /echo (echoes the body),
// GET /items/{id} (a path parameter through the Router).
import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

var port = 0
var threads = 8
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port": port = Int(arguments.popFirst() ?? "") ?? port
    case "--threads": threads = Int(arguments.popFirst() ?? "") ?? threads
    default:
        print("usage: HTTPBenchServer [--port N] [--threads N]")
        exit(2)
    }
}

let hello = Array("Hello, world!\n".utf8)
let json = Array(#"{"status":200,"message":"Success","data":{"id":"TW-1","name":"bench"}}"#.utf8)
let router = Router()
router.get("/hello") { _ in HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: hello) }
router.get("/json") { _ in .json(200, json) }
router.get("/items/{id}") { request in .text(200, request.parameters["id"] ?? "") }
router.post("/echo") { request in
    HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: request.body)
}

let server = HTTPServer(configuration: .init(port: port, threads: threads), responder: router)
do {
    try server.start()
} catch {
    print("HTTPBenchServer: \(error)")
    exit(1)
}
print("listening on \(server.port)")
fflush(nil)
server.runUntilTerminated()
