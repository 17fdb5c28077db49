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
