/// The TaskQueue (and workflow filter) one live config should have.
public struct SyncDesiredQueue: Sendable, Hashable, Codable {
    public var configID: String
    /// `TWPC <config id> <config name>` cut to 64 characters.
    public var friendlyName: String
    public var targetWorkers: String
    /// `<name> (<id>)` cut to 64 characters.
    public var filterFriendlyName: String
    /// The filter expression; nil for the default config (the default filter has none).
    public var filterExpression: String?

    public init(
        configID: String, friendlyName: String, targetWorkers: String, filterFriendlyName: String,
        filterExpression: String?
    ) {
        self.configID = configID
        self.friendlyName = friendlyName
        self.targetWorkers = targetWorkers
        self.filterFriendlyName = filterFriendlyName
        self.filterExpression = filterExpression
    }
}
