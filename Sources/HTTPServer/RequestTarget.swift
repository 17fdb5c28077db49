/// The request target (`/path?query`) split and percent-decoded.
struct RequestTarget {
    /// Why a request target was rejected.
    enum Failure: Error, Equatable {
        case notAbsolutePath
        case invalidPercentEncoding(inQuery: Bool)
        case invalidUTF8(inQuery: Bool)

        /// A readable sentence for the 400 response.
        var message: String {
            switch self {
            case .notAbsolutePath: return "The request target must be an absolute path."
            case .invalidPercentEncoding(let inQuery):
                return inQuery
                    ? "The query string contains an invalid percent-encoding."
                    : "The path contains an invalid percent-encoding."
            case .invalidUTF8(let inQuery):
                return inQuery
                    ? "The query string is not valid UTF-8 after percent-decoding."
                    : "The path is not valid UTF-8 after percent-decoding."
            }
        }
    }

    var path: String
    var query: [(name: String, value: String)]

    /// Parses a raw request target as sent on the request line.
    ///
    /// Accepts origin-form (`/a/b?x=1`) and absolute-form (`http://host/a/b?x=1`).
    /// The path is percent-decoded (`+` stays `+`); query items are split on `&`,
    /// name and value at the first `=`, `+` becomes a space and both are percent-decoded.
    /// Empty items (`a=1&&b=2`) are skipped; a name without `=` has the value "".
    static func parse(_ raw: UnsafeBufferPointer<UInt8>) throws(Failure) -> RequestTarget {
        var start = 0
        let count = raw.count
        if count > 0, raw[0] != UInt8(ascii: "/") {
            // absolute-form: scheme "://" authority path
            guard let schemeEnd = find(raw, "://", from: 0) else { throw .notAbsolutePath }
            var i = schemeEnd + 3
            while i < count, raw[i] != UInt8(ascii: "/"), raw[i] != UInt8(ascii: "?") { i += 1 }
            start = i
        }
        var end = start
        while end < count, raw[end] != UInt8(ascii: "?"), raw[end] != UInt8(ascii: "#") { end += 1 }
        var path: String
        if end == start {
            path = "/"
        } else {
            guard raw[start] == UInt8(ascii: "/") else { throw .notAbsolutePath }
            path = try decode(UnsafeBufferPointer(rebasing: raw[start..<end]), plusIsSpace: false, inQuery: false)
        }
        if path.isEmpty { path = "/" }
        var query: [(name: String, value: String)] = []
        if end < count, raw[end] == UInt8(ascii: "?") {
            var qEnd = end + 1
            while qEnd < count, raw[qEnd] != UInt8(ascii: "#") { qEnd += 1 }
            var i = end + 1
            while i < qEnd {
                var j = i
                var eq = -1
                while j < qEnd, raw[j] != UInt8(ascii: "&") {
                    if eq < 0, raw[j] == UInt8(ascii: "=") { eq = j }
                    j += 1
                }
                if j > i {
                    let nameEnd = eq < 0 ? j : eq
                    let name = try decode(
                        UnsafeBufferPointer(rebasing: raw[i..<nameEnd]), plusIsSpace: true, inQuery: true)
                    let value =
                        eq < 0
                        ? ""
                        : try decode(
                            UnsafeBufferPointer(rebasing: raw[(eq + 1)..<j]), plusIsSpace: true, inQuery: true)
                    query.append((name, value))
                }
                i = j + 1
            }
        }
        return RequestTarget(path: path, query: query)
    }

    private static func find(_ raw: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard raw.count >= n else { return nil }
        let bytes = needle.utf8Start
        var i = from
        while i + n <= raw.count {
            var matched = true
            for k in 0..<n where raw[i + k] != bytes[k] {
                matched = false
                break
            }
            if matched { return i }
            i += 1
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-decodes `bytes` into a UTF-8 string.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool, inQuery: Bool) throws(Failure)
        -> String
    {
        // Fast path: nothing to decode.
        var needsDecoding = false
        for byte in bytes where byte == UInt8(ascii: "%") || (plusIsSpace && byte == UInt8(ascii: "+")) {
            needsDecoding = true
            break
        }
        if !needsDecoding {
            guard let string = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8(inQuery: inQuery) }
            return string
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
                else { throw .invalidPercentEncoding(inQuery: inQuery) }
                out.append(high << 4 | low)
                i += 3
            } else if plusIsSpace, byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
                i += 1
            } else {
                out.append(byte)
                i += 1
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else { throw .invalidUTF8(inQuery: inQuery) }
        return string
    }
}
