import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The state shared by libmicrohttpd's callbacks: configuration, responder, counters.
final class ServerCore: Sendable {
    let configuration: HTTPServer.Configuration
    let responder: any HTTPResponder
    let ids = RequestIDGenerator()
    /// Requests fully read (or answered early) whose response has not been sent completely.
    /// A request still uploading its body does not count: libmicrohttpd may only notice that
    /// such a client went away at the connection timeout, and shutdown must not wait for that.
    let inFlight = Atomic<Int>(0)
    /// Set during graceful shutdown: responses then carry `Connection: close`.
    let draining = Atomic<Bool>(false)

    init(configuration: HTTPServer.Configuration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Creates the context for a request whose headers are complete: decodes the path and query.
    func makeContext(connection: OpaquePointer, url: UnsafePointer<CChar>?) -> RequestContext {
        let context = RequestContext()
        guard let url else {
            context.targetFailure = .notAbsolutePath
            return context
        }
        let length = strlen(url)
        do {
            context.path = try url.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                try RequestTarget.decodePath(UnsafeBufferPointer(start: bytes, count: length))
            }
        } catch {
            context.targetFailure = (error as? RequestTarget.Failure) ?? .notAbsolutePath
            return context
        }
        let unmanaged = Unmanaged.passUnretained(context)
        _ = MHD_get_connection_values_n(connection, .GET_ARGUMENT_KIND, mhdCollectArgument, unmanaged.toOpaque())
        return context
    }

    /// Counts `context` as in flight (once).
    func markInFlight(_ context: RequestContext) {
        guard !context.inFlight else { return }
        context.inFlight = true
        inFlight.wrappingAdd(1, ordering: .relaxed)
    }

    func requestFinished(_ context: RequestContext) {
        if context.inFlight { inFlight.wrappingSubtract(1, ordering: .relaxed) }
    }

