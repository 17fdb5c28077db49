import PairingCore

/// The list endpoint's query parameters (api.md section 6), validated.
public struct ListQuery: Sendable {
    public static let defaultLimit = 25
    public static let maxLimit = 100
    static let known: Set<String> = ["limit", "sortBy", "startingAfter", "endingBefore"]

    public var limit: Int
    public var sort: ConfigSort
    /// The cursor parameter used (`endingBefore` wins over `startingAfter`) and the config it names.
    public var cursor: (name: String, reference: ConfigReference)?

    /// Parses the query; 400 naming the parameter for anything invalid or unknown.
    public static func parse(_ query: [(name: String, value: String)]) throws(APIError) -> ListQuery {
        for (name, _) in query where !known.contains(name) {
            throw APIError.badRequest(
                "Unknown query parameter '\(Authenticator.shorten(name))'; use limit, sortBy, startingAfter or endingBefore.",
                field: Authenticator.shorten(name))
        }
        func single(_ name: String) throws(APIError) -> String? {
            let values = query.filter { $0.name == name }.map(\.value)
            guard values.count <= 1 else { throw APIError.badRequest("\(name) is given more than once.", field: name) }
            return values.first
        }
        var limit = defaultLimit
        let limitText = try single("limit")
        if let limitText {
            let bytes = Array(limitText.utf8)
            guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(limitText),
                value >= 1, value <= maxLimit
            else {
                throw APIError.badRequest(
                    "limit must be an integer from 1 to 100, not '\(Authenticator.shorten(limitText))'.", field: "limit"
                )
            }
            limit = value
        }
        let sort: ConfigSort
        do {
            sort = try ConfigSort.parse(query.filter { $0.name == "sortBy" }.map(\.value))
        } catch {
            throw APIError.badRequest(error.message + ".", field: "sortBy")
        }
        var cursor: (String, ConfigReference)?
        for name in ["startingAfter", "endingBefore"] {
            guard let text = try single(name) else { continue }
            do {
                cursor = (name, try ConfigReference.parse(text))
            } catch {
                throw APIError.badRequest("\(name): \(error.message).", field: name)
            }
        }
        return ListQuery(limit: limit, sort: sort, cursor: cursor)
    }

    /// A relative page URL repeating `limit` and `sortBy`, with the link's cursor.
    public func url(base: String, link: ConfigPaging.Link) -> String {
        var parts: [String] = []
        parts.append("limit=\(limit)")
        if !sort.terms.isEmpty { parts.append("sortBy=" + ListQuery.escape(sort.queryValue)) }
        switch link.cursor {
        case .startingAfter(let id)?: parts.append("startingAfter=" + ListQuery.escape(id))
        case .endingBefore(let id)?: parts.append("endingBefore=" + ListQuery.escape(id))
        case nil: break
        }
        return parts.isEmpty ? base : base + "?" + parts.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters and `,`.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
