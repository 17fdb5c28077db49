/// Percent-decoding of request targets (path and query items).
enum RequestTarget {
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

    /// Percent-decodes the path of a request target as libmicrohttpd hands it over (query
    /// already split off). Accepts origin-form (`/a/b`) and absolute-form (`http://host/a/b`);
    /// `+` stays `+`; a fragment (`#...`) is dropped; an empty path is `/`.
    static func decodePath(_ raw: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        var start = 0
        let count = raw.count
        if count > 0, raw[0] != UInt8(ascii: "/") {
            // absolute-form: scheme "://" authority path
            guard let schemeEnd = find(raw, "://", from: 0) else { throw .notAbsolutePath }
            var i = schemeEnd + 3
            while i < count, raw[i] != UInt8(ascii: "/") { i += 1 }
            start = i
        }
        var end = start
        while end < count, raw[end] != UInt8(ascii: "?"), raw[end] != UInt8(ascii: "#") { end += 1 }
        if end == start { return "/" }
        return try decode(UnsafeBufferPointer(rebasing: raw[start..<end]), plusIsSpace: false, inQuery: false)
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
