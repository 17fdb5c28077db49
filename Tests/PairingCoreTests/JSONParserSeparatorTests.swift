import Testing

@testable import PairingCore
@testable import TaskRouterExpressions

@Suite struct JSONParserSeparatorTests {
    @Test func objectsAndArraysWithSeparators() throws {
        #expect(
            try JSONParser.parse(#"{"a": [1, 2], "b": {}}"#)
                == .object(["a": .array([.number(1), .number(2)]), "b": .object([:])]))
        #expect(try JSONParser.parse("[ ]") == .array([]))
    }

    @Test func aMissingSeparatorNamesTheExpectedBracket() {
        #expect(throws: JSONParser.Failure(offset: 8, message: "expected ',' or '}'")) {
            try JSONParser.parse(#"{"a": 1 "b": 2}"#)
        }
        #expect(throws: JSONParser.Failure(offset: 3, message: "expected ',' or ']'")) {
            try JSONParser.parse("[1 2]")
        }
        #expect(throws: JSONParser.Failure(offset: 2, message: "unexpected end of input")) {
            try JSONParser.parse("[1")
        }
    }

    @Test func storedMatchListsUseTheSameRules() throws {
        #expect(try StoredMatchDecoding.workerMatch(#"{"teamIds": ["a", "b"]}"#).teamIds == ["a", "b"])
        #expect(throws: StoredMatchDecoding.Failure.self) {
            try StoredMatchDecoding.workerMatch(#"{"teamIds": ["a" "b"]}"#)
        }
    }
}
