/// Typed calls for the resources twpc uses. Paths and parameter names are
/// Twilio's (`twilio_taskrouter_v1.json`).
extension TaskRouterClient {
    /// Largest page Twilio allows; a workspace's queues then fit in one request.
    public static let maxPageSize = 1000

    private static func ws(_ workspaceSID: String) -> String { "/v1/Workspaces/\(FormEncoding.escape(workspaceSID))" }
    private static func sid(_ sid: String) -> String { FormEncoding.escape(sid) }

    // MARK: Workspaces

    public func listWorkspaces(friendlyName: String? = nil) async throws(TaskRouterError) -> [TaskRouterWorkspace] {
        var query = [("PageSize", String(Self.maxPageSize))]
        if let friendlyName { query.append(("FriendlyName", friendlyName)) }
        return try await list("/v1/Workspaces", key: "workspaces", query: query)
    }

    public func createWorkspace(friendlyName: String) async throws(TaskRouterError) -> TaskRouterWorkspace {
        try await request(
            "POST", "/v1/Workspaces", form: [("FriendlyName", friendlyName)], as: TaskRouterWorkspace.self)
    }

    public func fetchWorkspace(sid: String) async throws(TaskRouterError) -> TaskRouterWorkspace {
        try await request("GET", Self.ws(sid), as: TaskRouterWorkspace.self)
    }

    public func deleteWorkspace(sid: String) async throws(TaskRouterError) {
        try await requestNoContent("DELETE", Self.ws(sid))
    }

    // MARK: Activities

    public func listActivities(workspaceSID: String) async throws(TaskRouterError) -> [TaskRouterActivity] {
        try await list(
            Self.ws(workspaceSID) + "/Activities", key: "activities", query: [("PageSize", String(Self.maxPageSize))]
        )
    }

    // MARK: TaskQueues

    /// Every queue of the workspace (pages of 1000, so one request up to 1000 queues).
    public func listTaskQueues(workspaceSID: String, friendlyName: String? = nil, pageSize: Int = maxPageSize)
        async throws(TaskRouterError) -> [TaskRouterTaskQueue]
    {
        var query = [("PageSize", String(pageSize))]
        if let friendlyName { query.append(("FriendlyName", friendlyName)) }
        return try await list(Self.ws(workspaceSID) + "/TaskQueues", key: "task_queues", query: query)
    }

    public func fetchTaskQueue(workspaceSID: String, sid: String) async throws(TaskRouterError) -> TaskRouterTaskQueue {
        try await request("GET", Self.ws(workspaceSID) + "/TaskQueues/" + Self.sid(sid), as: TaskRouterTaskQueue.self)
    }

    public func createTaskQueue(workspaceSID: String, friendlyName: String, targetWorkers: String)
        async throws(TaskRouterError) -> TaskRouterTaskQueue
    {
        try await request(
            "POST", Self.ws(workspaceSID) + "/TaskQueues",
            form: [("FriendlyName", friendlyName), ("TargetWorkers", targetWorkers)], as: TaskRouterTaskQueue.self
        )
    }

    /// Updates only the given fields.
    public func updateTaskQueue(
        workspaceSID: String, sid: String, friendlyName: String? = nil, targetWorkers: String? = nil
    ) async throws(TaskRouterError) -> TaskRouterTaskQueue {
        var form: [(String, String)] = []
        if let friendlyName { form.append(("FriendlyName", friendlyName)) }
        if let targetWorkers { form.append(("TargetWorkers", targetWorkers)) }
        return try await request(
            "POST", Self.ws(workspaceSID) + "/TaskQueues/" + Self.sid(sid), form: form, as: TaskRouterTaskQueue.self
        )
    }

    public func deleteTaskQueue(workspaceSID: String, sid: String) async throws(TaskRouterError) {
        try await requestNoContent("DELETE", Self.ws(workspaceSID) + "/TaskQueues/" + Self.sid(sid))
    }

    // MARK: Workflows

    public func listWorkflows(workspaceSID: String, friendlyName: String? = nil) async throws(TaskRouterError)
        -> [TaskRouterWorkflow]
    {
        var query = [("PageSize", String(Self.maxPageSize))]
        if let friendlyName { query.append(("FriendlyName", friendlyName)) }
        return try await list(Self.ws(workspaceSID) + "/Workflows", key: "workflows", query: query)
    }

    public func fetchWorkflow(workspaceSID: String, sid: String) async throws(TaskRouterError) -> TaskRouterWorkflow {
        try await request("GET", Self.ws(workspaceSID) + "/Workflows/" + Self.sid(sid), as: TaskRouterWorkflow.self)
    }

    public func createWorkflow(workspaceSID: String, friendlyName: String, configuration: String)
        async throws(TaskRouterError) -> TaskRouterWorkflow
    {
        try await request(
            "POST", Self.ws(workspaceSID) + "/Workflows",
            form: [("FriendlyName", friendlyName), ("Configuration", configuration)], as: TaskRouterWorkflow.self
        )
    }

    /// Updates only the given fields; `reEvaluateTasks` moves waiting tasks to the new rules.
    public func updateWorkflow(
        workspaceSID: String, sid: String, friendlyName: String? = nil, configuration: String? = nil,
        reEvaluateTasks: Bool? = nil
    ) async throws(TaskRouterError) -> TaskRouterWorkflow {
        var form: [(String, String)] = []
        if let friendlyName { form.append(("FriendlyName", friendlyName)) }
        if let configuration { form.append(("Configuration", configuration)) }
        if let reEvaluateTasks { form.append(("ReEvaluateTasks", reEvaluateTasks ? "true" : "false")) }
        return try await request(
            "POST", Self.ws(workspaceSID) + "/Workflows/" + Self.sid(sid), form: form, as: TaskRouterWorkflow.self
        )
    }

