import Foundation
import TestSupport

/// A minimal blocking HTTP/1.1 client over a TCP socket, for the cases URLSession hides
/// (keep-alive on one connection, raw request lines, invalid encodings, chunked uploads).
final class RawClient {
    typealias Response = HTTPTestResponse
    typealias Failure = HTTPTestFailure

    private let connection: LoopbackConnection
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        connection = try LoopbackConnection(port: port, receiveTimeout: 10)
    }

    /// Closes both directions of the connection (the descriptor itself is closed on deinit).
    func hangUp() { connection.hangUp() }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        guard connection.send(bytes) == bytes.count else { throw Failure.closed }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        let n = connection.receive(appendingTo: &buffer)
        if n == 0 { return false }
        guard n > 0 else { throw Failure.closed }
        return true
    }

    /// True when the server has closed the connection (reads EOF with nothing buffered).
    func isClosedByServer() throws -> Bool {
        buffer.isEmpty ? try !fill() : false
    }

    /// Reads one response. `head` suppresses body reading (response to HEAD).
    func readResponse(head: Bool = false) throws -> Response {
        var headerEnd = Response.headEnd(in: buffer)
        while headerEnd == nil {
            guard try fill() else { throw Failure.closed }
            headerEnd = Response.headEnd(in: buffer)
        }
        let head0 = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var response = try Response(head: head0, body: [])
        let status = response.status
        if head || status == 204 || status == 304 || status < 200 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            while buffer.count < length { guard try fill() else { throw Failure.closed } }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            throw Failure.malformed("chunked responses are not expected")
        } else {
            while try fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// One request on a fresh connection.
    static func request(
        port: Int, _ method: String, _ target: String, headers: [String] = [], body: [UInt8] = []
    ) throws -> Response {
        let client = try RawClient(port: port)
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for header in headers { text += header + "\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        try client.send(Array(text.utf8) + body)
        return try client.readResponse(head: method == "HEAD")
    }
}
