import Foundation
import PairingCore
import TaskRouterExpressions
import Testing

/// Two `twpc serve` processes and the CLI on one SQLite file: each server caches authenticated reads
/// while the database's WAL index shows no commit, so this checks that a write by any other process
/// (a revocation by the CLI, an update through the other server) is seen by the very next request.
@Suite(.serialized) struct SQLiteProcessesTests {
    typealias Harness = TwpcProcessHarness

    @Test(.timeLimit(.minutes(1))) func writesOfOtherProcessesAreSeenByTheNextRequest() throws {
        let binary = try #require(
            Harness.locateBinary(), "the twpc executable is not built (swift build --build-tests)")
        let harness = try Harness(binary: binary, databaseURL: "")  // no URL: SQLite in the data directory
        let company = try harness.run(["companies", "create", "--name", "Two Processes Lending"])
        let created = try JSONParser.parse(try harness.run(["api-keys", "create", "--company", company, "--json"]))
        let key = try #require(created["key"]?.string)
        let keyID = try #require(created["id"]?.string)
        let first = try harness.serve().port
        let second = try harness.serve().port
        let path = "/companies/\(company)/task-worker-pairing-configs"

        let made = try Harness.request(first, "POST", path, key: key, body: #"{"name":"round 0","priority":1}"#)
        try #require(made.status == 200, "create: \(made.text)")
        let item = path + "/" + (try #require(made.data["id"]?.string))
        for round in 1...5 {
            // Read through the first server until it has the config cached, then change it through the second.
            for _ in 0..<3 {
                let read = try Harness.request(first, "GET", item, key: key)
                #expect(read.data["name"]?.string == "round \(round - 1)")
            }
            let updated = try Harness.request(second, "PUT", item, key: key, body: #"{"name":"round \#(round)"}"#)
            try #require(updated.status == 200, "update: \(updated.text)")
            let read = try Harness.request(first, "GET", item, key: key)
            #expect(read.data["name"]?.string == "round \(round)")
            #expect(read.header("ETag") == updated.header("ETag"))
            let list = try Harness.request(first, "GET", path, key: key)
            #expect(list.data.array.contains { $0["name"]?.string == "round \(round)" })
        }

        // Revoked by the CLI: refused by both servers at once, though both had the key cached.
        #expect(try Harness.request(first, "GET", item, key: key).status == 200)
        #expect(try Harness.request(second, "GET", item, key: key).status == 200)
        try harness.run(["api-keys", "revoke", keyID])
        #expect(try Harness.request(first, "GET", item, key: key).status == 401)
        #expect(try Harness.request(second, "GET", path, key: key).status == 401)
    }
}
