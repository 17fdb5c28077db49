import TaskRouterExpressions

/// A Task (`WT...`).
struct EmulatedTask: Sendable {
    let sid: String
    /// `attributes` exactly as sent.
    var attributes: String
    var attributesValue: JSONValue
    /// `pending`, `reserved`, `assigned`, `canceled`, `completed` or `wrapping`.
    var assignmentStatus: String
    var priority: Int
    var reason: String?
    var timeout: Int
    var workflowSid: String?
    var taskQueueSid: String?
    var taskQueueEnteredDate: Double?
    /// The targets of the filter that matched, tried in order when reserving.
    var targets: [WorkflowRouting.Target]
    /// Workers that rejected this task; they are not offered it again.
    var rejectedWorkerSids: Set<String>
    let dateCreated: Double
    var dateUpdated: Double
    let sequence: Int
}
