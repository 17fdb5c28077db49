extension Expression {
    /// Evaluates the expression against one JSON document (expressions.md section 3):
    /// two-valued, `AND`/`OR` short-circuit, `taskrouter.*` read from `clock` (UTC).
    public func evaluate(_ context: JSONValue, clock: EvaluationClock) -> Bool {
        switch self {
        case .comparison(let comparison):
            return comparison.evaluate(context, clock: clock)
        case .and(let children):
            for child in children where !child.evaluate(context, clock: clock) { return false }
            return true
        case .or(let children):
            for child in children where child.evaluate(context, clock: clock) { return true }
            return false
        }
    }
}

extension Comparison {
    /// Evaluates this comparison against `context`.
    public func evaluate(_ context: JSONValue, clock: EvaluationClock) -> Bool {
        let leftValue = left.resolve(in: context, clock: clock)
        let rightValue = right.resolve(in: context, clock: clock)
        return ExpressionValues.compare(leftValue, `operator`, rightValue)
    }
}

extension Operand {
    /// The operand's value in `context`: a literal is itself, a path resolves to the value
    /// it names or `null`.
    public func resolve(in context: JSONValue, clock: EvaluationClock) -> JSONValue {
        switch self {
        case .value(let value): return value
        case .path(let path): return path.resolve(in: context, clock: clock)
        }
    }
}

extension AttributePath {
    /// The value this path names in `context`: objects by key, arrays by index; anything
    /// missing, or a step into a non-object/non-array, is `null`. `taskrouter.*` reads `clock`.
    public func resolve(in context: JSONValue, clock: EvaluationClock) -> JSONValue {
        if let builtin {
            switch builtin {
            case .dayOfWeek: return .string(clock.dayOfWeek)
            case .currentTime: return .number(Double(clock.currentTime))
            case .currentHour: return .string(clock.currentHour)
            case .currentMin: return .string(clock.currentMin)
            case .unknown: return .null
            }
        }
        var current = context
        for component in components {
            switch component {
            case .name(let name):
                guard case .object(let members) = current, let next = members[name] else { return .null }
                current = next
            case .index(let index):
                guard case .array(let items) = current, index < items.count else { return .null }
                current = items[index]
            }
        }
        return current
    }
}

/// The comparison rules of expressions.md section 3, on resolved values.
public enum ExpressionValues {
    /// `left op right`, two-valued.
    public static func compare(_ left: JSONValue, _ op: ComparisonOperator, _ right: JSONValue) -> Bool {
        switch op {
        case .equal:
            return equal(left, right) ?? false
        case .notEqual:
            guard let same = equal(left, right) else { return false }
            return !same
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            guard let order = order(left, right) else { return false }
            switch op {
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .less: return order < 0
            default: return order <= 0
            }
        case .contains:
            guard case .string(let haystack) = left, case .string(let needle) = right else { return false }
            return contains(haystack, needle)
        case .has:
            guard case .array(let items) = left, isScalar(right) else { return false }
            for item in items where equal(item, right) == true { return true }
            return false
        case .in:
            guard case .array(let items) = right, isScalar(left), left != .null else { return false }
            for item in items where equal(left, item) == true { return true }
            return false
        case .notIn:
            guard case .array(let items) = right, isScalar(left) else { return false }
            for item in items where equal(left, item) == true { return false }
            return true
        }
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    /// Scalar equality; `nil` when either side is a list or object.
    public static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool? {
        switch (left, right) {
        case (.string(let a), .string(let b)): return sameScalars(a, b)
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.number(let a), .string(let b)): return decimalValue(b).map { $0 == a } ?? false
        case (.string(let a), .number(let b)): return decimalValue(a).map { $0 == b } ?? false
        case (.array, _), (.object, _), (_, .array), (_, .object): return nil
        default: return false
        }
    }

    /// Ordering for `>` `>=` `<` `<=`: negative, zero or positive; `nil` when not comparable.
    static func order(_ left: JSONValue, _ right: JSONValue) -> Int? {
        switch (left, right) {
        case (.number(let a), .number(let b)): return compareNumbers(a, b)
        case (.string(let a), .string(let b)):
            if sameScalars(a, b) { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        case (.number(let a), .string(let b)):
            guard let b = decimalValue(b) else { return nil }
            return compareNumbers(a, b)
        case (.string(let a), .number(let b)):
            guard let a = decimalValue(a) else { return nil }
            return compareNumbers(a, b)
        default: return nil
        }
    }

    private static func compareNumbers(_ a: Double, _ b: Double) -> Int? {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        return nil
    }

    /// Strings are equal when they hold the same Unicode scalars (no normalization).
    @inline(__always)
    static func sameScalars(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    /// Case-sensitive substring test on Unicode scalars.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8)
        let n = Array(needle.utf8)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        let first = n[0]
        var index = 0
        let last = h.count - n.count
        while index <= last {
            if h[index] == first {
                var matched = true
                for offset in 1..<n.count where h[index + offset] != n[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }

    /// The value of a string that is entirely a decimal number `-?[0-9]+(\.[0-9]+)?`, else `nil`.
    public static func decimalValue(_ text: String) -> Double? {
        var state = 0  // 0 start, 1 after '-', 2 integer digits, 3 after '.', 4 fraction digits
        var length = 0
        for byte in text.utf8 {
            length += 1
            if length > 400 { return nil }
            switch byte {
            case UInt8(ascii: "-") where state == 0: state = 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if state <= 2 { state = 2 } else { state = 4 }
            case UInt8(ascii: ".") where state == 2: state = 3
            default: return nil
            }
        }
        guard state == 2 || state == 4, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
