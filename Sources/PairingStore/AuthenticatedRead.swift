import PairingCore

/// What an authenticated request reads about the company in its path, besides the API key.
public enum AuthenticatedReadTarget: Sendable, Hashable {
    /// Whether the company exists, and its config revision.
    case company
    /// The summary of the live config `lookup` names in the company (a config found means the company
    /// exists; when none is, whether the company exists is not read).
    case configSummary(ConfigLookup)
}

/// The API key of a request and what it reads about one company, read together in one statement
/// (`PairingStore.authenticatedRead`), so an authenticated read costs one database round trip.
public struct AuthenticatedRead: Sendable, Hashable {
    /// The unrevoked key with the hash, if any. When nil, nothing else was read.
    public var key: APIKeyRecord?
    /// Whether the company exists; nil when not read.
    public var companyExists: Bool?
    /// The company's config revision (`PairingStore.configRevision`) for a `.company` target; nil without
    /// the company or when the store does not track revisions.
    public var configRevision: Int64?
    /// The summary of the config a `.configSummary` target names, if it is live in the company.
    public var configSummary: ConfigSummary?

    public init(
        key: APIKeyRecord?, companyExists: Bool? = nil, configRevision: Int64? = nil,
        configSummary: ConfigSummary? = nil
    ) {
        self.key = key
        self.companyExists = companyExists
        self.configRevision = configRevision
        self.configSummary = configSummary
    }
}
