import Foundation

/// HTTP Basic credentials for TaskRouter: the account SID with its auth token,
/// or an API key SID with its secret (the account SID is then still needed for the target).
public enum TaskRouterCredentials: Sendable, Hashable {
    case authToken(accountSID: String, authToken: String)
    case apiKey(sid: String, secret: String)

    /// The `Authorization` header value.
    public var authorizationHeader: String {
        let pair: String
        switch self {
        case .authToken(let accountSID, let authToken): pair = "\(accountSID):\(authToken)"
        case .apiKey(let sid, let secret): pair = "\(sid):\(secret)"
        }
        return "Basic " + Data(pair.utf8).base64EncodedString()
    }
}
