import PairingCore

extension PairingStore {
    /// Default for stores without a combined query (the memory store, test doubles): the separate
    /// reads, one after the other. The SQL adapters read everything in one statement.
    public func authenticatedRead(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget)
        throws(StoreError) -> AuthenticatedRead
    {
        guard let key = try apiKey(hash: keyHash) else { return AuthenticatedRead(key: nil) }
        var read = AuthenticatedRead(key: key)
        switch target {
        case .company:
            read.companyExists = try company(id: companyID) != nil
            read.configRevision = try configRevision(companyID: companyID)
        case .configSummary(let lookup):
            read.configSummary = try configSummary(companyID: companyID, lookup)
            if read.configSummary != nil { read.companyExists = true }
        }
        return read
    }
}
