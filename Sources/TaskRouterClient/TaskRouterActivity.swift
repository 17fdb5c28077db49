/// A TaskRouter Activity (a worker state such as `Available`).
public struct TaskRouterActivity: Sendable, Hashable, Decodable {
    public var sid: String
    public var friendlyName: String
    public var available: Bool

    enum CodingKeys: String, CodingKey {
        case sid, available
        case friendlyName = "friendly_name"
    }
}
