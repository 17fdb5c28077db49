import Foundation
import HTTPServer
import Synchronization
import TaskRouterExpressions

/// A local, wire-compatible subset of Twilio TaskRouter REST API v1 (docs/emulator.md).
///
/// Serves `/v1/Workspaces/...` with HTTP Basic auth, form-encoded bodies and
/// Twilio's JSON, routes tasks by workflow configuration, and offers fault
/// injection and request counting under `/emulator/...`. All state is in memory.
public final class TaskRouterEmulator: HTTPResponder, Sendable {
    /// The account SID clients authenticate with (user name of HTTP Basic auth).
    public let accountSID: String
    private let authToken: String
    private let publicBaseURL: String?
    private let clock: @Sendable () -> Double
    private let apiKeys = Mutex<[String: String]>([:])
    let state = Mutex(EmulatorState())
    let control = Mutex(EmulatorControlState())

    /// - Parameters:
    ///   - accountSID: the `AC...` SID clients authenticate as.
    ///   - authToken: the password for HTTP Basic auth.
    ///   - publicBaseURL: scheme and authority for absolute URLs in responses (e.g.
    ///     `http://emulator.example:8090`); `nil` uses `http://` + the request's `Host`.
    ///   - clock: seconds since 1970; timestamps and expression evaluation use it.
    public init(
        accountSID: String, authToken: String, publicBaseURL: String? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.publicBaseURL = publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.clock = clock
    }

    /// Also accepts an API key SID (`SK...`) and secret as HTTP Basic credentials.
    public func addAPIKey(sid: String, secret: String) {
        apiKeys.withLock { $0[sid] = secret }
    }

    // MARK: Seeding

    /// Creates a workspace (with activities `Offline`, the default, and `Available`)
    /// and returns its SID.
    public func createWorkspace(friendlyName: String) throws(EmulatorError) -> String {
        let now = clock()
        return try state.withLock { (state) throws(EmulatorError) -> String in
            try state.addWorkspace(friendlyName: friendlyName, form: FormParameters(pairs: []), now: now).sid
        }
    }

    /// Creates a worker with JSON-object `attributes`, in the workspace's `Available`
    /// activity when `available`, else in its default activity; returns its SID.
    public func createWorker(workspaceSID: String, friendlyName: String, attributes: JSONValue, available: Bool)
        throws(EmulatorError) -> String
    {
        let text = TaskRouterEmulator.encodeText(attributes)
        let now = clock()
        return try state.withLock { (state) throws(EmulatorError) -> String in
            guard let workspace = state.workspaces[workspaceSID] else {
                throw .notFound("/v1/Workspaces/\(workspaceSID)")
            }
            let activity =
                available
                ? workspace.activities.all.first(where: \.available)?.sid : workspace.defaultActivitySid
            return try state.addWorker(
                workspaceSid: workspaceSID, friendlyName: friendlyName, attributes: text, activitySid: activity,
                now: now
            ).sid
        }
    }

    /// The SIDs of every workspace, oldest first.
    public var workspaceSIDs: [String] { state.withLock { $0.workspaces.order } }

    // MARK: Faults and counting

    /// Answers the next `count` `/v1` requests with `fault` (after faults already queued).
    public func injectFault(_ fault: EmulatorFault, count: Int = 1) {
        guard count > 0 else { return }
        control.withLock { $0.faults.append(.init(fault: fault, remaining: count)) }
    }

    /// Drops every queued fault.
    public func clearFaults() { control.withLock { $0.faults.removeAll() } }

    /// Adds a fixed delay before every `/v1` answer (0 turns it off).
    public func setLatency(milliseconds: Int) { control.withLock { $0.latencyMilliseconds = max(0, milliseconds) } }

    /// The `/v1` requests received since the last reset.
    public var requestCounts: EmulatorRequestCounts { control.withLock { $0.counts } }

    /// Starts counting from zero.
    public func resetRequestCounts() { control.withLock { $0.counts = EmulatorRequestCounts() } }

    // MARK: HTTP

    /// Serves `/v1/...` (counted, delayed and faulted as configured, then authenticated)
    /// and the control endpoints under `/emulator/...` (authenticated only); anything else is 404.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.path == "/emulator" || request.path.hasPrefix("/emulator/") {
            guard isAuthorized(request) else { return TaskRouterEmulator.response(.unauthorized) }
            return respondToControl(request)
        }
        guard request.path == "/v1" || request.path.hasPrefix("/v1/") else {
            return TaskRouterEmulator.response(.notFound(request.path))
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        let found = EmulatorRoute.find(method, request.path)
        let key = "\(method) \(found?.route.template ?? request.path)"
        let (fault, latency) = control.withLock { control in (control.record(key), control.latencyMilliseconds) }
        if latency > 0 { Thread.sleep(forTimeInterval: Double(latency) / 1000) }
        if let fault { return TaskRouterEmulator.response(for: fault) }
        guard isAuthorized(request) else { return TaskRouterEmulator.response(.unauthorized) }
        guard let (route, parameters) = found else {
            let allowed = EmulatorRoute.allowedMethods(request.path)
            guard allowed.isEmpty else {
                var response = TaskRouterEmulator.response(
                    EmulatorError(status: 405, code: 20004, message: "Method not allowed"))
                response.headers.append(("Allow", allowed.joined(separator: ", ")))
                return response
            }
            return TaskRouterEmulator.response(.notFound(request.path))
        }
        let query = FormParameters(pairs: request.query)
        let emulatorRequest = EmulatorRequest(
            method: method, path: request.path, parameters: parameters,
            form: method == "POST" ? FormParameters(formBody: request.body) : query, query: query,
            base: baseURL(for: request), account: accountSID, now: clock())
        do {
            let reply = try state.withLock { (state) throws(EmulatorError) -> EmulatorReply in
                try route.handler(&state, emulatorRequest)
            }
            guard let body = reply.body else { return HTTPResponse(status: reply.status) }
            return .json(reply.status, TaskRouterEmulator.encode(body))
        } catch {
            return TaskRouterEmulator.response(error)
        }
    }

    private func baseURL(for request: HTTPRequest) -> String {
        if let publicBaseURL { return publicBaseURL }
        return "http://" + (request.header("Host") ?? "127.0.0.1")
    }

    private func isAuthorized(_ request: HTTPRequest) -> Bool {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
        else { return false }
        let user = String(decoded[..<colon])
        let password = String(decoded[decoded.index(after: colon)...])
        if user == accountSID && password == authToken { return true }
        return apiKeys.withLock { $0[user] } == password && !password.isEmpty
    }

    static func response(_ error: EmulatorError) -> HTTPResponse {
        .json(error.status, encode(error.json), headers: error.headers)
    }

    static func response(for fault: EmulatorFault) -> HTTPResponse {
        switch fault {
        case .tooManyRequests:
            return response(EmulatorError(status: 429, code: 20429, message: "Too Many Requests"))
        case .tooManyRequestsRetryAfter(let seconds):
            return response(
                EmulatorError(
                    status: 429, code: 20429, message: "Too Many Requests", headers: [("Retry-After", "\(seconds)")]))
        case .serverError:
            return response(EmulatorError(status: 500, code: 20500, message: "Internal Server Error"))
        case .dropConnection:
            return .dropConnection
        }
    }

    /// Compact JSON with sorted keys and unescaped slashes.
    static func encode(_ value: JSONValue) -> [UInt8] { JSONBytes.encode(value) }

    static func encodeText(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }
}
