import Foundation
import TestSupport

/// A blocking HTTP/1.1 client: one request per connection (`Connection: close`), reads to EOF.
enum TestHTTPClient {
    typealias Failure = HTTPTestFailure

    static func send(port: Int, _ raw: [UInt8]) throws -> TestResponse {
        let connection = try LoopbackConnection(port: port, receiveTimeout: 20)
        // The server may answer (413) and close before reading everything: what was not sent is dropped.
        _ = connection.send(raw)
        var received: [UInt8] = []
        while connection.receive(appendingTo: &received) > 0 {}
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> TestResponse {
        guard let end = TestResponse.headEnd(in: bytes) else {
            throw Failure.malformed(String(decoding: bytes.prefix(200), as: UTF8.self))
        }
        var response = try TestResponse(
            head: String(decoding: bytes[0..<end], as: UTF8.self), body: Array(bytes[(end + 4)...]))
        if response.headers.contains(where: {
            $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked"
        }) {
            response.body = dechunk(response.body)
        }
        return response
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 })
            else {
                break
            }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";")[0]
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            out.append(contentsOf: bytes[(lineEnd + 2)..<min(bytes.count, lineEnd + 2 + size)])
            index = lineEnd + 2 + size + 2
        }
        return out
    }
}
