import Foundation
import HTTPServer
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

/// The emulator over real HTTP on a free port, including Twilio's own Python library.
@Suite("TaskRouterEmulator over HTTP")
struct HTTPServingTests {
    private static func request(
        _ method: String, _ port: Int, _ path: String, body: String? = nil,
        account: String = EmulatorTestClient.account, password: String = EmulatorTestClient.token
    ) throws -> (status: Int, json: JSONValue) {
        let credentials = Data("\(account):\(password)".utf8).base64EncodedString()
        var headers = [("Authorization", "Basic \(credentials)")]
        if body != nil { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
        let response = try RawHTTPClient.send(
            port: port, method: method, path: path, headers: headers, body: Data((body ?? "").utf8))
        return (response.status, (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null)
    }

    @Test func servesV1OverHTTPWithURLsOnItsOwnHost() throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let server = try emulator.start()
        defer { server.shutdown() }
        let port = server.port
        let created = try Self.request("POST", port, "/v1/Workspaces", body: "FriendlyName=Over+HTTP%21")
        #expect(created.status == 201)
        #expect(created.json["friendly_name"] == .string("Over HTTP!"))
        let sid = try #require(
            created.json["sid"].flatMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            })
        #expect(created.json["url"] == .string("http://127.0.0.1:\(port)/v1/Workspaces/\(sid)"))
        #expect(try Self.request("GET", port, "/v1/Workspaces/\(sid)").status == 200)
        let denied = try Self.request("GET", port, "/v1/Workspaces/\(sid)", password: "nope")
        #expect(denied.status == 401)
        #expect(denied.json["code"] == .number(20003))
    }

    @Test func embeddedEmulatorHasFreshCredentials() throws {
        let running = try TaskRouterEmulator.startEmbedded()
        defer { running.stop() }
        #expect(SIDGenerator.isValid(running.accountSID, prefix: "AC"))
        #expect(running.authToken.count == 32)
        #expect(running.baseURL == "http://127.0.0.1:\(running.server.port)")
        let listed = try Self.request(
            "GET", running.server.port, "/v1/Workspaces", account: running.accountSID, password: running.authToken)
        #expect(listed.status == 200)
        let other = try TaskRouterEmulator.startEmbedded()
        defer { other.stop() }
        #expect(other.authToken != running.authToken)
    }

    @Test func droppedConnectionReachesTheClientAsAnError() throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let server = try emulator.start()
        defer { server.shutdown() }
        emulator.injectFault(.dropConnection)
        #expect(throws: RawHTTPClient.Failure.self) {
            _ = try Self.request("GET", server.port, "/v1/Workspaces")
        }
        #expect(try Self.request("GET", server.port, "/v1/Workspaces").status == 200)
        #expect(emulator.requestCounts.faulted == 1)
    }

    /// Runs Tests/TaskRouterEmulatorTests/python/twilio_compat.py with `python3` against the emulator.
    @Test func twilioPythonLibraryWorksUnchanged() throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let server = try emulator.start()
        defer { server.shutdown() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("python/twilio_compat.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script, "http://127.0.0.1:\(server.port)", EmulatorTestClient.account, EmulatorTestClient.token,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // A hung interpreter must not hang the suite: stop it after 120 s.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let text = String(decoding: data, as: UTF8.self)
        switch process.terminationStatus {
        case 0:
            #expect(text.hasPrefix("OK "))
        case 127:
            Issue.record("python3 is not installed (make test installs it): \(text)")
        case 3:
            Issue.record("the twilio Python package is missing (make test runs pip install twilio): \(text)")
        default:
            Issue.record("twilio_compat.py failed (exit \(process.terminationStatus)):\n\(text)")
        }
    }
}
