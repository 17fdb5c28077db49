/// A Workspace (`WS...`) and everything in it.
struct EmulatedWorkspace: Sendable {
    let sid: String
    var friendlyName: String
    var eventCallbackURL: String?
    var eventsFilter: String?
    var multiTaskEnabled: Bool
    var prioritizeQueueOrder: String
    var defaultActivitySid: String
    var timeoutActivitySid: String
    let dateCreated: Double
    var dateUpdated: Double

    var activities = OrderedRecords<EmulatedActivity>()
    var queues = OrderedRecords<EmulatedTaskQueue>()
    var workflows = OrderedRecords<EmulatedWorkflow>()
    var workers = OrderedRecords<EmulatedWorker>()
    var tasks = OrderedRecords<EmulatedTask>()
    var reservations = OrderedRecords<EmulatedReservation>()
    /// When each worker last became available (absent while unavailable).
    var availableSince: [String: Double] = [:]

    /// Whether the worker's current activity is an available one.
    func isAvailable(_ worker: EmulatedWorker) -> Bool {
        activities[worker.activitySid]?.available ?? false
    }
}
