import Foundation
import Synchronization
import TaskRouterClient

/// A minimal in-memory TaskRouter behind the client's transport protocol, for
/// sync tests that must not depend on network timing: workspaces, queues and
/// workflows with Twilio's wire format, validation of workflow queue sids, a
/// rejected-expression rule, request counting and scripted faults.
final class SyncFakeTaskRouter: TaskRouterTransport {
    struct Queue: Sendable, Hashable {
        var sid: String
        var friendlyName: String
        var targetWorkers: String
        var tasks: Int = 0
    }

    struct Workflow: Sendable, Hashable {
        var sid: String
        var friendlyName: String
        var configuration: String
    }

    struct State: Sendable {
        var workspaces: Set<String> = []
        var queues: [String: [Queue]] = [:]
        var workflows: [String: [Workflow]] = [:]
        var next = 0
        var requests: [String] = []
        /// Every workflow configuration ever written, in order (for "old or new, never a mix").
        var configurationHistory: [String] = []
    }

    /// A fault for the request: status + Retry-After, or a dropped connection (`status` nil).
    struct Fault: Sendable {
        var status: Int?
        var retryAfter: String? = nil
    }

    let state = Mutex(State())
    /// Awaited before each request is handled (tests hold a sync in flight with it).
    let gate = Mutex<(@Sendable () async -> Void)?>(nil)
    /// The `Authorization` header of the latest request.
    let lastAuthorization = Mutex<String?>(nil)
    /// Decides a fault per request (method, path, index of the request); nil answers normally.
    let faults = Mutex<(@Sendable (String, String, Int) -> Fault?)?>(nil)
    /// Expressions containing this text are refused with 400 / 20001, as Twilio does for bad syntax.
    static let rejectedMarker = "REJECTME"

    var requestLog: [String] { state.withLock { $0.requests } }
    var writeCount: Int { requestLog.filter { !$0.hasPrefix("GET") }.count }

    func queues(_ workspace: String) -> [Queue] { state.withLock { $0.queues[workspace] ?? [] } }
    func workflows(_ workspace: String) -> [Workflow] { state.withLock { $0.workflows[workspace] ?? [] } }
    func addQueue(_ workspace: String, name: String, tasks: Int = 0) -> String {
        state.withLock { state in
            state.next += 1
            let sid = String(format: "WQ%032x", state.next)
            state.queues[workspace, default: []].append(
                Queue(sid: sid, friendlyName: name, targetWorkers: "1==1", tasks: tasks))
            return sid
        }
    }
    func setTasks(_ workspace: String, queue sid: String, _ count: Int) {
        state.withLock { state in
            if let index = state.queues[workspace]?.firstIndex(where: { $0.sid == sid }) {
                state.queues[workspace]![index].tasks = count
            }
        }
    }
    func removeQueue(_ workspace: String, sid: String) {
        state.withLock { $0.queues[workspace]?.removeAll { $0.sid == sid } }
    }

    func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse {
        guard let components = URLComponents(string: request.url) else { throw TaskRouterTransportError("bad url") }
        let path = components.path
        lastAuthorization.withLock { $0 = request.headers["Authorization"] }
        if let wait = gate.withLock({ $0 }) { await wait() }
        let index = state.withLock { state in
            state.requests.append("\(request.method) \(path)")
            return state.requests.count - 1
        }
        if let fault = faults.withLock({ $0 })?(request.method, path, index) {
            guard let status = fault.status else { throw TaskRouterTransportError("connection dropped") }
            return Self.error(status, status == 429 ? 20429 : 20500, "injected", retryAfter: fault.retryAfter)
        }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        let parts = path.split(separator: "/").map(String.init)
        return state.withLock { state in handle(request.method, parts, form, query, &state) }
    }

