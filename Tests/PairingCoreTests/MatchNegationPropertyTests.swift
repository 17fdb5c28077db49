import TaskRouterExpressions
import TestSupport
import Testing

@testable import PairingCore

/// Compiling a taskMatch with `not: true` gives exactly the negation of `not: false`, on generated
/// task documents — including documents that lack the attributes or hold them with other scalar types.
@Suite struct MatchNegationPropertyTests {
    /// SplitMix64 from `state`, with draws of the shapes the test documents need.
    struct Generator: RandomNumberGenerator {
        var seeded: SeededGenerator

        init(state: UInt64) { seeded = SeededGenerator(seed: state) }

        mutating func next() -> UInt64 { seeded.next() }

        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

        mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }

        /// A list drawn from `pool`, or absent/empty.
        mutating func list(_ pool: [String]) -> [String]? {
            if chance(40) { return nil }
            if chance(10) { return [] }
            return (0..<Int.random(in: 1...3, using: &self)).map { _ in pick(pool) }
        }

        mutating func flag() -> Bool? { chance(50) ? nil : chance(50) }

        /// A value for a scalar attribute: missing (nil), null, one of the pool, another string,
        /// a number, a numeric string or a boolean.
        mutating func attribute(_ pool: [String]) -> JSONValue? {
            switch Int.random(in: 0..<9, using: &self) {
            case 0: return nil
            case 1: return .null
            case 2: return .string("other")
            case 3: return .number(5)
            case 4: return .string("5")
            case 5: return .bool(chance(50))
            default: return .string(pick(pool))
            }
        }

        mutating func object(_ members: [(String, JSONValue?)]) -> JSONValue? {
            if chance(10) { return nil }
            if chance(5) { return .string("not an object") }
            var result: [String: JSONValue] = [:]
            for (key, value) in members { if let value { result[key] = value } }
            return .object(result)
        }
    }

    static let types = ["replyToNewText", "reviewVoicemail", "5"]
    static let channels = ["voice", "text", "email"]
    static let ids = ["CT-1", "CT-2"]

    @Test func notTrueIsTheExactNegationOfNotFalse() throws {
        var random = Generator(state: 42)
        let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)
        var documentsChecked = 0
        for _ in 0..<400 {
            var match = TaskMatch(
                taskTypes: random.list(Self.types),
                case: random.chance(70)
                    ? TaskMatch.Case(
                        caseTypeEnums: random.list(["generic", "bankruptcy"]), autocreated: random.flag(),
                        caseTypeIds: random.list(Self.ids)) : nil,
                supercase: random.chance(50)
                    ? TaskMatch.Supercase(supercaseTypeEnums: random.list(["generic"])) : nil,
                interaction: random.chance(70)
                    ? TaskMatch.Interaction(
                        channels: random.list(Self.channels), themes: random.list(["agentNotification"]),
                        directions: random.list(["inbound", "outbound"]), subjects: random.list(["a", "b"])) : nil)
            match.not = false
            let positive = try ExpressionParser.parse(MatchCompiler.compile(match))
            match.not = true
            let negative = try ExpressionParser.parse(MatchCompiler.compile(match))
            for _ in 0..<25 {
                var task: [String: JSONValue] = [:]
                task["taskType"] = random.attribute(Self.types)
                task["case"] = random.object([
                    ("caseType", random.attribute(["generic", "bankruptcy"])),
                    ("caseTypeId", random.attribute(Self.ids)),
                    ("autocreated", random.chance(60) ? .bool(random.chance(50)) : random.attribute(["true"])),
                ])
                task["supercase"] = random.object([("supercaseType", random.attribute(["generic"]))])
                task["interaction"] = random.object([
                    ("channel", random.attribute(Self.channels)), ("theme", random.attribute(["agentNotification"])),
                    ("direction", random.attribute(["inbound", "outbound"])),
                    ("subject", random.attribute(["a", "b"])),
                ])
                let document = JSONValue.object(task)
                #expect(
                    positive.evaluate(document, clock: clock) != negative.evaluate(document, clock: clock),
                    "\(MatchCompiler.compile(match)) on \(document)")
                documentsChecked += 1
            }
        }
        #expect(documentsChecked == 10_000)
        // The empty document lacks every attribute.
        let empty = TaskMatch(not: true, taskTypes: ["replyToNewText"], case: TaskMatch.Case(autocreated: true))
        #expect(try ExpressionParser.parse(MatchCompiler.compile(empty)).evaluate(.object([:]), clock: clock))
    }
}