    /// One access-handler call. See libmicrohttpd's `MHD_AccessHandlerCallback`.
    func handle(
        connection: OpaquePointer, context: RequestContext, method: UnsafePointer<CChar>?,
        uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>
    ) -> MHD_Result {
        if context.answered {
            // A response is already queued (e.g. an early 413); drop whatever still arrives.
            uploadDataSize.pointee = 0
            return .YES
        }
        let size = uploadDataSize.pointee
        if size > 0 {
            uploadDataSize.pointee = 0
            if context.tooLarge {
                context.discarded += size
                // Do not swallow an endless upload: give up on the connection.
                return context.discarded > 4 * max(configuration.maxBodyBytes, 1 << 20) ? MHD_Result.NO : MHD_Result.YES
            }
            if context.body.count + size > configuration.maxBodyBytes {
                // libmicrohttpd cannot queue a response while body data is being delivered;
                // discard the rest and answer 413 once the request is complete.
                context.tooLarge = true
                context.discarded = context.body.count + size
                context.body = []
                return .YES
            }
            if let uploadData {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) { bytes in
                    context.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: size))
                }
            }
            return .YES
        }
        // The request is complete.
        if context.tooLarge {
            return sendError(413, tooLargeMessage, connection: connection, context: context)
        }
        markInFlight(context)
        let request = HTTPRequest(
            method: context.method, path: context.path, query: context.query, headers: context.headers,
            body: context.body, requestID: context.requestID)
        context.body = []
        var response = responder.respond(to: request)
        if response.dropsConnection {
            // HTTPResponse.dropConnection (fault injection): close without answering.
            context.answered = true
            return .NO
        }
        if response.status < 200 || response.status > 999 {
            // Not a final HTTP status: a bug in the responder; never send it.
            response = configuration.errorResponse(500, "Internal server error.", context.requestID)
        }
        return send(response, for: request, connection: connection, context: context)
    }

    private var tooLargeMessage: String {
        "The request body is larger than the limit of \(configuration.maxBodyBytes) bytes."
    }

    /// The first access-handler call for a request: headers are complete, no body read yet.
    func headersComplete(connection: OpaquePointer, context: RequestContext, method: UnsafePointer<CChar>?)
        -> MHD_Result
    {
        context.method = method.map { ServerCore.upperCased(String(cString: $0)) } ?? "GET"
        let unmanaged = Unmanaged.passUnretained(context)
        _ = MHD_get_connection_values_n(connection, .HEADER_KIND, mhdCollectHeader, unmanaged.toOpaque())
        var contentLength: Int?
        var clientID: String?
        for (name, value) in context.headers {
            if contentLength == nil, ServerCore.equalsIgnoringCase(name, "content-length") {
                contentLength = Int(value)
            } else if clientID == nil, ServerCore.equalsIgnoringCase(name, "x-request-id") {
                clientID = value
            }
        }
        if let clientID, RequestIDGenerator.isSane(clientID) {
            context.requestID = clientID
        } else {
            context.requestID = ids.next()
        }
        if let failure = context.targetFailure {
            return sendError(400, failure.message, connection: connection, context: context)
        }
        if let contentLength {
            if contentLength > configuration.maxBodyBytes {
                return sendError(413, tooLargeMessage, connection: connection, context: context)
            }
            // Reserve up front (no regrowth copies) but do not let a slow client pin a full
            // megabyte per connection before sending it.
            if contentLength > 0 { context.body.reserveCapacity(min(contentLength, 256 * 1024)) }
        }
        return .YES
    }

    /// Answers with the configured error response (400, 413, 500).
    func sendError(_ status: Int, _ message: String, connection: OpaquePointer, context: RequestContext)
        -> MHD_Result
    {
        let response = configuration.errorResponse(status, message, context.requestID)
        return send(response, for: context.partialRequest(), connection: connection, context: context)
    }

    /// Queues `response`, adding `X-Request-Id` (and `Connection: close` while draining), then calls the
    /// access-log hook.
    func send(_ response: HTTPResponse, for request: HTTPRequest, connection: OpaquePointer, context: RequestContext)
        -> MHD_Result
    {
        markInFlight(context)
        context.answered = true
        let status = response.status
        let bodyAllowed = status >= 200 && status != 204 && status != 304
        let mhdResponse: OpaquePointer?
        if bodyAllowed, !response.body.isEmpty {
            mhdResponse = response.body.withUnsafeBytes { bytes in
                MHD_create_response_from_buffer(
                    bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
            }
        } else {
            mhdResponse = MHD_create_response_from_buffer(0, nil, .RESPMEM_PERSISTENT)
        }
        guard let mhdResponse else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        var hasRequestID = false
        for (name, value) in response.headers {
            if ServerCore.equalsIgnoringCase(name, "content-length")
                || ServerCore.equalsIgnoringCase(name, "transfer-encoding")
            {
                continue  // libmicrohttpd sets these itself
            }
            if !hasRequestID, ServerCore.equalsIgnoringCase(name, "x-request-id") { hasRequestID = true }
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        if !hasRequestID { _ = MHD_add_response_header(mhdResponse, "X-Request-Id", context.requestID) }
        if draining.load(ordering: .relaxed) { _ = MHD_add_response_header(mhdResponse, "Connection", "close") }
        let queued = MHD_queue_response(connection, UInt32(clamping: status), mhdResponse)
        if let onResponse = configuration.onResponse {
            var logged = response
            if !hasRequestID { logged.headers.append(("X-Request-Id", context.requestID)) }
            onResponse(request, logged, context.elapsedSeconds)
        }
        return queued
    }

    static func upperCased(_ method: String) -> String {
        for byte in method.utf8 where byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
            return method.uppercased()
        }
        return method
    }

    /// ASCII case-insensitive comparison; `lowercase` must be lower-case ASCII.
    static func equalsIgnoringCase(_ string: String, _ lowercase: StaticString) -> Bool {
        let other = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        var utf8 = string.utf8.makeIterator()
        for expected in other {
            guard var byte = utf8.next() else { return false }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return utf8.next() == nil
    }
}
