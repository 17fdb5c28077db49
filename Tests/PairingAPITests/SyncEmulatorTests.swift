import Foundation
import HTTPServer
import PairingCore
import PairingStore
import Synchronization
import TaskRouterClient
import TaskRouterEmulator
import TaskRouterExpressions
import Testing

@testable import PairingAPI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Forwards to URLSession and, on the chosen write request, tells the emulator to fault
/// the next requests, so faults travel over real HTTP.
final class EmulatorFaultingTransport: TaskRouterTransport {
    let inner = URLSessionTransport()
    let emulator: TaskRouterEmulator
    let plan = Mutex<(step: Int, fault: EmulatorFault, count: Int)?>(nil)
    private let writes = Mutex(0)

    init(emulator: TaskRouterEmulator) { self.emulator = emulator }

    func faultWrite(_ step: Int, _ fault: EmulatorFault, count: Int) {
        writes.withLock { $0 = 0 }
        plan.withLock { $0 = (step, fault, count) }
    }

    func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse {
        if request.method != "GET" {
            let index = writes.withLock { count in
                defer { count += 1 }
                return count
            }
            if let plan = plan.withLock({ $0 }), plan.step == index {
                emulator.injectFault(plan.fault, count: plan.count)
            }
        }
        return try await inner.send(request)
    }
}

/// A TaskRouter emulator on a real port, a store (`TWPC_API_TEST_BACKEND`, memory by default) with one
/// company, and the sync service.
final class EmulatorSyncHarness: Sendable {
    static let account = "AC" + String(repeating: "e", count: 32)
    static let token = "emulator-token"

    let emulator = TaskRouterEmulator(accountSID: account, authToken: token)
    let server: HTTPServer
    let store: any PairingStore
    /// The SQLite backend's directory, removed by `stop()`.
    let storeDirectory: String?
    let company: Company
    let transport: EmulatorFaultingTransport
    let service: SyncService
    let client: TaskRouterClient
    let baseURL: String

