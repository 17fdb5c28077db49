/// Anything that turns a request into a response. Called on a server worker
/// thread; it may block (database, outbound HTTP) but must be thread-safe.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}

/// A responder made from a closure.
public struct ClosureResponder: HTTPResponder {
    let body: @Sendable (HTTPRequest) -> HTTPResponse
    public init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.body = body }
    public func respond(to request: HTTPRequest) -> HTTPResponse { body(request) }
}
