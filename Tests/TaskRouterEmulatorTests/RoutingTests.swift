import Foundation
import Synchronization
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

@Suite("TaskRouterEmulator routing")
struct RoutingTests {
    /// A settable clock for the emulator.
    final class Clock: Sendable {
        let seconds = Mutex<Double>(1_780_000_000)
        func advance(_ by: Double) { seconds.withLock { $0 += by } }
        func read() -> Double { seconds.withLock { $0 } }
    }

    private func setUp(clock: Clock = Clock()) -> (EmulatorTestClient, String, Clock) {
        let client = EmulatorTestClient.make(clock: { clock.read() })
        return (client, client.workspace(), clock)
    }

    private func sid(_ reply: EmulatorTestClient.Reply) throws -> String { try #require(reply.string("sid")) }

    private func queue(_ client: EmulatorTestClient, _ ws: String, _ name: String, _ target: String = "1==1") throws
        -> String
    {
        try sid(client.post(ws + "/TaskQueues", [("FriendlyName", name), ("TargetWorkers", target)]))
    }

    private func workflow(
        _ client: EmulatorTestClient, _ ws: String, filters: [(String, String)], default queue: String?
    )
        throws -> String
    {
        try sid(client.post(ws + "/Workflows", [("FriendlyName", "W"), ("Configuration", config(filters, queue))]))
    }

    private func config(_ filters: [(String, String)], _ defaultQueue: String?) -> String {
        let items = filters.map { filter in
            JSONValue.object([
                "filter_friendly_name": .string(filter.0), "expression": .string(filter.0),
                "targets": .array([.object(["queue": .string(filter.1)])]),
            ])
        }
        var routing: [String: JSONValue] = ["filters": .array(items)]
        if let defaultQueue { routing["default_filter"] = .object(["queue": .string(defaultQueue)]) }
        return TaskRouterEmulator.encodeText(.object(["task_routing": .object(routing)]))
    }

    private func worker(
        _ client: EmulatorTestClient, _ ws: String, _ name: String, _ attributes: String, available: Bool
    )
        throws -> String
    {
        var form = [("FriendlyName", name), ("Attributes", attributes)]
        if available { form.append(("ActivitySid", client.activity(ws, "Available"))) }
        return try sid(client.post(ws + "/Workers", form))
    }

    @Test func firstMatchingFilterWinsElseDefault() throws {
        let (client, ws, _) = setUp()
        let loans = try queue(client, ws, "Loans")
        let vip = try queue(client, ws, "VIP")
        let fallback = try queue(client, ws, "Fallback")
        _ = try workflow(
            client, ws, filters: [("type == \"loan\"", loans), ("vip == true", vip)], default: fallback)

        let both = client.post(ws + "/Tasks", [("Attributes", #"{"type":"loan","vip":true}"#)])
        #expect(both.string("task_queue_sid") == loans)
        #expect(both.string("assignment_status") == "pending")
        #expect(client.post(ws + "/Tasks", [("Attributes", #"{"vip":true}"#)]).string("task_queue_sid") == vip)
        #expect(client.post(ws + "/Tasks", [("Attributes", #"{"type":"card"}"#)]).string("task_queue_sid") == fallback)
        #expect(client.get(ws + "/Tasks", [("TaskQueueSid", loans)]).list("tasks").count == 1)
    }

    @Test func noMatchAndNoDefaultLeavesTaskPendingWithoutQueue() throws {
        let (client, ws, _) = setUp()
        let loans = try queue(client, ws, "Loans")
        _ = try workflow(client, ws, filters: [("type == \"loan\"", loans)], default: nil)
        let task = client.post(ws + "/Tasks", [("Attributes", #"{"type":"card"}"#)])
        #expect(task.string("assignment_status") == "pending")
        #expect(task["task_queue_sid"] == .null)
    }

    @Test func reservesTheMatchingWorkerAvailableLongest() throws {
        let (client, ws, clock) = setUp()
        let spanish = try queue(client, ws, "Spanish", "languages HAS \"es\"")
        _ = try workflow(client, ws, filters: [], default: spanish)
        _ = try worker(client, ws, "english", #"{"languages":["en"]}"#, available: true)
        clock.advance(10)
        let first = try worker(client, ws, "first", #"{"languages":["es"]}"#, available: true)
        clock.advance(10)
        let second = try worker(client, ws, "second", #"{"languages":["es"]}"#, available: true)
        _ = try worker(client, ws, "offline", #"{"languages":["es"]}"#, available: false)

        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        let fetched = client.get(ws + "/Tasks/\(task)")
        #expect(fetched.string("assignment_status") == "reserved")
        let reservations = client.get(ws + "/Tasks/\(task)/Reservations").list("reservations")
        #expect(reservations.count == 1)
        #expect(reservations.first?["worker_sid"] == .string(first))
        #expect(reservations.first?["reservation_status"] == .string("pending"))
        #expect(reservations.first?["worker_name"] == .string("first"))

        // The next task goes to the other idle Spanish speaker.
        let next = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        let nextReservations = client.get(ws + "/Tasks/\(next)/Reservations").list("reservations")
        #expect(nextReservations.first?["worker_sid"] == .string(second))
        // A third waits: nobody matching is idle.
        let third = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        #expect(client.get(ws + "/Tasks/\(third)").string("assignment_status") == "pending")
        #expect(client.get(ws + "/Tasks/\(third)/Reservations").list("reservations").isEmpty)
    }

    @Test func becomingAvailableLaterMakesAWorkerNewer() throws {
        let (client, ws, clock) = setUp()
        let everyone = try queue(client, ws, "Everyone")
        _ = try workflow(client, ws, filters: [], default: everyone)
        let early = try worker(client, ws, "early", "{}", available: true)
        clock.advance(5)
        let late = try worker(client, ws, "late", "{}", available: true)
        clock.advance(5)
        // "early" goes offline and comes back: now it has been available for less time than "late".
        _ = client.post(ws + "/Workers/\(early)", [("ActivitySid", client.activity(ws, "Offline"))])
        _ = client.post(ws + "/Workers/\(early)", [("ActivitySid", client.activity(ws, "Available"))])
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        let reservation = client.get(ws + "/Tasks/\(task)/Reservations").list("reservations").first
        #expect(reservation?["worker_sid"] == .string(late))
    }

    @Test func noMatchingWorkerStaysPendingUntilOneArrives() throws {
        let (client, ws, _) = setUp()
        let managers = try queue(client, ws, "Managers", "role == \"manager\"")
        _ = try workflow(client, ws, filters: [], default: managers)
        _ = try worker(client, ws, "agent", #"{"role":"agent"}"#, available: true)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        #expect(client.get(ws + "/Tasks/\(task)").string("assignment_status") == "pending")
        let boss = try worker(client, ws, "boss", #"{"role":"manager"}"#, available: true)
        #expect(client.get(ws + "/Tasks/\(task)").string("assignment_status") == "reserved")
        #expect(client.get(ws + "/Workers/\(boss)/Reservations").list("reservations").count == 1)
    }

    @Test func expressionsUseTheInjectedClock() throws {
        // 1_780_000_000 is Thursday 2026-05-28 20:26:40 UTC; a day later is a Friday.
        for (seconds, expected) in [(1_780_000_000.0, "reserved"), (1_780_086_400.0, "pending")] {
            let clock = Clock()
            clock.seconds.withLock { $0 = seconds }
            let (client, ws, _) = setUp(clock: clock)
            let thursdays = try queue(client, ws, "Thursdays", "taskrouter.dayOfWeek == \"Thu\"")
            _ = try workflow(client, ws, filters: [("taskrouter.currentHour == \"20\"", thursdays)], default: nil)
            _ = try worker(client, ws, "w", "{}", available: true)
            let task = client.post(ws + "/Tasks", [("Attributes", "{}")])
            #expect(task.string("task_queue_sid") == thursdays)
            #expect(task.string("assignment_status") == expected)
        }
    }

    @Test func emptyTargetWorkersMatchesNobody() throws {
        let (client, ws, _) = setUp()
        let waiting = try queue(client, ws, "Waiting", "")
        #expect(client.get(ws + "/TaskQueues/\(waiting)").string("target_workers") == "")
        _ = try workflow(client, ws, filters: [], default: waiting)
        _ = try worker(client, ws, "w", "{}", available: true)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        #expect(client.get(ws + "/Tasks/\(task)").string("assignment_status") == "pending")
    }

    @Test func acceptRejectAndComplete() throws {
        let (client, ws, clock) = setUp()
        let everyone = try queue(client, ws, "Everyone")
        _ = try workflow(client, ws, filters: [], default: everyone)
        let first = try worker(client, ws, "first", "{}", available: true)
        clock.advance(1)
        let second = try worker(client, ws, "second", "{}", available: true)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        let offered = try #require(
            client.get(ws + "/Workers/\(first)/Reservations").list("reservations").first?["sid"])
        guard case .string(let reservation) = offered else { throw EmulatorError.badParameter("no sid") }

        let rejected = client.post(
            ws + "/Workers/\(first)/Reservations/\(reservation)", [("ReservationStatus", "rejected")])
        #expect(rejected.string("reservation_status") == "rejected")
        // Back to routing: offered to the other worker, never again to the one that rejected.
        let again = client.get(ws + "/Tasks/\(task)/Reservations", [("ReservationStatus", "pending")])
            .list("reservations")
        #expect(again.first?["worker_sid"] == .string(second))
        guard case .string(let secondReservation)? = again.first?["sid"] else {
            Issue.record("no second reservation")
            return
        }
        let accepted = client.post(
            ws + "/Tasks/\(task)/Reservations/\(secondReservation)", [("ReservationStatus", "accepted")])
        #expect(accepted.string("reservation_status") == "accepted")
        #expect(client.get(ws + "/Tasks/\(task)").string("assignment_status") == "assigned")
        let twice = client.post(
            ws + "/Tasks/\(task)/Reservations/\(secondReservation)", [("ReservationStatus", "accepted")])
        #expect(twice.code == 20001)
        #expect(client.delete(ws + "/Workers/\(second)").status == 400)

        let done = client.post(ws + "/Tasks/\(task)", [("AssignmentStatus", "completed")])
        #expect(done.string("assignment_status") == "completed")
        let finished = client.get(ws + "/Tasks/\(task)/Reservations/\(secondReservation)")
        #expect(finished.string("reservation_status") == "completed")
        #expect(client.get(ws + "/Tasks/\(task)/Reservations/WRnope").status == 404)
    }

    @Test func reEvaluateTasksMovesWaitingTasksToTheNewRules() throws {
        let (client, ws, _) = setUp()
        let old = try queue(client, ws, "Old")
        let new = try queue(client, ws, "New")
        let flow = try workflow(client, ws, filters: [], default: old)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", #"{"type":"loan"}"#)]))
        let rules = config([("type == \"loan\"", new)], old)

        _ = client.post(ws + "/Workflows/\(flow)", [("Configuration", rules)])
        #expect(client.get(ws + "/Tasks/\(task)").string("task_queue_sid") == old)

        let reevaluated = client.post(
            ws + "/Workflows/\(flow)", [("Configuration", rules), ("ReEvaluateTasks", "True")])
        #expect(reevaluated.status == 200)
        #expect(client.get(ws + "/Tasks/\(task)").string("task_queue_sid") == new)
    }

    @Test func reEvaluateRescindsPendingReservations() throws {
        let (client, ws, _) = setUp()
        let everyone = try queue(client, ws, "Everyone")
        let nobody = try queue(client, ws, "Nobody", "role == \"none\"")
        let flow = try workflow(client, ws, filters: [], default: everyone)
        _ = try worker(client, ws, "w", "{}", available: true)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", "{}")]))
        #expect(client.get(ws + "/Tasks/\(task)").string("assignment_status") == "reserved")
        _ = client.post(
            ws + "/Workflows/\(flow)", [("Configuration", config([], nobody)), ("ReEvaluateTasks", "true")])
        let moved = client.get(ws + "/Tasks/\(task)")
        #expect(moved.string("assignment_status") == "pending")
        #expect(moved.string("task_queue_sid") == nobody)
        let reservation = client.get(ws + "/Tasks/\(task)/Reservations").list("reservations").first
        #expect(reservation?["reservation_status"] == .string("rescinded"))
    }

    @Test func invalidExpressionsAre400With20001NamingTheError() throws {
        let (client, ws, _) = setUp()
        let bad = client.post(ws + "/TaskQueues", [("FriendlyName", "Bad"), ("TargetWorkers", "languages HAS")])
        #expect(bad.status == 400)
        #expect(bad.code == 20001)
        #expect(bad.message.contains("TargetWorkers"))
        #expect(bad.message.contains("offset"))
        #expect(client.get(ws + "/TaskQueues").list("task_queues").isEmpty)

        let good = try queue(client, ws, "Good")
        let badUpdate = client.post(ws + "/TaskQueues/\(good)", [("TargetWorkers", "a == (1")])
        #expect(badUpdate.code == 20001)
        #expect(client.get(ws + "/TaskQueues/\(good)").string("target_workers") == "1==1")

        let badFilter = client.post(
            ws + "/Workflows", [("FriendlyName", "W"), ("Configuration", config([("type ==", good)], good))])
        #expect(badFilter.code == 20001)
        #expect(badFilter.message.contains("filters[0].expression"))

        let badList = client.get(ws + "/Workers", [("TargetWorkersExpression", "x IN")])
        #expect(badList.code == 20001)
    }

    @Test func targetExpressionsSeeTaskAndWorker() throws {
        let (client, ws, _) = setUp()
        let everyone = try queue(client, ws, "Everyone")
        let configuration = TaskRouterEmulator.encodeText(
            .object([
                "task_routing": .object([
                    "filters": .array([
                        .object([
                            "expression": .string("1==1"),
                            "targets": .array([
                                .object([
                                    "queue": .string(everyone), "expression": .string("task.team == worker.team"),
                                ])
                            ]),
                        ])
                    ])
                ])
            ]))
        #expect(
            client.post(ws + "/Workflows", [("FriendlyName", "W"), ("Configuration", configuration)]).status == 201)
        _ = try worker(client, ws, "red", #"{"team":"red"}"#, available: true)
        let blue = try worker(client, ws, "blue", #"{"team":"blue"}"#, available: true)
        let task = try sid(client.post(ws + "/Tasks", [("Attributes", #"{"team":"blue"}"#)]))
        let reservation = client.get(ws + "/Tasks/\(task)/Reservations").list("reservations").first
        #expect(reservation?["worker_sid"] == .string(blue))
    }

    @Test func seedingAPICreatesWorkspacesAndWorkers() throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let workspace = try emulator.createWorkspace(friendlyName: "Demo")
        let manager = try emulator.createWorker(
            workspaceSID: workspace, friendlyName: "Mia", attributes: .object(["role": .string("manager")]),
            available: true)
        _ = try emulator.createWorker(
            workspaceSID: workspace, friendlyName: "Ned", attributes: .object([:]), available: false)
        #expect(throws: EmulatorError.self) {
            try emulator.createWorker(workspaceSID: workspace, friendlyName: "mia", attributes: .null, available: true)
        }
        #expect(emulator.workspaceSIDs == [workspace])
        let client = EmulatorTestClient(emulator: emulator)
        let fetched = client.get("/v1/Workspaces/\(workspace)/Workers/\(manager)")
        #expect(fetched["available"] == .bool(true))
        #expect(fetched.string("attributes") == #"{"role":"manager"}"#)
        #expect(client.get("/v1/Workspaces/\(workspace)/Workers", [("Available", "false")]).list("workers").count == 1)
    }
}

@Suite("TaskRouterEmulator demo seeding")
struct DemoSeedTests {
    @Test func seedsManagersAndAgentsPerTeamOnce() throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let workspace = try emulator.createWorkspace(friendlyName: "Demo Lending")
        #expect(emulator.workspaceSID(friendlyName: "Demo Lending") == workspace)
        #expect(emulator.workspaceSID(friendlyName: "Other") == nil)
        let created = try emulator.seedDemoWorkers(workspaceSID: workspace, teamIDs: ["TM-1", "TM-2"])
        #expect(created.count == 6)
        #expect(try emulator.seedDemoWorkers(workspaceSID: workspace, teamIDs: ["TM-1", "TM-2"]).isEmpty)

        let client = EmulatorTestClient(emulator: emulator)
        let path = "/v1/Workspaces/\(workspace)/Workers"
        let managers = client.get(path, [("TargetWorkersExpression", "isManager == true")]).list("workers")
        #expect(managers.count == 2)
        let teamTwoAgents = client.get(
            path, [("TargetWorkersExpression", "isManager == false AND teamIds HAS \"TM-2\"")]
        ).list("workers")
        #expect(teamTwoAgents.count == 2)
        #expect(client.get(path, [("Available", "true")]).list("workers").count == 6)
    }
}
