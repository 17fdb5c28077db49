import PairingCore
import TaskRouterExpressions
import Testing

/// Builders shared by the planner tests.
private enum Fixture {
    static func config(
        _ id: String, _ name: String, priority: Int32? = nil, isDefault: Bool = false, createdAt: Int64 = 1,
        workers: String = "1==1", tasks: String? = "1==1"
    ) -> PairingConfig {
        PairingConfig(
            id: id, companyID: "CP-TEST-0001", priority: priority, name: name, isDefault: isDefault,
            overrideWorkerQueueExpression: workers, overrideTaskWorkflowExpression: isDefault ? nil : tasks,
            createdAt: createdAt)
    }

    static func expressions(_ config: PairingConfig) -> SyncExpressions {
        SyncExpressions(
            workerQueue: config.overrideWorkerQueueExpression ?? "1==1",
            taskWorkflow: config.isDefault ? nil : config.overrideTaskWorkflowExpression)
    }

    static func desired(_ configs: [PairingConfig]) throws -> SyncDesiredState {
        try SyncDesiredState(configs: configs, expressions: expressions)
    }

    static let standard: [PairingConfig] = [
        config("TP-DEF0-0001", "Everyone", isDefault: true, createdAt: 1),
        config("TP-AAAA-0001", "Voice", priority: 10, createdAt: 2, workers: "teams HAS 'a'", tasks: "type == 'call'"),
        config("TP-BBBB-0001", "Texts", priority: 5, createdAt: 3, workers: "teams HAS 'b'", tasks: "type == 'text'"),
    ]

    /// Applies a plan to an in-memory workspace the way the executor would, returning the new state and mapping.
    static func apply(_ plan: SyncPlan, to actual: SyncActualState, mapping: SyncMapping, next: inout Int)
        -> (SyncActualState, SyncMapping)
    {
        var queues = actual.queues
        var created: [String: String] = [:]
        var mapping = mapping
        for operation in plan.queueOperations {
            switch operation {
            case .createQueue(let configID, let name, let target):
                next += 1
                let sid = "WQ\(next)"
                queues.append(.init(sid: sid, friendlyName: name, targetWorkers: target))
                created[configID] = sid
            case .updateQueue(_, let sid, let name, let target, _):
                let index = queues.firstIndex { $0.sid == sid }!
                if let name { queues[index].friendlyName = name }
                if let target { queues[index].targetWorkers = target }
            default: Issue.record("unexpected \(operation) among queue operations")
            }
        }
        var workflow = actual.workflow
        switch plan.workflowOperation {
        case .createWorkflow(let name, let configuration)?:
            workflow = .init(sid: "WW1", friendlyName: name, configuration: configuration.text(created: created))
        case .updateWorkflow(_, let name, let configuration, _)?:
            if let name { workflow!.friendlyName = name }
            if let configuration { workflow!.configuration = configuration.text(created: created) }
        default: break
        }
        for case .deleteQueue(let sid, _, _) in plan.deletions { queues.removeAll { $0.sid == sid } }
        mapping.queueSIDs = plan.assignments.compactMapValues { $0.resolve(created) }
        mapping.workflowSID = workflow?.sid
        return (SyncActualState(queues: queues, workflow: workflow), mapping)
    }

    /// Syncs `configs` from nothing and returns the resulting state.
    static func synced(_ configs: [PairingConfig], next: inout Int) throws -> (SyncActualState, SyncMapping) {
        let empty = SyncActualState(queues: [], workflow: nil)
        let plan = SyncPlanner.plan(desired: try desired(configs), actual: empty, mapping: SyncMapping())
        return apply(plan, to: empty, mapping: SyncMapping(), next: &next)
    }

    static func routing(_ state: SyncActualState) -> JSONValue? {
        state.workflow.flatMap { SyncWorkflowConfiguration.parse($0.configuration) }
    }
}

