/// What the workspace holds, as read before planning: every queue, and the
/// managed workflow if it was found (by stored sid, else by friendly name).
public struct SyncActualState: Sendable, Hashable {
    public struct Queue: Sendable, Hashable {
        public var sid: String
        public var friendlyName: String
        public var targetWorkers: String?
        public init(sid: String, friendlyName: String, targetWorkers: String?) {
            self.sid = sid
            self.friendlyName = friendlyName
            self.targetWorkers = targetWorkers
        }
    }

    public struct Workflow: Sendable, Hashable {
        public var sid: String
        public var friendlyName: String
        public var configuration: String
        public init(sid: String, friendlyName: String, configuration: String) {
            self.sid = sid
            self.friendlyName = friendlyName
            self.configuration = configuration
        }
    }

    /// Every queue of the workspace, in list order.
    public var queues: [Queue]
    public var workflow: Workflow?

    public init(queues: [Queue], workflow: Workflow?) {
        self.queues = queues
        self.workflow = workflow
    }
}
