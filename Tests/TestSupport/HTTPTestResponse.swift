import Foundation

/// A response as a raw test HTTP client read it off the wire.
public struct HTTPTestResponse: Sendable {
    /// The status code of the status line.
    public var status: Int
    /// The header fields in the order received, names as sent and values trimmed.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// A response with these parts.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Parses the head (the status line and header lines, without the blank line that ends them);
    /// lines without a colon are skipped. `.malformed` when the status line has no status code.
    public init(head: String, body: [UInt8]) throws(HTTPTestFailure) {
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw .malformed(lines[0]) }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        self.init(status: status, headers: headers, body: body)
    }

    /// The offset of the `\r\n\r\n` that ends the head in `bytes`, if it is there yet.
    public static func headEnd(in bytes: [UInt8]) -> Int? {
        let separator: [UInt8] = [13, 10, 13, 10]
        return (0..<max(0, bytes.count - 3)).first { bytes[$0..<$0 + 4].elementsEqual(separator) }
    }

    /// The value of the first header field named `name` (case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body decoded as UTF-8.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
