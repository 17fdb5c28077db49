/// Tasks: create, fetch, list, update, delete.
extension EmulatorState {
    mutating func createTask(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let attributesText = form.value("Attributes") ?? "{}"
        let attributes = try EmulatorState.attributes(attributesText)
        let priority = try form.int("Priority", in: 0...Int(Int32.max)) ?? 0
        let timeout = try form.int("Timeout", in: 1...1_209_600) ?? 86_400
        let sequence = nextSequence()
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            var workflowSid = form.value("WorkflowSid").flatMap { $0.isEmpty ? nil : $0 }
            let queueSid = form.value("TaskQueueSid").flatMap { $0.isEmpty ? nil : $0 }
            if let workflowSid, workspace.workflows[workflowSid] == nil {
                throw .badParameter("Invalid value for parameter WorkflowSid: Workflow \(workflowSid) not found")
            }
            if let queueSid, workspace.queues[queueSid] == nil {
                throw .badParameter("Invalid value for parameter TaskQueueSid: TaskQueue \(queueSid) not found")
            }
            if workflowSid == nil && queueSid == nil {
                guard workspace.workflows.count == 1 else {
                    throw .badParameter(
                        "Missing required parameter WorkflowSid in the post body (the workspace has \(workspace.workflows.count) workflows)"
                    )
                }
                workflowSid = workspace.workflows.order.first
            }
            let task = EmulatedTask(
                sid: SIDGenerator.make("WT"), attributes: attributesText, attributesValue: attributes,
                assignmentStatus: "pending", priority: priority, reason: nil, timeout: timeout,
                workflowSid: workflowSid, taskQueueSid: queueSid,
                taskQueueEnteredDate: queueSid == nil ? nil : request.now,
                targets: queueSid.map { [WorkflowRouting.Target(queueSid: $0, expression: nil)] } ?? [],
                rejectedWorkerSids: [], dateCreated: request.now, dateUpdated: request.now, sequence: sequence)
            workspace.tasks[task.sid] = task
            workspace.route(task.sid, now: request.now)
            workspace.dispatch(now: request.now)
            return .created(
                workspace.json(
                    workspace.tasks[task.sid]!, account: request.account, base: request.base, now: request.now))
        }
    }

    func fetchTask(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        guard let task = workspace.tasks[request.parameter("Sid")] else { throw .notFound(request.path) }
        return .ok(workspace.json(task, account: request.account, base: request.base, now: request.now))
    }

    /// Filters: `AssignmentStatus` (repeatable or comma-separated), `TaskQueueSid`,
    /// `TaskQueueName`, `WorkflowSid`, `WorkflowName`, `EvaluateTaskAttributes`, `Priority`.
    func listTasks(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let query = request.query
        var tasks = workspace.tasks.all
        let statuses = Set(query.values("AssignmentStatus").flatMap { $0.split(separator: ",").map(String.init) })
        if !statuses.isEmpty { tasks = tasks.filter { statuses.contains($0.assignmentStatus) } }
        if let sid = query.value("TaskQueueSid") { tasks = tasks.filter { $0.taskQueueSid == sid } }
        if let name = query.value("TaskQueueName") {
            tasks = tasks.filter { $0.taskQueueSid.flatMap { workspace.queues[$0]?.friendlyName } == name }
        }
        if let sid = query.value("WorkflowSid") { tasks = tasks.filter { $0.workflowSid == sid } }
        if let name = query.value("WorkflowName") {
            tasks = tasks.filter { $0.workflowSid.flatMap { workspace.workflows[$0]?.friendlyName } == name }
        }
        if let priority = try query.int("Priority", in: 0...Int(Int32.max)) {
            tasks = tasks.filter { $0.priority == priority }
        }
        if let text = query.value("EvaluateTaskAttributes") {
            let expression = try EmulatorState.expression(text, parameter: "EvaluateTaskAttributes")
            tasks = tasks.filter { expression.matches($0.attributesValue, at: request.now) }
        }
        let items = tasks.map { workspace.json($0, account: request.account, base: request.base, now: request.now) }
        return .ok(try ListPage.make(items, key: "tasks", request: request))
    }

    /// `Attributes` (a pending task is routed again), `Priority`, `Reason`, and
    /// `AssignmentStatus`: `canceled` (from pending/reserved), `wrapping` (from
    /// assigned), `completed` (from assigned/wrapping).
    mutating func updateTask(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let attributes = try form.value("Attributes").map { (text) throws(EmulatorError) in
            (text, try EmulatorState.attributes(text))
        }
        let priority = try form.int("Priority", in: 0...Int(Int32.max))
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard var task = workspace.tasks[sid] else { throw .notFound(request.path) }
            let now = request.now
            let status = form.value("AssignmentStatus")
            if let status {
                let allowed: [String: Set<String>] = [
                    "canceled": ["pending", "reserved"], "wrapping": ["assigned"],
                    "completed": ["assigned", "wrapping"],
                ]
                guard let from = allowed[status] else {
                    throw .badParameter(
                        "Invalid value '\(status)' for parameter AssignmentStatus: expected canceled, wrapping or completed"
                    )
                }
                guard from.contains(task.assignmentStatus) else {
                    throw .badParameter(
                        "Cannot change the AssignmentStatus of Task \(sid) from \(task.assignmentStatus) to \(status)")
                }
            }
            if let (text, value) = attributes {
                task.attributes = text
                task.attributesValue = value
            }
            if let priority { task.priority = priority }
            if let reason = form.value("Reason") { task.reason = reason }
            task.dateUpdated = now
            let reroute = attributes != nil && task.assignmentStatus == "pending"
            if let status { task.assignmentStatus = status }
            workspace.tasks[sid] = task
            switch status {
            case "canceled":
                workspace.finishReservations(ofTask: sid, from: ["pending"], to: "canceled", now: now)
            case "wrapping":
                workspace.finishReservations(ofTask: sid, from: ["accepted"], to: "wrapping", now: now)
            case "completed":
                workspace.finishReservations(ofTask: sid, from: ["accepted", "wrapping"], to: "completed", now: now)
            default:
                if reroute { workspace.route(sid, now: now) }
            }
            workspace.dispatch(now: now)
            return .ok(workspace.json(workspace.tasks[sid]!, account: request.account, base: request.base, now: now))
        }
    }

    mutating func deleteTask(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard workspace.tasks[sid] != nil else { throw .notFound(request.path) }
            for reservation in workspace.reservations.all where reservation.taskSid == sid {
                workspace.reservations.remove(reservation.sid)
            }
            workspace.tasks.remove(sid)
            workspace.dispatch(now: request.now)
            return .noContent
        }
    }
}
