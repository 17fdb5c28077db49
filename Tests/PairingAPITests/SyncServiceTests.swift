import Foundation
import HTTPServer
import PairingCore
import PairingStore
import Synchronization
import TaskRouterClient
import TaskRouterExpressions
import Testing

@testable import PairingAPI

/// A sync service wired to `SyncTestStore` and `SyncFakeTaskRouter`, retries without waiting.
struct SyncHarness {
    static let company = "CP-TEST-0001"
    let store = SyncTestStore()
    let fake = SyncFakeTaskRouter()
    let service: SyncService

    init(secrets: SecretBox? = nil) {
        store.addCompany(Self.company)
        let retry = RetryPolicy(baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), sleeper: { _ in })
        service = SyncService(
            store: store, secrets: secrets,
            embedded: { EmbeddedTaskRouterTarget(baseURL: "http://fake.invalid", accountSID: "AC1", authToken: "tok") },
            expressions: Self.expressions, transport: fake, options: .init(concurrency: 4, retry: retry))
    }

    /// Test configs carry their expressions as overrides.
    @Sendable static func expressions(_ config: PairingConfig) throws -> SyncExpressions {
        SyncExpressions(
            workerQueue: config.overrideWorkerQueueExpression ?? "1==1",
            taskWorkflow: config.isDefault ? nil : (config.overrideTaskWorkflowExpression ?? "1==1"))
    }

    static func config(
        _ id: String, _ name: String, priority: Int32? = nil, isDefault: Bool = false, createdAt: Int64 = 1,
        workers: String = "1==1", tasks: String = "1==1"
    ) -> PairingConfig {
        PairingConfig(
            id: id, companyID: company, priority: priority, name: name, isDefault: isDefault,
            overrideWorkerQueueExpression: workers, overrideTaskWorkflowExpression: isDefault ? nil : tasks,
            createdAt: createdAt)
    }

    static let initial: [PairingConfig] = [
        config("TP-DEF0-0001", "Everyone", isDefault: true),
        config("TP-AAAA-0001", "Voice", priority: 10, createdAt: 2, workers: "teams HAS 'a'", tasks: "type == 'call'"),
        config("TP-BBBB-0001", "Texts", priority: 5, createdAt: 3, workers: "teams HAS 'b'", tasks: "type == 'text'"),
    ]

    /// `initial` after: A renamed and re-targeted, B deleted, C added on top.
    static let changed: [PairingConfig] = {
        var configs = initial.filter { $0.id != "TP-BBBB-0001" }
        configs[1].name = "Inbound voice"
        configs[1].overrideWorkerQueueExpression = "teams HAS 'z'"
        configs.append(
            config("TP-CCCC-0001", "Mail", priority: 50, createdAt: 4, workers: "mail == true", tasks: "type == 'mail'")
        )
        return configs
    }()

    func setConfigs(_ configs: [PairingConfig]) { store.setConfigs(Self.company, configs) }

    func sync(dryRun: Bool = false) async throws -> SyncRunRecord {
        try await service.syncDetached(companyID: Self.company, dryRun: dryRun)
    }

    var mapping: SyncMapping { (try? store.syncMapping(companyID: Self.company)) ?? SyncMapping() }
    var workspace: String { mapping.emulatorWorkspaceSID ?? "" }

    /// The workflow configuration TaskRouter holds, parsed.
    var routing: JSONValue? {
        fake.workflows(workspace).first.flatMap { SyncWorkflowConfiguration.parse($0.configuration) }
    }

    /// The configuration sync.md section 1 prescribes for `configs`, with the stored queue sids.
    func expectedRouting(_ configs: [PairingConfig]) throws -> JSONValue {
        let ordered = SyncDesiredState.evaluationOrder(configs)
        var filters: [JSONValue] = []
        for config in ordered.dropLast() {
            let sid = try #require(mapping.queueSIDs[config.id])
            filters.append(
                .object([
                    "filter_friendly_name": .string("\(config.name) (\(config.id))"),
                    "expression": .string(config.overrideTaskWorkflowExpression!),
                    "targets": .array([.object(["queue": .string(sid)])]),
                ]))
        }
        let defaultSID = try #require(mapping.queueSIDs[ordered.last!.id])
        return .object([
            "task_routing": .object([
                "filters": .array(filters), "default_filter": .object(["queue": .string(defaultSID)]),
            ])
        ])
    }

    /// The queues of the workspace that twpc manages.
    var managedQueues: [SyncFakeTaskRouter.Queue] {
        fake.queues(workspace).filter { $0.friendlyName.hasPrefix("TWPC ") }
    }
}

