import HTTPServer

extension TaskRouterEmulator {
    /// Starts an `HTTPServer` serving this emulator on `host`:`port` (0 picks a free
    /// port; read it back from the server's `port`). The caller shuts it down.
    public func start(host: String = "127.0.0.1", port: Int = 0, threads: Int = 4) throws -> HTTPServer {
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: host, port: port, threads: threads), responder: self)
        try server.start()
        return server
    }
}
