/// One HTTP request of the TaskRouter client, as handed to a transport.
public struct TaskRouterHTTPRequest: Sendable, Hashable {
    /// Upper-case method: `GET`, `POST` or `DELETE`.
    public var method: String
    /// The absolute URL, query string included.
    public var url: String
    /// Header fields (authorization, content type, accept).
    public var headers: [String: String]
    /// The form-encoded body (empty for `GET` and `DELETE`).
    public var body: [UInt8]
    /// How long the transport may wait for the answer, in seconds.
    public var timeout: Double

    public init(method: String, url: String, headers: [String: String] = [:], body: [UInt8] = [], timeout: Double = 30)
    {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response as a transport returns it.
public struct TaskRouterHTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header fields with lower-cased names.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// A failure to get any HTTP response (refused or dropped connection, timeout, bad URL).
public struct TaskRouterTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Sends requests over the wire. `URLSessionTransport` in production; tests wrap
/// it to count requests or inject faults. Throws `TaskRouterTransportError` when
/// no response arrived.
public protocol TaskRouterTransport: Sendable {
    func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse
}
