import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Drives the built `twpc` executable as separate processes sharing one database: CLI commands,
/// `twpc serve` servers and a standalone `twpc emulator`. Every process it started is stopped, and its
/// temporary directory removed, when it is released.
final class TwpcProcessHarness: @unchecked Sendable {
    static let accountSID = "AC" + String(repeating: "5a", count: 16)
    static let authToken = "multi-process-token"

    let binary: String
    let databaseURL: String
    /// Output files of the children and the (unused) data directory.
    let directory: String
    /// Every process gets the same secret key, so one seals what another opens.
    let environment = ["TWPC_SECRET_KEY": String(repeating: "3c", count: 32)]
    private let children = Mutex<[ChildProcess]>([])
    private let counter = Atomic<Int>(0)

    struct Emulator {
        var port: Int
        var workspaceSID: String
        var baseURL: String { "http://127.0.0.1:\(port)" }
    }

    /// The `twpc` executable of this build: next to the test bundle, else `.build/debug/twpc` of the package.
    static func locateBinary(file: String = #filePath) -> String? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("twpc").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = root.appendingPathComponent(".build/debug/twpc").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    init(binary: String, databaseURL: String) throws {
        self.binary = binary
        self.databaseURL = databaseURL
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("twpc-multi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        for child in children.withLock({ $0 }) { child.stop(grace: 5) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func outputPrefix(_ name: String) -> String {
        "\(directory)/\(counter.wrappingAdd(1, ordering: .relaxed).oldValue)-\(name)"
    }

    /// Runs `twpc <arguments> --database <url> --data-dir <dir>` to completion; returns its stdout.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        try ChildProcess.run(
            [binary] + arguments + ["--database", databaseURL, "--data-dir", directory + "/data"],
            environment: environment.merging(extra) { $1 }, outputPrefix: outputPrefix(arguments[0]))
    }

    /// Creates a company and a key for it with the CLI.
    func createCompany(name: String) throws -> (id: String, key: String) {
        let id = try run(["companies", "create", "--name", name])
        let key = try run(["api-keys", "create", "--company", id])
        return (id, key)
    }

    /// Starts `twpc serve --port 0 --no-emulator` on the database and returns its port.
    func serve(threads: Int = 4, database: String? = nil) throws -> (process: ChildProcess, port: Int) {
        let child = try ChildProcess(
            [
                binary, "serve", "--port", "0", "--no-emulator", "--threads", String(threads), "--database",
                database ?? databaseURL, "--data-dir", directory + "/data",
            ], environment: environment, outputPrefix: outputPrefix("serve"))
        children.withLock { $0.append(child) }
        let port = try child.waitForOutput(#"listening on http://127\.0\.0\.1:(\d+)"#)
        return (child, Int(port) ?? 0)
    }

    /// Starts a standalone `twpc emulator --port 0` with one workspace.
    func startEmulator(workspace: String) throws -> Emulator {
        let child = try ChildProcess(
            [
                binary, "emulator", "--port", "0", "--account-sid", Self.accountSID, "--auth-token", Self.authToken,
                "--workspace", workspace,
            ], outputPrefix: outputPrefix("emulator"))
        children.withLock { $0.append(child) }
        let port = try child.waitForOutput(#"listening on http://127\.0\.0\.1:(\d+)"#)
        let sid = try child.waitForOutput(#"workspace (WS[0-9a-f]{32})"#)
        return Emulator(port: Int(port) ?? 0, workspaceSID: sid)
    }

    /// Points the company's sync at the standalone emulator (`companies set-taskrouter`).
    func setTaskRouter(company: String, emulator: Emulator) throws {
        try run(
            [
                "companies", "set-taskrouter", "--company", company, "--account-sid", Self.accountSID,
                "--workspace-sid", emulator.workspaceSID, "--base-url", emulator.baseURL,
            ], environment: ["TWPC_TWILIO_AUTH_TOKEN": Self.authToken])
    }

    /// One request to a twpc server with a company key.
    static func request(
        _ port: Int, _ method: String, _ path: String, key: String, body: String? = nil,
        headers: [(String, String)] = []
    ) throws -> TestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-API-KEY: \(key)\r\n"
        let payload = Array((body ?? "").utf8)
        if body != nil || method == "POST" || method == "PUT" {
            head += "Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try TestHTTPClient.send(port: port, Array(head.utf8) + payload)
    }

    /// One request to the emulator with its Basic credentials.
    static func emulatorRequest(_ emulator: Emulator, _ method: String, _ path: String, body: String? = nil) throws
        -> TestResponse
    {
        let credentials = Data("\(accountSID):\(authToken)".utf8).base64EncodedString()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        head += "Authorization: Basic \(credentials)\r\n"
        let payload = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n" }
        head += "\r\n"
        return try TestHTTPClient.send(port: emulator.port, Array(head.utf8) + payload)
    }

    /// Runs the blocks on threads of their own, released together; returns their results in order.
    static func simultaneously<T: Sendable>(_ blocks: [@Sendable () -> T]) -> [T] {
        let results = SharedState<[Int: T]>([:])
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for (index, block) in blocks.enumerated() {
            ready.enter()
            done.enter()
            let thread = Thread {
                ready.leave()
                start.wait()
                let result = block()
                results.withLock { $0[index] = result }
                done.leave()
            }
            thread.start()
        }
        ready.wait()
        for _ in blocks { start.signal() }
        done.wait()
        return results.withLock { all in (0..<blocks.count).map { all[$0]! } }
    }
}
