import Foundation
import Testing

@testable import TaskRouterExpressions

/// Real expressions from public TaskRouter deployments (`../shared/corpus/`, not part of this
/// repository): each either parses or fails with an error of a documented kind (docs/expressions.md).
@Suite struct CorpusTests {
    struct Entry: Decodable {
        var expr: String
        var kind: String
        var repo: String
    }

    /// `$TWPC_CORPUS_DIR`, else `<package root>/../shared/corpus` (or `shared/corpus` one level further
    /// up, for git worktrees kept in a subfolder), when present.
    static let corpusDirectory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TWPC_CORPUS_DIR"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/corpus"))
        candidates.append(
            root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus"))
        for directory in candidates
        where FileManager.default.fileExists(atPath: directory.appendingPathComponent("expressions.jsonl").path) {
            return directory
        }
        print("CorpusTests: skipped, no corpus at \(candidates.map(\.path)) (it is not part of the repository)")
        return nil
    }()

    static func entries() throws -> [Entry] {
        let directory = try #require(corpusDirectory)
        let text = try String(
            contentsOf: directory.appendingPathComponent("expressions.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map {
            try JSONDecoder().decode(Entry.self, from: Data($0.utf8))
        }
    }

    /// The kinds of failure docs/expressions.md lists, recognised by the start of the message.
    static let documentedFailures: [(kind: String, messagePrefix: String)] = [
        ("several values after ==", "unexpected ','; to match one of several values"),
        ("unterminated string", "unterminated string"),
        ("leading or stray character", "unexpected character"),
        ("dangling AND/OR", "expected a value or attribute"),
        ("missing AND/OR between comparisons", "expected AND, OR or ')' after a complete comparison"),
        ("'! =' with a space", "'! =' is not an operator"),
        ("hyphen in an attribute name", "hyphens are not supported"),
        ("a bare value or attribute", "expected an operator after"),
        ("unbalanced parentheses", "unexpected ')' with no matching '('"),
        ("unbalanced parentheses", "expected ')' to close"),
    ]

    static func context(of kind: String) -> ExpressionContext {
        switch kind {
        case "target_workers": .workerQueue
        case "target": .target
        default: .taskFilter
        }
    }

    @Test(.enabled(if: corpusDirectory != nil, "the corpus (../shared/corpus) is not present"))
    func everyExpressionParsesOrFailsClearly() throws {
        let entries = try Self.entries()
        #expect(entries.count > 500)
        var failures: [String: Int] = [:]
        var parsed = 0
        var notRoundTripping: [String] = []
        let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)
        for entry in entries {
            do {
                let expression = try ExpressionParser.parse(entry.expr)
                parsed += 1
                // The canonical form reads back as the same expression.
                if try ExpressionParser.parse(expression.canonicalText) != expression {
                    notRoundTripping.append(entry.expr)
                }
                // Lint and evaluation never trap.
                _ = ExpressionLinter.lint(expression, context: Self.context(of: entry.kind))
                _ = expression.evaluate(.object([:]), clock: clock)
            } catch {
                let length = entry.expr.unicodeScalars.count
                #expect((0...length).contains(error.offset), "\(entry.expr)")
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
                let kind = Self.documentedFailures.first { error.message.hasPrefix($0.messagePrefix) }?.kind
                #expect(kind != nil, "undocumented kind of failure: \(error.message) in \(entry.expr)")
                failures[kind ?? "other", default: 0] += 1
            }
        }
        #expect(notRoundTripping.isEmpty, "canonical form does not read back: \(notRoundTripping)")
        // Most real expressions are valid; the invalid ones are the authors' mistakes.
        #expect(parsed > entries.count * 9 / 10)
        let summary = failures.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }
        print("CorpusTests: \(parsed) of \(entries.count) parse; failures: \(summary.joined(separator: ", "))")
    }

    @Test(.enabled(if: corpusDirectory != nil, "the corpus (../shared/corpus) is not present"))
    func knownAuthorMistakesAreRejected() throws {
        let entries = try Self.entries()
        // Patterns the corpus README names as mistakes: each such expression must be rejected.
        for entry in entries {
            let text = entry.expr.trimmingCharacters(in: .whitespaces)
            let mistake =
                text.hasPrefix("*") || text.hasPrefix("OR ") || text.hasSuffix(" OR")
                || text.range(of: #"== *'[^']*' *, *'"#, options: .regularExpression) != nil
            if mistake {
                #expect(throws: ExpressionSyntaxError.self, "\(entry.expr)") {
                    try ExpressionParser.parse(entry.expr)
                }
            }
        }
    }
}
