import Foundation
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

@Suite("TaskRouterEmulator wire format")
struct WireFormatTests {
    @Test func formBodiesDecodePlusPercentAndRepeats() throws {
        let form = FormParameters(
            formBody: Array("A=1&Name=Ana+Mar%C3%ADa&A=2&Expr=x%20%3D%3D%20%22a%26b%22&Empty=&Bare".utf8))
        #expect(form.values("A") == ["1", "2"])
        #expect(form.value("A") == "2")
        #expect(form.value("Name") == "Ana María")
        #expect(form.value("Expr") == "x == \"a&b\"")
        #expect(form.value("Empty") == "")
        #expect(form.has("Bare"))
        #expect(form.value("Missing") == nil)
    }

    @Test func booleansAcceptTwilioSpellings() throws {
        let form = FormParameters(pairs: [
            ("a", "true"), ("b", "True"), ("c", "1"), ("d", "False"), ("e", "0"), ("f", "yes"),
        ])
        #expect(try form.bool("a") == true)
        #expect(try form.bool("b") == true)
        #expect(try form.bool("c") == true)
        #expect(try form.bool("d") == false)
        #expect(try form.bool("e") == false)
        #expect(try form.bool("missing") == nil)
        #expect(throws: EmulatorError.self) { try form.bool("f") }
    }

    @Test func queryEncodingRoundTrips() {
        let pairs: [(name: String, value: String)] = [
            ("TargetWorkersExpression", "teamIds HAS \"TM-1\" & x"), ("P", "a+b"),
        ]
        let decoded = FormParameters(formBody: Array(FormParameters.encode(pairs).utf8))
        #expect(decoded.value("TargetWorkersExpression") == "teamIds HAS \"TM-1\" & x")
        #expect(decoded.value("P") == "a+b")
    }

    @Test func datesAreTwilioFormatInUTC() {
        #expect(TwilioDate.format(0) == "1970-01-01T00:00:00Z")
        #expect(TwilioDate.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(TwilioDate.format(1_780_000_000.9) == "2026-05-28T20:26:40Z")
        #expect(TwilioDate.format(4_102_444_799) == "2099-12-31T23:59:59Z")
    }

    @Test func sidsAreTwoLettersAnd32LowercaseHexDigits() {
        let sid = SIDGenerator.make("WQ")
        #expect(SIDGenerator.isValid(sid, prefix: "WQ"))
        #expect(!SIDGenerator.isValid(sid, prefix: "WW"))
        #expect(!SIDGenerator.isValid("WQ" + String(repeating: "A", count: 32), prefix: "WQ"))
        #expect(SIDGenerator.make("WQ") != sid)
    }

    @Test func activitiesCanBeCreatedAndFetched() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let created = client.post(ws + "/Activities", [("FriendlyName", "Break"), ("Available", "false")])
        #expect(created.status == 201)
        let sid = try #require(created.string("sid"))
        #expect(SIDGenerator.isValid(sid, prefix: "WA"))
        #expect(client.get(ws + "/Activities/\(sid)")["available"] == .bool(false))
        #expect(client.post(ws + "/Activities", [("FriendlyName", "break")]).status == 409)
        #expect(client.get(ws + "/Activities", [("Available", "false")]).list("activities").count == 2)
        let worker = client.post(ws + "/Workers", [("FriendlyName", "w"), ("ActivitySid", sid)])
        #expect(worker.string("activity_name") == "Break")
        #expect(client.post(ws + "/Workers", [("FriendlyName", "x"), ("ActivitySid", "WAnope")]).code == 20001)
    }

    @Test func updatingWorkspaceDefaultActivityValidatesIt() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let available = client.activity(ws, "Available")
        #expect(client.post(ws, [("DefaultActivitySid", "WAnope")]).code == 20001)
        #expect(client.post(ws, [("DefaultActivitySid", available)]).string("default_activity_name") == "Available")
        #expect(client.post(ws + "/Workers", [("FriendlyName", "w")])["available"] == .bool(true))
    }

    @Test func publicBaseURLOverridesTheHostHeader() throws {
        let emulator = TaskRouterEmulator(
            accountSID: EmulatorTestClient.account, authToken: EmulatorTestClient.token,
            publicBaseURL: "https://emu.example/")
        let client = EmulatorTestClient(emulator: emulator)
        let created = client.post("/v1/Workspaces", [("FriendlyName", "X")])
        let sid = try #require(created.string("sid"))
        #expect(created.string("url") == "https://emu.example/v1/Workspaces/\(sid)")
    }
}

@Suite("TaskRouterEmulator JSON output")
struct JSONBytesTests {
    @Test func matchesJSONEncoderWithSortedKeys() throws {
        let value: JSONValue = .object([
            "b": .array([.number(1), .number(2.5), .null, .bool(true), .bool(false)]),
            "a": .string("quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 🚀"),
            "c": .object(["z": .number(-3), "y": .number(1e20)]),
        ])
        let bytes = JSONBytes.encode(value)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        #expect(decoded == value)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"a":"quote \" backslash \\ slash / newline \n tab \t bell \u0007 é 🚀","b":[1,2.5,null,true,false],"c":{"y":"#
            ))
    }
}
