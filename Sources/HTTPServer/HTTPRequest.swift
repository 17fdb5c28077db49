/// One HTTP request as the server hands it to a responder: fully read, immutable.
public struct HTTPRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    public var method: String
    /// The path without the query string, percent-decoded, e.g. `/companies/CP-1/x`.
    public var path: String
    /// Query parameters in the order they were sent; repeated keys repeat.
    public var query: [(name: String, value: String)]
    /// Header fields; names compared case-insensitively by `header(_:)`.
    public var headers: [(name: String, value: String)]
    /// The raw body bytes (empty when none).
    public var body: [UInt8]
    /// Path parameters filled in by the router (`{companyId}` -> value).
    public var parameters: [String: String]
    /// A request id assigned by the server (also sent back as `X-Request-Id`).
    public var requestID: String

    public init(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        parameters: [String: String] = [:],
        requestID: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.parameters = parameters
        self.requestID = requestID
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { HTTPRequest.namesMatch($0.name, name) }?.value
    }

    /// ASCII case-insensitive comparison of header names, without allocating.
    static func namesMatch(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (var x?, var y?):
                if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                if y >= 0x41 && y <= 0x5A { y |= 0x20 }
                if x != y { return false }
            default: return false
            }
        }
    }

    /// Every value of a query parameter, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }
}