    /// - Parameter syncToken: the auth token sync uses (another than the emulator's gives 401s).
    init(concurrency: Int = 4, syncToken: String = token) throws {
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, threads: 4), responder: emulator)
        try server.start()
        baseURL = "http://127.0.0.1:\(server.port)"
        (store, storeDirectory) = try APITestBackend.current().makeStore()
        try store.migrate()
        company = try store.createCompany(name: "Acme Lending")
        transport = EmulatorFaultingTransport(emulator: emulator)
        let target = EmbeddedTaskRouterTarget(baseURL: baseURL, accountSID: Self.account, authToken: syncToken)
        service = SyncService(
            store: store, secrets: nil, embedded: { target }, transport: transport,
            options: .init(
                concurrency: concurrency,
                retry: RetryPolicy(
                    baseDelay: .milliseconds(5), maxDelay: .milliseconds(20), requestTimeout: .seconds(1))))
        client = TaskRouterClient(
            baseURL: baseURL, credentials: .authToken(accountSID: Self.account, authToken: Self.token))
    }

    func stop() {
        server.shutdown()
        if let storeDirectory { try? FileManager.default.removeItem(atPath: storeDirectory) }
    }

    /// Voice (priority 10), Texts (priority 5), and the default config.
    @discardableResult
    func createStandardConfigs() throws -> (voice: PairingConfig, texts: PairingConfig) {
        let voice = try store.createConfig(
            companyID: company.id,
            NewPairingConfig(
                priority: 10, name: "Voice", workerMatch: WorkerMatch(teamIds: ["TM-VOICE"]),
                taskMatch: TaskMatch(taskTypes: ["answerInboundVoiceCall"])), limit: 1000)
        let texts = try store.createConfig(
            companyID: company.id,
            NewPairingConfig(
                priority: 5, name: "Texts", workerMatch: WorkerMatch(teamIds: ["TM-TEXT"]),
                taskMatch: TaskMatch(interaction: .init(channels: ["text"]))), limit: 1000)
        return (voice, texts)
    }

    func sync(dryRun: Bool = false) async throws -> SyncRunRecord {
        try await service.syncDetached(companyID: company.id, dryRun: dryRun)
    }

    var mapping: SyncMapping { (try? store.syncMapping(companyID: company.id)) ?? SyncMapping() }
    var workspace: String { mapping.emulatorWorkspaceSID ?? "" }

    func liveConfigs() throws -> [PairingConfig] { try store.liveConfigs(companyID: company.id) }

    /// The workflow configuration in the emulator, parsed.
    func routing() async throws -> JSONValue? {
        let workflows = try await client.listWorkflows(workspaceSID: workspace)
        #expect(workflows.count <= 1)
        return workflows.first.flatMap { SyncWorkflowConfiguration.parse($0.configuration) }
    }

    /// What sync.md section 1 prescribes for the live configs, with the stored queue sids.
    func expectedRouting() throws -> JSONValue {
        let ordered = ConfigOrdering.evaluationOrder(try liveConfigs())
        var filters: [JSONValue] = []
        for config in ordered.dropLast() {
            filters.append(
                .object([
                    "filter_friendly_name": .string(
                        SyncDesiredState.filterFriendlyName(id: config.id, name: config.name)),
                    "expression": .string(config.twilioTaskWorkflowExpression ?? ""),
                    "targets": .array([.object(["queue": .string(try #require(mapping.queueSIDs[config.id]))])]),
                ]))
        }
        let defaultQueue = try #require(mapping.queueSIDs[ordered.last!.id])
        return .object([
            "task_routing": .object([
                "filters": .array(filters), "default_filter": .object(["queue": .string(defaultQueue)]),
            ])
        ])
    }

    /// The queue a new task with these attributes lands in.
    func route(_ attributes: String) async throws -> String? {
        try await client.createTask(workspaceSID: workspace, attributes: attributes).taskQueueSID
    }

    func managedQueues() async throws -> [TaskRouterTaskQueue] {
        try await client.listTaskQueues(workspaceSID: workspace).filter { $0.friendlyName.hasPrefix("TWPC ") }
    }
}

@Suite("Sync against the emulator over HTTP")
struct SyncEmulatorTests {
    @Test("first sync writes the section 1 workflow; tasks route as the configs say; a second sync writes nothing")
    func endToEnd() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        let (voice, texts) = try harness.createStandardConfigs()
        let record = try await harness.sync()
        #expect(record.status == "succeeded", "\(record.json())")
        #expect(try await harness.routing() == (try harness.expectedRouting()))
        let queues = try await harness.managedQueues()
        #expect(queues.count == 3)
        let voiceQueue = try #require(queues.first { $0.sid == harness.mapping.queueSIDs[voice.id] })
        #expect(voiceQueue.friendlyName == "TWPC \(voice.id) Voice")
        #expect(voiceQueue.targetWorkers == voice.twilioWorkerQueueExpression)
        #expect(voiceQueue.targetWorkers == #"teamIds HAS "TM-VOICE""#)
        let defaultID = try #require(try harness.liveConfigs().first(where: \.isDefault)).id

        #expect(
            try await harness.route(#"{"taskType":"answerInboundVoiceCall"}"#) == harness.mapping.queueSIDs[voice.id])
        #expect(
            try await harness.route(#"{"taskType":"replyToNewText","interaction":{"channel":"text"}}"#)
                == harness.mapping.queueSIDs[texts.id])
        #expect(try await harness.route(#"{"taskType":"reviewVoicemail"}"#) == harness.mapping.queueSIDs[defaultID])

        harness.emulator.resetRequestCounts()
        let again = try await harness.sync()
        #expect(again.changes.isEmpty)
        #expect(harness.emulator.requestCounts.writes == 0)
        #expect(harness.emulator.requestCounts.total <= 3)
        #expect(again.twilioRequests == harness.emulator.requestCounts.total)
        #expect(try harness.service.status(companyID: harness.company.id).inSync)
    }

    @Test("a priority change re-routes waiting tasks (ReEvaluateTasks) without new queues")
    func reorderReroutes() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        let (voice, texts) = try harness.createStandardConfigs()
        _ = try await harness.sync()
        // A voice call over the text channel matches both rules: Voice wins at priority 10.
        let both = #"{"taskType":"answerInboundVoiceCall","interaction":{"channel":"text"}}"#
        let task = try await harness.client.createTask(workspaceSID: harness.workspace, attributes: both)
        #expect(task.taskQueueSID == harness.mapping.queueSIDs[voice.id])
        var raised = texts
        raised.priority = 20
        _ = try harness.store.updateConfig(raised, expectedVersion: nil)
        let record = try await harness.sync()
        #expect(record.changes.map(\.action) == ["updateWorkflow"])
        let moved = try await harness.client.fetchTask(workspaceSID: harness.workspace, sid: task.sid)
        #expect(moved.taskQueueSID == harness.mapping.queueSIDs[texts.id])
        #expect(try await harness.managedQueues().count == 3)
    }

    /// Faults over HTTP at every write of a change sync (create, update, workflow, delete).
    @Test(
        "faults at every step leave old or new routing and a later sync converges without duplicates",
        arguments: [
            EmulatorFault.tooManyRequests, .tooManyRequestsRetryAfter(seconds: 0), .serverError, .dropConnection,
        ])
    func faults(fault: EmulatorFault) async throws {
        for persistent in [false, true] {
            for step in 0..<4 {
                let harness = try EmulatorSyncHarness(concurrency: 1)
                defer { harness.stop() }
                let (voice, texts) = try harness.createStandardConfigs()
                _ = try await harness.sync()
                let old = try #require(try await harness.routing())
                // Change: add Mail on top, re-target Voice, delete Texts.
                _ = try harness.store.createConfig(
                    companyID: harness.company.id,
                    NewPairingConfig(
                        priority: 50, name: "Mail", taskMatch: TaskMatch(interaction: .init(channels: ["mail"]))),
                    limit: 1000)
                var changed = voice
                changed.workerMatch = WorkerMatch(teamIds: ["TM-VOICE", "TM-OVERFLOW"])
                _ = try harness.store.updateConfig(changed, expectedVersion: nil)
                try harness.store.deleteConfig(
                    companyID: harness.company.id, numericID: texts.numericID, expectedVersion: nil)

                // URLSession may itself resend a request whose reused connection dropped: fault generously.
                harness.transport.faultWrite(step, fault, count: persistent ? 20 : 2)
                let record = try await harness.sync()
                #expect(
                    record.status == (persistent ? "failed" : "succeeded"),
                    "step \(step) persistent \(persistent): \(record.json())")
                harness.emulator.clearFaults()
                harness.transport.plan.withLock { $0 = nil }
                let during = try await harness.routing()

                let converged = try await harness.sync()
                #expect(converged.status == "succeeded")
                let new = try harness.expectedRouting()
                #expect(during == old || during == new, "mixed routing at step \(step)")
                #expect(try await harness.routing() == new)
                #expect(try await harness.managedQueues().count == 3, "duplicates at step \(step)")
                harness.emulator.resetRequestCounts()
                #expect(try await harness.sync().changes.isEmpty)
                #expect(harness.emulator.requestCounts.writes == 0)
            }
        }
    }

    @Test("an expression TaskRouter rejects fails the run with code and message; the old workflow stays")
    func rejectedExpression() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        try harness.createStandardConfigs()
        _ = try await harness.sync()
        let old = try await harness.routing()
        // Stored without API validation: the emulator's parser refuses it.
        let bad = try harness.store.createConfig(
            companyID: harness.company.id,
            NewPairingConfig(priority: 1, name: "Broken", overrideTaskWorkflowExpression: "taskType == "), limit: 1000)
        let record = try await harness.sync()
        #expect(record.status == "failed")
        #expect(record.error?.status == 400)
        #expect(record.error?.code == 20001)
        #expect(record.error?.message.isEmpty == false)
        #expect(try await harness.routing() == old)
        // Fixing the config converges, reusing the queue created by the failed run.
        let created = try #require(harness.mapping.queueSIDs[bad.id])
        var fixed = bad
        fixed.overrideTaskWorkflowExpression = "taskType == 'makeScheduledCall'"
        _ = try harness.store.updateConfig(fixed, expectedVersion: nil)
        #expect(try await harness.sync().status == "succeeded")
        #expect(harness.mapping.queueSIDs[bad.id] == created)
        #expect(try await harness.managedQueues().count == 4)
    }

    @Test("HTTP API: POST sync, dryRun, GET inSync, 409 while running, auth")
    func httpAPI() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        try harness.createStandardConfigs()
        let api = try SyncAPIServer(harness: harness, threads: 4)
        defer { api.shutdown() }
        let key = api.key
        let base = api.base

        #expect(try await api.call("POST", base, key: nil).0 == 401)
        let (planStatus, plan) = try await api.call("POST", base + "?dryRun=true", key: key)
        #expect(planStatus == 200)
        let planData = try #require(plan["data"] as? [String: Any])
        #expect(planData["dryRun"] as? Bool == true)
        #expect((planData["changes"] as? [Any])?.count == 4)
        #expect(try await api.call("POST", base + "?dryRun=perhaps", key: key).0 == 400)
        let (status, body) = try await api.call("POST", base, key: key)
        #expect(status == 200)
        #expect(body["message"] as? String == "Success")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["status"] as? String == "succeeded")
        #expect((data["id"] as? String)?.hasPrefix("SR-") == true)
        let (getStatus, got) = try await api.call("GET", base, key: key)
        #expect(getStatus == 200)
        #expect((got["data"] as? [String: Any])?["inSync"] as? Bool == true)
        #expect((got["data"] as? [String: Any])?["id"] as? String == data["id"] as? String)

        // Hold a sync in flight with latency, and try another.
        harness.emulator.setLatency(milliseconds: 300)
        async let first = api.call("POST", base, key: key)
        try await Task.sleep(for: .milliseconds(100))
        let (conflict, conflictBody) = try await api.call("POST", base, key: key)
        #expect(conflict == 409)
        #expect((conflictBody["message"] as? String)?.contains("SR-") == true)
        #expect(try await first.0 == 200)
        harness.emulator.setLatency(milliseconds: 0)
    }
}
