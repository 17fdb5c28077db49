import Foundation
import PairingCore
import PairingStore
import Synchronization
import TaskRouterClient

/// One sync run, lock held: connect, read, plan, apply, and build the record.
struct SyncExecution: Sendable {
    let service: SyncService
    let company: Company
    let dryRun: Bool
    let record: SyncRunRecord

    /// A failure that ends the run, with what to report.
    struct Stop: Error {
        var failure: SyncRunRecord.Failure
        init(_ failure: SyncRunRecord.Failure) { self.failure = failure }
        init(_ error: TaskRouterError) { self.failure = .init(error) }
        init(_ message: String) { self.failure = .init(message: message) }
    }

    /// What is shared by the concurrent writes of a run.
    struct Progress: Sendable {
        var mapping: SyncMapping
        var created: [String: String] = [:]
        var changes: [SyncRunRecord.Change] = []
        var warnings: [SyncRunRecord.Warning] = []
    }

    /// Runs and returns the finished record and, when it wrote successfully, the synced desired state (JSON).
    func run() async -> (SyncRunRecord, String?) {
        var record = self.record
        var client: TaskRouterClient?
        var syncedState: String?
        do {
            let (desired, progress, plan, connected) = try await prepare(&client)
            client = connected.client
            record.workflowSID = connected.workflowSID
            if dryRun {
                record.changes = plan.operations.map { SyncRunRecord.Change($0, created: [:]) }
                record.status = "succeeded"
            } else {
                let state = LockedBox(progress)
                let failure = await apply(plan, client: connected.client, workspaceSID: connected.workspaceSID, state)
                let final = state.withLock { $0 }
                record.changes = final.changes
                record.warnings = final.warnings
                record.workflowSID = final.mapping.workflowSID ?? record.workflowSID
                if let failure {
                    record.error = failure.failure
                    record.status = "failed"
                } else {
                    record.status = final.warnings.isEmpty ? "succeeded" : "succeededWithWarnings"
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    let written = SyncedState(target: connected.targetKey, state: desired)
                    syncedState = (try? encoder.encode(written)).map { String(decoding: $0, as: UTF8.self) }
                }
            }
        } catch let stop as Stop {
            record.error = stop.failure
            record.status = "failed"
        } catch {
            record.error = .init(message: "\(error)")
            record.status = "failed"
        }
        record.twilioRequests = client?.requestCount ?? record.twilioRequests
        record.finishedAt = SyncTimestamp.now()
        return (record, syncedState)
    }

    struct Connection {
        var client: TaskRouterClient
        var workspaceSID: String
        var workflowSID: String?
        /// `SyncedState.target` of this run.
        var targetKey: String
    }

