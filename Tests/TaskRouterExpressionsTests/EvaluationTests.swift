import Testing

@testable import TaskRouterExpressions

@Suite struct EvaluationTests {
    let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)

    func evaluate(_ text: String, _ context: JSONValue = .object([:])) throws -> Bool {
        try ExpressionParser.parse(text).evaluate(context, clock: clock)
    }

    @Test func clockFromSecondsIsUTC() {
        // 2026-12-03T09:05:00Z is a Thursday.
        let thursday = EvaluationClock(secondsSince1970: 1_796_288_700)
        #expect(thursday == EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5))
        #expect(EvaluationClock(secondsSince1970: 0) == EvaluationClock(dayOfWeek: "Thu", hour: 0, minute: 0))
        #expect(EvaluationClock(secondsSince1970: -1) == EvaluationClock(dayOfWeek: "Wed", hour: 23, minute: 59))
        // 2000-03-01T23:59:59Z (after a leap day) was a Wednesday.
        #expect(
            EvaluationClock(secondsSince1970: 951_955_199) == EvaluationClock(dayOfWeek: "Wed", hour: 23, minute: 59))
        #expect(EvaluationClock(secondsSince1970: .nan) == EvaluationClock(secondsSince1970: 0))
        #expect(EvaluationClock(secondsSince1970: .infinity).dayOfWeek.count == 3)
    }

    @Test func builtinsReadTheClock() throws {
        let late = EvaluationClock(dayOfWeek: "Sun", hour: 23, minute: 59)
        let expression = try ExpressionParser.parse(
            "taskrouter.currentTime == 2359 AND taskrouter.currentHour == '23' AND taskrouter.currentMin == '59' "
                + "AND taskrouter.dayOfWeek == 'Sun'")
        #expect(expression.evaluate(.object([:]), clock: late))
        #expect(!expression.evaluate(.object([:]), clock: clock))
        #expect(try evaluate("taskrouter.currentTime == 905"))
        #expect(try evaluate("taskrouter.nothing == null"))
        // A document attribute named taskrouter does not shadow the built-ins.
        #expect(
            try evaluate(
                "taskrouter.dayOfWeek == 'Thu'", .object(["taskrouter": .object(["dayOfWeek": .string("Mon")])])))
    }

    @Test func stringsCompareByUnicodeScalarsWithoutNormalization() throws {
        let composed = "\u{E9}"  // é
        let decomposed = "e\u{301}"  // e + combining acute
        let document = JSONValue.object(["name": .string(decomposed)])
        #expect(try !evaluate("name == '\(composed)'", document))
        #expect(try evaluate("name == '\(decomposed)'", document))
        #expect(try evaluate("name CONTAINS 'e'", document))
        #expect(try evaluate("'\u{FF}' > 'z'"))
        #expect(try evaluate("'B' < 'a'"))
    }

    @Test func numericStringsAndTypes() throws {
        let document = JSONValue.object([
            "n": .string("-2.50"), "m": .number(-2.5), "s": .string("2.5.1"), "b": .bool(true),
        ])
        #expect(try evaluate("n == -2.5", document))
        #expect(try evaluate("m == '-2.50'", document))
        #expect(try !evaluate("n == '-2.5'", document))  // two strings compare as strings
        #expect(try !evaluate("s > 1", document))
        #expect(try !evaluate("s < 1", document))
        #expect(try !evaluate("b == 1", document))
        #expect(try !evaluate("b > false", document))
        #expect(try !evaluate("n > null", document))
        #expect(try evaluate("b IN [true, 'x']", document))
        #expect(try !evaluate("null IN [null]", document))
        #expect(try evaluate("null NOT IN ['a']", document))
        #expect(try evaluate("[null] HAS null", document))
        #expect(try !evaluate("[1] == [1]", document))
        #expect(try !evaluate("[1] != [2]", document))
    }

    @Test func indexingAndStepsIntoScalars() throws {
        let document = JSONValue.object([
            "list": .array([.object(["k": .string("v")]), .string("s")]),
            "scalar": .string("text"),
        ])
        #expect(try evaluate("list[0].k == 'v'", document))
        #expect(try evaluate("list[1].k == null", document))
        #expect(try evaluate("scalar[0] == null", document))
        #expect(try evaluate("list.k == null", document))
        #expect(try evaluate("list[2147483647] == null", document))
    }

    @Test func shortCircuitAndDeepNesting() throws {
        var text = "a == 1"
        for _ in 0..<255 { text = "(\(text) AND (b == 2 OR c == 3))" }
        let expression = try ExpressionParser.parse(text)
        #expect(expression.evaluate(.object(["a": .number(1), "c": .number(3)]), clock: clock))
        #expect(!expression.evaluate(.object(["a": .number(1)]), clock: clock))
        #expect(try ExpressionParser.parse(expression.canonicalText) == expression)
    }
}
