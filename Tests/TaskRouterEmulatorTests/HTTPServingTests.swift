import Foundation
import HTTPServer
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The emulator over real HTTP on a free port, including Twilio's own Python library.
@Suite("TaskRouterEmulator over HTTP")
struct HTTPServingTests {
    private static func request(
        _ method: String, _ url: String, body: String? = nil, password: String = EmulatorTestClient.token
    ) async throws -> (status: Int, json: JSONValue) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        let credentials = Data("\(EmulatorTestClient.account):\(password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null)
    }

    @Test func servesV1OverHTTPWithURLsOnItsOwnHost() async throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let server = try emulator.start()
        defer { server.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"
        let created = try await Self.request("POST", base + "/v1/Workspaces", body: "FriendlyName=Over+HTTP%21")
        #expect(created.status == 201)
        #expect(created.json["friendly_name"] == .string("Over HTTP!"))
        guard case .string(let url)? = created.json["url"] else {
            Issue.record("no url")
            return
        }
        #expect(url.hasPrefix(base + "/v1/Workspaces/WS"))
        let fetched = try await Self.request("GET", url)
        #expect(fetched.status == 200)
        let denied = try await Self.request("GET", url, password: "nope")
        #expect(denied.status == 401)
        #expect(denied.json["code"] == .number(20003))
    }

    @Test func embeddedEmulatorHasFreshCredentials() async throws {
        let running = try TaskRouterEmulator.startEmbedded()
        defer { running.stop() }
        #expect(SIDGenerator.isValid(running.accountSID, prefix: "AC"))
        #expect(running.authToken.count == 32)
        var request = URLRequest(url: try #require(URL(string: running.baseURL + "/v1/Workspaces")))
        let credentials = Data("\(running.accountSID):\(running.authToken)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let other = try TaskRouterEmulator.startEmbedded()
        defer { other.stop() }
        #expect(other.authToken != running.authToken)
    }

    @Test func droppedConnectionReachesTheClientAsAnError() async throws {
        let emulator = TaskRouterEmulator(accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token)
        let server = try emulator.start()
        defer { server.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"
        emulator.injectFault(.dropConnection)
        await #expect(throws: (any Error).self) {
            _ = try await Self.request("GET", base + "/v1/Workspaces")
        }
        #expect(try await Self.request("GET", base + "/v1/Workspaces").status == 200)
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
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
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
