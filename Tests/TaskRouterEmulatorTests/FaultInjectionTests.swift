import Foundation
import HTTPServer
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

@Suite("TaskRouterEmulator fault injection and counting")
struct FaultInjectionTests {
    private func control(_ client: EmulatorTestClient, _ method: String, _ path: String, _ json: String? = nil)
        -> EmulatorTestClient.Reply
    {
        client.send(method, path, rawBody: json.map { Array($0.utf8) })
    }

    @Test func nextRequestsGet429ThenServeNormally() {
        let client = EmulatorTestClient.make()
        let added = control(client, "POST", "/emulator/faults", #"{"kind":"429","count":2}"#)
        #expect(added.status == 201)
        for _ in 0..<2 {
            let reply = client.get("/v1/Workspaces")
            #expect(reply.status == 429)
            #expect(reply.code == 20429)
            #expect(reply.header("Retry-After") == nil)
        }
        #expect(client.get("/v1/Workspaces").status == 200)
    }

    @Test func retryAfterAnd500AndDrop() {
        let client = EmulatorTestClient.make()
        _ = control(client, "POST", "/emulator/faults", #"{"kind":"429-retry-after","count":1,"retryAfter":3}"#)
        _ = control(client, "POST", "/emulator/faults", #"{"kind":"500"}"#)
        _ = control(client, "POST", "/emulator/faults", #"{"kind":"drop"}"#)
        let limited = client.get("/v1/Workspaces")
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "3")
        let failed = client.get("/v1/Workspaces")
        #expect(failed.status == 500)
        #expect(failed.code == 20500)
        let dropped = client.emulator.respond(to: HTTPRequest(method: "GET", path: "/v1/Workspaces"))
        #expect(dropped.dropsConnection)
        #expect(client.get("/v1/Workspaces").status == 200)
    }

    @Test func faultsAreClearedAndControlRequestsAreNeverFaulted() {
        let client = EmulatorTestClient.make()
        _ = control(client, "POST", "/emulator/faults", #"{"kind":"500","count":5}"#)
        let listed = control(client, "GET", "/emulator/faults")
        #expect(listed.status == 200)
        #expect(listed.list("faults").first?["remaining"] == .number(5))
        #expect(control(client, "DELETE", "/emulator/faults").status == 204)
        #expect(client.get("/v1/Workspaces").status == 200)
    }

    @Test func badControlBodiesAre400() {
        let client = EmulatorTestClient.make()
        #expect(control(client, "POST", "/emulator/faults", #"{"kind":"teapot"}"#).status == 400)
        #expect(control(client, "POST", "/emulator/faults", #"{"kind":"429","count":0}"#).status == 400)
        #expect(control(client, "POST", "/emulator/faults", "nope").status == 400)
        #expect(control(client, "POST", "/emulator/latency", #"{"ms":-1}"#).status == 400)
        var stranger = client
        stranger.password = "wrong"
        #expect(control(stranger, "GET", "/emulator/requests").status == 401)
    }

    @Test func latencyIsSetAndCleared() {
        let client = EmulatorTestClient.make()
        #expect(control(client, "POST", "/emulator/latency", #"{"ms":20}"#)["ms"] == .number(20))
        #expect(control(client, "GET", "/emulator/latency")["ms"] == .number(20))
        let start = Date()
        _ = client.get("/v1/Workspaces")
        #expect(Date().timeIntervalSince(start) >= 0.019)
        #expect(control(client, "DELETE", "/emulator/latency").status == 204)
        #expect(control(client, "GET", "/emulator/latency")["ms"] == .number(0))
    }

    @Test func countsRequestsByMethodAndTemplate() {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        _ = client.post(ws + "/TaskQueues", [("FriendlyName", "A")])
        _ = client.post(ws + "/TaskQueues", [("FriendlyName", "B")])
        client.emulator.injectFault(.serverError)
        _ = client.get(ws + "/TaskQueues")
        _ = client.get(ws + "/TaskQueues")
        _ = control(client, "GET", "/emulator/faults")

        let counts = client.emulator.requestCounts
        #expect(counts.total == 5)
        #expect(counts.faulted == 1)
        #expect(counts.count("POST", "/v1/Workspaces") == 1)
        #expect(counts.count("POST", "/v1/Workspaces/{WorkspaceSid}/TaskQueues") == 2)
        #expect(counts.count("GET", "/v1/Workspaces/{WorkspaceSid}/TaskQueues") == 2)
        #expect(counts.writes == 3)

        let overHTTP = control(client, "GET", "/emulator/requests")
        #expect(overHTTP["total"] == .number(5))
        #expect(overHTTP["byRoute"]?["POST /v1/Workspaces/{WorkspaceSid}/TaskQueues"] == .number(2))
        #expect(control(client, "DELETE", "/emulator/requests").status == 204)
        #expect(client.emulator.requestCounts.total == 0)
    }
}
