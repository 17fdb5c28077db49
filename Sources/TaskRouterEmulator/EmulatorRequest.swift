import TaskRouterExpressions

/// One `/v1` request as the resource handlers see it.
struct EmulatorRequest: Sendable {
    let method: String
    /// The request path, e.g. `/v1/Workspaces/WS.../TaskQueues`.
    let path: String
    /// Path parameters by the names in the route template (`WorkspaceSid`, `Sid`, ...).
    let parameters: [String: String]
    /// The form body (POST).
    let form: FormParameters
    /// The query string (GET lists).
    let query: FormParameters
    /// Scheme and authority for absolute URLs, e.g. `http://127.0.0.1:8090`.
    let base: String
    let account: String
    let now: Double

    func parameter(_ name: String) -> String { parameters[name] ?? "" }
}

/// A handler's answer: a status and an optional JSON body.
struct EmulatorReply: Sendable {
    let status: Int
    let body: JSONValue?

    static func ok(_ body: JSONValue) -> EmulatorReply { EmulatorReply(status: 200, body: body) }
    static func created(_ body: JSONValue) -> EmulatorReply { EmulatorReply(status: 201, body: body) }
    static let noContent = EmulatorReply(status: 204, body: nil)
}
