/// A TaskRouter TaskQueue.
public struct TaskRouterTaskQueue: Sendable, Hashable, Decodable {
    public var sid: String
    public var friendlyName: String
    /// The worker expression; Twilio returns null for a queue that targets everyone.
    public var targetWorkers: String?
    public var workspaceSID: String?

    public init(sid: String, friendlyName: String, targetWorkers: String?, workspaceSID: String? = nil) {
        self.sid = sid
        self.friendlyName = friendlyName
        self.targetWorkers = targetWorkers
        self.workspaceSID = workspaceSID
    }

    enum CodingKeys: String, CodingKey {
        case sid
        case friendlyName = "friendly_name"
        case targetWorkers = "target_workers"
        case workspaceSID = "workspace_sid"
    }
}
