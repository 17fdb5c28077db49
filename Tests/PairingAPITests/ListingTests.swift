import Foundation
import PairingAPI
import TaskRouterExpressions
import Testing

@Suite struct ListingTests {
    /// A server with 7 configs besides the default: priorities 10, 5, 5, nil, nil, -1, 3.
    static func seeded() throws -> (TestServer, [String: String]) {
        let server = try TestServer()
        var ids: [String: String] = [:]
        for (name, priority) in [
            ("p10", "10"), ("p5a", "5"), ("p5b", "5"), ("n1", "null"), ("n2", "null"), ("m1", "-1"), ("p3", "3"),
        ] {
            let response = try server.create(
                "{\"name\":\"\(name)\",\"priority\":\(priority),\"externalId\":\"\(name)\"}")
            ids[name] = response.data["id"]?.string
        }
        let defaultID = try server.request("GET", server.configsPath).json["data"]?.array.first {
            $0["isDefault"] == .bool(true)
        }?["id"]?.string
        ids["default"] = defaultID
        return (server, ids)
    }

    func names(_ response: TestResponse) -> [String] {
        (response.json["data"] ?? .null).array.compactMap { $0["name"]?.string }
    }

    @Test func defaultOrderIsEvaluationOrder() throws {
        let (server, _) = try Self.seeded()
        let response = try server.request("GET", server.configsPath)
        #expect(response.status == 200)
        #expect(names(response) == ["p10", "p5a", "p5b", "p3", "m1", "n1", "n2", "Default"])
        #expect(response.json["count"] == .number(8))
        #expect(response.json["nextUrl"] == .null)
        #expect(response.json["previousUrl"] == .null)
        #expect(response.text.hasPrefix(#"{"status":200,"count":8,"nextUrl":null,"previousUrl":null,"data":["#))
    }

    @Test func everySortBySpellingGivesTheSameOrder() throws {
        let (server, _) = try Self.seeded()
        // An explicit sort treats the default like any config with a null priority (created first).
        let expected = ["p10", "p5a", "p5b", "p3", "m1", "Default", "n1", "n2"]
        for query in [
            "sortBy=-priority&sortBy=createdAt", "sortBy=-priority,createdAt", "sortBy=%5B-priority,%2BcreatedAt%5D",
            "sortBy=[-priority,createdAt]",
        ] {
            let response = try server.request("GET", "\(server.configsPath)?\(query)")
            #expect(response.status == 200, "\(query): \(response.text)")
            #expect(names(response) == expected, "\(query)")
        }
        let ascending = try server.request("GET", "\(server.configsPath)?sortBy=%2Bpriority")
        #expect(names(ascending) == ["m1", "p3", "p5a", "p5b", "p10", "Default", "n1", "n2"])
        let byID = try server.request("GET", "\(server.configsPath)?sortBy=-id")
        #expect(byID.ids == byID.ids.sorted().reversed())
        let byCreated = try server.request("GET", "\(server.configsPath)?sortBy=createdAt")
        #expect(names(byCreated) == ["Default", "p10", "p5a", "p5b", "n1", "n2", "m1", "p3"])
    }

    @Test func pagingForwardAndBackWithTheLinks() throws {
        let (server, _) = try Self.seeded()
        var url: String? = "\(server.configsPath)?limit=3&sortBy=createdAt"
        var seen: [String] = []
        var pages: [TestResponse] = []
        while let next = url {
            let page = try server.request("GET", next)
            #expect(page.status == 200)
            seen += names(page)
            pages.append(page)
            url = page.json["nextUrl"]?.string
        }
        #expect(seen == ["Default", "p10", "p5a", "p5b", "n1", "n2", "m1", "p3"])
        #expect(pages.count == 3)
        #expect(pages[0].json["previousUrl"] == .null)
        let nextURL = try #require(pages[0].json["nextUrl"]?.string)
        #expect(nextURL.hasPrefix("\(server.configsPath)?limit=3&sortBy=createdAt&startingAfter=TP-"))
        // Back from the last page.
        var back: [String] = names(pages[2])
        url = pages[2].json["previousUrl"]?.string
        while let previous = url {
            let page = try server.request("GET", previous)
            back = names(page) + back
            url = page.json["previousUrl"]?.string
        }
        #expect(back == seen)
    }

    @Test func cursorsAtTheFirstAndLastItems() throws {
        let (server, ids) = try Self.seeded()
        let first = try #require(ids["p10"])
        let last = try #require(ids["default"])
        let afterLast = try server.request("GET", "\(server.configsPath)?limit=3&startingAfter=\(last)")
        #expect(afterLast.status == 200)
        #expect(afterLast.json["count"] == .number(0))
        #expect(afterLast.json["nextUrl"] == .null)
        let backURL = try #require(afterLast.json["previousUrl"]?.string)
        #expect(names(try server.request("GET", backURL)) == ["n1", "n2", "Default"])
        let beforeFirst = try server.request("GET", "\(server.configsPath)?limit=3&endingBefore=\(first)")
        #expect(beforeFirst.json["count"] == .number(0))
        #expect(beforeFirst.json["previousUrl"] == .null)
        let topURL = try #require(beforeFirst.json["nextUrl"]?.string)
        #expect(names(try server.request("GET", topURL)) == ["p10", "p5a", "p5b"])
        let afterFirst = try server.request("GET", "\(server.configsPath)?limit=2&startingAfter=ext-p10")
        #expect(names(afterFirst) == ["p5a", "p5b"])
        let beforeLast = try server.request("GET", "\(server.configsPath)?limit=2&endingBefore=\(last)")
        #expect(names(beforeLast) == ["n1", "n2"])
        // endingBefore wins over startingAfter.
        let both = try server.request(
            "GET", "\(server.configsPath)?limit=2&startingAfter=\(first)&endingBefore=\(last)")
        #expect(names(both) == ["n1", "n2"])
    }

    @Test func aDeletedOrForeignCursorIs400() throws {
        let (server, ids) = try Self.seeded()
        let gone = try #require(ids["n1"])
        #expect(try server.request("DELETE", "\(server.configsPath)/\(gone)").status == 204)
        for name in ["startingAfter", "endingBefore"] {
            let response = try server.request("GET", "\(server.configsPath)?\(name)=\(gone)")
            #expect(response.status == 400)
            #expect(response.message.contains(name))
        }
        let foreign = try server.request(
            "POST", "/companies/\(server.otherCompany.id)/task-worker-pairing-configs", body: #"{"name":"x"}"#,
            key: server.otherKey
        ).data["id"]?.string
        #expect(try server.request("GET", "\(server.configsPath)?startingAfter=\(foreign ?? "")").status == 400)
    }
}
