/// Per-request state kept between libmicrohttpd's calls for one request.
///
/// Created when the request line arrives (URI log callback), released when the
/// request completes. Only touched by the worker thread that owns the connection.
final class RequestContext {
    /// When the request line arrived.
    let started: ContinuousClock.Instant
    /// The parsed request target, or why it is invalid.
    let target: Result<RequestTarget, RequestTarget.Failure>
    /// Whether the first access-handler call (headers complete) has been handled.
    var headersRead = false
    /// Set once a response has been queued for this request.
    var answered = false
    /// Whether the body went over the limit (the rest is discarded).
    var tooLarge = false
    /// Bytes discarded after the body went over the limit.
    var discarded = 0
    var method = ""
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var requestID = ""

    init(target: Result<RequestTarget, RequestTarget.Failure>) {
        self.started = .now
        self.target = target
    }

    /// Seconds since the request line arrived.
    var elapsedSeconds: Double {
        let d = started.duration(to: .now).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }

    /// The request as far as it is known, for error responses and the access log.
    func partialRequest() -> HTTPRequest {
        let path: String
        var query: [(name: String, value: String)] = []
        switch target {
        case .success(let t):
            path = t.path
            query = t.query
        case .failure:
            path = ""
        }
        return HTTPRequest(method: method, path: path, query: query, headers: headers, requestID: requestID)
    }
}
