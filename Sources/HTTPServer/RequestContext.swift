/// Per-request state kept between libmicrohttpd's calls for one request.
///
/// Created on the first access-handler call for a request (headers complete), released by the
/// request-completed callback, which libmicrohttpd guarantees once the handler has run. Only
/// touched by the worker thread that owns the connection.
final class RequestContext {
    /// When the request headers were complete.
    let started: ContinuousClock.Instant
    /// The percent-decoded path ("" when invalid).
    var path = ""
    /// The decoded query items.
    var query: [(name: String, value: String)] = []
    /// Why the request target is invalid, if it is.
    var targetFailure: RequestTarget.Failure?
    /// Set once a response has been queued for this request.
    var answered = false
    /// Whether this request counts in the server's in-flight number (fully read, being answered).
    var inFlight = false
    /// Whether the body went over the limit (the rest is discarded).
    var tooLarge = false
    /// Bytes discarded after the body went over the limit.
    var discarded = 0
    var method = ""
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var requestID = ""

    init() {
        self.started = .now
    }

    /// Seconds since the request line arrived.
    var elapsedSeconds: Double {
        let d = started.duration(to: .now).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }

    /// The request as far as it is known, for error responses and the access log.
    func partialRequest() -> HTTPRequest {
        HTTPRequest(method: method, path: path, query: query, headers: headers, requestID: requestID)
    }
}
