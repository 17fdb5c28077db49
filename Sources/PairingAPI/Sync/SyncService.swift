import Foundation
import PairingCore
import PairingStore
import TaskRouterClient

/// Syncs a company's live pairing configs to its TaskRouter workspace (sync.md):
/// takes the company's sync lock, reads the workspace, plans, applies in order
/// with bounded concurrency, records the mapping as it goes and the run at the end.
public final class SyncService: Sendable {
    /// Tunables; defaults are the spec's.
    public struct Options: Sendable {
        /// Parallel queue writes (default 4).
        public var concurrency: Int
        /// Retries of each TaskRouter request; `deadline` is also the whole run's deadline.
        public var retry: RetryPolicy

        public init(concurrency: Int = 4, retry: RetryPolicy = RetryPolicy()) {
            self.concurrency = max(1, concurrency)
            self.retry = retry
        }
    }

    let store: any PairingStore
    let secrets: SecretBox?
    let embedded: @Sendable () -> EmbeddedTaskRouterTarget?
    let expressions: @Sendable (PairingConfig) throws -> SyncExpressions
    let transport: any TaskRouterTransport
    let options: Options

    /// - Parameters:
    ///   - secrets: opens stored target secrets; nil when no target can be used (embedded only).
    ///   - embedded: the embedded emulator, for companies without a target (nil: none running).
    ///   - expressions: a config's expressions, `override ?? compiled`.
    ///   - transport: HTTP transport of the TaskRouter client (tests wrap it to count or fault).
    public init(
        store: any PairingStore, secrets: SecretBox?,
        embedded: @escaping @Sendable () -> EmbeddedTaskRouterTarget?,
        expressions: @escaping @Sendable (PairingConfig) throws -> SyncExpressions = { SyncExpressions($0) },
        transport: any TaskRouterTransport = URLSessionTransport(), options: Options = Options()
    ) {
        self.store = store
        self.secrets = secrets
        self.embedded = embedded
        self.expressions = expressions
        self.transport = transport
        self.options = options
    }

    /// Runs a sync (or, with `dryRun`, plans one) and returns its record. Blocks the
    /// calling thread: call it from an HTTP handler or CLI thread, never from a task
    /// (use `syncDetached` there).
    public func sync(companyID: String, dryRun: Bool) throws(SyncServiceError) -> SyncRunRecord {
        let found: Company?
        do {
            found = try store.company(id: companyID)
        } catch {
            throw .store(error)
        }
        guard let company = found else { throw .companyNotFound(companyID) }
        // A configuration error, not a run: refuse before taking the lock or recording anything.
        let hasTarget: Bool
        do {
            hasTarget = try store.taskRouterTarget(companyID: companyID) != nil
        } catch {
            throw .store(error)
        }
        if !hasTarget, embedded() == nil { throw .noTarget(Self.noTargetMessage) }
        // The holder saves its `running` run just after taking the lock, and releases the lock just after
        // recording the end: a refusal naming no run fell in one of those windows. Look again for up to
        // 0.5 s (the lock may be free by then), so that a 409 names the running sync.
        for _ in 0..<50 {
            do {
                return try lockedSync(company: company, dryRun: dryRun)
            } catch .inProgress(runID: nil) {
                usleep(10_000)
            }
        }
        return try lockedSync(company: company, dryRun: dryRun)
    }

    /// What to do when a company without a target syncs in a process that knows no emulator.
    public static let noTargetMessage =
        "the company has no TaskRouter target and no embedded emulator is configured: set "
        + "TWPC_EMULATOR_ACCOUNT_SID and TWPC_EMULATOR_AUTH_TOKEN to the running emulator's account SID and "
        + "auth token (`twpc serve --demo` prints both; set --emulator-url or TWPC_EMULATOR_URL unless it is "
        + "http://127.0.0.1:8090), or store a target with `twpc companies set-taskrouter`"

