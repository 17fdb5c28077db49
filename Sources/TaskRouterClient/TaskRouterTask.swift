/// A TaskRouter Task. `attributes` is JSON text.
public struct TaskRouterTask: Sendable, Hashable, Decodable {
    public var sid: String
    public var attributes: String?
    /// `pending`, `reserved`, `assigned`, `canceled`, `completed` or `wrapping`.
    public var assignmentStatus: String
    public var taskQueueSID: String?
    public var workflowSID: String?
    public var priority: Int?

    enum CodingKeys: String, CodingKey {
        case sid, attributes, priority
        case assignmentStatus = "assignment_status"
        case taskQueueSID = "task_queue_sid"
        case workflowSID = "workflow_sid"
    }
}
