/// TaskQueues: create, fetch, list, update, delete.
extension EmulatorState {
    private static func activity(_ form: FormParameters, _ parameter: String, in workspace: EmulatedWorkspace)
        throws(EmulatorError) -> String?
    {
        guard let sid = form.value(parameter), !sid.isEmpty else { return nil }
        guard workspace.activities[sid] != nil else {
            throw .badParameter("Invalid value for parameter \(parameter): Activity \(sid) not found")
        }
        return sid
    }

    mutating func createQueue(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let name = try EmulatorState.friendlyName(try form.required("FriendlyName"))
        let target = try EmulatorState.expression(
            form.value("TargetWorkers") ?? "1==1", parameter: "TargetWorkers", allowEmpty: true)
        let maxReserved = try form.int("MaxReservedWorkers", in: 1...50) ?? 1
        let order = try EmulatorState.queueOrder(form.value("TaskOrder") ?? "FIFO", "TaskOrder")
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let reservationActivity = try EmulatorState.activity(form, "ReservationActivitySid", in: workspace)
            let assignmentActivity = try EmulatorState.activity(form, "AssignmentActivitySid", in: workspace)
            let queue = EmulatedTaskQueue(
                sid: SIDGenerator.make("WQ"), friendlyName: name, targetWorkers: target,
                maxReservedWorkers: maxReserved,
                taskOrder: order, reservationActivitySid: reservationActivity,
                assignmentActivitySid: assignmentActivity, dateCreated: request.now, dateUpdated: request.now)
            workspace.queues[queue.sid] = queue
            workspace.dispatch(now: request.now)
            return .created(workspace.json(queue, account: request.account, base: request.base))
        }
    }

    func fetchQueue(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        guard let queue = workspace.queues[request.parameter("Sid")] else { throw .notFound(request.path) }
        return .ok(workspace.json(queue, account: request.account, base: request.base))
    }

    /// Filters: `FriendlyName` (exact), `EvaluateWorkerAttributes` (queues whose
    /// `target_workers` match these worker attributes), `WorkerSid`.
    func listQueues(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let query = request.query
        var queues = workspace.queues.all
        if let name = query.value("FriendlyName") { queues = queues.filter { $0.friendlyName == name } }
        if let text = query.value("EvaluateWorkerAttributes") {
            let attributes = try EmulatorState.attributes(text, parameter: "EvaluateWorkerAttributes")
            queues = queues.filter { $0.targetWorkers.matches(attributes, at: request.now) }
        }
        if let workerSid = query.value("WorkerSid") {
            guard let worker = workspace.workers[workerSid] else {
                throw .badParameter("Invalid value for parameter WorkerSid: Worker \(workerSid) not found")
            }
            queues = queues.filter { $0.targetWorkers.matches(worker.attributesValue, at: request.now) }
        }
        let items = queues.map { workspace.json($0, account: request.account, base: request.base) }
        return .ok(try ListPage.make(items, key: "task_queues", request: request))
    }

    mutating func updateQueue(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let name = try form.value("FriendlyName").map { (text) throws(EmulatorError) in
            try EmulatorState.friendlyName(text)
        }
        let target = try form.value("TargetWorkers").map { (text) throws(EmulatorError) in
            try EmulatorState.expression(text, parameter: "TargetWorkers", allowEmpty: true)
        }
        let maxReserved = try form.int("MaxReservedWorkers", in: 1...50)
        let order = try form.value("TaskOrder").map { (text) throws(EmulatorError) in
            try EmulatorState.queueOrder(text, "TaskOrder")
        }
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard var queue = workspace.queues[sid] else { throw .notFound(request.path) }
            if let activity = try EmulatorState.activity(form, "ReservationActivitySid", in: workspace) {
                queue.reservationActivitySid = activity
            }
            if let activity = try EmulatorState.activity(form, "AssignmentActivitySid", in: workspace) {
                queue.assignmentActivitySid = activity
            }
            if let name { queue.friendlyName = name }
            if let target { queue.targetWorkers = target }
            if let maxReserved { queue.maxReservedWorkers = maxReserved }
            if let order { queue.taskOrder = order }
            queue.dateUpdated = request.now
            workspace.queues[sid] = queue
            workspace.dispatch(now: request.now)
            return .ok(workspace.json(queue, account: request.account, base: request.base))
        }
    }

    /// Refused (400) while tasks are pending or reserved in the queue, or while a
    /// workflow still names it.
    mutating func deleteQueue(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard workspace.queues[sid] != nil else { throw .notFound(request.path) }
            let waiting = workspace.tasks.all.filter {
                $0.taskQueueSid == sid && ($0.assignmentStatus == "pending" || $0.assignmentStatus == "reserved")
            }
            if !waiting.isEmpty {
                throw .badParameter(
                    "Cannot delete TaskQueue \(sid): it has \(waiting.count) pending or reserved task(s)")
            }
            if let workflow = workspace.workflows.all.first(where: { $0.routing.queueSids.contains(sid) }) {
                throw .badParameter("Cannot delete TaskQueue \(sid): it is referenced by Workflow \(workflow.sid)")
            }
            workspace.queues.remove(sid)
            return .noContent
        }
    }
}
