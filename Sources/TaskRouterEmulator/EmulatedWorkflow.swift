/// A Workflow (`WW...`).
struct EmulatedWorkflow: Sendable {
    let sid: String
    var friendlyName: String
    /// The `configuration` text exactly as sent.
    var configuration: String
    var routing: WorkflowRouting
    var assignmentCallbackURL: String?
    var fallbackAssignmentCallbackURL: String?
    var taskReservationTimeout: Int
    let dateCreated: Double
    var dateUpdated: Double
}
