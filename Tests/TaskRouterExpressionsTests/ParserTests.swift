import Testing

@testable import TaskRouterExpressions

@Suite struct ParserTests {
    func parse(_ text: String) throws -> Expression { try ExpressionParser.parse(text) }

    func error(_ text: String) -> ExpressionSyntaxError? {
        do {
            _ = try ExpressionParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func overLimit(_ text: String, _ limit: Int) -> ExpressionSyntaxError? {
        do {
            _ = try ExpressionParser.parse(text, maximumLength: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test func keywordsAreCaseInsensitiveAndAliasesMapToCanonicalOperators() throws {
        let expression = try parse("a = 1 and b >- 'x' Or 'y' <- c aNd d not IN [1] or e Contains 'z' AND f HAS TRUE")
        #expect(
            expression.canonicalText
                == #"a == 1 AND b HAS "x" OR "y" IN c AND d NOT IN [1] OR e CONTAINS "z" AND f HAS true"#)
    }

    @Test func andBindsTighterThanOrAndNestedNodesAreFlattened() throws {
        let a = Expression.compare(.path(AttributePath("a")), .equal, .value(.number(1)))
        let b = Expression.compare(.path(AttributePath("b")), .equal, .value(.number(2)))
        let c = Expression.compare(.path(AttributePath("c")), .equal, .value(.number(3)))
        #expect(try parse("a == 1 OR b == 2 AND c == 3") == .or([a, .and([b, c])]))
        #expect(try parse("(a == 1 OR b == 2) AND c == 3") == .and([.or([a, b]), c]))
        #expect(try parse("a == 1 AND (b == 2 AND c == 3)") == .and([a, b, c]))
        #expect(try parse("(a == 1 OR (b == 2 OR c == 3))") == .or([a, b, c]))
        #expect(try parse("((((a == 1))))") == a)
    }

    @Test func printerUsesMinimalParentheses() throws {
        #expect(try parse("(a == 1 OR b == 2) AND c == 3").canonicalText == "(a == 1 OR b == 2) AND c == 3")
        #expect(try parse("a == 1 OR (b == 2 AND c == 3)").canonicalText == "a == 1 OR b == 2 AND c == 3")
        #expect(try parse("((a==1))").canonicalText == "a == 1")
    }

    @Test func pathsLiteralsAndLists() throws {
        let expression = try parse("object.array[2].name_2 IN ['a', \"b\", -1.5, 0800, true, null] AND x IN []")
        #expect(
            expression.canonicalText
                == #"object.array[2].name_2 IN ["a", "b", -1.5, 800, true, null] AND x IN []"#)
        guard case .and(let children) = expression, case .comparison(let first) = children[0] else {
            Issue.record("expected an AND of comparisons")
            return
        }
        #expect(first.left == .path(AttributePath([.name("object"), .name("array"), .index(2), .name("name_2")])))
    }

    @Test func stringsHaveNoEscapesAndKeepTheirQuotesInCanonicalForm() throws {
        #expect(try parse(#"a == 'say "hi"'"#).canonicalText == #"a == 'say "hi"'"#)
        #expect(try parse(#"a == "O'Brien""#).canonicalText == #"a == "O'Brien""#)
        #expect(
            try parse(#"a == 'back\slash'"#)
                == .compare(.path(AttributePath("a")), .equal, .value(.string(#"back\slash"#))))
    }

    @Test func offsetsAreRecordedButNotPartOfEquality() throws {
        let spaced = try parse("  name   ==   'Ada'")
        guard case .comparison(let comparison) = spaced else {
            Issue.record("expected a comparison")
            return
        }
        #expect(comparison.leftOffset == 2)
        #expect(comparison.operatorOffset == 9)
        #expect(comparison.rightOffset == 14)
        #expect(spaced == (try parse("name=='Ada'")))
        #expect(spaced.hashValue == (try parse("name=='Ada'")).hashValue)
    }

    @Test func offsetsCountUnicodeScalars() throws {
        // "é" is 2 UTF-8 bytes and "😀" 4, but one character each.
        let expression = try parse("a == 'é😀' AND b == 1")
        guard case .and(let children) = expression, case .comparison(let second) = children[1] else {
            Issue.record("expected an AND")
            return
        }
        #expect(second.leftOffset == 14)
        #expect(error("a == 'é😀' AND b == #")?.offset == 19)
        #expect(error("a == 'é😀' AND b ==")?.offset == 18)
    }

    @Test func messagesNameTheDocumentedAlternative() {
        #expect(error("a == 1 && b == 2")?.message.contains("use AND") == true)
        #expect(error("a == 1 || b == 2")?.message.contains("use OR") == true)
        #expect(error("!(a == 1)")?.message.contains("!=") == true)
        #expect(error("NOT a == 1")?.message.contains("NOT IN") == true)
        #expect(error("skills NOT HAS 'x'")?.message.contains("NOT IN skills") == true)
        #expect(error("name NOT CONTAINS 'x'")?.message.contains("NOT IN") == true)
        #expect(error("customer-value == 1")?.message.contains("customer_value") == true)
        #expect(error("isManager")?.message.contains("isManager == true") == true)
        #expect(error("a == 'x', 'y'")?.message.contains("IN [") == true)
        #expect(error("a! = 1")?.message.contains("'!='") == true)
    }

    @Test func otherRejectedForms() {
        let cases: [(String, Int)] = [
            ("a == 1.", 6),  // no digits after the point
            ("a == 1x", 6),  // number followed by a letter
            ("a == - 1", 5),  // lone minus
            ("true.x == 1", 0),  // keyword as a name
            ("a.in == 1", 2),
            ("a[x] == 1", 2),
            ("a[1 == 1", 3),
            ("a[99999999999] == 1", 2),
            ("a == [[1]]", 6),
            ("a == (1)", 5),
            ("a == 1 == 2", 7),
            ("a & b", 2),
            ("a == 1e5", 6),
            ("a == 'x' AND NOT b IN [1]", 13),
        ]
        for (text, offset) in cases {
            let found = error(text)
            #expect(found != nil, "\(text) should be rejected")
            #expect(found?.offset == offset, "\(text): \(found?.description ?? "")")
        }
    }

    @Test func hostileInputIsACleanErrorOrResult() throws {
        // Nesting: 256 levels parse, 257 are refused.
        let deep = String(repeating: "(", count: 256) + "a == 1" + String(repeating: ")", count: 256)
        #expect(try parse(deep) == .compare(.path(AttributePath("a")), .equal, .value(.number(1))))
        let tooDeep = String(repeating: "(", count: 257) + "a == 1" + String(repeating: ")", count: 257)
        #expect(error(tooDeep)?.offset == 256)
        #expect(error(String(repeating: "(", count: 100_000))?.offset == 256)

        // Length: overrides are limited to 8192 characters; parse(_:) itself accepts up to 1 MiB.
        let clause = "a == 1 OR "
        var long = String(repeating: clause, count: 818) + "a == 12"
        long += String(repeating: " ", count: 8192 - long.unicodeScalars.count)
        #expect(long.unicodeScalars.count == 8192)
        let limit = ExpressionParser.maximumOverrideLength
        #expect(throws: Never.self) { try ExpressionParser.parse(long, maximumLength: limit) }
        #expect(overLimit(long + " ", limit)?.offset == 8192)
        #expect(overLimit(String(repeating: "é", count: 8193), limit)?.offset == 8192)
        #expect(throws: Never.self) { try ExpressionParser.parse(long + " OR b == 2") }
        let oneMiB = ExpressionParser.defaultMaximumLength
        #expect(error(String(repeating: " ", count: oneMiB + 1))?.offset == oneMiB)

        // NUL bytes, inside and outside strings.
        #expect(error("a == 1\u{0}")?.message.contains("NUL") == true)
        #expect(error("a == 'x\u{0}y'")?.offset == 7)

        // Invalid UTF-8 arrives as U+FFFD: a clean error outside strings, a plain character inside.
        let invalid = String(decoding: [0x61, 0x20, 0x3D, 0x3D, 0x20, 0xFF, 0xFE], as: UTF8.self)
        #expect(error(invalid)?.offset == 5)
        let inString = String(decoding: [0x61, 0x3D, 0x27, 0xC3, 0x28, 0x27], as: UTF8.self)
        #expect(throws: Never.self) { try ExpressionParser.parse(inString) }

        // A 100k-item list: refused by the override limit, parsed (quickly) otherwise.
        let items = (0..<100_000).map { "'v\($0)'" }.joined(separator: ",")
        let huge = "a IN [\(items)]"
        #expect(overLimit(huge, limit)?.offset == 8192)
        let parsed = try ExpressionParser.parse(huge)
        #expect(parsed.evaluate(.object(["a": .string("v99999")]), clock: EvaluationClock(secondsSince1970: 0)))

        // Empty input.
        #expect(error("")?.offset == 0)
        #expect(error("\n\t ")?.offset == 0)
    }
}