@Suite("Sync service")
struct SyncServiceTests {
    @Test("first sync creates a workspace, one queue per config and the workflow of sync.md section 1")
    func firstSync() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        let record = try await harness.sync()
        #expect(record.status == "succeeded")
        #expect(record.error == nil)
        #expect(record.id.hasPrefix("SR-"))
        #expect(record.changes.map(\.action) == ["createQueue", "createQueue", "createQueue", "createWorkflow"])
        #expect(harness.workspace.hasPrefix("WS"))
        let queues = harness.managedQueues
        #expect(
            Set(queues.map(\.friendlyName)) == [
                "TWPC TP-DEF0-0001 Everyone", "TWPC TP-AAAA-0001 Voice", "TWPC TP-BBBB-0001 Texts",
            ])
        #expect(queues.first { $0.friendlyName.contains("Voice") }?.targetWorkers == "teams HAS 'a'")
        #expect(harness.routing == (try harness.expectedRouting(SyncHarness.initial)))
        #expect(harness.fake.workflows(harness.workspace).map(\.friendlyName) == ["Task-Worker Pairing"])
        #expect(record.workflowSID == harness.mapping.workflowSID)
        #expect(record.twilioRequests == harness.fake.requestLog.count)
        let stored = try #require(harness.store.runs.last)
        #expect(stored.status == "succeeded")
        #expect(stored.document == record.json())
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(record.json().utf8)) as? [String: Any])
        #expect(document["object"] as? String == "taskWorkerPairingConfigSync")
        #expect(document["twilioRequests"] as? Int == record.twilioRequests)
        #expect(record.json().hasPrefix("{\"id\":\"\(record.id)\",\"object\":"))
        #expect(stored.syncedState != nil)
    }

    @Test("a second sync with no changes makes zero write requests and at most 3 requests")
    func noOp() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        let writes = harness.fake.writeCount
        let before = harness.fake.requestLog.count
        let record = try await harness.sync()
        #expect(record.status == "succeeded")
        #expect(record.changes.isEmpty)
        #expect(harness.fake.writeCount == writes)
        #expect(harness.fake.requestLog.count - before <= 3)
        #expect(record.twilioRequests == harness.fake.requestLog.count - before)
    }

    @Test("changes: rename, re-target, delete and add converge to section 1 in apply order")
    func changes() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        let aSID = harness.mapping.queueSIDs["TP-AAAA-0001"]
        let bSID = try #require(harness.mapping.queueSIDs["TP-BBBB-0001"])
        let mark = harness.fake.requestLog.count
        harness.setConfigs(SyncHarness.changed)
        let record = try await harness.sync()
        #expect(record.status == "succeeded")
        #expect(Set(record.changes.map(\.action)) == ["createQueue", "updateQueue", "updateWorkflow", "deleteQueue"])
        #expect(harness.mapping.queueSIDs["TP-AAAA-0001"] == aSID)
        #expect(harness.mapping.queueSIDs["TP-BBBB-0001"] == nil)
        #expect(!harness.fake.queues(harness.workspace).contains { $0.sid == bSID })
        #expect(harness.routing == (try harness.expectedRouting(SyncHarness.changed)))
        // Apply order: queue writes, then the workflow, then the delete.
        let writes = harness.fake.requestLog[mark...].filter { !$0.hasPrefix("GET") }
        let workflowIndex = try #require(writes.firstIndex { $0.contains("/Workflows/") })
        #expect(writes[..<workflowIndex].allSatisfy { $0.contains("/TaskQueues") && $0.hasPrefix("POST") })
        #expect(writes[(workflowIndex + 1)...].allSatisfy { $0.hasPrefix("DELETE") })
        let update = try #require(record.changes.first { $0.action == "updateQueue" })
        #expect(update.before?.friendlyName == "TWPC TP-AAAA-0001 Voice")
        #expect(update.after?.friendlyName == "TWPC TP-AAAA-0001 Inbound voice")
        #expect(update.after?.targetWorkers == "teams HAS 'z'")
    }

    @Test("dry run returns the plan and writes nothing")
    func dryRun() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        let first = try await harness.sync(dryRun: true)
        #expect(first.dryRun)
        #expect(first.status == "succeeded")
        #expect(first.changes.map(\.action) == ["createQueue", "createQueue", "createQueue", "createWorkflow"])
        #expect(harness.fake.writeCount == 0)
        _ = try await harness.sync()
        harness.setConfigs(SyncHarness.changed)
        let writes = harness.fake.writeCount
        let plan = try await harness.sync(dryRun: true)
        #expect(harness.fake.writeCount == writes)
        #expect(plan.changes.map(\.action).sorted() == ["createQueue", "deleteQueue", "updateQueue", "updateWorkflow"])
        #expect(plan.changes.first { $0.action == "createQueue" }?.sid == nil)
        #expect(harness.store.runs.last?.dryRun == true)
    }

    @Test("GET status: inSync after a sync, not after a change, never synced is false")
    func inSync() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        let never = try harness.service.status(companyID: SyncHarness.company)
        #expect(!never.inSync)
        #expect(never.latestRunDocument == nil)
        _ = try await harness.sync()
        let requests = harness.fake.requestLog.count
        let synced = try harness.service.status(companyID: SyncHarness.company)
        #expect(synced.inSync)
        #expect(synced.json().hasSuffix(",\"inSync\":true}"))
        #expect(harness.fake.requestLog.count == requests)
        harness.setConfigs(SyncHarness.changed)
        #expect(!(try harness.service.status(companyID: SyncHarness.company)).inSync)
        _ = try await harness.sync(dryRun: true)
        #expect(!(try harness.service.status(companyID: SyncHarness.company)).inSync)
    }

    @Test("a sync while another runs for the same company gets inProgress naming it")
    func concurrentSync() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        let released = Mutex(false)
        let entered = Mutex(false)
        harness.fake.gate.withLock {
            $0 = {
                entered.withLock { $0 = true }
                while !released.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(2)) }
            }
        }
        async let first = harness.sync()
        while !entered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }
        let running = try #require(harness.store.runs.last { $0.status == "running" })
        await #expect(throws: SyncServiceError.inProgress(runID: running.id)) { _ = try await harness.sync() }
        released.withLock { $0 = true }
        let record = try await first
        #expect(record.id == running.id)
        #expect(record.status == "succeeded")
        // The lock is free again.
        #expect(try await harness.sync().status == "succeeded")
    }

    @Test("a delete refused because the queue has tasks is a warning, retried by the next sync")
    func refusedDelete() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        let bSID = try #require(harness.mapping.queueSIDs["TP-BBBB-0001"])
        harness.fake.setTasks(harness.workspace, queue: bSID, 2)
        harness.setConfigs(SyncHarness.changed)
        let record = try await harness.sync()
        #expect(record.status == "succeededWithWarnings")
        #expect(record.warnings.count == 1)
        #expect(record.warnings[0].message.contains(bSID))
        #expect(harness.routing == (try harness.expectedRouting(SyncHarness.changed)))
        #expect(harness.fake.queues(harness.workspace).contains { $0.sid == bSID })
        harness.fake.setTasks(harness.workspace, queue: bSID, 0)
        let retry = try await harness.sync()
        #expect(retry.status == "succeeded")
        #expect(retry.changes.map(\.action) == ["deleteQueue"])
        #expect(!harness.fake.queues(harness.workspace).contains { $0.sid == bSID })
    }

    @Test("a queue deleted behind our back is re-created; foreign queues are left alone")
    func driftAndForeign() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        let foreign = harness.fake.addQueue(harness.workspace, name: "Sales team")
        let aSID = try #require(harness.mapping.queueSIDs["TP-AAAA-0001"])
        harness.fake.removeQueue(harness.workspace, sid: aSID)
        let record = try await harness.sync()
        #expect(record.changes.map(\.action) == ["createQueue", "updateWorkflow"])
        #expect(harness.mapping.queueSIDs["TP-AAAA-0001"] != aSID)
        #expect(harness.routing == (try harness.expectedRouting(SyncHarness.initial)))
        #expect(harness.fake.queues(harness.workspace).contains { $0.sid == foreign })
        #expect(harness.managedQueues.count == 3)
    }

    @Test("a 400 from an expression fails the run with Twilio's code and message; routing stays old")
    func rejectedExpression() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        let old = harness.routing
        var bad = SyncHarness.changed
        bad[2].overrideTaskWorkflowExpression = "type == REJECTME"
        harness.setConfigs(bad)
        let record = try await harness.sync()
        #expect(record.status == "failed")
        #expect(record.error?.code == 20001)
        #expect(record.error?.status == 400)
        #expect(record.error?.message.contains("REJECTME") == true)
        #expect(harness.routing == old)
        #expect(!(try harness.service.status(companyID: SyncHarness.company)).inSync)
        // The queue created before the failure is recorded and reused.
        let created = try #require(harness.mapping.queueSIDs["TP-CCCC-0001"])
        harness.setConfigs(SyncHarness.changed)
        let fixed = try await harness.sync()
        #expect(fixed.status == "succeeded")
        #expect(harness.mapping.queueSIDs["TP-CCCC-0001"] == created)
        #expect(harness.managedQueues.count == SyncHarness.changed.count)
        #expect(harness.routing == (try harness.expectedRouting(SyncHarness.changed)))
    }

    /// Every write of the change sync, with every fault kind, transient or persistent.
    @Test(
        "faults at every step leave old or new routing, never a mix, and a later sync converges",
        arguments: [
            SyncFakeTaskRouter.Fault(status: 429), SyncFakeTaskRouter.Fault(status: 429, retryAfter: "0"),
            SyncFakeTaskRouter.Fault(status: 500), SyncFakeTaskRouter.Fault(status: nil),
        ])
    func faults(fault: SyncFakeTaskRouter.Fault) async throws {
        for persistent in [false, true] {
            for step in 0..<4 {
                let harness = SyncHarness()
                harness.setConfigs(SyncHarness.initial)
                _ = try await harness.sync()
                let old = try #require(harness.routing)
                harness.setConfigs(SyncHarness.changed)
                // Fault the `step`-th write request (and, if persistent, every retry of it).
                let seen = Mutex((writes: 0, target: String?.none, hits: 0))
                harness.fake.faults.withLock {
                    $0 = { method, path, _ in
                        guard method != "GET" else { return nil }
                        return seen.withLock { state in
                            let key = "\(method) \(path)"
                            if state.target == nil {
                                if state.writes == step { state.target = key } else { state.writes += 1 }
                            }
                            guard state.target == key else { return nil }
                            state.hits += 1
                            return persistent || state.hits <= 2 ? fault : nil
                        }
                    }
                }
                let record = try await harness.sync()
                #expect(record.status == (persistent ? "failed" : "succeeded"), "step \(step) persistent \(persistent)")
                if persistent { #expect(record.error?.status == fault.status) }
                // Converge without faults: no duplicates, then a no-op.
                harness.fake.faults.withLock { $0 = nil }
                let converged = try await harness.sync()
                #expect(converged.status == "succeeded")
                let new = try harness.expectedRouting(SyncHarness.changed)
                #expect(harness.routing == new)
                // Every configuration TaskRouter ever held was the old one or the new one.
                for text in harness.fake.state.withLock({ $0.configurationHistory }) {
                    let value = SyncWorkflowConfiguration.parse(text)
                    #expect(value == old || value == new, "mixed routing at step \(step)")
                }
                #expect(harness.managedQueues.count == SyncHarness.changed.count)
                let writes = harness.fake.writeCount
                #expect(try await harness.sync().changes.isEmpty)
                #expect(harness.fake.writeCount == writes)
            }
        }
    }

    @Test("a stored target is used with its decrypted credentials")
    func storedTarget() async throws {
        let box = try SecretBox(key: Array(repeating: 3, count: 32))
        let harness = SyncHarness(secrets: box)
        harness.setConfigs(SyncHarness.initial)
        // Create the target's workspace in the fake first.
        let workspace = try await TaskRouterClient(
            baseURL: "http://fake.invalid", credentials: .authToken(accountSID: "x", authToken: "y"),
            transport: harness.fake
        ).createWorkspace(friendlyName: "Lender")
        let sealed = try box.seal("real-token", context: SyncSecrets.context(SyncHarness.company, .authToken))
        try harness.store.saveTaskRouterTarget(
            StoredTaskRouterTarget(
                companyID: SyncHarness.company, accountSID: "AC9", sealedAuthToken: sealed, workspaceSID: workspace.sid,
                baseURL: "http://fake.invalid"))
        let record = try await harness.sync()
        #expect(record.status == "succeeded")
        #expect(harness.fake.queues(workspace.sid).count == 3)
        #expect(harness.mapping.emulatorWorkspaceSID == nil)
        #expect(
            harness.fake.lastAuthorization.withLock { $0 } == "Basic "
                + Data("AC9:real-token".utf8).base64EncodedString())
        #expect(!record.json().contains("real-token"))
    }

    @Test("a target whose secret cannot be opened fails the run without leaking it")
    func badSecret() async throws {
        let harness = SyncHarness(secrets: try SecretBox(key: Array(repeating: 3, count: 32)))
        harness.setConfigs(SyncHarness.initial)
        let other = try SecretBox(key: Array(repeating: 4, count: 32))
        try harness.store.saveTaskRouterTarget(
            StoredTaskRouterTarget(
                companyID: SyncHarness.company, accountSID: "AC9",
                sealedAuthToken: try other.seal("zzz-token", context: "x"), workspaceSID: "WS1"))
        let record = try await harness.sync()
        #expect(record.status == "failed")
        #expect(record.error?.message.contains("credentials") == true)
        #expect(harness.fake.requestLog.isEmpty)
    }

    @Test("unknown company")
    func unknownCompany() async {
        let harness = SyncHarness()
        await #expect(throws: SyncServiceError.companyNotFound("CP-NONE-0000")) {
            _ = try await harness.service.syncDetached(companyID: "CP-NONE-0000", dryRun: false)
        }
    }
}

