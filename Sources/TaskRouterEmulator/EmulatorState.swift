import Foundation
import TaskRouterExpressions

/// Everything the emulator stores, guarded by the emulator's mutex. Handlers
/// validate every parameter before they change anything, so a rejected request
/// leaves no trace.
struct EmulatorState: Sendable {
    var workspaces = OrderedRecords<EmulatedWorkspace>()
    private var sequence = 0

    mutating func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    /// Runs `body` on the request's workspace (`WorkspaceSid`), 404 when it does not exist.
    mutating func withWorkspace<Result>(
        _ request: EmulatorRequest, _ body: (inout EmulatedWorkspace) throws(EmulatorError) -> Result
    ) throws(EmulatorError) -> Result {
        let sid = request.parameter("WorkspaceSid")
        guard workspaces[sid] != nil else { throw .notFound(request.path) }
        return try workspaces.modify(sid, body)!
    }

    func workspace(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatedWorkspace {
        guard let workspace = workspaces[request.parameter("WorkspaceSid")] else { throw .notFound(request.path) }
        return workspace
    }

    /// Parses an `Attributes` parameter: it must be a JSON object.
    static func attributes(_ text: String, parameter: String = "Attributes") throws(EmulatorError) -> JSONValue {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), case .object = value
        else {
            throw .badParameter("Invalid value for parameter \(parameter): must be a JSON object")
        }
        return value
    }

    /// Parses an expression parameter, naming the syntax error.
    static func expression(_ text: String, parameter: String, allowEmpty: Bool = false) throws(EmulatorError)
        -> CompiledExpression
    {
        do {
            return try CompiledExpression(text, allowEmpty: allowEmpty)
        } catch {
            throw .badParameter("Invalid \(parameter) expression '\(text)': \(error.message)")
        }
    }

    /// A friendly name: non-empty, at most `limit` characters.
    static func friendlyName(_ text: String, limit: Int = 64) throws(EmulatorError) -> String {
        guard !text.isEmpty else { throw .badParameter("Missing required parameter FriendlyName in the post body") }
        guard text.count <= limit else {
            throw .badParameter("Invalid value for parameter FriendlyName: longer than \(limit) characters")
        }
        return text
    }

    // MARK: Workspaces

    /// Creates a workspace with the activities `Offline` (default) and `Available`.
    mutating func addWorkspace(friendlyName: String, form: FormParameters, now: Double) throws(EmulatorError)
        -> EmulatedWorkspace
    {
        let name = try EmulatorState.friendlyName(friendlyName)
        let multiTask = try form.bool("MultiTaskEnabled") ?? true
        let order = try EmulatorState.queueOrder(form.value("PrioritizeQueueOrder") ?? "FIFO", "PrioritizeQueueOrder")
        let offline = EmulatedActivity(
            sid: SIDGenerator.make("WA"), friendlyName: "Offline", available: false, dateCreated: now,
            dateUpdated: now)
        let available = EmulatedActivity(
            sid: SIDGenerator.make("WA"), friendlyName: "Available", available: true, dateCreated: now,
            dateUpdated: now)
        var workspace = EmulatedWorkspace(
            sid: SIDGenerator.make("WS"), friendlyName: name, eventCallbackURL: form.value("EventCallbackUrl"),
            eventsFilter: form.value("EventsFilter"), multiTaskEnabled: multiTask, prioritizeQueueOrder: order,
            defaultActivitySid: offline.sid, timeoutActivitySid: offline.sid, dateCreated: now, dateUpdated: now)
        workspace.activities[offline.sid] = offline
        workspace.activities[available.sid] = available
        workspaces[workspace.sid] = workspace
        return workspace
    }

    static func queueOrder(_ text: String, _ parameter: String) throws(EmulatorError) -> String {
        guard text == "FIFO" || text == "LIFO" else {
            throw .badParameter("Invalid value '\(text)' for parameter \(parameter): expected FIFO or LIFO")
        }
        return text
    }

    mutating func createWorkspace(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try addWorkspace(
            friendlyName: try request.form.required("FriendlyName"), form: request.form, now: request.now)
        return .created(workspace.json(account: request.account, base: request.base))
    }

    func listWorkspaces(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let name = request.query.value("FriendlyName")
        let items = workspaces.all.filter { name == nil || $0.friendlyName == name }
            .map { $0.json(account: request.account, base: request.base) }
        return .ok(try ListPage.make(items, key: "workspaces", request: request))
    }

    func fetchWorkspace(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        .ok(try workspace(request).json(account: request.account, base: request.base))
    }

    mutating func updateWorkspace(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let name = try form.value("FriendlyName").map { (text) throws(EmulatorError) in
                try EmulatorState.friendlyName(text)
            }
            let multiTask = try form.bool("MultiTaskEnabled")
            let order = try form.value("PrioritizeQueueOrder").map { (text) throws(EmulatorError) in
                try EmulatorState.queueOrder(text, "PrioritizeQueueOrder")
            }
            for parameter in ["DefaultActivitySid", "TimeoutActivitySid"] {
                if let sid = form.value(parameter), workspace.activities[sid] == nil {
                    throw .badParameter("Invalid value for parameter \(parameter): Activity \(sid) not found")
                }
            }
            if let name { workspace.friendlyName = name }
            if let multiTask { workspace.multiTaskEnabled = multiTask }
            if let order { workspace.prioritizeQueueOrder = order }
            if let sid = form.value("DefaultActivitySid") { workspace.defaultActivitySid = sid }
            if let sid = form.value("TimeoutActivitySid") { workspace.timeoutActivitySid = sid }
            if let url = form.value("EventCallbackUrl") { workspace.eventCallbackURL = url.isEmpty ? nil : url }
            if let filter = form.value("EventsFilter") { workspace.eventsFilter = filter.isEmpty ? nil : filter }
            workspace.dateUpdated = request.now
            return .ok(workspace.json(account: request.account, base: request.base))
        }
    }

    mutating func deleteWorkspace(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        _ = try workspace(request)
        workspaces.remove(request.parameter("WorkspaceSid"))
        return .noContent
    }

    // MARK: Activities

    func listActivities(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let name = request.query.value("FriendlyName")
        let available = try request.query.bool("Available")
        let items = workspace.activities.all
            .filter { (name == nil || $0.friendlyName == name) && (available == nil || $0.available == available) }
            .map { workspace.json($0, account: request.account, base: request.base) }
        return .ok(try ListPage.make(items, key: "activities", request: request))
    }

    func fetchActivity(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        guard let activity = workspace.activities[request.parameter("Sid")] else { throw .notFound(request.path) }
        return .ok(workspace.json(activity, account: request.account, base: request.base))
    }

    mutating func createActivity(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let name = try EmulatorState.friendlyName(try request.form.required("FriendlyName"))
        let available = try request.form.bool("Available") ?? true
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            if workspace.activities.all.contains(where: { $0.friendlyName.lowercased() == name.lowercased() }) {
                throw EmulatorError(
                    status: 409, code: 20001, message: "An Activity with FriendlyName '\(name)' already exists")
            }
            let activity = EmulatedActivity(
                sid: SIDGenerator.make("WA"), friendlyName: name, available: available, dateCreated: request.now,
                dateUpdated: request.now)
            workspace.activities[activity.sid] = activity
            return .created(workspace.json(activity, account: request.account, base: request.base))
        }
    }
}
