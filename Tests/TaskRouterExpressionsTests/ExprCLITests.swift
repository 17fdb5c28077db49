import Foundation
import TestSupport
import Testing

/// End-to-end tests of `twpc expr` against the real binary (built by `swift build --build-tests`
/// or `make test`). Skipped, with a message, when the binary has not been built.
@Suite struct ExprCLITests {
    static let binary: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let testBundle = CommandLine.arguments.first {
            // .build/<triple>/debug/twpcPackageTests.xctest: twpc sits next to it.
            candidates.append(
                URL(fileURLWithPath: testBundle).deletingLastPathComponent().appendingPathComponent("twpc"))
        }
        candidates.append(root.appendingPathComponent(".build/debug/twpc"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        print("ExprCLITests: skipped, no twpc binary at \(candidates.map(\.path)) (run swift build first)")
        return nil
    }()

    struct CLINotBuilt: Error {}

    /// Runs `twpc` with `arguments`, writing `input` to its stdin.
    func run(_ arguments: [String], input: String? = nil) throws -> CommandRun {
        guard let binary = Self.binary else { throw CLINotBuilt() }
        return try CommandRun.run(binary, arguments, input: input)
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func checkPrintsCanonicalFormAndFindings() throws {
        let result = try run(["expr", "check", "--context", "workerQueue", "isManager = 'true' and teamIds has 'TM-1'"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == #"isManager == "true" AND teamIds HAS "TM-1""#)
        #expect(lines.contains { $0.hasPrefix("warning[type-mismatch] at offset 12:") })
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func checkShowsACaretUnderTheSyntaxError() throws {
        let result = try run(["expr", "check", "a == 1 && b == 2"])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "a == 1 && b == 2")
        #expect(lines[1] == "       ^")
        #expect(lines[2].hasPrefix("error at offset 7: '&&' is not TaskRouter syntax; use AND"))
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func evalPrintsTrueOrFalse() throws {
        let context = #"{"teamIds": ["TM-1"], "isManager": false}"#
        let yes = try run(["expr", "eval", "teamIds HAS 'TM-1' AND isManager == false", "--context-json", context])
        #expect(yes.status == 0 && yes.output == "true\n")
        let no = try run(["expr", "eval", "isManager == true", "--context-json", context])
        #expect(no.status == 0 && no.output == "false\n")
        let clock = try run([
            "expr", "eval", "taskrouter.dayOfWeek == 'Thu' AND taskrouter.currentTime == 905", "--at",
            "2026-12-03T09:05:00Z",
        ])
        #expect(clock.output == "true\n")
        #expect(try run(["expr", "eval", "a ==", "--context-json", "{}"]).status == 1)
        #expect(try run(["expr", "eval", "a == 1", "--context-json", "{not json"]).status == 2)
        #expect(try run(["expr", "eval", "a == 1", "--at", "yesterday"]).status == 2)
        #expect(try run(["expr", "frobnicate"]).status == 2)
        #expect(try run(["expr", "check"]).status == 2)
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func evalJSONLinesAnswersEveryLine() throws {
        let input = """
            {"expr": "a == 1", "context": {"a": 1}}
            {"expr": "taskrouter.currentHour == '09'", "context": {}, "clock": {"dayOfWeek": "Thu", "utc": "09:05"}}
            {"expr": "name ==", "context": {}}

            not json
            {"expr": "a == 1", "context": {"a": 2}}
            """
        let result = try run(["expr", "eval", "--jsonl"], input: input)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == #"{"result":true}"#)
        #expect(lines[1] == #"{"result":true}"#)
        let error = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any]
        #expect(error?["offset"] as? Int == 7)
        #expect((error?["error"] as? String)?.isEmpty == false)
        #expect(lines[3].hasPrefix(#"{"error":"line 5 "#))
        #expect(lines[4] == #"{"result":false}"#)
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func evalJSONLinesRunsTheSharedVectors() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/eval.jsonl")
        let input = try String(contentsOf: fixtures, encoding: .utf8)
        let result = try run(["expr", "eval", "--jsonl", "--at", "2026-12-01T00:00:00Z"], input: input)
        let expected = input.split(separator: "\n").map { line -> String in
            line.contains(#""expect": true"#) ? #"{"result":true}"# : #"{"result":false}"#
        }
        #expect(result.output.split(separator: "\n").map(String.init) == expected)
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func compilePrintsTheExpressionOrTheErrors() throws {
        let worker = try run(["expr", "compile", "--worker-match", #"{"isManager":true,"teamIds":["TM-1","TM-2"]}"#])
        #expect(worker.status == 0)
        #expect(worker.output == #"isManager == true AND (teamIds HAS "TM-1" OR teamIds HAS "TM-2")"# + "\n")
        let task = try run(["expr", "compile", "--task-match", #"{"not":true,"taskTypes":["reviewVoicemail"]}"#])
        #expect(task.output == #"taskType NOT IN ["reviewVoicemail"]"# + "\n")
        let invalid = try run(["expr", "compile", "--task-match", #"{"taskTypes":["nope"],"bogus":1}"#])
        #expect(invalid.status == 1)
        #expect(invalid.output.contains("taskMatch.taskTypes[0]"))
        #expect(invalid.output.contains("taskMatch.bogus"))
        #expect(try run(["expr", "compile"]).status == 2)
    }
}
