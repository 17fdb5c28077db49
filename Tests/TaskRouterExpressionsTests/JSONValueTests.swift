import Foundation
import Testing

@testable import TaskRouterExpressions

@Suite struct JSONValueTests {
    @Test func decodesEveryKind() throws {
        let text = #"{"a": null, "b": true, "c": 1.5, "d": "x", "e": [1, "y"], "f": {"g": false}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["a"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["c"] == .number(1.5))
        #expect(value["d"] == .string("x"))
        #expect(value["e"] == .array([.number(1), .string("y")]))
        #expect(value["f"]?["g"] == .bool(false))
        #expect(value["missing"] == nil)
    }
}
