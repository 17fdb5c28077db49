import Foundation
import Testing

@testable import TaskRouterExpressions

/// The shared test vectors (copied from ../shared/vectors into Fixtures).
@Suite struct VectorTests {
    struct EvalVector: Decodable, CustomStringConvertible {
        var expr: String
        var context: JSONValue
        var expect: Bool
        var clock: ClockFixture?
        var description: String { expr }
    }

    struct ClockFixture: Decodable {
        var dayOfWeek: String
        var utc: String

        var clock: EvaluationClock {
            let parts = utc.split(separator: ":").compactMap { Int($0) }
            return EvaluationClock(dayOfWeek: dayOfWeek, hour: parts[0], minute: parts[1])
        }
    }

    struct ParseErrorVector: Decodable, CustomStringConvertible {
        var expr: String
        var errorOffset: Int
        var why: String
        var description: String { expr }
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> [T] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map {
            try JSONDecoder().decode(T.self, from: Data($0.utf8))
        }
    }

    static let evalVectors = (try? load("eval.jsonl", as: EvalVector.self)) ?? []
    static let parseErrorVectors = (try? load("parse-errors.jsonl", as: ParseErrorVector.self)) ?? []

    @Test func fixturesAreLoaded() throws {
        #expect(try Self.load("eval.jsonl", as: EvalVector.self).count >= 100)
        #expect(try Self.load("parse-errors.jsonl", as: ParseErrorVector.self).count >= 30)
    }

    @Test(arguments: evalVectors)
    func evaluates(_ vector: EvalVector) throws {
        let expression = try ExpressionParser.parse(vector.expr)
        let clock = vector.clock?.clock ?? EvaluationClock(dayOfWeek: "Mon", hour: 0, minute: 0)
        #expect(expression.evaluate(vector.context, clock: clock) == vector.expect)
        // The canonical form means the same thing.
        let reparsed = try ExpressionParser.parse(expression.canonicalText)
        #expect(reparsed == expression)
        #expect(reparsed.evaluate(vector.context, clock: clock) == vector.expect)
    }

    @Test(arguments: parseErrorVectors)
    func rejects(_ vector: ParseErrorVector) {
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(vector.expr) }
        do {
            _ = try ExpressionParser.parse(vector.expr)
        } catch {
            #expect(error.offset == vector.errorOffset, "\(error.message)")
            #expect(!error.message.isEmpty)
            #expect(!error.message.contains("\n"))
        }
    }
}
