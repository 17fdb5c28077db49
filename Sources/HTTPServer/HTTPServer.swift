/// An HTTP/1.1 server on libmicrohttpd. (Skeleton: implemented in the HTTP server work.)
public final class HTTPServer: Sendable {
    /// Server settings.
    public struct Configuration: Sendable {
        /// Address to bind; `127.0.0.1` by default.
        public var host: String
        /// Port to bind; 0 picks a free port (read it back from `port`).
        public var port: Int
        /// Worker threads in libmicrohttpd's pool.
        public var threads: Int
        /// Largest accepted request body; larger answers 413.
        public var maxBodyBytes: Int
        /// Idle connection timeout in seconds.
        public var connectionTimeout: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8080, threads: Int = 8, maxBodyBytes: Int = 1 << 20,
            connectionTimeout: Int = 30
        ) {
            self.host = host
            self.port = port
            self.threads = threads
            self.maxBodyBytes = maxBodyBytes
            self.connectionTimeout = connectionTimeout
        }
    }

    public let configuration: Configuration
    let responder: any HTTPResponder

    public init(configuration: Configuration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }
}
