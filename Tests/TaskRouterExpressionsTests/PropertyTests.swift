import TestSupport
import Testing

@testable import TaskRouterExpressions

/// Generates ASTs in the form the parser produces (n-ary nodes with 2+ children, no AND directly
/// under AND nor OR under OR, strings without both quote characters).
struct ASTGenerator {
    var random: SeededGenerator

    static let names = ["a", "isManager", "teamIds", "case", "caseType", "x_1", "_y", "Z9", "interaction", "channel"]
    static let characters: [String] = ["a", "Z", "0", " ", "-", "'", "\"", "é", "😀", "\u{301}", "(", ")", "AND", ","]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func expression(depth: Int, parent: Int = 0) -> Expression {
        // parent: 0 none, 1 and, 2 or
        let choice = depth <= 0 ? 0 : int(0...2)
        if choice == 0 || choice == parent { return .comparison(comparison()) }
        let count = int(2...4)
        var children: [Expression] = []
        for _ in 0..<count { children.append(expression(depth: depth - 1, parent: choice)) }
        return choice == 1 ? .and(children) : .or(children)
    }

    mutating func comparison() -> Comparison {
        let op = ComparisonOperator.allCases[int(0...(ComparisonOperator.allCases.count - 1))]
        return Comparison(left: operand(), operator: op, right: operand())
    }

    mutating func operand() -> Operand {
        switch int(0...4) {
        case 0, 1: return .path(path())
        case 2: return .value(.array((0..<int(0...3)).map { _ in scalar() }))
        default: return .value(scalar())
        }
    }

    mutating func path() -> AttributePath {
        if int(0...9) == 0 {
            return AttributePath("taskrouter", ["dayOfWeek", "currentTime", "currentHour", "currentMin"][int(0...3)])
        }
        var components: [AttributePath.Component] = [.name(Self.names[int(0...(Self.names.count - 1))])]
        for _ in 0..<int(0...3) {
            components.append(
                int(0...2) == 0 ? .index(int(0...20)) : .name(Self.names[int(0...(Self.names.count - 1))]))
        }
        return AttributePath(components)
    }

    mutating func scalar() -> JSONValue {
        switch int(0...5) {
        case 0: return .null
        case 1: return .bool(int(0...1) == 1)
        case 2:
            let values: [Double] = [0, 1, -1, 800, 7.5, -0.25, 1e-7, 123_456.789, 1e20, 3.0e15, 0.1]
            return .number(values[int(0...(values.count - 1))])
        default:
            var text = ""
            for _ in 0..<int(0...6) { text += Self.characters[int(0...(Self.characters.count - 1))] }
            if text.unicodeScalars.contains("'") && text.unicodeScalars.contains("\"") { text = text.replacingQuotes() }
            return .string(text)
        }
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars { result.append(scalar == "'" ? "`" : scalar) }
        return String(result)
    }
}

@Suite struct PropertyTests {
    @Test func parsePrintRoundTrips() throws {
        var generator = ASTGenerator(random: SeededGenerator(seed: 20_261_203))
        for _ in 0..<3000 {
            let ast = generator.expression(depth: 4)
            let text = ast.canonicalText
            let parsed = try ExpressionParser.parse(text, maximumLength: 1 << 20)
            #expect(parsed == ast, "\(text)")
            #expect(parsed.canonicalText == text)
        }
    }

    @Test func printedNumbersReadBackExactly() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let bits = random.next()
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            let text = ExpressionLiteral.numberText(value)
            #expect(!text.contains("e") && !text.contains("E"), "\(text)")
            let expression = try ExpressionParser.parse("x == \(text)", maximumLength: 1 << 20)
            #expect(expression == .compare(.path(AttributePath("x")), .equal, .value(.number(value))), "\(text)")
        }
    }

    @Test func canonicalFormEvaluatesTheSame() throws {
        var generator = ASTGenerator(random: SeededGenerator(seed: 99))
        let documents: [JSONValue] = [
            .object([:]),
            .object([
                "a": .string("a"), "isManager": .bool(true), "teamIds": .array([.string("a"), .number(1)]),
                "case": .object(["caseType": .string("Z")]), "x_1": .number(800),
            ]),
        ]
        let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)
        for _ in 0..<1000 {
            let ast = generator.expression(depth: 3)
            let reparsed = try ExpressionParser.parse(ast.canonicalText, maximumLength: 1 << 20)
            for document in documents {
                #expect(ast.evaluate(document, clock: clock) == reparsed.evaluate(document, clock: clock))
            }
        }
    }
}

/// The evaluator's precomputed plans agree with the reference rules (resolve both sides, then
/// `ExpressionValues.compare`) on generated comparisons and documents.
@Suite struct EvaluationPlanTests {
    static func document(_ generator: inout ASTGenerator, depth: Int) -> JSONValue {
        switch depth <= 0 ? generator.int(0...1) : generator.int(0...3) {
        case 0, 1: return generator.scalar()
        case 2:
            return .array((0..<generator.int(0...3)).map { _ in document(&generator, depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for name in ASTGenerator.names where generator.int(0...2) == 0 {
                members[name] = document(&generator, depth: depth - 1)
            }
            return .object(members)
        }
    }

    @Test func planMatchesReferenceSemantics() {
        var generator = ASTGenerator(random: SeededGenerator(seed: 5))
        let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)
        var disagreements: [String] = []
        var trueCount = 0
        for _ in 0..<8000 {
            let comparison = generator.comparison()
            let document = Self.document(&generator, depth: 3)
            let reference = ExpressionValues.compare(
                comparison.left.resolve(in: document, clock: clock), comparison.operator,
                comparison.right.resolve(in: document, clock: clock))
            if reference { trueCount += 1 }
            if comparison.evaluate(document, clock: clock) != reference {
                disagreements.append("\(comparison.canonicalText) on \(document)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        // The generated cases are not all trivially false.
        #expect(trueCount > 400)
    }
}
