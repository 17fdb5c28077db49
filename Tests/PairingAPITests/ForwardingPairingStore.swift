import PairingCore
import PairingStore

/// A test store that hands every call it does not implement itself to `base`, a memory store, so a
/// test store states only what it does differently. (The calls `PairingStore` gives defaults for are
/// not forwarded: they keep their defaults, built on the calls below.)
protocol ForwardingPairingStore: PairingStore {
    /// The store the calls go to.
    var base: MemoryPairingStore { get }
}

extension ForwardingPairingStore {
    func migrate() throws(StoreError) { try base.migrate() }
    func createCompany(name: String) throws(StoreError) -> Company { try base.createCompany(name: name) }
    func company(id: String) throws(StoreError) -> Company? { try base.company(id: id) }
    func companies() throws(StoreError) -> [Company] { try base.companies() }
    func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord {
        try base.createAPIKey(companyID: companyID, hash: hash)
    }
    func apiKey(hash: String) throws(StoreError) -> APIKeyRecord? { try base.apiKey(hash: hash) }
    func revokeAPIKey(id: String) throws(StoreError) -> Bool { try base.revokeAPIKey(id: id) }
    func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        try base.liveConfigs(companyID: companyID)
    }
    func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? {
        try base.config(companyID: companyID, lookup)
    }
    func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError) -> PairingConfig {
        try base.createConfig(companyID: companyID, new, limit: limit)
    }
    func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig {
        try base.updateConfig(updated, expectedVersion: expectedVersion)
    }
    func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError) {
        try base.deleteConfig(companyID: companyID, numericID: numericID, expectedVersion: expectedVersion)
    }
    func syncMapping(companyID: String) throws(StoreError) -> SyncMapping { try base.syncMapping(companyID: companyID) }
    func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError) {
        try base.saveSyncMapping(companyID: companyID, mapping)
    }
    func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget? {
        try base.taskRouterTarget(companyID: companyID)
    }
    func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError) {
        try base.saveTaskRouterTarget(target)
    }
    func saveSyncRun(_ run: StoredSyncRun) throws(StoreError) { try base.saveSyncRun(run) }
    func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun? {
        try base.latestSyncRun(companyID: companyID, dryRun: dryRun)
    }
    func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun? {
        try base.latestSuccessfulSyncRun(companyID: companyID)
    }
    func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        try base.withSyncLock(companyID: companyID, body)
    }
}
