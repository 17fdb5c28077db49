import Foundation
import HTTPServer
import TaskRouterEmulator
import TestSupport
import Testing

@testable import TaskRouterClient

@Suite("URLSession transport against a live emulator")
struct URLSessionAuthTests {
    @Test("a 401 with WWW-Authenticate (wrong credentials) comes back promptly as Twilio's 20003")
    func wrongCredentials() async throws {
        let emulator = TaskRouterEmulator(accountSID: "AC0123456789abcdef0123456789abcdef", authToken: "right")
        let server = try emulator.start(threads: 2)
        defer { server.shutdown() }
        let client = TaskRouterClient(
            baseURL: "http://127.0.0.1:\(server.port)",
            credentials: .authToken(accountSID: "AC0123456789abcdef0123456789abcdef", authToken: "wrong"),
            retry: RetryPolicy(requestTimeout: .seconds(20)))
        let outcome = await finishing(within: 60) { () -> Result<Int, TaskRouterError> in
            do throws(TaskRouterError) {
                return .success(try await client.listWorkspaces().count)
            } catch {
                return .failure(error)
            }
        }
        let result = try #require(outcome, "the request hung on the 401")
        guard case .failure(let error) = result else {
            Issue.record("expected a 401, got \(result)")
            return
        }
        #expect(error.status == 401)
        #expect(error.code == 20003)
        #expect(client.requestCount == 1)
    }

    @Test("a request to a server that never answers ends within its timeout")
    func hardTimeout() async throws {
        // A listening socket that never answers.
        let silent = try SilentListener()
        defer { silent.close() }
        let transport = URLSessionTransport()
        // A generous window: other tests running in parallel can keep the cooperative threads busy
        // for seconds; what this guards against is a request that never ends.
        let outcome = await finishing(within: 60) { () -> String in
            do throws(TaskRouterTransportError) {
                _ = try await transport.send(
                    TaskRouterHTTPRequest(
                        method: "GET", url: "http://127.0.0.1:\(silent.port)/v1/Workspaces", timeout: 0.5))
                return "answered"
            } catch {
                return error.description
            }
        }
        let message = try #require(outcome, "the request did not honour its timeout")
        #expect(message != "answered")
    }
}