    private func handle(
        _ method: String, _ parts: [String], _ form: [String: String], _ query: [String: String], _ state: inout State
    ) -> TaskRouterHTTPResponse {
        func sid(_ prefix: String) -> String {
            state.next += 1
            return prefix + String(format: "%032x", state.next)
        }
        // /v1/Workspaces
        if parts == ["v1", "Workspaces"], method == "POST" {
            let ws = sid("WS")
            state.workspaces.insert(ws)
            return Self.json(201, ["sid": ws, "friendly_name": form["FriendlyName"] ?? ""])
        }
        guard parts.count >= 4, parts[0] == "v1", parts[1] == "Workspaces", state.workspaces.contains(parts[2]) else {
            return Self.error(404, 20404, "not found")
        }
        let ws = parts[2]
        switch (method, parts[3], parts.count) {
        case ("GET", "TaskQueues", 4):
            let items = (state.queues[ws] ?? []).map(Self.queueJSON)
            return Self.page("task_queues", items)
        case ("POST", "TaskQueues", 4):
            if let bad = Self.reject(form["TargetWorkers"]) { return bad }
            let queue = Queue(
                sid: sid("WQ"), friendlyName: form["FriendlyName"] ?? "", targetWorkers: form["TargetWorkers"] ?? "1==1"
            )
            state.queues[ws, default: []].append(queue)
            return Self.json(201, Self.queueJSON(queue))
        case (_, "TaskQueues", 5):
            guard let index = state.queues[ws]?.firstIndex(where: { $0.sid == parts[4] }) else {
                return Self.error(404, 20404, "The requested resource was not found")
            }
            switch method {
            case "POST":
                if let bad = Self.reject(form["TargetWorkers"]) { return bad }
                if let name = form["FriendlyName"] { state.queues[ws]![index].friendlyName = name }
                if let target = form["TargetWorkers"] { state.queues[ws]![index].targetWorkers = target }
                return Self.json(200, Self.queueJSON(state.queues[ws]![index]))
            case "DELETE":
                if state.queues[ws]![index].tasks > 0 {
                    return Self.error(400, 20001, "Cannot delete this TaskQueue because it has pending tasks")
                }
                state.queues[ws]!.remove(at: index)
                return TaskRouterHTTPResponse(status: 204)
            default:
                return Self.json(200, Self.queueJSON(state.queues[ws]![index]))
            }
        case ("GET", "Workflows", 4):
            let items = (state.workflows[ws] ?? []).filter {
                query["FriendlyName"] == nil || $0.friendlyName == query["FriendlyName"]
            }
            return Self.page("workflows", items.map(Self.workflowJSON))
        case ("POST", "Workflows", 4):
            let configuration = form["Configuration"] ?? ""
            if let bad = validate(configuration, ws, state) { return bad }
            let workflow = Workflow(
                sid: sid("WW"), friendlyName: form["FriendlyName"] ?? "", configuration: configuration)
            state.workflows[ws, default: []].append(workflow)
            state.configurationHistory.append(configuration)
            return Self.json(201, Self.workflowJSON(workflow))
        case (_, "Workflows", 5):
            guard let index = state.workflows[ws]?.firstIndex(where: { $0.sid == parts[4] }) else {
                return Self.error(404, 20404, "The requested resource was not found")
            }
            if method == "POST" {
                if let configuration = form["Configuration"] {
                    if let bad = validate(configuration, ws, state) { return bad }
                    state.workflows[ws]![index].configuration = configuration
                    state.configurationHistory.append(configuration)
                }
                if let name = form["FriendlyName"] { state.workflows[ws]![index].friendlyName = name }
            }
            return Self.json(200, Self.workflowJSON(state.workflows[ws]![index]))
        default:
            return Self.error(404, 20404, "not found")
        }
    }

    private func validate(_ configuration: String, _ ws: String, _ state: State) -> TaskRouterHTTPResponse? {
        guard let data = configuration.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let routing = object["task_routing"] as? [String: Any]
        else { return Self.error(400, 20001, "Configuration must be JSON with task_routing") }
        let known = Set((state.queues[ws] ?? []).map(\.sid))
        var named: [String] = []
        for filter in routing["filters"] as? [[String: Any]] ?? [] {
            if let bad = Self.reject(filter["expression"] as? String) { return bad }
            for target in filter["targets"] as? [[String: Any]] ?? [] { named.append(target["queue"] as? String ?? "") }
        }
        named.append((routing["default_filter"] as? [String: Any])?["queue"] as? String ?? "")
        if let missing = named.first(where: { !known.contains($0) }) {
            return Self.error(400, 20001, "TaskQueue \(missing) not found in workspace")
        }
        return nil
    }

    private static func reject(_ expression: String?) -> TaskRouterHTTPResponse? {
        guard let expression, expression.contains(rejectedMarker) else { return nil }
        return error(400, 20001, "Invalid expression: unexpected token \(rejectedMarker)")
    }

    private static func queueJSON(_ queue: Queue) -> [String: Any] {
        ["sid": queue.sid, "friendly_name": queue.friendlyName, "target_workers": queue.targetWorkers]
    }

    private static func workflowJSON(_ workflow: Workflow) -> [String: Any] {
        ["sid": workflow.sid, "friendly_name": workflow.friendlyName, "configuration": workflow.configuration]
    }

    private static func page(_ key: String, _ items: [[String: Any]]) -> TaskRouterHTTPResponse {
        json(200, [key: items, "meta": ["key": key, "next_page_url": NSNull(), "page": 0]])
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> TaskRouterHTTPResponse {
        TaskRouterHTTPResponse(
            status: status, body: Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }

    static func error(_ status: Int, _ code: Int, _ message: String, retryAfter: String? = nil)
        -> TaskRouterHTTPResponse
    {
        var response = json(
            status,
            [
                "code": code, "message": message, "status": status,
                "more_info": "https://www.twilio.com/docs/errors/\(code)",
            ])
        if let retryAfter { response.headers["retry-after"] = retryAfter }
        return response
    }
}
