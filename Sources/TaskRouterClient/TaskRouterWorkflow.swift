/// A TaskRouter Workflow; `configuration` is the JSON text of its routing rules.
public struct TaskRouterWorkflow: Sendable, Hashable, Decodable {
    public var sid: String
    public var friendlyName: String
    public var configuration: String
    public var workspaceSID: String?

    public init(sid: String, friendlyName: String, configuration: String, workspaceSID: String? = nil) {
        self.sid = sid
        self.friendlyName = friendlyName
        self.configuration = configuration
        self.workspaceSID = workspaceSID
    }

    enum CodingKeys: String, CodingKey {
        case sid, configuration
        case friendlyName = "friendly_name"
        case workspaceSID = "workspace_sid"
    }
}