    /// Snapshot, connect, read the workspace and plan.
    /// Sets `made` as soon as the client exists, so a failed run still counts its requests.
    private func prepare(_ made: inout TaskRouterClient?) async throws -> (
        SyncDesiredState, Progress, SyncPlan, Connection
    ) {
        let store = service.store
        let target = try store.taskRouterTarget(companyID: company.id)
        let configs = try store.liveConfigs(companyID: company.id)
        let workflowName = target?.workflowName ?? SyncDesiredState.defaultWorkflowName
        let desired: SyncDesiredState
        do {
            desired = try SyncDesiredState(
                configs: configs, workflowName: workflowName, expressions: service.expressions)
        } catch {
            throw Stop("cannot build the desired state: \(error)")
        }
        var mapping = try store.syncMapping(companyID: company.id)
        let deadline = ContinuousClock.now + service.options.retry.deadline
        var workspaceSID: String?
        let client: TaskRouterClient
        if let target {
            client = TaskRouterClient(
                baseURL: target.baseURL, credentials: try credentials(target), transport: service.transport,
                retry: service.options.retry, deadline: deadline)
            workspaceSID = target.workspaceSID
        } else {
            guard let embedded = service.embedded() else {
                throw Stop(SyncService.noTargetMessage)
            }
            client = TaskRouterClient(
                baseURL: embedded.baseURL,
                credentials: .authToken(accountSID: embedded.accountSID, authToken: embedded.authToken),
                transport: service.transport, retry: service.options.retry, deadline: deadline)
            workspaceSID = mapping.emulatorWorkspaceSID
        }
        made = client

        // Read the actual state. An embedded workspace that vanished (emulator restarted) is re-created.
        var queues: [TaskRouterTaskQueue] = []
        if let sid = workspaceSID {
            do {
                queues = try await client.listTaskQueues(workspaceSID: sid)
            } catch let error where target == nil && error.status == 404 {
                workspaceSID = nil
            } catch {
                throw Stop(error)
            }
        }
        if workspaceSID == nil {
            mapping = SyncMapping()
            if !dryRun {
                do {
                    let workspace = try await client.createWorkspace(friendlyName: "\(company.name) (\(company.id))")
                    workspaceSID = workspace.sid
                    mapping.emulatorWorkspaceSID = workspace.sid
                    try store.saveSyncMapping(companyID: company.id, mapping)
                } catch let error as TaskRouterError {
                    throw Stop(error)
                }
            }
        }
        var workflow: TaskRouterWorkflow?
        if let sid = workspaceSID {
            do {
                if let workflowSID = mapping.workflowSID {
                    do {
                        workflow = try await client.fetchWorkflow(workspaceSID: sid, sid: workflowSID)
                    } catch let error where error.status == 404 {
                        workflow = nil
                    }
                }
                if workflow == nil {
                    workflow = try await client.listWorkflows(workspaceSID: sid, friendlyName: workflowName)
                        .first { $0.friendlyName == workflowName }
                }
            } catch {
                throw Stop(error)
            }
        }
        let actual = SyncActualState(
            queues: queues.map { .init(sid: $0.sid, friendlyName: $0.friendlyName, targetWorkers: $0.targetWorkers) },
            workflow: workflow.map {
                .init(sid: $0.sid, friendlyName: $0.friendlyName, configuration: $0.configuration)
            })
        let plan = SyncPlanner.plan(desired: desired, actual: actual, mapping: mapping)

        // The mapping from here on: adopted and kept queues, the found workflow.
        var working = mapping
        for (configID, reference) in plan.assignments {
            if case .existing(let sid) = reference { working.queueSIDs[configID] = sid }
        }
        working.workflowSID = workflow?.sid
        if !dryRun, working != mapping { try store.saveSyncMapping(companyID: company.id, working) }
        return (
            desired, Progress(mapping: working), plan,
            Connection(
                client: client, workspaceSID: workspaceSID ?? "", workflowSID: workflow?.sid,
                targetKey: SyncedState.target(target))
        )
    }

    private func credentials(_ target: StoredTaskRouterTarget) throws -> TaskRouterCredentials {
        guard let secrets = service.secrets else {
            throw Stop("no secret key is configured to open the stored credentials")
        }
        do {
            if let sealed = target.sealedAuthToken {
                let token = try secrets.open(sealed, context: SyncSecrets.context(company.id, .authToken))
                return .authToken(accountSID: target.accountSID, authToken: token)
            }
            if let keySID = target.apiKeySID, let sealed = target.sealedAPIKeySecret {
                let secret = try secrets.open(sealed, context: SyncSecrets.context(company.id, .apiKeySecret))
                return .apiKey(sid: keySID, secret: secret)
            }
        } catch {
            throw Stop("cannot open the stored TaskRouter credentials: \(error.description)")
        }
        throw Stop("the stored TaskRouter target has no credentials")
    }

