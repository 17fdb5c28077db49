import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server on libmicrohttpd.
///
/// libmicrohttpd does the HTTP work (parsing, keep-alive, chunked bodies, `HEAD`,
/// `Content-Length`); this class runs it with a pool of worker threads (epoll), reads each
/// request fully (body limit `maxBodyBytes`, larger answers 413), hands it to the responder on
/// the worker thread and sends the response back with an `X-Request-Id`.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 0), responder: router)
/// try server.start()
/// print(server.port)
/// server.runUntilTerminated()  // blocks until SIGINT/SIGTERM, then shuts down gracefully
/// ```
public final class HTTPServer: Sendable {
    /// Server settings.
    public struct Configuration: Sendable {
        /// Address to bind; `127.0.0.1` by default (a numeric address or a host name).
        public var host: String
        /// Port to bind; 0 picks a free port (read it back from `port`).
        public var port: Int
        /// Worker threads in libmicrohttpd's pool.
        public var threads: Int
        /// Largest accepted request body; larger answers 413.
        public var maxBodyBytes: Int
        /// Idle connection timeout in seconds.
        public var connectionTimeout: Int
        /// Builds the server's own error responses (400 malformed target, 413 body too large).
        /// Arguments: status, a readable message, the request id.
        /// The default is `{"status":<status>,"message":"<message>"}` as JSON.
        public var errorResponse: @Sendable (_ status: Int, _ message: String, _ requestID: String) -> HTTPResponse
        /// Called once per request right after its response is queued (also for the server's own
        /// 400/413), on the worker thread: the request as far as it was read, the response as sent
        /// (with `X-Request-Id`), and the seconds since the request line arrived.
        public var onResponse: (@Sendable (HTTPRequest, HTTPResponse, _ durationSeconds: Double) -> Void)?
        /// How long `shutdown()` waits for in-flight requests before stopping anyway, in seconds.
        public var shutdownTimeout: Double
        /// Listen backlog for the server socket.
        public var listenBacklog: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8080, threads: Int = 8, maxBodyBytes: Int = 1 << 20,
            connectionTimeout: Int = 30,
            errorResponse:
                @escaping @Sendable (_ status: Int, _ message: String, _ requestID: String) ->
                HTTPResponse = HTTPServer.defaultErrorResponse,
            onResponse: (@Sendable (HTTPRequest, HTTPResponse, _ durationSeconds: Double) -> Void)? = nil,
            shutdownTimeout: Double = 30, listenBacklog: Int = 1024
        ) {
            self.host = host
            self.port = port
            self.threads = threads
            self.maxBodyBytes = maxBodyBytes
            self.connectionTimeout = connectionTimeout
            self.errorResponse = errorResponse
            self.onResponse = onResponse
            self.shutdownTimeout = shutdownTimeout
            self.listenBacklog = listenBacklog
        }
    }

    /// Why the server could not start.
    public enum StartError: Error, CustomStringConvertible {
        case alreadyStarted
        case invalidAddress(String)
        case socket(operation: String, errno: Int32)
        case daemon

        public var description: String {
            switch self {
            case .alreadyStarted: return "the server was already started"
            case .invalidAddress(let host): return "cannot resolve the listen address \(host)"
            case .socket(let operation, let code):
                return "\(operation) failed: \(String(cString: strerror(code)))"
            case .daemon: return "libmicrohttpd failed to start"
            }
        }
    }

    /// The default error response: `{"status":413,"message":"..."}` with
    /// `Content-Type: application/json; charset=utf-8`.
    public static let defaultErrorResponse: @Sendable (Int, String, String) -> HTTPResponse = { status, message, _ in
        var json = "{\"status\":\(status),\"message\":"
        appendJSONString(message, to: &json)
        json += "}"
        return HTTPResponse.json(status, Array(json.utf8))
    }

    private struct Daemon: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private struct State: Sendable {
        var daemon: Daemon?
        var port = 0
        var started = false
    }

    public let configuration: Configuration
    let responder: any HTTPResponder
    let core: ServerCore
    private let state = Mutex(State())

    public init(configuration: Configuration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        self.core = ServerCore(configuration: configuration, responder: responder)
    }

    deinit {
        let daemon = state.withLock { state -> Daemon? in
            defer { state.daemon = nil }
            return state.daemon
        }
        if let daemon { MHD_stop_daemon(daemon.pointer) }
    }

    /// The bound port (useful with `port: 0`); 0 before `start()`.
    public var port: Int { state.withLock { $0.port } }

    /// Requests fully read (or answered early) whose response has not been sent completely yet.
    /// Requests still uploading their body do not count.
    public var inFlightRequests: Int { core.inFlight.load(ordering: .relaxed) }

    /// Binds the socket and starts the worker threads. Returns once the server accepts connections.
    public func start() throws {
        try state.withLock { state in
            guard !state.started else { throw StartError.alreadyStarted }
            let (fd, port) = try HTTPServer.listen(
                host: configuration.host, port: configuration.port, backlog: configuration.listenBacklog)
            // ITC is needed for quiesce; TURBO reads/writes opportunistically before polling.
            let flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue | MHD_USE_TURBO.rawValue
            let cls = Unmanaged.passUnretained(core).toOpaque()
            let clsArgument = OpaquePointer(cls)
            let unescape: UnescapeCallback = mhdKeepEscaped
            let completed: CompletedCallback = mhdCompleted
            var arguments: [any CVarArg] = [
                CInt(bitPattern: MHD_OPTION.LISTEN_SOCKET.rawValue), CInt(fd),
                CInt(bitPattern: MHD_OPTION.CONNECTION_TIMEOUT.rawValue),
                CUnsignedInt(clamping: max(configuration.connectionTimeout, 0)),
                CInt(bitPattern: MHD_OPTION.UNESCAPE_CALLBACK.rawValue),
                unsafeBitCast(unescape, to: OpaquePointer.self),
                clsArgument,
                CInt(bitPattern: MHD_OPTION.NOTIFY_COMPLETED.rawValue),
                unsafeBitCast(completed, to: OpaquePointer.self), clsArgument,
            ]
            if configuration.threads > 1 {
                arguments += [
                    CInt(bitPattern: MHD_OPTION.THREAD_POOL_SIZE.rawValue), CUnsignedInt(configuration.threads),
                ]
            }
            arguments.append(CInt(bitPattern: MHD_OPTION.END.rawValue))
            let daemon = withVaList(arguments) { va in
                MHD_start_daemon_va(flags, 0, nil, nil, mhdAccess, cls, va)
            }
            guard let daemon else {
                close(fd)
                throw StartError.daemon
            }
            state.daemon = Daemon(pointer: daemon)
            state.port = port
            state.started = true
        }
    }

    /// Stops gracefully: stops accepting connections, lets in-flight requests finish (at most
    /// `shutdownTimeout` seconds; their responses carry `Connection: close`), then stops the
    /// worker threads and closes idle connections. Safe to call more than once; must not be called
    /// from a responder (it waits for the worker threads).
    public func shutdown() {
        let taken = state.withLock { state -> Daemon? in
            defer { state.daemon = nil }
            return state.daemon
        }
        guard let daemon = taken else { return }
        core.draining.store(true, ordering: .relaxed)
        let quiesced = MHD_quiesce_daemon(daemon.pointer)
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(configuration.shutdownTimeout * 1000)))
        // Wait until no request is in flight twice in a row (a keep-alive client may have had a
        // request on the wire when the first zero was seen), or until the deadline.
        var idleChecks = 0
        while idleChecks < 2, ContinuousClock.now < deadline {
            idleChecks = core.inFlight.load(ordering: .relaxed) == 0 ? idleChecks + 1 : 0
            usleep(2000)
        }
        MHD_stop_daemon(daemon.pointer)
        // After quiescing the listen socket is ours to close (otherwise libmicrohttpd closed it).
        if quiesced >= 0 { close(quiesced) }
    }

    /// Creates, binds and listens on the server socket; returns it with the bound port.
    private static func listen(host: String, port: Int, backlog: Int) throws -> (Int32, Int) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list) == 0, let list else {
            throw StartError.invalidAddress(host)
        }
        defer { freeaddrinfo(list) }
        let info = list.pointee
        let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        guard fd >= 0 else { throw StartError.socket(operation: "socket", errno: errno) }
        var one: CInt = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
        guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(operation: "bind \(host):\(port)", errno: code)
        }
        guard Glibc.listen(fd, CInt(clamping: backlog)) == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(operation: "listen", errno: code)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let bound = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw StartError.socket(operation: "getsockname", errno: code)
        }
        let family = Int32(storage.ss_family)
        let boundPort: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
        }
        return (fd, Int(UInt16(bigEndian: boundPort)))
    }
}

/// Appends `string` as a JSON string literal (quoted, escaped).
func appendJSONString(_ string: String, to out: inout String) {
    out.append("\"")
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": out.append("\\\"")
        case "\\": out.append("\\\\")
        case "\n": out.append("\\n")
        case "\r": out.append("\\r")
        case "\t": out.append("\\t")
        default:
            if scalar.value < 0x20 {
                let hex = RequestIDGenerator.hex(UInt64(scalar.value))
                out.append("\\u" + hex.suffix(4))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out.append("\"")
}
