import HTTPServer

/// An emulator serving on its own `HTTPServer`, with the credentials a client
/// (e.g. sync's embedded target) needs. Made by `TaskRouterEmulator.startEmbedded`.
public struct RunningTaskRouterEmulator: Sendable {
    /// The emulator (seeding, faults, counts).
    public let emulator: TaskRouterEmulator
    /// The server it runs on; `server.port` is the bound port.
    public let server: HTTPServer
    /// `http://host:port`, the API root clients use as TaskRouter base URL.
    public let baseURL: String
    /// HTTP Basic user name (`AC...`).
    public let accountSID: String
    /// HTTP Basic password.
    public let authToken: String

    /// Stops the server (graceful).
    public func stop() { server.shutdown() }
}

extension TaskRouterEmulator {
    /// Starts an emulator with a fresh random account SID and auth token on
    /// `host`:`port` (0 picks a free port), as `twpc serve` embeds it.
    public static func startEmbedded(
        host: String = "127.0.0.1", port: Int = 0, threads: Int = 4,
        clock: (@Sendable () -> Double)? = nil
    ) throws -> RunningTaskRouterEmulator {
        let accountSID = SIDGenerator.make("AC")
        let authToken = String(SIDGenerator.make("").suffix(32))
        let emulator =
            clock.map { TaskRouterEmulator(accountSID: accountSID, authToken: authToken, clock: $0) }
            ?? TaskRouterEmulator(accountSID: accountSID, authToken: authToken)
        let server = try emulator.start(host: host, port: port, threads: threads)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return RunningTaskRouterEmulator(
            emulator: emulator, server: server, baseURL: "http://\(shownHost):\(server.port)", accountSID: accountSID,
            authToken: authToken)
    }
}
