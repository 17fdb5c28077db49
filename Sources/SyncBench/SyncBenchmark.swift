import Foundation
import HTTPServer
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterClient
import TaskRouterEmulator

/// Measures sync against an emulator on a real port.
enum SyncBenchmark {
    struct Result {
        var configs: Int
        var firstSeconds: Double
        var firstRequests: Int
        var firstWrites: Int
        var noOpSeconds: Double
        var noOpRequests: Int
        var noOpWrites: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(sizes: [Int], latencyMilliseconds: Int, concurrency: Int) throws -> [Result] {
        try sizes.map { try measure(configs: $0, latency: latencyMilliseconds, concurrency: concurrency) }
    }

    static func measure(configs count: Int, latency: Int, concurrency: Int) throws -> Result {
        let account = "AC" + String(repeating: "b", count: 32)
        let emulator = TaskRouterEmulator(accountSID: account, authToken: "bench")
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, threads: 16, maxBodyBytes: 8 << 20),
            responder: emulator)
        try server.start()
        defer { server.shutdown() }
        let store = MemoryPairingStore()
        let company = try store.createCompany(name: "Bench Lending")
        let taskTypes = ["answerInboundVoiceCall", "replyToNewText", "reviewVoicemail", "makeScheduledCall"]
        for index in 1..<max(1, count) {
            _ = try store.createConfig(
                companyID: company.id,
                NewPairingConfig(
                    priority: Int32(index % 50), name: "Rule \(index)",
                    workerMatch: WorkerMatch(teamIds: ["TM-\(index)"]),
                    taskMatch: TaskMatch(
                        taskTypes: [taskTypes[index % taskTypes.count]], case: .init(caseTypeIds: ["CT-\(index)"]))),
                limit: 1000)
        }
        let target = EmbeddedTaskRouterTarget(
            baseURL: "http://127.0.0.1:\(server.port)", accountSID: account, authToken: "bench")
        let service = SyncService(
            store: store, secrets: nil, embedded: { target },
            transport: URLSessionTransport(maximumConnectionsPerHost: concurrency * 2),
            options: .init(concurrency: concurrency))
        emulator.setLatency(milliseconds: latency)

        func timed() throws -> (Double, Int, Int) {
            emulator.resetRequestCounts()
            let start = ContinuousClock.now
            let record = try service.sync(companyID: company.id, dryRun: false)
            let elapsed = ContinuousClock.now - start
            guard record.status == "succeeded" else { throw Failure(description: "sync failed: \(record.json())") }
            let counts = emulator.requestCounts
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return (seconds, counts.total, counts.writes)
        }
        let first = try timed()
        let noOp = try timed()
        return Result(
            configs: count, firstSeconds: first.0, firstRequests: first.1, firstWrites: first.2, noOpSeconds: noOp.0,
            noOpRequests: noOp.1, noOpWrites: noOp.2)
    }

    static func markdown(_ results: [Result], latency: Int, concurrency: Int) -> String {
        var lines = [
            "## Sync",
            "",
            "Sync of one company to the TaskRouter emulator (in-process, real HTTP on loopback) with \(latency) ms"
                + " latency added to every request, \(concurrency) concurrent queue writes. Requests are counted by the"
                + " emulator. Command: `scripts/bench-sync.sh` (`.build/release/SyncBench --latency-ms \(latency)`).",
            "",
            "| configs | first sync | requests | writes | no-op sync | requests | writes |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            lines.append(
                "| \(result.configs) | \(String(format: "%.2f s", result.firstSeconds)) | \(result.firstRequests) | "
                    + "\(result.firstWrites) | \(String(format: "%.3f s", result.noOpSeconds)) | "
                    + "\(result.noOpRequests) | \(result.noOpWrites) |")
        }
        lines.append("")
        lines.append(
            "Targets: a no-op sync of 1000 configs in at most 3 requests; a first sync of 1000 configs under 10 s.")
        return lines.joined(separator: "\n")
    }
}
