extension HTTPResponse {
    /// The header that marks a response as "close the connection without answering".
    /// `HTTPServer` never sends such a response: it drops the connection instead.
    /// Used by the TaskRouter emulator's fault injection.
    public static let dropConnectionHeader = "X-TWPC-Drop-Connection"

    /// A response the server answers by closing the connection without a reply.
    public static var dropConnection: HTTPResponse {
        HTTPResponse(status: 500, headers: [(dropConnectionHeader, "1")])
    }

    /// Whether this response asks the server to drop the connection.
    public var dropsConnection: Bool {
        headers.contains { HTTPRequest.namesMatch($0.name, HTTPResponse.dropConnectionHeader) }
    }
}
