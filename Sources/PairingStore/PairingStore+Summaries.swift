import PairingCore

extension PairingStore {
    /// Default for stores that do not track revisions (test doubles): always nil, so callers cache nothing.
    /// The memory, SQLite and PostgreSQL adapters implement it themselves.
    public func configRevision(companyID: String) throws(StoreError) -> Int64? { nil }

    /// Default for stores without a cheaper query (test doubles): the summaries of `liveConfigs`.
    /// The memory, SQLite and PostgreSQL adapters implement it themselves.
    public func liveConfigSummaries(companyID: String) throws(StoreError) -> [ConfigSummary] {
        try liveConfigs(companyID: companyID).map(ConfigSummary.init)
    }

    /// Default for stores without a cheaper query (test doubles): the summary of `config(companyID:_:)`.
    public func configSummary(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> ConfigSummary? {
        try config(companyID: companyID, lookup).map(ConfigSummary.init)
    }

    /// Default for stores without a cheaper query (test doubles): filters `liveConfigs`.
    public func liveConfigs(companyID: String, numericIDs: [Int64]) throws(StoreError) -> [PairingConfig] {
        let wanted = Set(numericIDs)
        return try liveConfigs(companyID: companyID).filter { wanted.contains($0.numericID) }
    }
}
