import Foundation
import TestSupport
import Testing

/// `twpc serve` on a PostgreSQL server that restarts in the middle of a load: clear 503s during the
/// outage (never a 500), no acknowledged write lost, and the service recovers by itself.
@Suite struct PostgresRestartAPITests {
    static let enabled = TemporaryPostgresCluster.binDirectory != nil

    /// What the load clients saw.
    struct Tally: Sendable {
        var acknowledged: [String] = []
        var acknowledgedAfterRestart = 0
        var unavailable: [String] = []
        var unexpected: [String] = []
    }

    @Test(
        .enabled(if: enabled, "needs TWPC_TEST_PG_BINDIR (run under scripts/with-postgres.sh)"),
        .timeLimit(.minutes(1)))
    func restartDuringLoad() throws {
        let binDirectory = try #require(TemporaryPostgresCluster.binDirectory)
        let binary = try #require(
            TwpcProcessHarness.locateBinary(), "the twpc executable is not built (swift build --build-tests)")
        let cluster = try TemporaryPostgresCluster(binDirectory: binDirectory, directoryPrefix: "twpc-api-pg-")
        let harness = try TwpcProcessHarness(binary: binary, databaseURL: cluster.url)
        let (company, key) = try harness.createCompany(name: "Restart Lending")
        let (_, port) = try harness.serve(threads: 4)
        let path = "/companies/\(company)/task-worker-pairing-configs"

        let tally = SharedState(Tally())
        let restarted = SharedState(false)
        let stop = SharedState(false)
        let clients = DispatchGroup()
        for client in 0..<3 {
            clients.enter()
            Thread {
                defer { clients.leave() }
                var index = 0
                while !stop.value {
                    index += 1
                    let afterRestart = restarted.value
                    let body = #"{"name":"load \#(client)-\#(index)"}"#
                    do {
                        let answer = try TwpcProcessHarness.request(port, "POST", path, key: key, body: body)
                        tally.withLock { tally in
                            switch answer.status {
                            case 200:
                                if let id = answer.data["id"]?.string { tally.acknowledged.append(id) }
                                if afterRestart { tally.acknowledgedAfterRestart += 1 }
                            case 503:
                                tally.unavailable.append(answer.message)
                                if answer.json["requestId"]?.string != answer.header("X-Request-Id") {
                                    tally.unexpected.append("503 without its request id: \(answer.text)")
                                }
                            default:
                                tally.unexpected.append("\(answer.status): \(answer.text)")
                            }
                        }
                    } catch {
                        tally.withLock { $0.unexpected.append("no answer: \(error)") }
                    }
                    usleep(2_000)
                }
            }.start()
        }
        defer {
            stop.value = true
            clients.wait()
        }

        func waitUntil(_ seconds: Double, _ condition: (Tally) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if tally.withLock({ condition($0) }) { return true }
                usleep(20_000)
            }
            return false
        }

        #expect(waitUntil(15) { $0.acknowledged.count >= 20 }, "the load never got going")
        try cluster.stop()
        #expect(waitUntil(10) { $0.unavailable.count >= 5 }, "no 503 while PostgreSQL was down")
        // Liveness does not depend on the database.
        #expect(try TwpcProcessHarness.request(port, "GET", "/healthz", key: key).status == 200)
        try cluster.start()
        restarted.value = true
        #expect(waitUntil(15) { $0.acknowledgedAfterRestart >= 20 }, "the service did not recover")
        stop.value = true
        clients.wait()

        let seen = tally.withLock { $0 }
        #expect(seen.unexpected.isEmpty, "\(seen.unexpected.prefix(5))")
        #expect(Set(seen.unavailable) == ["The database is unavailable; try again later."])

        // Every acknowledged create is there, through the same (never restarted) server.
        var stored: Set<String> = []
        var next: String? = "\(path)?limit=100"
        while let url = next {
            let page = try TwpcProcessHarness.request(port, "GET", url, key: key)
            try #require(page.status == 200, "\(page.text)")
            stored.formUnion(page.ids)
            next = page.json["nextUrl"]?.string
        }
        let missing = Set(seen.acknowledged).subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
        #expect(seen.acknowledged.count >= 40)
    }
}
