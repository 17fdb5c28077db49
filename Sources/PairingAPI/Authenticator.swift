import HTTPServer
import PairingCore
import PairingStore

/// Authenticates requests by API key (api.md section 10): `X-API-KEY: <key>` or
/// `Authorization: Bearer <key>`, or by a token of `POST /auth/token` (`Authorization: Bearer twpct....`).
/// Keys are looked up by their SHA-256 hash and the hash compared in constant time; a token names
/// its key's hash and is accepted only while that key exists unrevoked. Nothing is cached, so a revoked
/// key (and every token of it) stops working at once in every process sharing the database.
public struct Authenticator: Sendable {
    public let store: any PairingStore
    /// Signs and checks bearer tokens.
    public let tokens: AuthTokenSigner
    /// Microseconds since the Unix epoch (token expiry).
    public let clock: @Sendable () -> Int64

    public init(
        store: any PairingStore, tokens: AuthTokenSigner = .random(),
        clock: @escaping @Sendable () -> Int64 = RequestLogger.systemMicroseconds
    ) {
        self.store = store
        self.tokens = tokens
        self.clock = clock
    }

    /// The live API key record the request authenticates with, and whether it came as a token; or 401.
    public func authenticatedKey(_ request: HTTPRequest) throws(APIError) -> (record: APIKeyRecord, viaToken: Bool) {
        let (hash, viaToken) = try keyHash(request)
        let record: APIKeyRecord?
        do {
            record = try store.apiKey(hash: hash)
        } catch {
            throw PairingApplication.apiError(for: error)
        }
        return (try accept(record, hash: hash, viaToken: viaToken), viaToken)
    }

    /// The SHA-256 hash (lower-case hex) of the key the request's credential stands for, and whether the
    /// credential is a token; 401 when there is none, the header is malformed, or the token is invalid.
    public func keyHash(_ request: HTTPRequest) throws(APIError) -> (hash: String, viaToken: Bool) {
        guard let credential = try Authenticator.credential(in: request) else {
            throw APIError(
                401, "Missing credentials: send an API key in the X-API-KEY header or as Authorization: Bearer <key>.",
                headers: [("WWW-Authenticate", "Bearer")])
        }
        guard credential.hasPrefix(AuthTokenSigner.prefix) else { return (APIKeyCrypto.sha256Hex(credential), false) }
        do {
            return (try tokens.verify(credential, now: clock() / 1_000_000).keyHash, true)
        } catch {
            let reason =
                error == .expired ? "The token has expired; get a new one from POST /auth/token." : "Invalid token."
            throw APIError(401, reason, headers: [("WWW-Authenticate", "Bearer")])
        }
    }

    /// `record` (the key stored under `hash`, as read) when it is live and its hash matches in constant
    /// time; 401 otherwise.
    public func accept(_ record: APIKeyRecord?, hash: String, viaToken: Bool) throws(APIError) -> APIKeyRecord {
        guard let record, record.revokedAt == nil,
            APIKeyCrypto.constantTimeEqual(Array(record.hash.utf8), Array(hash.utf8))
        else {
            let message = viaToken ? "The token's API key was revoked." : "Unknown or revoked API key."
            throw APIError(401, message, headers: [("WWW-Authenticate", "Bearer")])
        }
        return record
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

    /// `text` for a message: its first 40 characters (then `...`), control characters shown as `U+XXXX`
    /// so that none is invisible in the message.
    static func shorten(_ text: String) -> String {
        shown(text, limit: 40)
    }

    /// The first `limit` characters of `text` (then `...`), control characters (C0, DEL, C1) as `U+XXXX`.
    static func shown(_ text: String, limit: Int) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
        guard ConfigBodyValidator.containsControlCharacter(cut) else { return cut }
        var out = ""
        for scalar in cut.unicodeScalars {
            if ConfigBodyValidator.containsControlCharacter(String(scalar)) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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
