import TaskRouterExpressions

/// An error answered to the client in Twilio's format:
/// `{"code", "message", "more_info", "status"}`.
public struct EmulatorError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, e.g. 400.
    public var status: Int
    /// Twilio's error code, e.g. 20001.
    public var code: Int
    /// A readable message naming what is wrong.
    public var message: String
    /// Extra response headers (e.g. `Retry-After`).
    var headers: [(name: String, value: String)] = []

    init(status: Int, code: Int, message: String, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// `<status> (code <code>): <message>`.
    public var description: String { "\(status) (code \(code)): \(message)" }

    /// 400, code 20001: a parameter is missing or invalid.
    static func badParameter(_ message: String) -> EmulatorError {
        EmulatorError(status: 400, code: 20001, message: message)
    }

    /// 404, code 20404.
    static func notFound(_ path: String) -> EmulatorError {
        EmulatorError(status: 404, code: 20404, message: "The requested resource \(path) was not found")
    }

    /// 401, code 20003.
    static let unauthorized = EmulatorError(
        status: 401, code: 20003, message: "Authentication Error - invalid username or password",
        headers: [("WWW-Authenticate", "Basic realm=\"Twilio API\"")])

    /// The JSON body Twilio sends for an error.
    var json: JSONValue {
        .object([
            "code": .number(Double(code)),
            "message": .string(message),
            "more_info": .string("https://www.twilio.com/docs/errors/\(code)"),
            "status": .number(Double(status)),
        ])
    }
}
