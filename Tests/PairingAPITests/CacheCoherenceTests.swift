import Foundation
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterExpressions
import Testing

/// The per-process caches (rendered configs, ordered summaries) never serve stale data: two servers
/// with their own store connections on one SQLite file stand for two processes sharing a database.
@Suite struct CacheCoherenceTests {
    static func twoProcesses() throws -> (writer: TestServer, reader: TestServer, directory: String) {
        let directory = NSTemporaryDirectory() + "twpc-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/twpc.sqlite"
        let writer = try TestServer(store: try SQLitePairingStore(path: path))
        let reader = try TestServer(store: try SQLitePairingStore(path: path))
        return (writer, reader, directory)
    }

    func names(_ response: TestResponse) -> [String] {
        (response.json["data"] ?? .null).array.compactMap { $0["name"]?.string }
    }

    @Test func readerSeesEveryWriteOfAnotherProcess() throws {
        let (writer, reader, directory) = try Self.twoProcesses()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = writer.configsPath
        let key = writer.key
        var ids: [String] = []
        for (name, priority) in [("a", 3), ("b", 2), ("c", 1)] {
            let created = try writer.create("{\"name\":\"\(name)\",\"priority\":\(priority)}")
            #expect(created.status == 200)
            ids.append(try #require(created.json["data"]?["id"]?.string))
        }
        // Warm the reader's caches: list (two orders) and every config.
        #expect(names(try reader.request("GET", path, key: key)) == ["a", "b", "c", "Default"])
        #expect(names(try reader.request("GET", path + "?sortBy=priority", key: key)) == ["c", "b", "a", "Default"])
        for id in ids { #expect(try reader.request("GET", path + "/" + id, key: key).status == 200) }

        // Update through the writer: new name, new priority, new version.
        let updated = try writer.request("PUT", path + "/" + ids[2], body: "{\"name\":\"c2\",\"priority\":9}")
        #expect(updated.status == 200)
        let one = try reader.request("GET", path + "/" + ids[2], key: key)
        #expect(one.json["data"]?["name"]?.string == "c2")
        #expect(one.header("ETag") == "\"2\"")
        #expect(one.body == updated.body)
        #expect(names(try reader.request("GET", path, key: key)) == ["c2", "a", "b", "Default"])
        #expect(names(try reader.request("GET", path + "?sortBy=priority", key: key)) == ["b", "a", "c2", "Default"])

        // Delete through the writer.
        #expect(try writer.request("DELETE", path + "/" + ids[0]).status == 204)
        #expect(try reader.request("GET", path + "/" + ids[0], key: key).status == 404)
        #expect(names(try reader.request("GET", path, key: key)) == ["c2", "b", "Default"])

        // Create through the writer.
        #expect(try writer.create("{\"name\":\"d\",\"priority\":5}").status == 200)
        #expect(names(try reader.request("GET", path, key: key)) == ["c2", "d", "b", "Default"])
        #expect(names(try reader.request("GET", path + "?limit=2", key: key)) == ["c2", "d"])
    }

    @Test func cachedAnswersEqualFreshOnes() throws {
        let (writer, reader, directory) = try Self.twoProcesses()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = writer.configsPath
        for index in 0..<30 {
            let body =
                "{\"name\":\"n\(index)\",\"priority\":\(index % 4),\"externalId\":\"e\(index)\","
                + "\"workerMatch\":{\"teamIds\":[\"T\(index)\"]},\"taskMatch\":{\"taskTypes\":[\"answerInboundVoiceCall\"]}}"
            #expect(try writer.create(body).status == 200)
        }
        for query in ["", "?limit=7", "?sortBy=-createdAt&limit=5", "?limit=4&startingAfter=ext-e3"] {
            let first = try reader.request("GET", path + query, key: writer.key)
            let second = try reader.request("GET", path + query, key: writer.key)
            let fromWriter = try writer.request("GET", path + query)
            #expect(first.status == 200)
            #expect(first.body == second.body)
            #expect(first.body == fromWriter.body)
        }
        let one = try writer.request("GET", path + "/ext-e5")
        #expect(try reader.request("GET", path + "/ext-e5", key: writer.key).body == one.body)
        #expect(try reader.request("GET", path + "/ext-e5", key: writer.key).body == one.body)
    }
}

@Suite struct RenderedConfigCacheTests {
    func config(numericID: Int64, version: Int64, name: String) -> PairingConfig {
        PairingConfig(
            numericID: numericID, id: "TP-AAAA-\(numericID)", companyID: "CP-AAAA-AAAA", name: name, createdAt: 1,
            version: version)
    }

    @Test func servesOnlyTheCachedVersion() {
        let cache = RenderedConfigCache(capacity: 10)
        let first = config(numericID: 1, version: 1, name: "one")
        #expect(cache.json(for: ConfigSummary(first)) == nil)
        let json = cache.json(for: first)
        #expect(String(decoding: json, as: UTF8.self).contains("\"name\":\"one\""))
        #expect(cache.json(for: ConfigSummary(first)) == json)
        var second = first
        second.version = 2
        second.name = "two"
        #expect(cache.json(for: ConfigSummary(second)) == nil)
        #expect(String(decoding: cache.json(for: second), as: UTF8.self).contains("\"name\":\"two\""))
        #expect(cache.json(for: ConfigSummary(first)) == nil)
        var otherID = second
        otherID.id = "TP-BBBB-0001"
        #expect(cache.json(for: ConfigSummary(otherID)) == nil)
    }

    @Test func staysWithinItsCapacity() {
        let cache = RenderedConfigCache(capacity: 3)
        for numericID in 1...10 { _ = cache.json(for: config(numericID: Int64(numericID), version: 1, name: "x")) }
        #expect(cache.count == 3)
        let disabled = RenderedConfigCache(capacity: 0)
        _ = disabled.json(for: config(numericID: 1, version: 1, name: "x"))
        #expect(disabled.count == 0)
    }
}

@Suite struct ConfigListCacheTests {
    let summaries = [
        ConfigSummary(numericID: 1, id: "TP-AAAA-0001", createdAt: 1, version: 1),
        ConfigSummary(numericID: 2, id: "TP-AAAA-0002", createdAt: 2, version: 3),
    ]

    @Test func servesOnlyTheCachedRevisionAndOrder() {
        let cache = ConfigListCache()
        let sort = ConfigSort([])
        let byID = ConfigSort([.init(.id)])
        #expect(cache.ordered(companyID: "CP-1", revision: 4, sort: sort) == nil)
        cache.store(summaries, companyID: "CP-1", revision: 4, sort: sort)
        #expect(cache.ordered(companyID: "CP-1", revision: 4, sort: sort) == summaries)
        #expect(cache.ordered(companyID: "CP-1", revision: 5, sort: sort) == nil)
        #expect(cache.ordered(companyID: "CP-1", revision: 4, sort: byID) == nil)
        #expect(cache.ordered(companyID: "CP-2", revision: 4, sort: sort) == nil)
        cache.store(Array(summaries.reversed()), companyID: "CP-1", revision: 5, sort: byID)
        #expect(cache.ordered(companyID: "CP-1", revision: 4, sort: sort) == nil)
        #expect(cache.ordered(companyID: "CP-1", revision: 5, sort: byID) == Array(summaries.reversed()))
    }

    @Test func staysWithinItsCapacity() {
        let cache = ConfigListCache(capacity: 2, ordersPerCompany: 1)
        for company in 1...5 { cache.store(summaries, companyID: "CP-\(company)", revision: 1, sort: ConfigSort([])) }
        #expect(cache.count == 2)
        cache.store(summaries, companyID: "CP-5", revision: 1, sort: ConfigSort([.init(.id)]))
        #expect(cache.ordered(companyID: "CP-5", revision: 1, sort: ConfigSort([])) == nil)
        #expect(cache.ordered(companyID: "CP-5", revision: 1, sort: ConfigSort([.init(.id)])) == summaries)
        let small = ConfigListCache(maxSummaries: 5)
        for company in 1...4 { small.store(summaries, companyID: "CP-\(company)", revision: 1, sort: ConfigSort([])) }
        #expect(small.summaryCount <= 5)
        #expect(small.count == 2)
        small.store(summaries + summaries + summaries, companyID: "CP-9", revision: 1, sort: ConfigSort([]))
        #expect(small.ordered(companyID: "CP-9", revision: 1, sort: ConfigSort([])) == nil)
        #expect(small.summaryCount <= 5)
    }
}
