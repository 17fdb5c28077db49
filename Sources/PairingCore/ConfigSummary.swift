/// The fields of a stored config that ordering, paging, cursors and caching need, without the
/// matches and names: what the list endpoint reads for every live config before it reads
/// (or renders from cache) the full configs of one page.
public struct ConfigSummary: Sendable, Hashable, ConfigSortKeys {
    public var numericID: Int64
    public var id: String
    public var externalID: String?
    public var priority: Int32?
    public var isDefault: Bool
    /// Microseconds since the Unix epoch, UTC.
    public var createdAt: Int64
    /// The config's version: it changes on every update, so `(numericID, version)` names one content.
    public var version: Int64

    public init(
        numericID: Int64, id: String, externalID: String? = nil, priority: Int32? = nil, isDefault: Bool = false,
        createdAt: Int64, version: Int64
    ) {
        self.numericID = numericID
        self.id = id
        self.externalID = externalID
        self.priority = priority
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.version = version
    }

    /// The summary of a full config.
    public init(_ config: PairingConfig) {
        self.init(
            numericID: config.numericID, id: config.id, externalID: config.externalID, priority: config.priority,
            isDefault: config.isDefault, createdAt: config.createdAt, version: config.version)
    }
}
