/// Workflows: create, fetch, list, update (`ReEvaluateTasks`), delete.
extension EmulatorState {
    mutating func createWorkflow(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let name = try EmulatorState.friendlyName(try form.required("FriendlyName"))
        let configuration = try form.required("Configuration")
        let timeout = try form.int("TaskReservationTimeout", in: 1...86_400) ?? 120
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let routing = try WorkflowRouting(parsing: configuration, knownQueues: Set(workspace.queues.order))
            let workflow = EmulatedWorkflow(
                sid: SIDGenerator.make("WW"), friendlyName: name, configuration: configuration, routing: routing,
                assignmentCallbackURL: form.value("AssignmentCallbackUrl"),
                fallbackAssignmentCallbackURL: form.value("FallbackAssignmentCallbackUrl"),
                taskReservationTimeout: timeout, dateCreated: request.now, dateUpdated: request.now)
            workspace.workflows[workflow.sid] = workflow
            return .created(workspace.json(workflow, account: request.account, base: request.base))
        }
    }

    func fetchWorkflow(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        guard let workflow = workspace.workflows[request.parameter("Sid")] else { throw .notFound(request.path) }
        return .ok(workspace.json(workflow, account: request.account, base: request.base))
    }

    func listWorkflows(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let name = request.query.value("FriendlyName")
        let items = workspace.workflows.all.filter { name == nil || $0.friendlyName == name }
            .map { workspace.json($0, account: request.account, base: request.base) }
        return .ok(try ListPage.make(items, key: "workflows", request: request))
    }

    /// With `ReEvaluateTasks=true`, pending and reserved tasks of the workflow are
    /// routed again by the (new) configuration.
    mutating func updateWorkflow(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        let name = try form.value("FriendlyName").map { (text) throws(EmulatorError) in
            try EmulatorState.friendlyName(text)
        }
        let timeout = try form.int("TaskReservationTimeout", in: 1...86_400)
        let reevaluate = try form.bool("ReEvaluateTasks") ?? false
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard var workflow = workspace.workflows[sid] else { throw .notFound(request.path) }
            if let configuration = form.value("Configuration") {
                workflow.routing = try WorkflowRouting(
                    parsing: configuration, knownQueues: Set(workspace.queues.order))
                workflow.configuration = configuration
            }
            if let name { workflow.friendlyName = name }
            if let timeout { workflow.taskReservationTimeout = timeout }
            if let url = form.value("AssignmentCallbackUrl") {
                workflow.assignmentCallbackURL = url.isEmpty ? nil : url
            }
            if let url = form.value("FallbackAssignmentCallbackUrl") {
                workflow.fallbackAssignmentCallbackURL = url.isEmpty ? nil : url
            }
            workflow.dateUpdated = request.now
            workspace.workflows[sid] = workflow
            if reevaluate {
                workspace.reevaluateTasks(ofWorkflow: sid, now: request.now)
                workspace.dispatch(now: request.now)
            }
            return .ok(workspace.json(workflow, account: request.account, base: request.base))
        }
    }

    mutating func deleteWorkflow(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let sid = request.parameter("Sid")
            guard workspace.workflows[sid] != nil else { throw .notFound(request.path) }
            workspace.workflows.remove(sid)
            return .noContent
        }
    }
}
