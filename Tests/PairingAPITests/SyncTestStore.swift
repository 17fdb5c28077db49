import PairingCore
import PairingStore
import Synchronization

/// A small in-memory store for sync tests: configs are put in directly so tests
/// control ids, priorities, timestamps and expressions exactly. Only the sync
/// part of `PairingStore` and what sync reads are implemented; the rest refuses.
final class SyncTestStore: PairingStore {
    struct State {
        var companies: [String: Company] = [:]
        var configs: [String: [PairingConfig]] = [:]
        var mappings: [String: SyncMapping] = [:]
        var targets: [String: StoredTaskRouterTarget] = [:]
        var runs: [StoredSyncRun] = []
        var locked: Set<String> = []
        var mappingSaves = 0
    }

    let state = Mutex(State())

    func addCompany(_ id: String, name: String = "Acme Lending") {
        state.withLock { $0.companies[id] = Company(id: id, name: name, createdAt: 0) }
    }

    func setConfigs(_ companyID: String, _ configs: [PairingConfig]) {
        state.withLock { $0.configs[companyID] = configs }
    }

    var runs: [StoredSyncRun] { state.withLock { $0.runs } }

    func migrate() throws(StoreError) {}
    func createCompany(name: String) throws(StoreError) -> Company {
        throw .database(code: 0, message: "unsupported", sql: "")
    }
    func company(id: String) throws(StoreError) -> Company? { state.withLock { $0.companies[id] } }
    func companies() throws(StoreError) -> [Company] { state.withLock { Array($0.companies.values) } }
    func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord {
        throw .database(code: 0, message: "unsupported", sql: "")
    }
    func apiKey(hash: String) throws(StoreError) -> APIKeyRecord? { nil }
    func revokeAPIKey(id: String) throws(StoreError) -> Bool { false }
    func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        state.withLock { $0.configs[companyID] ?? [] }
    }
    func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? { nil }
    func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError) -> PairingConfig {
        throw .database(code: 0, message: "unsupported", sql: "")
    }
    func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig {
        throw .database(code: 0, message: "unsupported", sql: "")
    }
    func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError) {
        throw .database(code: 0, message: "unsupported", sql: "")
    }
    func syncMapping(companyID: String) throws(StoreError) -> SyncMapping {
        state.withLock { $0.mappings[companyID] ?? SyncMapping() }
    }
    func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError) {
        state.withLock {
            $0.mappings[companyID] = mapping
            $0.mappingSaves += 1
        }
    }
    func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget? {
        state.withLock { $0.targets[companyID] }
    }
    func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError) {
        state.withLock { $0.targets[target.companyID] = target }
    }
    func saveSyncRun(_ run: StoredSyncRun) throws(StoreError) {
        state.withLock { state in
            if let index = state.runs.firstIndex(where: { $0.id == run.id }) {
                state.runs[index] = run
            } else {
                state.runs.append(run)
            }
        }
    }
    func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun? {
        state.withLock { $0.runs.last { $0.companyID == companyID && (dryRun == nil || $0.dryRun == dryRun) } }
    }
    func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun? {
        state.withLock {
            $0.runs.last {
                $0.companyID == companyID && !$0.dryRun
                    && ($0.status == "succeeded" || $0.status == "succeededWithWarnings")
            }
        }
    }
    func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        try state.withLock { state throws(StoreError) in
            guard state.locked.insert(companyID).inserted else {
                throw .syncInProgress(state.runs.last { $0.companyID == companyID && $0.status == "running" }?.id)
            }
        }
        defer { _ = state.withLock { $0.locked.remove(companyID) } }
        return try body()
    }
}
