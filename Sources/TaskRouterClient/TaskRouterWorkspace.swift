/// A TaskRouter Workspace (the fields sync and tests use).
public struct TaskRouterWorkspace: Sendable, Hashable, Decodable {
    public var sid: String
    public var accountSID: String?
    public var friendlyName: String
    public var defaultActivitySID: String?
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case sid, url
        case accountSID = "account_sid"
        case friendlyName = "friendly_name"
        case defaultActivitySID = "default_activity_sid"
    }
}
