import PairingCore
import Synchronization

/// An in-memory `PairingStore` with the same semantics as the SQL adapters
/// (tests, demos, `--memory`). Everything is lost when the process ends.
public final class MemoryPairingStore: PairingStore {
    private struct State {
        var companies: [Company] = []
        var apiKeys: [APIKeyRecord] = []
        /// Every config ever created, deleted ones included, by numeric id.
        var configs: [Int64: PairingConfig] = [:]
        var nextNumericID: Int64 = 1
        var mappings: [String: SyncMapping] = [:]
        var targets: [String: StoredTaskRouterTarget] = [:]
        /// Sync runs in insertion order (a re-saved run keeps its place).
        var runs: [StoredSyncRun] = []
        var lockedCompanies: Set<String> = []
        var usedIDs: Set<String> = []
        /// Config revisions by company id (absent: 0).
        var configRevisions: [String: Int64] = [:]

        func hasCompany(_ id: String) -> Bool { companies.contains { $0.id == id } }

        mutating func freshID(prefix: String) -> String {
            while true {
                let id = PublicID.make(prefix: prefix)
                if usedIDs.insert(id).inserted { return id }
            }
        }

        func liveConfig(companyID: String, numericID: Int64) -> PairingConfig? {
            guard let config = configs[numericID], config.companyID == companyID, config.deletedAt == nil else {
                return nil
            }
            return config
        }

        func externalIDTaken(_ externalID: String, companyID: String, except numericID: Int64?) -> Bool {
            configs.values.contains {
                $0.companyID == companyID && $0.deletedAt == nil && $0.externalID == externalID
                    && $0.numericID != numericID
            }
        }

        func runningRunID(companyID: String) -> String? {
            runs.last { $0.companyID == companyID && $0.status == "running" }?.id
        }
    }

    private let state = Mutex(State())

    public init() {}

    public func migrate() throws(StoreError) {}

    // MARK: Companies

    public func createCompany(name: String) throws(StoreError) -> Company {
        state.withLock { state in
            let now = StoreClock.nowMicros()
            let company = Company(id: state.freshID(prefix: "CP"), name: name, createdAt: now)
            state.companies.append(company)
            let numericID = state.nextNumericID
            state.nextNumericID += 1
            state.configs[numericID] = PairingConfig(
                numericID: numericID, id: state.freshID(prefix: "TP"), companyID: company.id, name: "Default",
                isDefault: true, createdAt: now)
            return company
        }
    }

    public func company(id: String) throws(StoreError) -> Company? {
        state.withLock { state in state.companies.first { $0.id == id } }
    }

    public func companies() throws(StoreError) -> [Company] {
        state.withLock { $0.companies }
    }

    // MARK: API keys

    public func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord {
        try state.withLock { state throws(StoreError) in
            if let companyID, !state.hasCompany(companyID) { throw .notFound }
            let key = APIKeyRecord(
                id: state.freshID(prefix: "AK"), companyID: companyID, hash: hash, createdAt: StoreClock.nowMicros())
            state.apiKeys.append(key)
            return key
        }
    }

    public func apiKey(hash: String) throws(StoreError) -> APIKeyRecord? {
        state.withLock { state in state.apiKeys.first { $0.hash == hash && $0.revokedAt == nil } }
    }

    public func revokeAPIKey(id: String) throws(StoreError) -> Bool {
        state.withLock { state in
            guard let index = state.apiKeys.firstIndex(where: { $0.id == id && $0.revokedAt == nil }) else {
                return false
            }
            state.apiKeys[index].revokedAt = StoreClock.nowMicros()
            return true
        }
    }

    // MARK: Pairing configs

