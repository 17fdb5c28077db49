/// A TaskQueue (`WQ...`).
struct EmulatedTaskQueue: Sendable {
    let sid: String
    var friendlyName: String
    /// `target_workers`, parsed.
    var targetWorkers: CompiledExpression
    var maxReservedWorkers: Int
    var taskOrder: String
    var reservationActivitySid: String?
    var assignmentActivitySid: String?
    let dateCreated: Double
    var dateUpdated: Double
}