    /// One attempt at `sync`: takes the lock or fails with `.inProgress`.
    private func lockedSync(company: Company, dryRun: Bool) throws(SyncServiceError) -> SyncRunRecord {
        let companyID = company.id
        do {
            return try store.withSyncLock(companyID: companyID) { () throws -> SyncRunRecord in
                try closeAbandonedRun(companyID: companyID)
                let runID = PublicID.make(prefix: "SR")
                let started = SyncTimestamp.now()
                let running = SyncRunRecord(
                    id: runID, companyID: companyID, status: "running", dryRun: dryRun, startedAt: started,
                    finishedAt: nil, changes: [], warnings: [], error: nil, twilioRequests: 0, workflowSID: nil)
                try store.saveSyncRun(
                    StoredSyncRun(
                        id: runID, companyID: companyID, status: "running", dryRun: dryRun, startedAt: started,
                        document: running.json()))
                let execution = SyncExecution(service: self, company: company, dryRun: dryRun, record: running)
                let (record, syncedState) = Blocking.run { await execution.run() }
                try store.saveSyncRun(
                    StoredSyncRun(
                        id: runID, companyID: companyID, status: record.status, dryRun: dryRun, startedAt: started,
                        finishedAt: record.finishedAt, document: record.json(), syncedState: syncedState))
                return record
            }
        } catch let error as StoreError {
            if case .syncInProgress(let runID) = error { throw .inProgress(runID: runID) }
            throw .store(error)
        } catch {
            throw .store(.database(code: 0, message: "\(error)", sql: ""))
        }
    }

    /// With the lock held, a run still marked `running` belongs to a process that died
    /// mid-sync: it is recorded as failed so it is not reported as running.
    func closeAbandonedRun(companyID: String) throws {
        guard var stale = try store.latestSyncRun(companyID: companyID, dryRun: nil), stale.status == "running" else {
            return
        }
        let now = SyncTimestamp.now()
        let record = SyncRunRecord(
            id: stale.id, companyID: companyID, status: "failed", dryRun: stale.dryRun, startedAt: stale.startedAt,
            finishedAt: now, changes: [], warnings: [],
            error: .init(message: "the process running this sync stopped before it finished"), twilioRequests: 0,
            workflowSID: nil)
        stale.status = "failed"
        stale.finishedAt = now
        stale.document = record.json()
        try store.saveSyncRun(stale)
    }

    /// `sync` from async code: runs on a thread of its own.
    public func syncDetached(companyID: String, dryRun: Bool) async throws(SyncServiceError) -> SyncRunRecord {
        let result: Result<SyncRunRecord, SyncServiceError> = await Blocking.offPool {
            do throws(SyncServiceError) {
                return .success(try self.sync(companyID: companyID, dryRun: dryRun))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The latest non-dry run and whether the live configs match what the last
    /// successful run wrote (computed without calling TaskRouter).
    public func status(companyID: String) throws(SyncServiceError) -> SyncStatus {
        do {
            guard let company = try store.company(id: companyID) else {
                throw SyncServiceError.companyNotFound(companyID)
            }
            let latest = try store.latestSyncRun(companyID: companyID, dryRun: false)
            var inSync = false
            if let synced = try store.latestSuccessfulSyncRun(companyID: companyID)?.syncedState,
                let stored = try? JSONDecoder().decode(SyncedState.self, from: Data(synced.utf8))
            {
                let target = try store.taskRouterTarget(companyID: company.id)
                let configs = try store.liveConfigs(companyID: companyID)
                if let desired = try? SyncDesiredState(
                    configs: configs, workflowName: target?.workflowName ?? SyncDesiredState.defaultWorkflowName,
                    expressions: expressions)
                {
                    inSync = desired == stored.state && SyncedState.target(target) == stored.target
                }
            }
            return SyncStatus(companyID: companyID, latestRunDocument: latest?.document, inSync: inSync)
        } catch let error as SyncServiceError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.database(code: 0, message: "\(error)", sql: ""))
        }
    }
}
