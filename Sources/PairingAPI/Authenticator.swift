import HTTPServer
import PairingCore
import PairingStore

/// Authenticates requests by API key (api.md section 10): `X-API-KEY: <key>` or
/// `Authorization: Bearer <key>`. Keys are looked up by their SHA-256 hash and the
/// hash compared in constant time. Nothing is cached, so a revoked key stops working
/// at once in every process sharing the database.
public struct Authenticator: Sendable {
    public let store: any PairingStore

    public init(store: any PairingStore) { self.store = store }

    /// The principal of `request`, or 401.
    public func authenticate(_ request: HTTPRequest) throws(APIError) -> Principal {
        guard let key = try Authenticator.credential(in: request) else {
            throw APIError(
                401, "Missing credentials: send an API key in the X-API-KEY header or as Authorization: Bearer <key>.",
                headers: [("WWW-Authenticate", "Bearer")])
        }
        let digest = APIKeyCrypto.sha256(Array(key.utf8))
        let hash = APIKeyCrypto.hex(digest)
        let record: APIKeyRecord?
        do {
            record = try store.apiKey(hash: hash)
        } catch {
            throw PairingApplication.apiError(for: error)
        }
        guard let record, record.revokedAt == nil,
            APIKeyCrypto.constantTimeEqual(Array(record.hash.utf8), Array(hash.utf8))
        else {
            throw APIError(401, "Unknown or revoked API key.", headers: [("WWW-Authenticate", "Bearer")])
        }
        return Principal(keyID: record.id, companyID: record.companyID)
    }

    /// Refuses (403) a principal that may not act for `companyID`.
    public func authorize(_ principal: Principal, companyID: String) throws(APIError) {
        if let own = principal.companyID, own != companyID {
            throw APIError(403, "This API key is not valid for company \(Self.shorten(companyID)).")
        }
    }

    /// The credential sent with the request, if any; 401 for a malformed Authorization header.
    static func credential(in request: HTTPRequest) throws(APIError) -> String? {
        if let key = request.header("X-API-KEY") {
            let trimmed = key.trimming(" \t")
            guard !trimmed.isEmpty else {
                throw APIError(401, "The X-API-KEY header is empty.", headers: [("WWW-Authenticate", "Bearer")])
            }
            return trimmed
        }
        guard let authorization = request.header("Authorization") else { return nil }
        let parts = authorization.trimming(" \t").split(
            separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(
                401, "Unsupported Authorization header: use 'Authorization: Bearer <API key>'.",
                headers: [("WWW-Authenticate", "Bearer")])
        }
        let token = String(parts[1]).trimming(" \t")
        guard !token.isEmpty else {
            throw APIError(401, "The bearer token is empty.", headers: [("WWW-Authenticate", "Bearer")])
        }
        return token
    }

    static func shorten(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "..." : text
    }
}

extension String {
    /// The text without leading and trailing characters of `set`.
    func trimming(_ set: String) -> String {
        // Nothing to trim when neither end's byte is in an ASCII set (a character equal to an ASCII
        // one is that one byte): the usual case, without building a set or walking characters.
        if set.utf8.allSatisfy({ $0 < 0x80 }), let first = utf8.first, let last = utf8.last,
            !set.utf8.contains(first), !set.utf8.contains(last)
        {
            return self
        }
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
