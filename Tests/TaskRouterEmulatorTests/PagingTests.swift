import Foundation
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

@Suite("TaskRouterEmulator paging")
struct PagingTests {
    private func names(_ reply: EmulatorTestClient.Reply, _ key: String) -> [String] {
        reply.list(key).compactMap { item -> String? in
            if case .string(let name)? = item["friendly_name"] { return name }
            return nil
        }
    }

    /// The path and query of an absolute URL on the test host.
    private func follow(_ client: EmulatorTestClient, _ url: String) throws -> EmulatorTestClient.Reply {
        let components = try #require(URLComponents(string: url))
        #expect(components.host == "emulator.test")
        #expect(components.port == 8090)
        let query = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        return client.get(components.path, query)
    }

    @Test func pagesThroughQueuesWithAbsoluteNextPageURLs() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        for index in 0..<5 { _ = client.post(ws + "/TaskQueues", [("FriendlyName", "Q\(index)")]) }

        let first = client.get(ws + "/TaskQueues", [("PageSize", "2")])
        #expect(first.status == 200)
        #expect(names(first, "task_queues") == ["Q0", "Q1"])
        let meta = try #require(first["meta"])
        #expect(meta["key"] == .string("task_queues"))
        #expect(meta["page"] == .number(0))
        #expect(meta["page_size"] == .number(2))
        #expect(meta["previous_page_url"] == .null)
        #expect(meta["first_page_url"] == .string("http://emulator.test:8090\(ws)/TaskQueues?PageSize=2&Page=0"))
        guard case .string(let next)? = meta["next_page_url"] else {
            Issue.record("next_page_url missing")
            return
        }

        let second = try follow(client, next)
        #expect(names(second, "task_queues") == ["Q2", "Q3"])
        #expect(second["meta"]?["page"] == .number(1))
        #expect(second["meta"]?["previous_page_url"] != .null)
        guard case .string(let third)? = second["meta"]?["next_page_url"] else {
            Issue.record("second next_page_url missing")
            return
        }
        let last = try follow(client, third)
        #expect(names(last, "task_queues") == ["Q4"])
        #expect(last["meta"]?["next_page_url"] == .null)
    }

    @Test func defaultPageSizeIs50AndFiltersSurviveInPageURLs() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        for index in 0..<3 { _ = client.post(ws + "/Workers", [("FriendlyName", "w\(index)")]) }
        let all = client.get(ws + "/Workers")
        #expect(all["meta"]?["page_size"] == .number(50))
        #expect(all.list("workers").count == 3)

        let filtered = client.get(ws + "/Workers", [("ActivityName", "Offline"), ("PageSize", "1")])
        guard case .string(let next)? = filtered["meta"]?["next_page_url"] else {
            Issue.record("next_page_url missing")
            return
        }
        #expect(next.contains("ActivityName=Offline"))
        #expect(names(try follow(client, next), "workers") == ["w1"])
    }

    @Test func invalidPagingParametersAre20001() {
        let client = EmulatorTestClient.make()
        #expect(client.get("/v1/Workspaces", [("PageSize", "0")]).code == 20001)
        #expect(client.get("/v1/Workspaces", [("PageSize", "x")]).status == 400)
        #expect(client.get("/v1/Workspaces", [("PageToken", "garbage")]).code == 20001)
        #expect(client.get("/v1/Workspaces", [("PageSize", "5000")])["meta"]?["page_size"] == .number(1000))
    }
}
