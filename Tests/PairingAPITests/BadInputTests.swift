import Foundation
import PairingAPI
import PairingCore
import PairingStore
import Testing

/// Every bad input answers its 4xx with a message naming the problem, and the stored data is unchanged.
@Suite struct BadInputTests {
    /// A server with one config (besides the default) and a snapshot of its stored configs.
    static func seeded() throws -> (TestServer, String, [PairingConfig]) {
        let server = try TestServer()
        let id = try #require(
            try server.create(#"{"name":"keep","externalId":"keep","priority":1}"#).data["id"]?.string)
        return (server, id, try snapshot(server))
    }

    static func snapshot(_ server: TestServer) throws -> [PairingConfig] {
        try server.store.liveConfigs(companyID: server.company.id).sorted { $0.numericID < $1.numericID }
    }

    /// Sends the body as POST and as PUT; both must fail with `status` and mention `needle`.
    func expectRejected(
        _ server: TestServer, _ id: String, body: [UInt8], contentType: String? = "application/json", status: Int,
        mentions needle: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (method, path) in [("POST", server.configsPath), ("PUT", "\(server.configsPath)/\(id)")] {
            let response = try server.request(method, path, bytes: body, contentType: contentType)
            #expect(response.status == status, "\(method): \(response.text)", sourceLocation: sourceLocation)
            #expect(
                response.message.contains(needle) || response.errorFields.contains(needle),
                "\(method): '\(needle)' not in \(response.text)", sourceLocation: sourceLocation)
            #expect(response.header("X-Request-Id") != nil, sourceLocation: sourceLocation)
        }
    }

