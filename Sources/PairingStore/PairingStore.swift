import PairingCore

/// Which live config an AnyId names (api.md section 5).
public enum ConfigLookup: Sendable, Hashable {
    case publicID(String)
    case externalID(String)
    case numericID(Int64)
}

/// The fields of a config to create; the store assigns ids, timestamps and version.
public struct NewPairingConfig: Sendable, Hashable {
    public var externalID: String?
    public var priority: Int32?
    public var name: String
    public var workerMatch: WorkerMatch
    public var taskMatch: TaskMatch
    public var overrideWorkerQueueExpression: String?
    public var overrideTaskWorkflowExpression: String?

    public init(
        externalID: String? = nil, priority: Int32? = nil, name: String, workerMatch: WorkerMatch = WorkerMatch(),
        taskMatch: TaskMatch = TaskMatch(), overrideWorkerQueueExpression: String? = nil,
        overrideTaskWorkflowExpression: String? = nil
    ) {
        self.externalID = externalID
        self.priority = priority
        self.name = name
        self.workerMatch = workerMatch
        self.taskMatch = taskMatch
        self.overrideWorkerQueueExpression = overrideWorkerQueueExpression
        self.overrideTaskWorkflowExpression = overrideTaskWorkflowExpression
    }
}

/// Storage of companies, API keys, pairing configs and sync state.
///
/// Synchronous and thread-safe: every adapter (memory, SQLite, PostgreSQL) is
/// called from many server threads at once. Each write is one transaction.
/// Sorting and paging of configs happen in `PairingCore` over `liveConfigs`,
/// so every backend orders identically.
public protocol PairingStore: Sendable {
    /// Applies pending versioned migrations (idempotent; safe when several processes start together).
    func migrate() throws(StoreError)

    // MARK: Companies
    /// Creates a company and its default config in one transaction.
    func createCompany(name: String) throws(StoreError) -> Company
    func company(id: String) throws(StoreError) -> Company?
    func companies() throws(StoreError) -> [Company]

    // MARK: API keys
    func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord
    /// The unrevoked key with this hash, if any.
    func apiKey(hash: String) throws(StoreError) -> APIKeyRecord?
    /// The unrevoked key with `keyHash` and, read with it in one statement (one snapshot, one round
    /// trip), whether company `companyID` exists, its config revision and what `target` names in it.
    /// Authenticated reads use it, so a request costs one database read.
    func authenticatedRead(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget)
        throws(StoreError) -> AuthenticatedRead
    /// Revokes a key by its public id; false when there is no such unrevoked key.
    func revokeAPIKey(id: String) throws(StoreError) -> Bool

    // MARK: Pairing configs
    /// Every live config of the company (at most the config limit), in no particular order.
    func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig]
    func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig?
    /// A number that grows whenever a config of the company is created, updated or deleted, in the
    /// same transaction as the change (so while it is unchanged, so are the company's live configs);
    /// nil when there is no such company. Stores that do not track it may always answer nil.
    func configRevision(companyID: String) throws(StoreError) -> Int64?
    /// The summaries (sort keys and version) of every live config of the company, in no particular
    /// order: what listing needs to order and page without reading the matches.
    func liveConfigSummaries(companyID: String) throws(StoreError) -> [ConfigSummary]
    /// The summary of the live config `lookup` names, if any.
    func configSummary(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> ConfigSummary?
    /// The live configs of the company among `numericIDs`, in no particular order; ids of deleted
    /// configs, of other companies' configs or of nothing are skipped.
    func liveConfigs(companyID: String, numericIDs: [Int64]) throws(StoreError) -> [PairingConfig]
    /// Creates a config; `.duplicateExternalID` or `.configLimitReached` on conflict.
    func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError) -> PairingConfig
    /// Replaces a live config's writable fields with those of `updated` (matched by numeric id),
    /// bumps version and `updatedAt`. `.versionMismatch` when `expectedVersion` is given and differs.
    func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig
    /// Soft-deletes a live config. `.cannotDeleteDefault` for the default.
    func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError)

    // MARK: Sync
    func syncMapping(companyID: String) throws(StoreError) -> SyncMapping
    func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError)
    func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget?
    func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError)
    func saveSyncRun(_ run: StoredSyncRun) throws(StoreError)
    func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun?
    /// The latest successful, non-dry run (its `syncedState` drives `inSync`).
    func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun?
    /// Runs `body` holding the company's sync lock, across every process sharing the database;
    /// `.syncInProgress` immediately when another holder has it. Released if the holder dies.
    func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T
}
