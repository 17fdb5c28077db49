import Glibc
import HTTPServer
import PairingCore

/// Writes one JSON line per request (and per internal error) to a sink, stderr by default.
/// Never writes credentials: only method, path, status, duration, request id and company.
public struct RequestLogger: Sendable {
    public let sink: @Sendable (String) -> Void
    public let clock: @Sendable () -> Int64

    public init(
        clock: @escaping @Sendable () -> Int64 = RequestLogger.systemMicroseconds,
        sink: @escaping @Sendable (String) -> Void = RequestLogger.standardError
    ) {
        self.clock = clock
        self.sink = sink
    }

    /// The access-log line of one request.
    public func access(request: HTTPRequest, response: HTTPResponse, durationSeconds: Double) {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("time", Timestamp.rfc3339(microseconds: clock()))
        writer.field("level", "info")
        writer.field("requestId", request.requestID)
        writer.field("method", request.method)
        writer.field("path", RequestLogger.capped(request.path))
        writer.field("status", response.status)
        writer.key("durationMs")
        writer.number((durationSeconds * 1_000_000).rounded() / 1000)
        writer.field("company", RequestLogger.company(inPath: request.path))
        writer.endObject()
        sink(String(decoding: writer.bytes, as: UTF8.self))
    }

    /// An internal error, with the detail clients never see.
    public func error(requestID: String, message: String, detail: String) {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("time", Timestamp.rfc3339(microseconds: clock()))
        writer.field("level", "error")
        writer.field("requestId", requestID)
        writer.field("message", message)
        writer.field("detail", detail)
        writer.endObject()
        sink(String(decoding: writer.bytes, as: UTF8.self))
    }

    /// The most characters of a path an access-log line shows.
    public static let maximumLoggedPathLength = 1024

    /// `path` cut to ``maximumLoggedPathLength`` characters, marked with `…(N more characters)` when cut,
    /// so a 20 KB path does not make a 20 KB log line.
    public static func capped(_ path: String) -> String {
        guard path.utf8.count > maximumLoggedPathLength, path.count > maximumLoggedPathLength else { return path }
        return String(path.prefix(maximumLoggedPathLength))
            + "…(\(path.count - maximumLoggedPathLength) more characters)"
    }

    /// The `{companyId}` of a `/companies/{companyId}/...` path, if any (its first 64 characters).
    static func company(inPath path: String) -> String? {
        let parts = Router.segments(of: path, limit: 2)
        guard parts.count == 2, parts[0] == "companies" else { return nil }
        return String(parts[1].prefix(64))
    }

    /// Microseconds since the Unix epoch from the system clock.
    public static let systemMicroseconds: @Sendable () -> Int64 = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }

    /// Writes a line to file descriptor 2 in one `write` call (lines do not interleave).
    public static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
