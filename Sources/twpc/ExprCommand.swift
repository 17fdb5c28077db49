import Foundation
import PairingCore
import TaskRouterExpressions

/// `twpc expr check | eval | compile`: the TaskRouter expression engine from the command line.
///
/// Results (including syntax and validation errors) go to standard output; usage errors go to
/// standard error. Exit status: 0 success (an expression evaluating to false included),
/// 1 syntax or validation error, 2 usage error.
enum ExprCommand {
    static let usage = """
        usage: twpc expr check [--context workerQueue|taskFilter|target] "<expression>"
               twpc expr eval "<expression>" [--context-json '<json>'] [--at 2026-12-03T09:05:00Z]
               twpc expr eval --jsonl [--at <time>]   (JSON Lines {"expr", "context", "clock"?} on stdin)
               twpc expr compile --worker-match '<json>'
               twpc expr compile --task-match '<json>'

          check    print the canonical form and lint findings, or the syntax error with a caret (exit 1)
          eval     print true or false; --at sets the UTC clock of taskrouter.* (default: now)
          compile  print the expression a workerMatch or taskMatch compiles to, or its validation errors
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let subcommand = arguments.first else {
            printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") || ["--help", "-h", "help"].contains(subcommand) {
            print(usage)
            return 0
        }
        do {
            switch subcommand {
            case "check": return try check(rest)
            case "eval": return try evaluate(rest)
            case "compile": return try compile(rest)
            default: throw CLIError("unknown expr command '\(subcommand)' (expected check, eval or compile)")
            }
        } catch let error as CLIError {
            printError("twpc: \(error.description)")
            printError(usage)
            return 2
        } catch {
            printError("twpc: \(error)")
            printError(usage)
            return 2
        }
    }

    // MARK: - check

    static func check(_ arguments: [String]) throws(CLIError) -> Int32 {
        let scanner = try ArgumentScanner(arguments)
        try scanner.requireOnly(["context"])
        let text = try singleExpression(scanner)
        var context: ExpressionContext?
        if let name = scanner.value("context") {
            guard let value = ExpressionContext(rawValue: name) else {
                throw CLIError("--context must be workerQueue, taskFilter or target, not '\(name)'")
            }
            context = value
        }
        let expression: TaskRouterExpression
        do {
            expression = try ExpressionParser.parse(text)
        } catch {
            print(renderSyntaxError(error, in: text))
            return 1
        }
        print(expression.canonicalText)
        let lintContext = context ?? inferContext(expression)
        if context == nil {
            print("context: \(lintContext.rawValue) (inferred; choose one with --context)")
        }
        for finding in ExpressionLinter.lint(expression, context: lintContext) {
            var line = "warning[\(finding.code)] at offset \(finding.offset): \(finding.message)"
            if let suggestion = finding.suggestion, !finding.message.contains("'\(suggestion)'") {
                line += " (suggestion: \(suggestion))"
            }
            print(line)
        }
        return 0
    }

    /// `target` when paths start with `task.`/`worker.`, `workerQueue` when they name worker
    /// attributes, else `taskFilter`.
    static func inferContext(_ expression: TaskRouterExpression) -> ExpressionContext {
        var heads: [String] = []
        for comparison in expression.comparisons {
            for operand in [comparison.left, comparison.right] {
                if let head = operand.path?.head, head != "taskrouter" { heads.append(head) }
            }
        }
        if !heads.isEmpty, heads.allSatisfy({ $0 == "task" || $0 == "worker" }) { return .target }
        if heads.contains(where: { ["isManager", "teamIds", "roleIds"].contains($0) }) { return .workerQueue }
        return .taskFilter
    }

    /// The expression (a window of it when long), a caret under the offset, and the message.
    static func renderSyntaxError(_ error: ExpressionSyntaxError, in text: String) -> String {
        var scalars = Array(text.unicodeScalars).map { scalar -> Character in
            scalar.value < 0x20 || scalar.value == 0x7F ? " " : Character(scalar)
        }
        var caret = min(max(error.offset, 0), scalars.count)
        var prefix = ""
        if scalars.count > 100 {
            let start = max(0, caret - 60)
            let end = min(scalars.count, caret + 40)
            if start > 0 { prefix = "..." }
            let suffix = end < scalars.count ? "..." : ""
            scalars = Array(prefix) + Array(scalars[start..<end]) + Array(suffix)
            caret = caret - start + prefix.count
        }
        return String(scalars) + "\n" + String(repeating: " ", count: caret) + "^\n"
            + "error at offset \(error.offset): \(error.message)"
    }

    // MARK: - eval

    static func evaluate(_ arguments: [String]) throws(CLIError) -> Int32 {
        let scanner = try ArgumentScanner(arguments, flagNames: ["jsonl"])
        try scanner.requireOnly(["context-json", "at", "jsonl"])
        let defaultClock = try clock(at: scanner.value("at"))
        if scanner.has("jsonl") {
            guard scanner.positionals.isEmpty, scanner.value("context-json") == nil else {
                throw CLIError("eval --jsonl reads expressions and contexts from standard input only")
            }
            evaluateLines(defaultClock: defaultClock)
            return 0
        }
        let text = try singleExpression(scanner)
        var context = JSONValue.object([:])
        if let json = scanner.value("context-json") {
            guard let value = decodeJSON(json) else { throw CLIError("--context-json is not valid JSON") }
            context = value
        }
        do {
            let expression = try ExpressionParser.parse(text)
            print(expression.evaluate(context, clock: defaultClock) ? "true" : "false")
            return 0
        } catch {
            print(renderSyntaxError(error, in: text))
            return 1
        }
    }

    /// One JSON Lines input.
    struct LineInput: Decodable {
        var expr: String
        var context: JSONValue?
        var clock: ClockInput?
    }

    /// `{"dayOfWeek": "Thu", "utc": "09:05"}` or an RFC 3339 time.
    struct ClockInput: Decodable {
        var clock: EvaluationClock

        private struct Parts: Decodable {
            var dayOfWeek: String
            var utc: String
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                guard let date = ExprCommand.parseTime(text) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad clock time"))
                }
                clock = EvaluationClock(secondsSince1970: date.timeIntervalSince1970)
                return
            }
            let parts = try Parts(from: decoder)
            let numbers = parts.utc.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard EvaluationClock.dayNames.contains(parts.dayOfWeek), numbers.count == 2,
                let hour = numbers[0], let minute = numbers[1], (0..<24).contains(hour), (0..<60).contains(minute)
            else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad clock"))
            }
            clock = EvaluationClock(dayOfWeek: parts.dayOfWeek, hour: hour, minute: minute)
        }
    }

    static func evaluateLines(defaultClock: EvaluationClock) {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let decoder = JSONDecoder()
        var output = Data()
        var lineNumber = 0
        var cache: [String: Result<TaskRouterExpression, ExpressionSyntaxError>] = [:]
        for rawLine in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let result: String
            if let entry = try? decoder.decode(LineInput.self, from: Data(line)) {
                let parsed: Result<TaskRouterExpression, ExpressionSyntaxError>
                if let cached = cache[entry.expr] {
                    parsed = cached
                } else {
                    do { parsed = .success(try ExpressionParser.parse(entry.expr)) } catch { parsed = .failure(error) }
                    if cache.count < 10_000 { cache[entry.expr] = parsed }
                }
                switch parsed {
                case .success(let expression):
                    let value = expression.evaluate(
                        entry.context ?? .object([:]), clock: entry.clock?.clock ?? defaultClock)
                    result = value ? #"{"result":true}"# : #"{"result":false}"#
                case .failure(let error):
                    result = #"{"error":\#(jsonString(error.message)),"offset":\#(error.offset)}"#
                }
            } else {
                result =
                    #"{"error":\#(jsonString("line \(lineNumber) is not a JSON object with a string \"expr\", an optional \"context\" and an optional \"clock\" ({\"dayOfWeek\": \"Thu\", \"utc\": \"09:05\"})"))}"#
            }
            output.append(contentsOf: result.utf8)
            output.append(UInt8(ascii: "\n"))
            if output.count > 1 << 16 {
                FileHandle.standardOutput.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(output)
    }

    // MARK: - compile

    static func compile(_ arguments: [String]) throws(CLIError) -> Int32 {
        let scanner = try ArgumentScanner(arguments)
        try scanner.requireOnly(["worker-match", "task-match"])
        guard scanner.positionals.isEmpty else {
            throw CLIError("unexpected argument '\(scanner.positionals[0])'")
        }
        let worker = scanner.value("worker-match")
        let task = scanner.value("task-match")
        guard (worker == nil) != (task == nil) else {
            throw CLIError("compile needs exactly one of --worker-match and --task-match")
        }
        let option = worker != nil ? "--worker-match" : "--task-match"
        guard let json = decodeJSON(worker ?? task ?? "") else { throw CLIError("\(option) is not valid JSON") }
        let compiled: String?
        let errors: [FieldIssue]
        let warnings: [FieldIssue]
        if worker != nil {
            let validation = MatchValidator.workerMatch(json)
            compiled = validation.value.map { MatchCompiler.compile($0) }
            (errors, warnings) = (validation.errors, validation.warnings)
        } else {
            let validation = MatchValidator.taskMatch(json)
            compiled = validation.value.map { MatchCompiler.compile($0) }
            (errors, warnings) = (validation.errors, validation.warnings)
        }
        for issue in errors { print("error: " + describe(issue)) }
        for issue in warnings { print("warning: " + describe(issue)) }
        guard errors.isEmpty, let compiled else { return 1 }
        print(compiled)
        return 0
    }

    // MARK: - Helpers

    /// The issue's message, prefixed with its field unless the message names it already.
    static func describe(_ issue: FieldIssue) -> String {
        issue.message.contains(issue.field) ? issue.message : "\(issue.field): \(issue.message)"
    }

    static func singleExpression(_ scanner: ArgumentScanner) throws(CLIError) -> String {
        guard scanner.positionals.count == 1 else {
            throw CLIError(
                scanner.positionals.isEmpty
                    ? "missing the expression (quote it: \"name == 'Ada'\")"
                    : "expected one expression, got \(scanner.positionals.count) arguments (quote the expression)")
        }
        return scanner.positionals[0]
    }

    static func clock(at text: String?) throws(CLIError) -> EvaluationClock {
        guard let text else { return EvaluationClock(secondsSince1970: Date().timeIntervalSince1970) }
        guard let date = parseTime(text) else {
            throw CLIError("--at must be an RFC 3339 time such as 2026-12-03T09:05:00Z, not '\(text)'")
        }
        return EvaluationClock(secondsSince1970: date.timeIntervalSince1970)
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func decodeJSON(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String { JSONValue.stringLiteral(text) }
}
