import PairingCore

/// An error answered to a client: a status, one readable sentence, and for validation
/// the field-level `errors[]` (api.md section 9). Never carries internal detail.
public struct APIError: Error, Sendable {
    public var status: Int
    public var message: String
    public var errors: [FieldIssue]
    /// Extra response headers (`Allow`, `ETag`, `WWW-Authenticate`).
    public var headers: [(name: String, value: String)]
    /// Detail for the log only (500s); never sent.
    public var logDetail: String?

    public init(
        _ status: Int, _ message: String, errors: [FieldIssue] = [], headers: [(name: String, value: String)] = [],
        logDetail: String? = nil
    ) {
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers
        self.logDetail = logDetail
    }

    /// 400 for a body that failed validation; the message names the first problem.
    public static func validation(_ errors: [FieldIssue]) -> APIError {
        let first = errors.first?.sentence ?? "invalid input"
        let more = errors.count > 1 ? " (and \(errors.count - 1) more problem\(errors.count > 2 ? "s" : ""))" : ""
        return APIError(400, "Invalid request body: \(first)\(more).", errors: errors)
    }

    public static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(400, message, errors: field.map { [FieldIssue(field: $0, message: message)] } ?? [])
    }

    public static func notFound(_ message: String) -> APIError { APIError(404, message) }
}
