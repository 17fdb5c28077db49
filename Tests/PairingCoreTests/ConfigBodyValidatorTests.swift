import Foundation
import TaskRouterExpressions
import Testing

@testable import PairingCore

@Suite struct ConfigBodyValidatorTests {
    func body(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    func fields(_ result: ConfigBodyValidator.Result) -> [String] { result.errors.map(\.field) }

    @Test func createNeedsAName() throws {
        let result = ConfigBodyValidator.validate(try body("{}"), mode: .create)
        #expect(fields(result) == ["name"])
        #expect(ConfigBodyValidator.validate(try body("{}"), mode: .update).errors.isEmpty)
    }

    @Test func nameIsTrimmedAndBounded() throws {
        let ok = ConfigBodyValidator.validate(try body(#"{"name":"  Email  "}"#), mode: .create)
        #expect(ok.errors.isEmpty)
        #expect(ok.patch.name == "Email")
        let long = String(repeating: "a", count: 256)
        #expect(fields(ConfigBodyValidator.validate(try body("{\"name\":\"\(long)\"}"), mode: .create)) == ["name"])
        #expect(fields(ConfigBodyValidator.validate(try body(#"{"name":"   "}"#), mode: .create)) == ["name"])
        #expect(fields(ConfigBodyValidator.validate(try body(#"{"name":null}"#), mode: .update)) == ["name"])
    }

    @Test func wrongTypesNameTheField() throws {
        let result = ConfigBodyValidator.validate(
            try body(#"{"name":1,"priority":"high","externalId":5,"overrideTwilioWorkerQueueExpression":[]}"#),
            mode: .create)
        #expect(Set(fields(result)) == ["name", "priority", "externalId", "overrideTwilioWorkerQueueExpression"])
        #expect(result.errors.first { $0.field == "priority" }?.message.contains("integer") == true)
    }

    @Test func priorityMustBeA32BitInteger() throws {
        for bad in ["1.5", "2147483648", "-2147483649", "true"] {
            let result = ConfigBodyValidator.validate(try body("{\"priority\":\(bad)}"), mode: .update)
            #expect(fields(result) == ["priority"], "priority \(bad)")
        }
        let ok = ConfigBodyValidator.validate(try body(#"{"priority":-2147483648}"#), mode: .update)
        #expect(ok.patch.priority == .some(.some(Int32.min)))
        let cleared = ConfigBodyValidator.validate(try body(#"{"priority":null}"#), mode: .update)
        #expect(cleared.patch.priority == .some(nil))
    }

    @Test func readOnlyKeysAreIgnoredAndUnknownKeysRejected() throws {
        let echoed = ConfigBodyValidator.validate(
            try body(#"{"id":"TP-AAAA-BBBB","object":"x","isDefault":true,"createdAt":"y","name":"n"}"#), mode: .update)
        #expect(echoed.errors.isEmpty)
        #expect(
            echoed.patch
                == {
                    var p = ConfigPatch()
                    p.name = "n"
                    return p
                }())
        let unknown = ConfigBodyValidator.validate(try body(#"{"name":"n","colour":"red"}"#), mode: .create)
        #expect(fields(unknown) == ["colour"])
    }

    @Test func externalIDBounds() throws {
        #expect(fields(ConfigBodyValidator.validate(try body(#"{"externalId":""}"#), mode: .update)) == ["externalId"])
        let long = String(repeating: "x", count: 256)
        #expect(
            fields(ConfigBodyValidator.validate(try body("{\"externalId\":\"\(long)\"}"), mode: .update)) == [
                "externalId"
            ])
        #expect(
            ConfigBodyValidator.validate(try body(#"{"externalId":null}"#), mode: .update).patch.externalID
                == .some(nil))
    }

    @Test func overrideSyntaxErrorsCarryThePosition() throws {
        let result = ConfigBodyValidator.validate(
            try body(#"{"overrideTwilioTaskWorkflowExpression":"taskType IN ["}"#), mode: .update)
        let issue = try #require(result.errors.first)
        #expect(issue.field == "overrideTwilioTaskWorkflowExpression")
        #expect(issue.position != nil)
        let long = String(repeating: "1==1 AND ", count: 1000) + "1==1"
        let tooLong = ConfigBodyValidator.validate(
            try body("{\"overrideTwilioWorkerQueueExpression\":\"\(long)\"}"), mode: .update)
        #expect(fields(tooLong) == ["overrideTwilioWorkerQueueExpression"])
    }

    @Test func defaultConfigRules() {
        var config = PairingConfig(
            id: "TP-AAAA-BBBB", companyID: "CP-A", name: "Default", isDefault: true, createdAt: 0)
        #expect(ConfigBodyValidator.defaultConfigIssues(config).isEmpty)
        config.priority = 3
        config.taskMatch = TaskMatch(taskTypes: ["reviewVoicemail"])
        config.overrideTaskWorkflowExpression = "1==1"
        #expect(
            ConfigBodyValidator.defaultConfigIssues(config).map(\.field) == [
                "priority", "taskMatch", "overrideTwilioTaskWorkflowExpression",
            ])
        config.isDefault = false
        #expect(ConfigBodyValidator.defaultConfigIssues(config).isEmpty)
    }

    @Test func unconstrainedTaskMatch() {
        #expect(ConfigBodyValidator.isUnconstrained(TaskMatch()))
        #expect(ConfigBodyValidator.isUnconstrained(TaskMatch(not: false, taskTypes: [])))
        #expect(!ConfigBodyValidator.isUnconstrained(TaskMatch(not: true)))
        #expect(!ConfigBodyValidator.isUnconstrained(TaskMatch(case: .init(autocreated: false))))
    }
}

@Suite struct JSONParserTests {
    @Test func parsesWhatFoundationParses() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null,"x\"y\\\/\u00e9\ud83d\ude00"],"b":{},"c":[],"d":" \n"}"#
        let mine = try JSONParser.parse(text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(mine == foundation)
    }

    @Test(arguments: [
        ("{", 1), (#"{"a":}"#, 5), ("[1,]", 3), (#"{"a":1,"a":2}"#, 7), ("01", 1), ("tru", 0), ("[1] x", 4),
        ("\"\u{01}\"", 1), (#""\x""#, 2), ("", 0), ("1e999", 0), (#""\ud800""#, 7),
    ])
    func rejectsWithAnOffset(text: String, offset: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message)")
        }
    }

    @Test func limitsDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func storedMatchesRoundTripThroughTheirCodableForm() throws {
        let task = TaskMatch(
            not: true, taskTypes: ["replyToNewText"],
            case: .init(caseTypeEnums: ["generic"], autocreated: false, caseTypeIds: ["CT-\"1"]),
            supercase: .init(supercaseTypeEnums: ["g"]),
            interaction: .init(channels: ["voice"], themes: ["t"], directions: ["inbound"], subjects: ["s"]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let taskText = String(decoding: try encoder.encode(task), as: UTF8.self)
        #expect(try StoredMatchDecoding.taskMatch(taskText) == task)
        #expect(try StoredMatchDecoding.taskMatch("{}") == TaskMatch())
        let worker = WorkerMatch(isManager: false, teamIds: ["TM-1", "TM-é"], roleIds: [])
        let workerText = String(decoding: try encoder.encode(worker), as: UTF8.self)
        #expect(try StoredMatchDecoding.workerMatch(workerText) == worker)
        #expect(throws: StoredMatchDecoding.Failure.self) { try StoredMatchDecoding.workerMatch(#"{"teamIds":"x"}"#) }
        #expect(throws: StoredMatchDecoding.Failure.self) {
            try StoredMatchDecoding.taskMatch(#"{"case":{"autocreated":nul}}"#)
        }
        let lenient = try StoredMatchDecoding.taskMatch(
            #" { "case" : null , "future" : {"x":[1,{"y":2}]}, "interaction": {"channels": ["a\"b"], "z": 1}, "not": null } "#
        )
        #expect(lenient == TaskMatch(interaction: .init(channels: ["a\"b"])))
    }
}
