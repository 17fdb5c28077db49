import TaskRouterExpressions

/// Workers: create, fetch, list, update, delete.
extension EmulatorState {
    /// Adds a worker after validating everything; shared by the REST handler and
    /// `TaskRouterEmulator.createWorker`.
    mutating func addWorker(
        workspaceSid: String, friendlyName: String, attributes: String, activitySid: String?, now: Double
    ) throws(EmulatorError) -> EmulatedWorker {
        let name = try EmulatorState.friendlyName(friendlyName)
        let value = try EmulatorState.attributes(attributes)
        let sequence = nextSequence()
        guard
            let worker = try workspaces.modify(
                workspaceSid,
                { (workspace) throws(EmulatorError) -> EmulatedWorker in
                    if workspace.workers.all.contains(where: { $0.friendlyName.lowercased() == name.lowercased() }) {
                        throw EmulatorError(
                            status: 409, code: 20001, message: "A Worker with FriendlyName '\(name)' already exists")
                    }
                    let activity = activitySid ?? workspace.defaultActivitySid
                    guard workspace.activities[activity] != nil else {
                        throw .badParameter("Invalid value for parameter ActivitySid: Activity \(activity) not found")
                    }
                    let worker = EmulatedWorker(
                        sid: SIDGenerator.make("WK"), friendlyName: name, attributes: attributes,
                        attributesValue: value, activitySid: activity, dateCreated: now, dateUpdated: now,
                        dateStatusChanged: now, sequence: sequence)
                    workspace.workers[worker.sid] = worker
                    if workspace.isAvailable(worker) { workspace.availableSince[worker.sid] = now }
                    workspace.dispatch(now: now)
                    return worker
                })
        else { throw .notFound("/v1/Workspaces/\(workspaceSid)") }
        return worker
    }

    mutating func createWorker(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspaceSid = request.parameter("WorkspaceSid")
        guard workspaces[workspaceSid] != nil else { throw .notFound(request.path) }
        let activity = request.form.value("ActivitySid").flatMap { $0.isEmpty ? nil : $0 }
        let worker = try addWorker(
            workspaceSid: workspaceSid, friendlyName: try request.form.required("FriendlyName"),
            attributes: request.form.value("Attributes") ?? "{}", activitySid: activity, now: request.now)
        let workspace = try workspace(request)
        return .created(workspace.json(worker, account: request.account, base: request.base))
    }

    func fetchWorker(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        guard let worker = workspace.workers[request.parameter("Sid")] else { throw .notFound(request.path) }
        return .ok(workspace.json(worker, account: request.account, base: request.base))
    }

    /// Filters: `ActivityName`, `ActivitySid`, `Available`, `FriendlyName`,
    /// `TargetWorkersExpression`, `TaskQueueSid`, `TaskQueueName`. List items carry
    /// `attributes: null`.
    func listWorkers(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let query = request.query
        var workers = workspace.workers.all
        if let name = query.value("ActivityName") {
            workers = workers.filter { workspace.activities[$0.activitySid]?.friendlyName == name }
        }
        if let sid = query.value("ActivitySid") { workers = workers.filter { $0.activitySid == sid } }
        if let available = try query.bool("Available") {
            workers = workers.filter { workspace.isAvailable($0) == available }
        }
        if let name = query.value("FriendlyName") {
            workers = workers.filter { $0.friendlyName.lowercased() == name.lowercased() }
        }
        if let text = query.value("TargetWorkersExpression") {
            let expression = try EmulatorState.expression(text, parameter: "TargetWorkersExpression")
            workers = workers.filter { expression.matches($0.attributesValue, at: request.now) }
        }
        var queueFilter: EmulatedTaskQueue?
        if let sid = query.value("TaskQueueSid") {
            guard let queue = workspace.queues[sid] else {
                throw .badParameter("Invalid value for parameter TaskQueueSid: TaskQueue \(sid) not found")
            }
            queueFilter = queue
        } else if let name = query.value("TaskQueueName") {
            guard let queue = workspace.queues.all.first(where: { $0.friendlyName == name }) else {
                throw .badParameter("Invalid value for parameter TaskQueueName: TaskQueue '\(name)' not found")
            }
            queueFilter = queue
        }
        if let queueFilter {
            workers = workers.filter { queueFilter.targetWorkers.matches($0.attributesValue, at: request.now) }
        }
        let items = workers.map {
            workspace.json($0, account: request.account, base: request.base, withAttributes: false)
        }
        return .ok(try ListPage.make(items, key: "workers", request: request))
    }

    /// `ActivitySid`, `Attributes`, `FriendlyName`, `RejectPendingReservations`.
    mutating func updateWorker(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let name = try form.value("FriendlyName").map { (text) throws(EmulatorError) in
            try EmulatorState.friendlyName(text)
        }
        let attributes = try form.value("Attributes").map { (text) throws(EmulatorError) in
            (text, try EmulatorState.attributes(text))
        }
        let rejectPending = try form.bool("RejectPendingReservations") ?? false
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard var worker = workspace.workers[sid] else { throw .notFound(request.path) }
            if let name, name.lowercased() != worker.friendlyName.lowercased(),
                workspace.workers.all.contains(where: { $0.friendlyName.lowercased() == name.lowercased() })
            {
                throw EmulatorError(
                    status: 409, code: 20001, message: "A Worker with FriendlyName '\(name)' already exists")
            }
            let activity = form.value("ActivitySid").flatMap { $0.isEmpty ? nil : $0 }
            if let activity, workspace.activities[activity] == nil {
                throw .badParameter("Invalid value for parameter ActivitySid: Activity \(activity) not found")
            }
            if let name { worker.friendlyName = name }
            if let (text, value) = attributes {
                worker.attributes = text
                worker.attributesValue = value
            }
            worker.dateUpdated = request.now
            workspace.workers[sid] = worker
            if let activity { workspace.setActivity(ofWorker: sid, to: activity, now: request.now) }
            if rejectPending {
                for reservation in workspace.reservations.all
                where reservation.workerSid == sid && reservation.status == "pending" {
                    workspace.reject(reservation.sid, now: request.now)
                }
            }
            workspace.dispatch(now: request.now)
            return .ok(workspace.json(workspace.workers[sid]!, account: request.account, base: request.base))
        }
    }

    /// Refused while the worker holds an accepted task; pending reservations are rescinded.
    mutating func deleteWorker(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard workspace.workers[sid] != nil else { throw .notFound(request.path) }
            let held = workspace.reservations.all.filter {
                $0.workerSid == sid && ($0.status == "accepted" || $0.status == "wrapping")
            }
            if let reservation = held.first {
                throw .badParameter("Cannot delete Worker \(sid): it is assigned Task \(reservation.taskSid)")
            }
            for reservation in workspace.reservations.all
            where reservation.workerSid == sid && reservation.status == "pending" {
                workspace.reservations.modify(reservation.sid) {
                    $0.status = "rescinded"
                    $0.dateUpdated = request.now
                }
                workspace.route(reservation.taskSid, now: request.now)
            }
            workspace.workers.remove(sid)
            workspace.availableSince[sid] = nil
            workspace.dispatch(now: request.now)
            return .noContent
        }
    }
}
