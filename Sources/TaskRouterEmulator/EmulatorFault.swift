/// A fault the emulator answers the next `/v1` requests with.
public enum EmulatorFault: Sendable, Equatable {
    /// 429, code 20429, without `Retry-After`.
    case tooManyRequests
    /// 429, code 20429, with `Retry-After: <seconds>`.
    case tooManyRequestsRetryAfter(seconds: Int)
    /// 500, code 20500.
    case serverError
    /// The connection is closed without an answer (needs `HTTPServer`).
    case dropConnection

    /// Parses the control endpoint's `kind`: `429`, `429-retry-after`, `500`, `drop`.
    init?(kind: String, retryAfter: Int) {
        switch kind {
        case "429": self = .tooManyRequests
        case "429-retry-after": self = .tooManyRequestsRetryAfter(seconds: retryAfter)
        case "500": self = .serverError
        case "drop": self = .dropConnection
        default: return nil
        }
    }

    var kind: String {
        switch self {
        case .tooManyRequests: "429"
        case .tooManyRequestsRetryAfter: "429-retry-after"
        case .serverError: "500"
        case .dropConnection: "drop"
        }
    }
}