@Suite("Sync service: abandoned runs")
struct SyncAbandonedRunTests {
    @Test("a run left `running` by a dead process is closed as failed by the next sync")
    func abandoned() async throws {
        let harness = SyncHarness()
        harness.setConfigs(SyncHarness.initial)
        try harness.store.saveSyncRun(
            StoredSyncRun(
                id: "SR-DEAD-0001", companyID: SyncHarness.company, status: "running", dryRun: false, startedAt: 1,
                document: "{}"))
        let record = try await harness.sync()
        #expect(record.status == "succeeded")
        let stale = try #require(harness.store.runs.first { $0.id == "SR-DEAD-0001" })
        #expect(stale.status == "failed")
        #expect(stale.document.contains("stopped before it finished"))
    }
}

@Suite("Sync service: inSync and targets")
struct SyncInSyncTargetTests {
    @Test("a new target makes the company out of sync until it is synced there")
    func targetChange() async throws {
        let box = try SecretBox(key: Array(repeating: 5, count: 32))
        let harness = SyncHarness(secrets: box)
        harness.setConfigs(SyncHarness.initial)
        _ = try await harness.sync()
        #expect(try harness.service.status(companyID: SyncHarness.company).inSync)
        let workspace = try await TaskRouterClient(
            baseURL: "http://fake.invalid", credentials: .authToken(accountSID: "x", authToken: "y"),
            transport: harness.fake
        ).createWorkspace(friendlyName: "Lender")
        let input = TaskRouterTargetInput(
            companyID: SyncHarness.company, accountSID: "AC" + String(repeating: "2", count: 32),
            auth: .authToken("t"), workspaceSID: workspace.sid, baseURL: "http://fake.invalid")
        try harness.store.saveTaskRouterTarget(try input.sealed(with: box))
        #expect(!(try harness.service.status(companyID: SyncHarness.company)).inSync)
        #expect(try await harness.sync().status == "succeeded")
        #expect(try harness.service.status(companyID: SyncHarness.company).inSync)
        #expect(harness.fake.queues(workspace.sid).count == 3)
    }
}
