import TaskRouterExpressions
import Testing

@testable import PairingCore

@Suite struct MatchValidatorTests {
    @Test func acceptsAndNormalizes() throws {
        let json: JSONValue = .object([
            "isManager": .bool(true),
            "teamIds": .array([.string("TM-1"), .string("TM-2"), .string("TM-1")]),
            "roleIds": .null,
        ])
        let validation = MatchValidator.workerMatch(json)
        #expect(validation.errors.isEmpty)
        #expect(validation.value == WorkerMatch(isManager: true, teamIds: ["TM-1", "TM-2"], roleIds: nil))
        #expect(MatchValidator.workerMatch(.object([:])).value == WorkerMatch())
    }

    @Test func rejectsWrongTypesAndUnknownKeys() {
        let validation = MatchValidator.workerMatch(
            .object([
                "isManager": .string("yes"), "teamIds": .string("TM-1"), "roleIds": .array([.number(1)]),
                "teams": .array([]),
            ]))
        #expect(validation.value == nil)
        #expect(
            Set(validation.errors.map(\.field))
                == ["workerMatch.isManager", "workerMatch.teamIds", "workerMatch.roleIds[0]", "workerMatch.teams"])
        #expect(MatchValidator.workerMatch(.null).errors.map(\.field) == ["workerMatch"])
        #expect(
            MatchValidator.workerMatch(.array([]), field: "body.workerMatch").errors.map(\.field) == [
                "body.workerMatch"
            ])
    }

    @Test func idListRules() {
        let long = String(repeating: "x", count: 101)
        let validation = MatchValidator.workerMatch(
            .object([
                "teamIds": .array([
                    .string("ok"), .string(""), .string(long), .string("a\u{7}b"), .string(#"both ' and ""#),
                    .string(String(repeating: "é", count: 100)),
                ])
            ]))
        #expect(
            validation.errors.map(\.field)
                == [
                    "workerMatch.teamIds[1]", "workerMatch.teamIds[2]", "workerMatch.teamIds[3]",
                    "workerMatch.teamIds[4]",
                ])
        let tooMany = MatchValidator.workerMatch(.object(["roleIds": .array((0..<501).map { .string("R\($0)") })]))
        #expect(tooMany.errors.map(\.field) == ["workerMatch.roleIds"])
        let fiveHundred = MatchValidator.workerMatch(.object(["roleIds": .array((0..<500).map { .string("R\($0)") })]))
        #expect(fiveHundred.errors.isEmpty)
    }

    @Test func taskMatchEnumsAndWarnings() throws {
        let validation = MatchValidator.taskMatch(
            .object([
                "not": .bool(false),
                "taskTypes": .array([.string("replyToNewText"), .string("flyToTheMoon")]),
                "case": .object([
                    "caseTypeEnums": .array([.string("generic"), .string("9lives")]), "autocreated": .number(1),
                ]),
                "supercase": .object(["supercaseTypeEnums": .array([.string("generic")]), "extra": .null]),
                "interaction": .object([
                    "channels": .array([.string("voice"), .string("pigeon")]),
                    "directions": .array([.string("sideways")]),
                ]),
            ]))
        #expect(
            validation.errors.map(\.field) == [
                "taskMatch.taskTypes[1]", "taskMatch.case.caseTypeEnums[1]", "taskMatch.case.autocreated",
                "taskMatch.supercase.extra", "taskMatch.interaction.directions[0]",
            ])
        #expect(validation.warnings.map(\.field) == ["taskMatch.interaction.channels[1]"])
        #expect(validation.value == nil)

        let valid = MatchValidator.taskMatch(
            .object([
                "interaction": .object(["channels": .array([.string("pigeon"), .string("pigeon")])]),
                "case": .null,
            ]))
        #expect(valid.errors.isEmpty)
        #expect(valid.warnings.count == 1)
        #expect(valid.value == TaskMatch(interaction: TaskMatch.Interaction(channels: ["pigeon"])))
    }

    @Test func theLongestValidMatchCompilesToAParsableExpression() throws {
        let ids = (0..<500).map { JSONValue.string("CT-" + String(repeating: "X", count: 94) + "\($0)") }
        let validation = MatchValidator.taskMatch(.object(["case": .object(["caseTypeIds": .array(ids)])]))
        #expect(validation.errors.isEmpty)
        let compiled = MatchCompiler.compile(try #require(validation.value))
        #expect(compiled.count > 50_000)
        let expression = try ExpressionParser.parse(compiled)
        let task: JSONValue = .object(["case": .object(["caseTypeId": ids[499]])])
        #expect(expression.evaluate(task, clock: EvaluationClock(secondsSince1970: 0)))
    }

    @Test func compiledConfigExpressions() {
        var config = PairingConfig(id: "TP-0000-0000", companyID: "CP-0000-0000", name: "x", createdAt: 0)
        config.workerMatch = WorkerMatch(isManager: false)
        config.taskMatch = TaskMatch(taskTypes: ["reviewVoicemail"])
        #expect(config.twilioWorkerQueueExpression == "isManager == false")
        #expect(config.twilioTaskWorkflowExpression == #"taskType IN ["reviewVoicemail"]"#)
        config.overrideTaskWorkflowExpression = "1==1"
        #expect(config.twilioTaskWorkflowExpression == "1==1")
        config.isDefault = true
        #expect(config.twilioTaskWorkflowExpression == nil)
    }
}