@Suite("Sync planner")
struct SyncPlannerTests {
    @Test("from nothing: one queue per config, workflow in evaluation order, default filter last")
    func createFromNothing() throws {
        let desired = try Fixture.desired(Fixture.standard)
        let plan = SyncPlanner.plan(
            desired: desired, actual: SyncActualState(queues: [], workflow: nil), mapping: SyncMapping())
        #expect(
            plan.queueOperations == [
                .createQueue(
                    configID: "TP-AAAA-0001", friendlyName: "TWPC TP-AAAA-0001 Voice", targetWorkers: "teams HAS 'a'"),
                .createQueue(
                    configID: "TP-BBBB-0001", friendlyName: "TWPC TP-BBBB-0001 Texts", targetWorkers: "teams HAS 'b'"),
                .createQueue(
                    configID: "TP-DEF0-0001", friendlyName: "TWPC TP-DEF0-0001 Everyone", targetWorkers: "1==1"),
            ])
        #expect(plan.deletions.isEmpty)
        guard case .createWorkflow(let name, let configuration)? = plan.workflowOperation else {
            Issue.record("expected createWorkflow, got \(String(describing: plan.workflowOperation))")
            return
        }
        #expect(name == "Task-Worker Pairing")
        let text = configuration.text(created: ["TP-AAAA-0001": "WQa", "TP-BBBB-0001": "WQb", "TP-DEF0-0001": "WQd"])
        #expect(
            text
                == #"{"task_routing":{"filters":[{"filter_friendly_name":"Voice (TP-AAAA-0001)","expression":"type == 'call'","targets":[{"queue":"WQa"}]},{"filter_friendly_name":"Texts (TP-BBBB-0001)","expression":"type == 'text'","targets":[{"queue":"WQb"}]}],"default_filter":{"queue":"WQd"}}}"#
        )
    }

    @Test("a second plan after applying the first is empty")
    func noOp() throws {
        var next = 0
        let (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        let again = SyncPlanner.plan(desired: try Fixture.desired(Fixture.standard), actual: state, mapping: mapping)
        #expect(again.isEmpty)
        #expect(again.operations.isEmpty)
    }

    @Test("configuration compared as parsed JSON: whitespace and key order do not matter")
    func parsedComparison() throws {
        var next = 0
        var (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        let parsed = try #require(Fixture.routing(state))
        // Re-serialise with sorted keys and spacing, as another writer might.
        let original = state.workflow!.configuration
        state.workflow!.configuration = Self.pretty(parsed)
        #expect(state.workflow!.configuration != original)
        #expect(Fixture.routing(state) == parsed)
        let plan = SyncPlanner.plan(desired: try Fixture.desired(Fixture.standard), actual: state, mapping: mapping)
        #expect(plan.isEmpty)
        // A different value is a change.
        state.workflow!.configuration = state.workflow!.configuration.replacingOccurrences(of: "type", with: "kind")
        let changed = SyncPlanner.plan(desired: try Fixture.desired(Fixture.standard), actual: state, mapping: mapping)
        guard case .updateWorkflow(_, nil, .some, _)? = changed.workflowOperation else {
            Issue.record("expected a configuration update, got \(String(describing: changed.workflowOperation))")
            return
        }
        #expect(changed.queueOperations.isEmpty)
    }

    @Test("rename updates the queue name and filter name, never creates a queue")
    func rename() throws {
        var next = 0
        let (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        var configs = Fixture.standard
        configs[1].name = "Inbound voice"
        let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
        let voiceSID = mapping.queueSIDs["TP-AAAA-0001"]!
        #expect(
            plan.queueOperations == [
                .updateQueue(
                    configID: "TP-AAAA-0001", sid: voiceSID, friendlyName: "TWPC TP-AAAA-0001 Inbound voice",
                    targetWorkers: nil, before: state.queues.first { $0.sid == voiceSID }!)
            ])
        guard case .updateWorkflow(_, nil, let configuration?, _)? = plan.workflowOperation else {
            Issue.record("expected a workflow update")
            return
        }
        #expect(configuration.filters[0].friendlyName == "Inbound voice (TP-AAAA-0001)")
        #expect(plan.deletions.isEmpty)
    }

    @Test("priority reorder changes only the workflow filter order")
    func reorder() throws {
        var next = 0
        let (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        var configs = Fixture.standard
        configs[2].priority = 20
        let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
        #expect(plan.queueOperations.isEmpty)
        #expect(plan.deletions.isEmpty)
        guard case .updateWorkflow(_, nil, let configuration?, _)? = plan.workflowOperation else {
            Issue.record("expected a workflow update")
            return
        }
        #expect(
            configuration.filters.map(\.queue) == [
                .existing(sid: mapping.queueSIDs["TP-BBBB-0001"]!), .existing(sid: mapping.queueSIDs["TP-AAAA-0001"]!),
            ])
        #expect(configuration.defaultQueue == .existing(sid: mapping.queueSIDs["TP-DEF0-0001"]!))
    }

    @Test("worker expression change updates TargetWorkers only; task expression change updates the workflow only")
    func expressionChange() throws {
        var next = 0
        let (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        var configs = Fixture.standard
        configs[1].overrideWorkerQueueExpression = "teams HAS 'z'"
        let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
        let sid = mapping.queueSIDs["TP-AAAA-0001"]!
        #expect(
            plan.queueOperations == [
                .updateQueue(
                    configID: "TP-AAAA-0001", sid: sid, friendlyName: nil, targetWorkers: "teams HAS 'z'",
                    before: state.queues.first { $0.sid == sid }!)
            ])
        #expect(plan.workflowOperation == nil)

        var tasks = Fixture.standard
        tasks[2].overrideTaskWorkflowExpression = "type == 'sms'"
        let taskPlan = SyncPlanner.plan(desired: try Fixture.desired(tasks), actual: state, mapping: mapping)
        #expect(taskPlan.queueOperations.isEmpty)
        guard case .updateWorkflow(_, nil, let configuration?, _)? = taskPlan.workflowOperation else {
            Issue.record("expected a workflow update")
            return
        }
        #expect(configuration.filters[1].expression == "type == 'sms'")
    }

    @Test("a deleted config's queue is deleted after the workflow update")
    func deleteConfig() throws {
        var next = 0
        let (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        let configs = Fixture.standard.filter { $0.id != "TP-AAAA-0001" }
        let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
        let sid = mapping.queueSIDs["TP-AAAA-0001"]!
        #expect(plan.queueOperations.isEmpty)
        #expect(plan.workflowOperation != nil)
        #expect(
            plan.deletions == [
                .deleteQueue(sid: sid, configID: "TP-AAAA-0001", before: state.queues.first { $0.sid == sid }!)
            ])
        #expect(plan.operations.last == plan.deletions.last)
        #expect(plan.assignments["TP-AAAA-0001"] == nil)
    }

    @Test("a queue deleted behind our back is re-created and the workflow repointed")
    func queueDeletedBehindOurBack() throws {
        var next = 0
        var (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        let gone = mapping.queueSIDs["TP-BBBB-0001"]!
        state.queues.removeAll { $0.sid == gone }
        let plan = SyncPlanner.plan(desired: try Fixture.desired(Fixture.standard), actual: state, mapping: mapping)
        #expect(
            plan.queueOperations == [
                .createQueue(
                    configID: "TP-BBBB-0001", friendlyName: "TWPC TP-BBBB-0001 Texts", targetWorkers: "teams HAS 'b'")
            ])
        #expect(plan.assignments["TP-BBBB-0001"] == .new(configID: "TP-BBBB-0001"))
        guard case .updateWorkflow(_, nil, let configuration?, _)? = plan.workflowOperation else {
            Issue.record("expected a workflow update")
            return
        }
        #expect(configuration.text(created: ["TP-BBBB-0001": "WQnew"]).contains("WQnew"))
        #expect(!configuration.text(created: ["TP-BBBB-0001": "WQnew"]).contains("\"\(gone)\""))
    }

    @Test("queues without the TWPC prefix are never touched")
    func foreignQueuesLeftAlone() throws {
        var next = 0
        var (state, mapping) = try Fixture.synced(Fixture.standard, next: &next)
        state.queues.append(.init(sid: "WQforeign", friendlyName: "Sales", targetWorkers: "1==1"))
        state.queues.append(.init(sid: "WQforeign2", friendlyName: "TWPCx not ours", targetWorkers: nil))
        let plan = SyncPlanner.plan(desired: try Fixture.desired(Fixture.standard), actual: state, mapping: mapping)
        #expect(plan.isEmpty)
        let fewer = SyncPlanner.plan(
            desired: try Fixture.desired(Array(Fixture.standard.prefix(1))), actual: state, mapping: mapping)
        let deleted = fewer.deletions.compactMap { if case .deleteQueue(let sid, _, _) = $0 { sid } else { nil } }
        #expect(Set(deleted) == [mapping.queueSIDs["TP-AAAA-0001"]!, mapping.queueSIDs["TP-BBBB-0001"]!])
    }

    @Test("only the default config: no filters, default_filter names its queue")
    func defaultFilterOnly() throws {
        let configs = [Fixture.config("TP-DEF0-0001", "Everyone", isDefault: true)]
        let plan = SyncPlanner.plan(
            desired: try Fixture.desired(configs), actual: SyncActualState(queues: [], workflow: nil),
            mapping: SyncMapping())
        guard case .createWorkflow(_, let configuration)? = plan.workflowOperation else {
            Issue.record("expected createWorkflow")
            return
        }
        #expect(configuration.filters.isEmpty)
        #expect(
            configuration.value(created: ["TP-DEF0-0001": "WQd"])
                == .object([
                    "task_routing": .object([
                        "filters": .array([]), "default_filter": .object(["queue": .string("WQd")]),
                    ])
                ]))
    }

    @Test("an unrecorded queue named for a config is adopted, duplicates become orphans")
    func adoption() throws {
        let actual = SyncActualState(
            queues: [
                .init(sid: "WQ1", friendlyName: "TWPC TP-DEF0-0001 Old name", targetWorkers: "1==1"),
                .init(sid: "WQ2", friendlyName: "TWPC TP-DEF0-0001 Everyone", targetWorkers: "1==1"),
            ], workflow: nil)
        let configs = [Fixture.config("TP-DEF0-0001", "Everyone", isDefault: true)]
        let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: actual, mapping: SyncMapping())
        #expect(plan.assignments["TP-DEF0-0001"] == .existing(sid: "WQ1"))
        #expect(
            plan.queueOperations == [
                .updateQueue(
                    configID: "TP-DEF0-0001", sid: "WQ1", friendlyName: "TWPC TP-DEF0-0001 Everyone",
                    targetWorkers: nil, before: actual.queues[0])
            ])
        #expect(plan.deletions == [.deleteQueue(sid: "WQ2", configID: nil, before: actual.queues[1])])
    }

    @Test("evaluation order: priority desc, then null priorities, default last; ties by createdAt then id")
    func evaluationOrder() {
        let configs = [
            Fixture.config("TP-DEF0-0001", "D", isDefault: true, createdAt: 0),
            Fixture.config("TP-NUL0-0002", "N2", createdAt: 5),
            Fixture.config("TP-NUL0-0001", "N1", createdAt: 5),
            Fixture.config("TP-LOW0-0001", "L", priority: -3, createdAt: 1),
            Fixture.config("TP-HI00-0002", "H2", priority: 7, createdAt: 2),
            Fixture.config("TP-HI00-0001", "H1", priority: 7, createdAt: 3),
        ]
        #expect(
            SyncDesiredState.evaluationOrder(configs).map(\.id) == [
                "TP-HI00-0002", "TP-HI00-0001", "TP-LOW0-0001", "TP-NUL0-0001", "TP-NUL0-0002", "TP-DEF0-0001",
            ])
    }

    @Test("names are cut to 64 characters")
    func nameLimits() throws {
        let long = String(repeating: "é", count: 100)
        let desired = try Fixture.desired([Fixture.config("TP-DEF0-0001", long, isDefault: true)])
        #expect(desired.queues[0].friendlyName.count == 64)
        #expect(desired.queues[0].friendlyName.hasPrefix("TWPC TP-DEF0-0001 éé"))
        #expect(desired.queues[0].filterFriendlyName.count == 64)
    }

    @Test("no default config is an error")
    func missingDefault() {
        #expect(throws: SyncPlanningError.self) {
            try Fixture.desired([Fixture.config("TP-AAAA-0001", "A", priority: 1)])
        }
    }

    @Test("random edit sequences converge: apply then re-plan is always empty")
    func convergence() throws {
        var generator = SystemRandomNumberGenerator()
        var next = 0
        var configs = Fixture.standard
        var (state, mapping) = try Fixture.synced(configs, next: &next)
        for step in 0..<200 {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where configs.count < 12:
                configs.append(
                    Fixture.config(
                        "TP-R\(step)", "R\(step)", priority: Bool.random() ? Int32.random(in: -5...5) : nil,
                        createdAt: Int64(step + 10), workers: "w == \(step)", tasks: "t == \(step)"))
            case 1 where configs.count > 1:
                configs.remove(at: Int.random(in: 1..<configs.count))
            case 2 where configs.count > 1:
                configs[Int.random(in: 1..<configs.count)].priority = Int32.random(in: -5...5)
            case 3:
                configs[Int.random(in: 0..<configs.count)].name = "N\(step)"
            default:
                // Something outside deletes one of our queues.
                if !state.queues.isEmpty { state.queues.remove(at: Int.random(in: 0..<state.queues.count)) }
            }
            let plan = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
            (state, mapping) = Fixture.apply(plan, to: state, mapping: mapping, next: &next)
            let again = SyncPlanner.plan(desired: try Fixture.desired(configs), actual: state, mapping: mapping)
            #expect(again.isEmpty, "step \(step): \(again.operations)")
            #expect(state.queues.count == configs.count)
        }
    }

    private static func pretty(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            "{ "
                + members.keys.sorted().reversed().map { "\"\($0)\" : \(pretty(members[$0]!))" }.joined(
                    separator: ",\n ")
                + " }"
        case .array(let items): "[ " + items.map(pretty).joined(separator: " , ") + " ]"
        case .string(let text): "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default: "null"
        }
    }
}
