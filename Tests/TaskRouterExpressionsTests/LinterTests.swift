import Testing

@testable import TaskRouterExpressions

@Suite struct LinterTests {
    func lint(_ text: String, _ context: ExpressionContext) throws -> [LintFinding] {
        try ExpressionLinter.lint(text: text, context: context)
    }

    func codes(_ text: String, _ context: ExpressionContext) throws -> [String] {
        try lint(text, context).map(\.code)
    }

    @Test func compiledExpressionsAreClean() throws {
        #expect(try codes(#"isManager == true AND (teamIds HAS "TM-1" OR teamIds HAS "TM-2")"#, .workerQueue) == [])
        #expect(try codes("1==1", .workerQueue) == [])
        #expect(try codes("1!=1", .taskFilter) == [])
        #expect(
            try codes(
                #"taskType NOT IN ["reviewVoicemail"] OR case.autocreated != true OR case.caseTypeId NOT IN ["CT-1"] "#
                    + #"OR supercase.supercaseType NOT IN ["generic"] OR interaction.subject NOT IN ["x"]"#,
                .taskFilter) == [])
        #expect(
            try codes(
                "task.interaction.channel == 'voice' AND worker.channel.voice.assigned_tasks == 0 "
                    + "AND worker.sid != 'WK1' AND worker.teamIds HAS 'TM-1' AND taskrouter.currentTime > 800",
                .target) == [])
        #expect(try codes("interactionMeta.anything.goes == 'x' AND taskrouter.whatever == 1", .taskFilter) == [])
    }

    @Test func unknownAttributeWithSuggestion() throws {
        let findings = try lint("isManager == true AND tamIds HAS 'TM-1'", .workerQueue)
        #expect(findings.count == 1)
        #expect(findings.first?.code == "unknown-attribute")
        #expect(findings.first?.offset == 22)
        #expect(findings.first?.suggestion == "teamIds")
        #expect(try lint("interaction.chanel == 'voice'", .taskFilter).first?.suggestion == "interaction.channel")
        #expect(try lint("task.tasktype == 'x'", .target).first?.suggestion == "task.taskType")
        #expect(
            try lint("worker.channel.voice.assigned_task == 0", .target).first?.suggestion
                == "worker.channel.voice.assigned_tasks")
        #expect(try codes("taskType.length == 1", .taskFilter) == ["unknown-attribute"])
    }

    @Test func shapeFindings() throws {
        let onList = try lint("teamIds == 'x'", .workerQueue)
        #expect(onList.map(\.code) == ["scalar-op-on-list"])
        #expect(onList.first?.offset == 8)
        #expect(try codes("teamIds CONTAINS 'x'", .workerQueue) == ["scalar-op-on-list"])
        #expect(try codes("taskType == ['a']", .taskFilter) == ["scalar-op-on-list"])
        #expect(try codes("taskType HAS 'x'", .taskFilter) == ["list-op-on-scalar"])
        #expect(try codes("taskType IN 'x'", .taskFilter) == ["list-op-on-scalar"])
        #expect(try codes("'x' IN taskType", .taskFilter) == ["list-op-on-scalar"])
        #expect(try codes("'TM-1' IN teamIds", .workerQueue) == [])
    }

    @Test func typeMismatch() throws {
        let findings = try lint("isManager == 'true'", .workerQueue)
        #expect(findings.map(\.code) == ["type-mismatch"])
        #expect(findings.first?.offset == 13)
        #expect(try codes("case.autocreated IN ['yes']", .taskFilter) == ["type-mismatch"])
        #expect(try codes("worker.channel.voice.assigned_tasks == 'none'", .target) == ["type-mismatch"])
        #expect(try codes("worker.channel.voice.assigned_tasks == '0'", .target) == [])
        #expect(try codes("taskrouter.currentTime > '0800'", .taskFilter) == [])
        #expect(try codes("taskType == true", .taskFilter) == ["type-mismatch"])
        #expect(try codes("isManager == null", .workerQueue) == [])
    }

    @Test func constantComparisons() throws {
        #expect(try codes("1 == 1", .taskFilter) == [])
        #expect(try codes("1==0", .workerQueue) == ["constant"])
        #expect(try lint("'a' == 'a'", .taskFilter).first?.message.contains("always true") == true)
        #expect(try codes("'a' IN ['b']", .taskFilter) == ["constant"])
    }

    @Test func dayOfWeek() throws {
        let findings = try lint("taskrouter.dayOfWeek == 'THU'", .taskFilter)
        #expect(findings.map(\.code) == ["day-of-week"])
        #expect(findings.first?.suggestion == "Thu")
        #expect(findings.first?.offset == 24)
        #expect(try codes("taskrouter.dayOfWeek IN ['Mon', 'tuesday', 'Wed']", .taskFilter) == ["day-of-week"])
        #expect(try codes("taskrouter.dayOfWeek NOT IN ['Sat', 'Sun']", .taskFilter) == [])
    }

    @Test func wrongContext() throws {
        #expect(try codes("worker.isManager == true", .workerQueue) == ["wrong-context"])
        #expect(try codes("task.taskType == 'x'", .taskFilter) == ["wrong-context"])
        let findings = try lint("task.taskType == 'x' AND isManager == true", .target)
        #expect(findings.map(\.code) == ["wrong-context"])
        #expect(findings.first?.offset == 25)
    }

    @Test func contradictions() throws {
        #expect(try codes("taskType == 'a' AND taskType == 'b'", .taskFilter) == ["contradiction"])
        #expect(try codes("taskType == 'a' AND taskType != 'a'", .taskFilter) == ["contradiction"])
        #expect(try codes("taskType IN ['a', 'b'] AND taskType == 'c'", .taskFilter) == ["contradiction"])
        #expect(try codes("taskType IN ['a'] AND taskType IN ['b']", .taskFilter) == ["contradiction"])
        #expect(try codes("taskType NOT IN ['a'] AND taskType == 'a'", .taskFilter) == ["contradiction"])
        #expect(
            try codes("taskrouter.currentTime > 1700 AND taskrouter.currentTime < 900", .taskFilter) == [
                "contradiction"
            ])
        #expect(try codes("taskrouter.currentTime > 900 AND taskrouter.currentTime < 1700", .taskFilter) == [])
        #expect(try codes("taskType == 'a' OR taskType == 'b'", .taskFilter) == [])
        #expect(try codes("taskType IN ['a', 'b'] AND taskType == 'b'", .taskFilter) == [])
        #expect(try codes("taskType == '1' AND taskType == '1.0'", .taskFilter) == [])
        let findings = try lint("taskType == 'a' AND taskType == 'b'", .taskFilter)
        #expect(findings.first?.offset == 20)
    }

    @Test func personalData() throws {
        #expect(try codes("interactionMeta.to.phone == '+15555555555'", .taskFilter) == ["pii"])
        #expect(try codes("interactionMeta.from == 'whatsapp:+18122896374'", .taskFilter) == ["pii"])
        #expect(
            try codes("'support@loans.acme.com' IN interactionMeta.recipients.emails", .taskFilter) == ["pii"])
        #expect(try codes("interactionMeta.x == 'TM-AAAA-1111'", .taskFilter) == [])
        #expect(try codes("interactionMeta.x == '12345'", .taskFilter) == [])
    }

    @Test func findingsWithoutSourceOffsetsStillWork() {
        let expression = Expression.compare(.path(AttributePath("tamIds")), .has, .value(.string("x")))
        let findings = ExpressionLinter.lint(expression, context: .workerQueue)
        #expect(findings.map(\.code) == ["unknown-attribute"])
        #expect(findings.first?.offset == 0)
    }
}