    @Test func malformedBodies() throws {
        let (server, id, before) = try Self.seeded()
        let cases: [(String, String)] = [
            ("{", "not valid JSON"), (#"{"name":}"#, "not valid JSON"), ("", "empty"),
            ("[1,2]", "JSON object"), ("\"name\"", "JSON object"), ("42", "JSON object"), ("null", "JSON object"),
            (#"{"name":"x","colour":"red"}"#, "colour"),
            (#"{"name":"x","workerMatch":{"colour":1}}"#, "workerMatch.colour"),
        ]
        for (body, needle) in cases {
            try expectRejected(server, id, body: Array(body.utf8), status: 400, mentions: needle)
        }
        try expectRejected(
            server, id, body: [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D], status: 400,
            mentions: "UTF-8")
        try expectRejected(
            server, id, body: Array(#"{"name":"x"}"#.utf8), contentType: "text/plain", status: 415,
            mentions: "application/json")
        try expectRejected(
            server, id, body: Array(#"{"name":"x"}"#.utf8), contentType: nil, status: 415, mentions: "application/json")
        #expect(try Self.snapshot(server) == before)
    }

    @Test func wrongTypesForEveryField() throws {
        let (server, id, before) = try Self.seeded()
        let fields: [(String, [String])] = [
            ("name", ["1", "true", "[]", "{}"]),
            ("externalId", ["1", "false", "[\"a\"]", "{}"]),
            ("priority", ["\"1\"", "true", "1.5", "[]", "{}", "4294967296"]),
            ("workerMatch", ["1", "\"x\"", "[]", "true"]),
            ("taskMatch", ["1", "\"x\"", "[]", "false"]),
            ("overrideTwilioWorkerQueueExpression", ["1", "true", "[]", "{}"]),
            ("overrideTwilioTaskWorkflowExpression", ["1", "true", "[]", "{}"]),
        ]
        for (field, values) in fields {
            for value in values {
                let body = field == "name" ? "{\"name\":\(value)}" : "{\"name\":\"n\",\"\(field)\":\(value)}"
                try expectRejected(server, id, body: Array(body.utf8), status: 400, mentions: field)
            }
        }
        let nested: [(String, String)] = [
            (#"{"workerMatch":{"isManager":"yes"}}"#, "workerMatch.isManager"),
            (#"{"workerMatch":{"teamIds":[1]}}"#, "workerMatch.teamIds[0]"),
            (#"{"taskMatch":{"taskTypes":["flyToTheMoon"]}}"#, "taskMatch.taskTypes[0]"),
            (#"{"taskMatch":{"interaction":{"directions":["sideways"]}}}"#, "taskMatch.interaction.directions[0]"),
        ]
        for (body, field) in nested {
            let response = try server.request("PUT", "\(server.configsPath)/\(id)", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.errorFields.contains(field), "\(body): \(response.text)")
        }
        #expect(try Self.snapshot(server) == before)
    }

    @Test func hugeInputs() throws {
        let (server, id, before) = try Self.seeded()
        let items = (0..<10_000).map { "\"TM-\($0)\"" }.joined(separator: ",")
        try expectRejected(
            server, id, body: Array("{\"name\":\"n\",\"workerMatch\":{\"teamIds\":[\(items)]}}".utf8), status: 400,
            mentions: "workerMatch.teamIds")
        let big = "{\"name\":\"" + String(repeating: "a", count: 2 << 20) + "\"}"
        for (method, path) in [("POST", server.configsPath), ("PUT", "\(server.configsPath)/\(id)")] {
            let response = try server.request(method, path, body: big)
            #expect(response.status == 413)
            #expect(response.json["status"] == .number(413))
            #expect(response.header("X-Request-Id") != nil)
        }
        let longName = "{\"name\":\"" + String(repeating: "a", count: 300) + "\"}"
        try expectRejected(server, id, body: Array(longName.utf8), status: 400, mentions: "name")
        #expect(try Self.snapshot(server) == before)
    }

    @Test func idsOfEveryWrongShape() throws {
        let (server, _, before) = try Self.seeded()
        for bad in [
            "tp-aaaa-bbbb", "TP-AAAA", "-5", "%20", "T", "TP_AAAA_BBBB", "x%22y", "AB-1", "TP--1",
        ] {
            for method in ["GET", "PUT", "DELETE"] {
                let response = try server.request(
                    method, "\(server.configsPath)/\(bad)", body: method == "PUT" ? #"{"name":"z"}"# : nil)
                #expect(response.status == 400, "\(method) \(bad): \(response.text)")
                #expect(response.message.contains("not a valid id"), "\(bad): \(response.text)")
            }
        }
        #expect(try Self.snapshot(server) == before)
    }

    /// Anything matching the spec's AnyId pattern `^ext-|^[A-Z][A-Z0-9]-[A-Z0-9]+-[A-Z0-9]+|^\d+` is well-formed:
    /// naming no live config, it is 404 on the item routes and 400 as a list cursor.
    @Test func wellFormedIdsNamingNothing() throws {
        let (server, _, before) = try Self.seeded()
        for id in ["AB-1-2", "TP-56EGX-Q424", "TP-AAAA-BBBB-CCCC", "ext-", "ext-nothing", "12ab", "999999", "Z9-Z-9"] {
            for method in ["GET", "PUT", "DELETE"] {
                let response = try server.request(
                    method, "\(server.configsPath)/\(id)", body: method == "PUT" ? #"{"name":"z"}"# : nil)
                #expect(response.status == 404, "\(method) \(id): \(response.text)")
            }
            for cursor in ["startingAfter", "endingBefore"] {
                let response = try server.request("GET", "\(server.configsPath)?\(cursor)=\(id)")
                #expect(response.status == 400, "\(cursor)=\(id): \(response.text)")
                #expect(response.message.contains(cursor), "\(cursor)=\(id): \(response.text)")
            }
        }
        #expect(try Self.snapshot(server) == before)
    }

    @Test func badListParameters() throws {
        let (server, _, _) = try Self.seeded()
        for (query, needle) in [
            ("limit=0", "limit"), ("limit=101", "limit"), ("limit=-1", "limit"), ("limit=abc", "limit"),
            ("limit=", "limit"), ("limit=1.5", "limit"), ("limit=5&limit=6", "limit"),
            ("sortBy=name", "name"), ("sortBy=priority,", "sortBy"), ("sortBy=[priority", "sortBy"),
            ("sortBy=priority&sortBy=-priority", "priority"),
            ("startingAfter=bad%20id", "startingAfter"), ("endingBefore=ext-", "endingBefore"),
            ("startingAfter=TP-ZZZZ-ZZZZ", "startingAfter"), ("colour=red", "colour"),
        ] {
            let response = try server.request("GET", "\(server.configsPath)?\(query)")
            #expect(response.status == 400, "\(query): \(response.text)")
            #expect(response.message.contains(needle), "\(query): \(response.text)")
        }
        for limit in ["1", "100", "25"] {
            #expect(try server.request("GET", "\(server.configsPath)?limit=\(limit)").status == 200)
        }
    }
}

/// A validation message names its field once: the envelope's `message` reads as one sentence, and each
/// `errors[]` entry carries the field separately from a message that does not repeat it.
@Suite struct ValidationMessageTests {
    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func fieldNamedOnce() throws {
        let server = try TestServer()
        let cases: [(body: String, field: String, sentence: String)] = [
            (
                #"{"name":"x","taskMatch":{"taskTypes":["foo"]}}"#, "taskMatch.taskTypes[0]",
                "Invalid request body: taskMatch.taskTypes[0] 'foo' is not a valid task type"
            ),
            (#"{"name":null}"#, "name", "Invalid request body: name must be a string, not null."),
            (#"{"name":"x","priority":1.5}"#, "priority", "Invalid request body: priority must be an integer."),
            (
                #"{"name":"x","workerMatch":{"teamIds":[""]}}"#, "workerMatch.teamIds[0]",
                "Invalid request body: workerMatch.teamIds[0] must not be empty."
            ),
            (#"{"name":"x","colour":1}"#, "colour", "Invalid request body: colour is not a known field."),
            (
                #"{"name":"x","workerMatch":{"colour":1}}"#, "workerMatch.colour",
                "Invalid request body: workerMatch.colour is not a known key of workerMatch; allowed keys are"
            ),
        ]
        for (body, field, sentence) in cases {
            let response = try server.request("POST", server.configsPath, bytes: Array(body.utf8))
            #expect(response.status == 400, "\(body): \(response.text)")
            #expect(response.message.hasPrefix(sentence), "\(body): \(response.message)")
            #expect(occurrences(of: field, in: response.message) == 1, "\(body): \(response.message)")
            guard case .array(let items)? = response.json["errors"], let first = items.first else {
                Issue.record("no errors[] for \(body): \(response.text)")
                continue
            }
            #expect(first["field"] == .string(field))
            guard case .string(let entry)? = first["message"] else {
                Issue.record("no errors[0].message for \(body)")
                continue
            }
            #expect(!entry.hasPrefix(field), "\(body): errors[0].message repeats the field: \(entry)")
        }
    }
}
