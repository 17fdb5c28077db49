/// A TaskRouter Worker. `attributes` is JSON text (null in list answers).
public struct TaskRouterWorker: Sendable, Hashable, Decodable {
    public var sid: String
    public var friendlyName: String
    public var attributes: String?
    public var activitySID: String?
    public var activityName: String?
    public var available: Bool?

    enum CodingKeys: String, CodingKey {
        case sid, attributes, available
        case friendlyName = "friendly_name"
        case activitySID = "activity_sid"
        case activityName = "activity_name"
    }
}
