/// Why a TaskRouter request failed: Twilio's error body decoded, or a transport
/// failure / exhausted retries (then `status` is the last HTTP status, if any).
public struct TaskRouterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status of the last answer; nil when no answer arrived at all.
    public var status: Int?
    /// Twilio's error code (e.g. 20001, 20404, 20429); nil when the answer carried none.
    public var code: Int?
    /// Twilio's message, or a description of the transport failure.
    public var message: String
    /// Twilio's `more_info` link.
    public var moreInfo: String?

    public init(status: Int?, code: Int?, message: String, moreInfo: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.moreInfo = moreInfo
    }

    /// Whether retrying might help: 429, 5xx, or no answer.
    public var isRetryable: Bool {
        guard let status else { return true }
        return status == 429 || status >= 500
    }

    /// A one-line description with status and code, safe to show (no credentials).
    public var description: String {
        var parts: [String] = []
        if let status { parts.append("HTTP \(status)") }
        if let code { parts.append("Twilio error \(code)") }
        return parts.isEmpty ? message : "\(parts.joined(separator: ", ")): \(message)"
    }
}