    public func deleteWorkflow(workspaceSID: String, sid: String) async throws(TaskRouterError) {
        try await requestNoContent("DELETE", Self.ws(workspaceSID) + "/Workflows/" + Self.sid(sid))
    }

    // MARK: Workers

    public func listWorkers(
        workspaceSID: String, targetWorkersExpression: String? = nil, activityName: String? = nil,
        available: Bool? = nil
    ) async throws(TaskRouterError) -> [TaskRouterWorker] {
        var query = [("PageSize", String(Self.maxPageSize))]
        if let targetWorkersExpression { query.append(("TargetWorkersExpression", targetWorkersExpression)) }
        if let activityName { query.append(("ActivityName", activityName)) }
        if let available { query.append(("Available", available ? "true" : "false")) }
        return try await list(Self.ws(workspaceSID) + "/Workers", key: "workers", query: query)
    }

    public func fetchWorker(workspaceSID: String, sid: String) async throws(TaskRouterError) -> TaskRouterWorker {
        try await request("GET", Self.ws(workspaceSID) + "/Workers/" + Self.sid(sid), as: TaskRouterWorker.self)
    }

    public func createWorker(
        workspaceSID: String, friendlyName: String, attributes: String? = nil,
        activitySID: String? = nil
    ) async throws(TaskRouterError) -> TaskRouterWorker {
        var form = [("FriendlyName", friendlyName)]
        if let attributes { form.append(("Attributes", attributes)) }
        if let activitySID { form.append(("ActivitySid", activitySID)) }
        return try await request("POST", Self.ws(workspaceSID) + "/Workers", form: form, as: TaskRouterWorker.self)
    }

    public func updateWorker(
        workspaceSID: String, sid: String, friendlyName: String? = nil, attributes: String? = nil,
        activitySID: String? = nil
    ) async throws(TaskRouterError) -> TaskRouterWorker {
        var form: [(String, String)] = []
        if let friendlyName { form.append(("FriendlyName", friendlyName)) }
        if let attributes { form.append(("Attributes", attributes)) }
        if let activitySID { form.append(("ActivitySid", activitySID)) }
        return try await request(
            "POST", Self.ws(workspaceSID) + "/Workers/" + Self.sid(sid), form: form, as: TaskRouterWorker.self
        )
    }

    public func deleteWorker(workspaceSID: String, sid: String) async throws(TaskRouterError) {
        try await requestNoContent("DELETE", Self.ws(workspaceSID) + "/Workers/" + Self.sid(sid))
    }

    // MARK: Tasks

    public func createTask(
        workspaceSID: String, attributes: String, workflowSID: String? = nil, priority: Int? = nil,
        timeout: Int? = nil
    ) async throws(TaskRouterError) -> TaskRouterTask {
        var form = [("Attributes", attributes)]
        if let workflowSID { form.append(("WorkflowSid", workflowSID)) }
        if let priority { form.append(("Priority", String(priority))) }
        if let timeout { form.append(("Timeout", String(timeout))) }
        return try await request("POST", Self.ws(workspaceSID) + "/Tasks", form: form, as: TaskRouterTask.self)
    }

    public func fetchTask(workspaceSID: String, sid: String) async throws(TaskRouterError) -> TaskRouterTask {
        try await request("GET", Self.ws(workspaceSID) + "/Tasks/" + Self.sid(sid), as: TaskRouterTask.self)
    }

    public func listTasks(
        workspaceSID: String, assignmentStatus: String? = nil, taskQueueSID: String? = nil,
        workflowSID: String? = nil, evaluateTaskAttributes: String? = nil
    ) async throws(TaskRouterError) -> [TaskRouterTask] {
        var query = [("PageSize", String(Self.maxPageSize))]
        if let assignmentStatus { query.append(("AssignmentStatus", assignmentStatus)) }
        if let taskQueueSID { query.append(("TaskQueueSid", taskQueueSID)) }
        if let workflowSID { query.append(("WorkflowSid", workflowSID)) }
        if let evaluateTaskAttributes { query.append(("EvaluateTaskAttributes", evaluateTaskAttributes)) }
        return try await list(Self.ws(workspaceSID) + "/Tasks", key: "tasks", query: query)
    }

    public func updateTask(
        workspaceSID: String, sid: String, assignmentStatus: String? = nil, reason: String? = nil,
        attributes: String? = nil
    ) async throws(TaskRouterError) -> TaskRouterTask {
        var form: [(String, String)] = []
        if let assignmentStatus { form.append(("AssignmentStatus", assignmentStatus)) }
        if let reason { form.append(("Reason", reason)) }
        if let attributes { form.append(("Attributes", attributes)) }
        return try await request(
            "POST", Self.ws(workspaceSID) + "/Tasks/" + Self.sid(sid), form: form, as: TaskRouterTask.self
        )
    }

    public func deleteTask(workspaceSID: String, sid: String) async throws(TaskRouterError) {
        try await requestNoContent("DELETE", Self.ws(workspaceSID) + "/Tasks/" + Self.sid(sid))
    }
}