    public func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        state.withLock { state in
            state.configs.values.filter { $0.companyID == companyID && $0.deletedAt == nil }
                .sorted { $0.numericID < $1.numericID }
        }
    }

    public func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? {
        state.withLock { state in
            switch lookup {
            case .numericID(let numericID):
                return state.liveConfig(companyID: companyID, numericID: numericID)
            case .publicID(let id):
                return state.configs.values.first { $0.companyID == companyID && $0.deletedAt == nil && $0.id == id }
            case .externalID(let externalID):
                return state.configs.values.first {
                    $0.companyID == companyID && $0.deletedAt == nil && $0.externalID == externalID
                }
            }
        }
    }

    public func configRevision(companyID: String) throws(StoreError) -> Int64? {
        state.withLock { state in
            state.hasCompany(companyID) ? state.configRevisions[companyID, default: 0] : nil
        }
    }

    public func liveConfigSummaries(companyID: String) throws(StoreError) -> [ConfigSummary] {
        try liveConfigs(companyID: companyID).map(ConfigSummary.init)
    }

    public func configSummary(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> ConfigSummary? {
        try config(companyID: companyID, lookup).map(ConfigSummary.init)
    }

    public func liveConfigs(companyID: String, numericIDs: [Int64]) throws(StoreError) -> [PairingConfig] {
        state.withLock { state in
            var seen = Set<Int64>()
            return numericIDs.compactMap { numericID in
                guard seen.insert(numericID).inserted else { return nil }
                return state.liveConfig(companyID: companyID, numericID: numericID)
            }
        }
    }

    public func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError)
        -> PairingConfig
    {
        try state.withLock { state throws(StoreError) in
            guard state.hasCompany(companyID) else { throw .notFound }
            let live = state.configs.values.count { $0.companyID == companyID && $0.deletedAt == nil }
            if live >= limit { throw .configLimitReached(limit) }
            if let externalID = new.externalID, state.externalIDTaken(externalID, companyID: companyID, except: nil) {
                throw .duplicateExternalID(externalID)
            }
            let numericID = state.nextNumericID
            state.nextNumericID += 1
            let config = PairingConfig(
                numericID: numericID, id: state.freshID(prefix: "TP"), companyID: companyID,
                externalID: new.externalID, priority: new.priority, name: new.name, isDefault: false,
                workerMatch: new.workerMatch, taskMatch: new.taskMatch,
                overrideWorkerQueueExpression: new.overrideWorkerQueueExpression,
                overrideTaskWorkflowExpression: new.overrideTaskWorkflowExpression, createdAt: StoreClock.nowMicros())
            state.configs[numericID] = config
            state.configRevisions[companyID, default: 0] += 1
            return config
        }
    }

    public func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig {
        try state.withLock { state throws(StoreError) in
            guard var config = state.liveConfig(companyID: updated.companyID, numericID: updated.numericID) else {
                throw .notFound
            }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if let externalID = updated.externalID,
                state.externalIDTaken(externalID, companyID: config.companyID, except: config.numericID)
            {
                throw .duplicateExternalID(externalID)
            }
            config.applyUpdate(from: updated, at: StoreClock.nowMicros())
            state.configs[config.numericID] = config
            state.configRevisions[config.companyID, default: 0] += 1
            return config
        }
    }

    public func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            guard var config = state.liveConfig(companyID: companyID, numericID: numericID) else {
                throw .notFound
            }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if config.isDefault { throw .cannotDeleteDefault }
            config.deletedAt = StoreClock.nowMicros()
            state.configs[numericID] = config
            state.configRevisions[companyID, default: 0] += 1
        }
    }

    // MARK: Sync

    public func syncMapping(companyID: String) throws(StoreError) -> SyncMapping {
        state.withLock { $0.mappings[companyID] ?? SyncMapping() }
    }

    public func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            guard state.hasCompany(companyID) else { throw .notFound }
            state.mappings[companyID] = mapping
        }
    }

    public func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget? {
        state.withLock { $0.targets[companyID] }
    }

    public func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            guard state.hasCompany(target.companyID) else { throw .notFound }
            state.targets[target.companyID] = target
        }
    }

    public func saveSyncRun(_ run: StoredSyncRun) throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            guard state.hasCompany(run.companyID) else { throw .notFound }
            if let index = state.runs.firstIndex(where: { $0.id == run.id }) {
                // The company of a run never changes.
                var saved = run
                saved.companyID = state.runs[index].companyID
                state.runs[index] = saved
            } else {
                state.runs.append(run)
            }
        }
    }

    public func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun? {
        state.withLock { state in
            Self.latest(state.runs) { $0.companyID == companyID && (dryRun == nil || $0.dryRun == dryRun) }
        }
    }

    public func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun? {
        state.withLock { state in
            Self.latest(state.runs) {
                $0.companyID == companyID && !$0.dryRun
                    && ($0.status == "succeeded" || $0.status == "succeededWithWarnings")
            }
        }
    }

    /// The matching run with the latest `startedAt`; among equal ones, the last inserted.
    private static func latest(_ runs: [StoredSyncRun], where matches: (StoredSyncRun) -> Bool) -> StoredSyncRun? {
        var best: StoredSyncRun?
        for run in runs where matches(run) {
            if best == nil || run.startedAt >= best!.startedAt { best = run }
        }
        return best
    }

    public func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        try state.withLock { state throws(StoreError) in
            guard state.lockedCompanies.insert(companyID).inserted else {
                throw .syncInProgress(state.runningRunID(companyID: companyID))
            }
        }
        defer { _ = state.withLock { $0.lockedCompanies.remove(companyID) } }
        return try body()
    }
}
