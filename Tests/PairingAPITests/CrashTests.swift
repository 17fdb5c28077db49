import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Drives the real `twpc` binary on SQLite: writes acknowledged before `kill -9` survive a restart.
@Suite struct CrashTests {
    /// The `twpc` executable built next to the test bundle.
    static var binary: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("twpc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `twpc` to completion and returns its stdout (trimmed).
    static func run(_ binary: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `twpc serve --port 0` and returns the process and its port (read from its stderr).
    static func serve(_ binary: URL, dataDirectory: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory, "--no-emulator", "--threads", "2"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let handle = errors.fileHandleForReading
        while !text.contains("listening on") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = text.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/), let port = Int(match.1)
        else {
            process.terminate()
            throw TestHTTPClient.Failure.malformed("no port in: \(text)")
        }
        // Keep draining the log so the server never blocks on a full pipe.
        handle.readabilityHandler = { file in
            if file.availableData.isEmpty { file.readabilityHandler = nil }
        }
        return (process, port)
    }

    static func request(_ port: Int, _ method: String, _ path: String, key: String, body: String? = nil) throws
        -> TestResponse
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-API-KEY: \(key)\r\n"
        let payload = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n" }
        head += "\r\n"
        return try TestHTTPClient.send(port: port, Array(head.utf8) + payload)
    }

    @Test func acknowledgedWritesSurviveKill9() throws {
        guard let binary = Self.binary else {
            Issue.record("the twpc executable is not built next to the tests (swift build --build-tests)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("twpc-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDir = directory.path
        let company = try Self.run(binary, ["companies", "create", "--name", "Crash Lending", "--data-dir", dataDir])
        #expect(company.hasPrefix("CP-"))
        let key = try Self.run(binary, ["api-keys", "create", "--company", company, "--data-dir", dataDir])
        #expect(key.hasPrefix("twpc_"))
        let path = "/companies/\(company)/task-worker-pairing-configs"

        let (server, port) = try Self.serve(binary, dataDirectory: dataDir)
        var acknowledged: [String: String] = [:]  // id -> name
        for index in 0..<40 {
            let response = try Self.request(
                port, "POST", path, key: key, body: "{\"name\":\"crash \(index)\",\"priority\":\(index)}")
            #expect(response.status == 200)
            if response.status == 200, let id = response.data["id"]?.string { acknowledged[id] = "crash \(index)" }
        }
        let renamedID = try #require(acknowledged.keys.sorted().first)
        let renamed = try Self.request(port, "PUT", "\(path)/\(renamedID)", key: key, body: #"{"name":"renamed"}"#)
        #expect(renamed.status == 200)
        acknowledged[renamedID] = "renamed"
        let deletedID = try #require(acknowledged.keys.sorted().last)
        #expect(try Self.request(port, "DELETE", "\(path)/\(deletedID)", key: key).status == 204)
        acknowledged[deletedID] = nil
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()

        let (restarted, newPort) = try Self.serve(binary, dataDirectory: dataDir)
        defer {
            restarted.terminate()
            restarted.waitUntilExit()
        }
        var found: [String: String] = [:]
        var url: String? = "\(path)?limit=100"
        while let next = url {
            let page = try Self.request(newPort, "GET", next, key: key)
            #expect(page.status == 200)
            for item in page.data.array where item["isDefault"] != .bool(true) {
                if let id = item["id"]?.string, let name = item["name"]?.string { found[id] = name }
            }
            url = page.json["nextUrl"]?.string
        }
        #expect(found == acknowledged)
        #expect(try Self.request(newPort, "GET", "\(path)/\(deletedID)", key: key).status == 404)
    }
}
