/// A queue named by the workflow: one that exists, or the one a plan creates for a config.
public enum SyncQueueReference: Sendable, Hashable {
    case existing(sid: String)
    case new(configID: String)

    /// The sid, given the sids of queues created so far; nil when not created yet.
    public func resolve(_ created: [String: String]) -> String? {
        switch self {
        case .existing(let sid): sid
        case .new(let configID): created[configID]
        }
    }
}
