/// Routes requests by method and path pattern to handlers.
///
/// Patterns are literal segments and `{name}` parameters, e.g.
/// `/companies/{companyId}/task-worker-pairing-configs/{id}`. Literal segments win
/// over parameters. A path that matches no pattern answers `notFound`; a path that
/// matches only with another method answers `methodNotAllowed` with an `Allow` header.
public final class Router: HTTPResponder, @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private enum Segment: Equatable {
        case literal(String)
        case parameter(String)
    }

    private struct Route {
        let method: String
        let segments: [Segment]
        let handler: Handler
    }

    // Routes are added before the server starts and only read afterwards.
    private var routes: [Route] = []
    private let notFound: @Sendable (HTTPRequest) -> HTTPResponse
    private let methodNotAllowed: @Sendable (HTTPRequest, [String]) -> HTTPResponse

    /// - Parameters:
    ///   - notFound: the response when no route matches the path.
    ///   - methodNotAllowed: the response when the path matches with other methods (given, sorted);
    ///     the router adds the `Allow` header itself.
    public init(
        notFound: @escaping @Sendable (HTTPRequest) -> HTTPResponse = { _ in HTTPResponse(status: 404) },
        methodNotAllowed: @escaping @Sendable (HTTPRequest, [String]) -> HTTPResponse = { _, _ in
            HTTPResponse(status: 405)
        }
    ) {
        self.notFound = notFound
        self.methodNotAllowed = methodNotAllowed
    }

    /// Adds a route. Call before the server starts.
    public func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        let segments = Router.segments(of: pattern).map { part -> Segment in
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        routes.append(Route(method: method.uppercased(), segments: segments, handler: handler))
    }

    public func get(_ pattern: String, _ handler: @escaping Handler) { add("GET", pattern, handler) }
    public func post(_ pattern: String, _ handler: @escaping Handler) { add("POST", pattern, handler) }
    public func put(_ pattern: String, _ handler: @escaping Handler) { add("PUT", pattern, handler) }
    public func delete(_ pattern: String, _ handler: @escaping Handler) { add("DELETE", pattern, handler) }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let parts = Router.segments(of: request.path)
        let method = request.method == "HEAD" ? "GET" : request.method
        // The resource is the most specific pattern that matches the path (the most literal
        // segments); only routes of that pattern answer, so `PUT /x/sync` is a 405 of the
        // `/x/sync` resource, not a `PUT /x/{id}` with id "sync". First added wins a tie.
        var bestLiterals = -1
        for route in routes {
            if let literals = Router.literalMatches(route.segments, parts), literals > bestLiterals {
                bestLiterals = literals
            }
        }
        guard bestLiterals >= 0 else { return notFound(request) }
        var allowed: Set<String> = []
        for route in routes where Router.literalMatches(route.segments, parts) == bestLiterals {
            guard route.method == method else {
                allowed.insert(route.method)
                continue
            }
            var routed = request
            for (segment, part) in zip(route.segments, parts) {
                if case .parameter(let name) = segment { routed.parameters[name] = String(part) }
            }
            return route.handler(routed)
        }
        let methods = allowed.sorted()
        var response = methodNotAllowed(request, methods)
        response.headers.append(("Allow", methods.joined(separator: ", ")))
        return response
    }

    /// The path's non-empty segments between `/`, at most `limit` of them (split on the byte: no grapheme
    /// breaking per character). Substrings share the path's storage; only the parameters of the matched
    /// route become strings of their own.
    public static func segments(of path: String, limit: Int = .max) -> [Substring] {
        // Offsets from one pass over the contiguous UTF-8 bytes; `String.UTF8View` indexing per byte
        // costs several times more.
        var ranges: [(start: Int, end: Int)] = []
        let scanned: Void? = path.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            var offset = 0
            while offset <= bytes.count, ranges.count < limit {
                if offset == bytes.count || bytes[offset] == UInt8(ascii: "/") {
                    if start < offset { ranges.append((start, offset)) }
                    start = offset + 1
                }
                offset += 1
            }
        }
        guard scanned != nil else {
            // Not contiguous (a bridged string): the slower way.
            return Array(
                path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).prefix(limit).map {
                    Substring($0)
                })
        }
        let utf8 = path.utf8
        return ranges.map { range in
            path[utf8.index(utf8.startIndex, offsetBy: range.start)..<utf8.index(utf8.startIndex, offsetBy: range.end)]
        }
    }

    /// The number of literal segments if `parts` matches `segments`, else nil.
    private static func literalMatches(_ segments: [Segment], _ parts: [Substring]) -> Int? {
        guard segments.count == parts.count else { return nil }
        var literals = 0
        for (segment, part) in zip(segments, parts) {
            if case .literal(let text) = segment {
                guard text == part else { return nil }
                literals += 1
            }
        }
        return literals
    }
}
