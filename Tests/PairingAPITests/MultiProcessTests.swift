import Foundation
import TaskRouterExpressions
import TestSupport
import Testing

@testable import PairingStore

#if canImport(Glibc)
    import Glibc
#endif

/// Two `twpc serve` processes on one PostgreSQL database, syncing to a standalone `twpc emulator`:
/// interleaved creates, updates, deletes and syncs keep ids and externalIds unique, lose no update,
/// run one sync at a time, and leave the emulator routing exactly as the final configs say.
@Suite struct MultiProcessTests {
    typealias Harness = TwpcProcessHarness

    static var databaseURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TWPC_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    static let enabled = databaseURL != nil

    struct Context {
        let harness: Harness
        let emulator: Harness.Emulator
        let company: String
        let key: String
        let ports: [Int]
        let servers: [ChildProcess]
        var path: String { "/companies/\(company)/task-worker-pairing-configs" }
    }

    /// Emulator, company (synced to the emulator) and two servers on a fresh schema.
    static func start() throws -> Context {
        let base = try #require(databaseURL)
        let binary = try #require(
            Harness.locateBinary(), "the twpc executable is not built (swift build --build-tests)")
        let url = try APITestBackend.freshSchemaURL(base: base)
        let harness = try Harness(binary: binary, databaseURL: url)
        let emulator = try harness.startEmulator(workspace: "Two Servers")
        let (company, key) = try harness.createCompany(name: "Two Servers Lending")
        try harness.setTaskRouter(company: company, emulator: emulator)
        let first = try harness.serve()
        let second = try harness.serve()
        return Context(
            harness: harness, emulator: emulator, company: company, key: key, ports: [first.port, second.port],
            servers: [first.process, second.process])
    }

    static func post(_ context: Context, _ port: Int, _ body: String) -> TestResponse? {
        try? Harness.request(port, "POST", context.path, key: context.key, body: body)
    }

    /// Every live config through one server, following `nextUrl` (pages of 7).
    static func list(_ context: Context, _ port: Int) throws -> [JSONValue] {
        var items: [JSONValue] = []
        var next: String? = "\(context.path)?limit=7"
        while let url = next {
            let page = try Harness.request(port, "GET", url, key: context.key)
            try #require(page.status == 200, "list: \(page.text)")
            items += page.data.array
            next = page.json["nextUrl"]?.string
        }
        return items
    }

    @Test(
        .enabled(if: enabled, "needs TWPC_TEST_DATABASE_URL (run under scripts/with-postgres.sh)"),
        .timeLimit(.minutes(1)))
    func twoServersShareOneDatabase() throws {
        let context = try Self.start()
        let ports = context.ports
        var acknowledged: Set<String> = []
        var deleted: Set<String> = []

        // The same externalId from both servers at once: exactly one create wins.
        for round in 0..<6 {
            let answers = Harness.simultaneously(
                ports.map { port in
                    { Self.post(context, port, #"{"name":"dup \#(round) \#(port)","externalId":"dup-\#(round)"}"#) }
                })
            #expect(answers.map { $0?.status ?? 0 }.sorted() == [200, 409], "round \(round)")
            for answer in answers where answer?.status == 200 {
                if let id = answer?.data["id"]?.string { acknowledged.insert(id) }
            }
        }

        // Creates from both servers at once: every id distinct.
        let batches = Harness.simultaneously(
            (0..<6).map { thread in
                {
                    (0..<4).map { index in
                        Self.post(
                            context, ports[thread % 2],
                            #"{"name":"c\#(thread)-\#(index)","externalId":"c-\#(thread)-\#(index)","priority":\#((thread * 4 + index) % 5)}"#
                        )
                    }
                }
            })
        let creates = batches.flatMap { $0 }
        #expect(creates.allSatisfy { $0?.status == 200 })
        let createdIDs = creates.compactMap { $0?.data["id"]?.string }
        #expect(Set(createdIDs).count == 24)
        acknowledged.formUnion(createdIDs)
        #expect(acknowledged.count == 30)
        let ordered = createdIDs.sorted()

        // If-Match with the same version on both servers: one 200, one 412, and the winner's write stays.
        for (round, id) in ordered.prefix(3).enumerated() {
            let etag = try #require(
                try Harness.request(ports[0], "GET", "\(context.path)/\(id)", key: context.key).header("ETag"))
            let answers = Harness.simultaneously(
                ports.map { port in
                    {
                        try? Harness.request(
                            port, "PUT", "\(context.path)/\(id)", key: context.key,
                            body: #"{"name":"won by \#(port) \#(round)"}"#, headers: [("If-Match", etag)])
                    }
                })
            #expect(answers.map { $0?.status ?? 0 }.sorted() == [200, 412], "round \(round)")
            if let winner = zip(ports, answers).first(where: { $0.1?.status == 200 }) {
                for port in ports {
                    let current = try Harness.request(port, "GET", "\(context.path)/\(id)", key: context.key)
                    #expect(current.data["name"]?.string == "won by \(winner.0) \(round)")
                    #expect(current.header("ETag") == winner.1?.header("ETag"))
                }
            }
        }

        // Partial PUTs without If-Match on both servers at once: neither change is lost.
        let shared = ordered[3]
        for round in 0..<3 {
            let answers = Harness.simultaneously([
                { @Sendable in
                    try? Harness.request(
                        ports[0], "PUT", "\(context.path)/\(shared)", key: context.key,
                        body: #"{"priority":\#(70 + round)}"#)
                },
                { @Sendable in
                    try? Harness.request(
                        ports[1], "PUT", "\(context.path)/\(shared)", key: context.key,
                        body: #"{"externalId":"shared-\#(round)"}"#)
                },
            ])
            #expect(answers.map { $0?.status ?? 0 } == [200, 200])
            let current = try Harness.request(ports[1], "GET", "\(context.path)/\(shared)", key: context.key)
            #expect(current.data["priority"]?.int == 70 + round)
            #expect(current.data["externalId"]?.string == "shared-\(round)")
        }

        // The same config deleted from both servers at once: one 204, one 404.
        for id in ordered.suffix(2) {
            let answers = Harness.simultaneously(
                ports.map { port in { try? Harness.request(port, "DELETE", "\(context.path)/\(id)", key: context.key) }
                })
            #expect(answers.map { $0?.status ?? 0 }.sorted() == [204, 404])
            deleted.insert(id)
        }

        // Interleaved creates, updates, deletes and syncs from four clients over both servers.
        struct Outcome: Sendable {
            var created: [String] = []
            var deleted: [String] = []
            var unexpected: [String] = []
            var syncStatuses: [Int] = []
        }
        let outcomes = Harness.simultaneously(
            (0..<4).map { client in
                { @Sendable () -> Outcome in
                    var outcome = Outcome()
                    let port = ports[client % 2]
                    var mine: [String] = []
                    for step in 0..<10 {
                        let answer: TestResponse?
                        switch step % 5 {
                        case 0, 1:
                            answer = Self.post(
                                context, port,
                                #"{"name":"mix \#(client) \#(step)","externalId":"mix-\#(client)-\#(step)"}"#)
                            if answer?.status == 200, let id = answer?.data["id"]?.string {
                                mine.append(id)
                                outcome.created.append(id)
                            }
                        case 2:
                            guard let id = mine.last else { continue }
                            answer = try? Harness.request(
                                port, "PUT", "\(context.path)/\(id)", key: context.key,
                                body: #"{"priority":\#(step),"workerMatch":{"teamIds":["TM-\#(client)"]}}"#,
                                headers: [("If-Match", "\"1\"")])
                        case 3:
                            guard let id = mine.first else { continue }
                            answer = try? Harness.request(port, "DELETE", "\(context.path)/\(id)", key: context.key)
                            if answer?.status == 204 {
                                mine.removeFirst()
                                outcome.deleted.append(id)
                            }
                        default:
                            answer = try? Harness.request(port, "POST", "\(context.path)/sync", key: context.key)
                            outcome.syncStatuses.append(answer?.status ?? 0)
                            if answer?.status == 409, answer?.message.contains("SR-") != true {
                                outcome.unexpected.append("409 without the running sync: \(answer?.text ?? "")")
                            }
                            continue
                        }
                        let expected: Set<Int> = [200, 204]
                        if !expected.contains(answer?.status ?? 0) {
                            outcome.unexpected.append("client \(client) step \(step): \(answer?.text ?? "no answer")")
                        }
                    }
                    return outcome
                }
            })
        for outcome in outcomes {
            #expect(outcome.unexpected.isEmpty, "\(outcome.unexpected)")
            #expect(outcome.syncStatuses.allSatisfy { $0 == 200 || $0 == 409 }, "\(outcome.syncStatuses)")
            acknowledged.formUnion(outcome.created)
            deleted.formUnion(outcome.deleted)
        }

        // Syncs started on both servers at once while TaskRouter is slow: one runs, the other is refused.
        let latency = try Harness.emulatorRequest(context.emulator, "POST", "/emulator/latency", body: #"{"ms":500}"#)
        #expect(latency.status == 200)
        let syncs = Harness.simultaneously(
            ports.map { port in { try? Harness.request(port, "POST", "\(context.path)/sync", key: context.key) } })
        #expect(syncs.map { $0?.status ?? 0 }.sorted() == [200, 409], "\(syncs.map { $0?.text ?? "" })")
        if let refused = syncs.first(where: { $0?.status == 409 }) {
            #expect(refused?.message.contains("SR-") == true)
        }
        _ = try Harness.emulatorRequest(context.emulator, "DELETE", "/emulator/latency")

        // Both servers see the same configs, in the same order and pages.
        let live = try Self.list(context, ports[0])
        let liveIDs = live.compactMap { $0["id"]?.string }
        #expect(try Self.list(context, ports[1]).compactMap { $0["id"]?.string } == liveIDs)
        #expect(Set(liveIDs).count == liveIDs.count)
        let externalIDs = live.compactMap { $0["externalId"]?.string }
        #expect(Set(externalIDs).count == externalIDs.count)
        #expect(Set(liveIDs).subtracting([live.last?["id"]?.string ?? ""]) == acknowledged.subtracting(deleted))

        // A final sync makes the emulator route exactly as the final configs say.
        let final = try Harness.request(ports[1], "POST", "\(context.path)/sync", key: context.key)
        #expect(final.status == 200, "\(final.text)")
        try Self.expectEmulatorMatches(context, live)

        // Every run held the lock alone: their [start, finish] intervals never overlap.
        let connection = try PostgresConnection(url: context.harness.databaseURL)
        let runs = try connection.execute("SELECT started_at, finished_at FROM sync_runs ORDER BY started_at").rows
        #expect(runs.count >= 2)
        var previousFinish: Int64 = 0
        for row in runs {
            let started = try #require(row.int64(0))
            let finished = try #require(row.int64(1), "a run never finished")
            #expect(started >= previousFinish, "two syncs overlapped")
            previousFinish = finished
        }
    }

    @Test(
        .enabled(if: enabled, "needs TWPC_TEST_DATABASE_URL (run under scripts/with-postgres.sh)"),
        .timeLimit(.minutes(1)))
    func theSyncLockIsReleasedWhenItsHolderDies() throws {
        let context = try Self.start()
        for index in 0..<3 {
            let created = Self.post(context, context.ports[0], #"{"name":"kill \#(index)","priority":\#(index)}"#)
            #expect(created?.status == 200)
        }
        // TaskRouter answers slowly, so the first server's sync is still running when it is killed.
        let latency = try Harness.emulatorRequest(context.emulator, "POST", "/emulator/latency", body: #"{"ms":400}"#)
        #expect(latency.status == 200)
        let path = "\(context.path)/sync"
        let ports = context.ports
        let key = context.key
        let holder = Thread { _ = try? Harness.request(ports[0], "POST", path, key: key) }
        holder.start()
        var refused: TestResponse?
        for _ in 0..<100 where refused?.status != 409 {
            usleep(20_000)
            refused = try Harness.request(ports[1], "POST", path, key: key)
        }
        #expect(refused?.status == 409)
        #expect(refused?.message.contains("SR-") == true)

        context.servers[0].signal(SIGKILL)
        #expect(context.servers[0].wait(timeout: 10) != nil)
        _ = try Harness.emulatorRequest(context.emulator, "DELETE", "/emulator/latency")

        // PostgreSQL ends the dead process's session and its advisory lock with it.
        var answer = try Harness.request(ports[1], "POST", path, key: key)
        let deadline = Date().addingTimeInterval(10)
        while answer.status == 409 && Date() < deadline {
            usleep(50_000)
            answer = try Harness.request(ports[1], "POST", path, key: key)
        }
        #expect(answer.status == 200, "\(answer.text)")
        try Self.expectEmulatorMatches(context, try Self.list(context, ports[1]))

        // The killed run is recorded as failed, not left running.
        let connection = try PostgresConnection(url: context.harness.databaseURL)
        let statuses = try connection.execute("SELECT status FROM sync_runs ORDER BY started_at").rows.map {
            $0.text(0) ?? ""
        }
        #expect(statuses == ["failed", "succeeded"])
    }

    /// One `TWPC <id> ...` queue per live config with its worker expression, no orphans, and a
    /// workflow with one filter per non-default config in evaluation order and the default's queue last.
    static func expectEmulatorMatches(_ context: Context, _ live: [JSONValue]) throws {
        let workspace = "/v1/Workspaces/\(context.emulator.workspaceSID)"
        let queues = try Harness.emulatorRequest(context.emulator, "GET", "\(workspace)/TaskQueues?PageSize=1000")
        try #require(queues.status == 200, "\(queues.text)")
        let twpcQueues =
            queues.json["task_queues"]?.array.filter {
                $0["friendly_name"]?.string?.hasPrefix("TWPC ") == true
            } ?? []
        #expect(twpcQueues.count == live.count, "one TWPC queue per live config, no orphans")
        var queueOf: [String: String] = [:]
        for config in live {
            let id = config["id"]?.string ?? ""
            let name = config["name"]?.string ?? ""
            let matching = twpcQueues.filter { $0["friendly_name"]?.string?.hasPrefix("TWPC \(id) ") == true }
            #expect(matching.count == 1, "queue of \(id)")
            guard let queue = matching.first else { continue }
            #expect(queue["friendly_name"]?.string == String("TWPC \(id) \(name)".prefix(64)))
            #expect(queue["target_workers"]?.string == config["twilioWorkerQueueExpression"]?.string)
            queueOf[id] = queue["sid"]?.string
        }
        let workflows = try Harness.emulatorRequest(context.emulator, "GET", "\(workspace)/Workflows")
        let all = workflows.json["workflows"]?.array ?? []
        #expect(all.count == 1)
        let text = try #require(all.first?["configuration"]?.string)
        let configuration = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let routing = try #require(configuration["task_routing"])
        let filters = routing["filters"]?.array ?? []
        let nonDefault = live.dropLast()
        #expect(live.last?["isDefault"] == .bool(true))
        #expect(filters.count == nonDefault.count)
        for (filter, config) in zip(filters, nonDefault) {
            let id = config["id"]?.string ?? ""
            let name = config["name"]?.string ?? ""
            #expect(filter["filter_friendly_name"]?.string == String("\(name) (\(id))".prefix(64)))
            #expect(filter["expression"]?.string == config["twilioTaskWorkflowExpression"]?.string)
            #expect(filter["targets"]?.array.first?["queue"]?.string == queueOf[id])
        }
        #expect(routing["default_filter"]?["queue"]?.string == queueOf[live.last?["id"]?.string ?? ""])
    }
}