    /// Applies the plan in order; returns the failure that stopped it, if any.
    private func apply(
        _ plan: SyncPlan, client: TaskRouterClient, workspaceSID: String, _ state: LockedBox<Progress>
    ) async -> Stop? {
        let store = service.store
        let companyID = company.id
        let limit = service.options.concurrency
        // 1. Queues: creates recorded in the mapping one by one, so a failed run leaves no duplicates.
        if let failure = await Self.forEach(
            plan.queueOperations, limit: limit,
            { operation async throws(Stop) in
                do {
                    switch operation {
                    case .createQueue(let configID, let friendlyName, let targetWorkers):
                        let queue = try await client.createTaskQueue(
                            workspaceSID: workspaceSID, friendlyName: friendlyName, targetWorkers: targetWorkers)
                        try state.withLock { progress in
                            progress.created[configID] = queue.sid
                            progress.mapping.queueSIDs[configID] = queue.sid
                            progress.changes.append(.init(operation, created: progress.created))
                            try store.saveSyncMapping(companyID: companyID, progress.mapping)
                        }
                    case .updateQueue(_, let sid, let friendlyName, let targetWorkers, _):
                        _ = try await client.updateTaskQueue(
                            workspaceSID: workspaceSID, sid: sid, friendlyName: friendlyName,
                            targetWorkers: targetWorkers)
                        state.withLock { $0.changes.append(SyncRunRecord.Change(operation, created: $0.created)) }
                    default:
                        break
                    }
                } catch let error as TaskRouterError {
                    throw Stop(error)
                } catch {
                    throw Stop("cannot record the sync mapping: \(error)")
                }
            })
        {
            return failure
        }
        // 2. The workflow: from here TaskRouter routes by the new configuration.
        if let operation = plan.workflowOperation {
            let created = state.withLock { $0.created }
            do {
                switch operation {
                case .createWorkflow(let friendlyName, let configuration):
                    let workflow = try await client.createWorkflow(
                        workspaceSID: workspaceSID, friendlyName: friendlyName,
                        configuration: configuration.text(created: created))
                    try state.withLock { progress in
                        progress.mapping.workflowSID = workflow.sid
                        progress.changes.append(.init(operation, created: created, sid: workflow.sid))
                        try store.saveSyncMapping(companyID: companyID, progress.mapping)
                    }
                case .updateWorkflow(let sid, let friendlyName, let configuration, _):
                    _ = try await client.updateWorkflow(
                        workspaceSID: workspaceSID, sid: sid, friendlyName: friendlyName,
                        configuration: configuration?.text(created: created),
                        reEvaluateTasks: configuration == nil ? nil : true)
                    state.withLock { $0.changes.append(SyncRunRecord.Change(operation, created: created)) }
                default:
                    break
                }
            } catch let error as TaskRouterError {
                return Stop(error)
            } catch {
                return Stop("cannot record the sync mapping: \(error)")
            }
        }
        // 3. Orphans. A queue that still has tasks (400) stays and is retried next time.
        let failure = await Self.forEach(plan.deletions, limit: limit) { operation async throws(Stop) in
            guard case .deleteQueue(let sid, _, _) = operation else { return }
            do {
                try await client.deleteTaskQueue(workspaceSID: workspaceSID, sid: sid)
                state.withLock { $0.changes.append(SyncRunRecord.Change(operation, created: [:])) }
            } catch let error as TaskRouterError where error.status == 404 {
                state.withLock { $0.changes.append(SyncRunRecord.Change(operation, created: [:])) }
            } catch let error as TaskRouterError where error.status == 400 {
                state.withLock {
                    $0.warnings.append(
                        SyncRunRecord.Warning(
                            message: "queue \(sid) still has tasks; will retry deletion (\(error.message))"))
                }
            } catch let error as TaskRouterError {
                throw Stop(error)
            } catch {
                throw Stop("\(error)")
            }
        }
        // Forget queues of configs that are gone (a refused delete is found again by its TWPC name).
        do {
            try state.withLock { progress in
                let live = Set(plan.assignments.keys)
                progress.mapping.queueSIDs = progress.mapping.queueSIDs.filter { live.contains($0.key) }
                try store.saveSyncMapping(companyID: companyID, progress.mapping)
            }
        } catch {
            return failure ?? Stop("cannot record the sync mapping: \(error)")
        }
        return failure
    }

    /// Runs `body` over `items` with at most `limit` at a time; after the first
    /// failure starts no more, waits for those running, and returns that failure.
    static func forEach(
        _ items: [SyncOperation], limit: Int, _ body: @escaping @Sendable (SyncOperation) async throws(Stop) -> Void
    ) async -> Stop? {
        guard !items.isEmpty else { return nil }
        return await withTaskGroup(of: Stop?.self) { group in
            var next = 0
            var failure: Stop?
            func launch() {
                let item = items[next]
                next += 1
                group.addTask {
                    do throws(Stop) {
                        try await body(item)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            while next < items.count, next < limit { launch() }
            while let result = await group.next() {
                if let result, failure == nil { failure = result }
                if failure == nil, next < items.count { launch() }
            }
            return failure
        }
    }
}
