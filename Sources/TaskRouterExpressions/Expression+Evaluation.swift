extension Expression {
    /// Evaluates the expression against one JSON document (expressions.md section 3):
    /// two-valued, `AND`/`OR` short-circuit, `taskrouter.*` read from `clock` (UTC).
    public func evaluate(_ context: JSONValue, clock: EvaluationClock) -> Bool {
        switch self {
        case .comparison(let comparison):
            return comparison.evaluate(context, clock: clock)
        case .and(let children):
            for index in children.indices where !children[index].evaluate(context, clock: clock) { return false }
            return true
        case .or(let children):
            for index in children.indices where children[index].evaluate(context, clock: clock) { return true }
            return false
        }
    }
}

extension Comparison {
    /// Evaluates this comparison against `context`.
    public func evaluate(_ context: JSONValue, clock: EvaluationClock) -> Bool {
        if case .literal(let literal) = rightSide, case .names(let names) = leftSide {
            return ExpressionValues.compare(Self.lookUp(names, in: context), `operator`, literal)
        }
        return ExpressionValues.compare(
            Self.value(of: leftSide, in: context, clock: clock), `operator`,
            Self.value(of: rightSide, in: context, clock: clock))
    }

    @inline(__always)
    static func value(of side: Side, in context: JSONValue, clock: EvaluationClock) -> JSONValue {
        switch side {
        case .literal(let value): return value
        case .names(let names): return lookUp(names, in: context)
        case .path(let path): return path.resolve(in: context, clock: clock)
        }
    }

    @inline(__always)
    static func lookUp(_ names: [AttributePath.Component], in context: JSONValue) -> JSONValue {
        guard case .object(let members) = context, case .name(let name) = names[0], let first = members[name] else {
            return .null
        }
        if names.count == 1 { return first }
        var current = first
        for index in 1..<names.count {
            guard case .object(let members) = current, case .name(let name) = names[index], let next = members[name]
            else { return .null }
            current = next
        }
        return current
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
            guard case .array(let items) = left else { return false }
            return contains(items, right)
        case .in:
            guard case .array(let items) = right else { return false }
            switch left {
            case .null, .array, .object: return false
            default: return contains(items, left)
            }
        case .notIn:
            guard case .array(let items) = right else { return false }
            switch left {
            case .array, .object: return false
            default: return !contains(items, left)
            }
        }
    }

    /// Whether some item `==` the scalar `value` (false when `value` is a list or object).
    @inline(__always)
    static func contains(_ items: [JSONValue], _ value: JSONValue) -> Bool {
        switch value {
        case .string(let needle):
            for item in items {
                if case .string(let candidate) = item {
                    if sameScalars(candidate, needle) { return true }
                } else if equal(item, value) == true {
                    return true
                }
            }
            return false
        case .array, .object:
            return false
        default:
            for item in items where equal(item, value) == true { return true }
            return false
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
        switch left {
        case .string(let a):
            switch right {
            case .string(let b): return sameScalars(a, b)
            case .number(let b): return decimalValue(a).map { $0 == b } ?? false
            case .array, .object: return nil
            default: return false
            }
        case .number(let a):
            switch right {
            case .number(let b): return a == b
            case .string(let b): return decimalValue(b).map { $0 == a } ?? false
            case .array, .object: return nil
            default: return false
            }
        case .bool(let a):
            switch right {
            case .bool(let b): return a == b
            case .array, .object: return nil
            default: return false
            }
        case .null:
            switch right {
            case .null: return true
            case .array, .object: return nil
            default: return false
            }
        case .array, .object:
            return nil
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

    /// Whether two strings hold the same Unicode scalars (Swift's `==` also equates canonically
    /// equivalent strings; TaskRouter does not).
    @inline(__always)
    public static func sameScalars(_ a: String, _ b: String) -> Bool {
        // Byte-equal strings are canonically equal, so Swift's (fast) == rules out most pairs;
        // equal pairs are then checked byte by byte, since == also equates canonical equivalents.
        guard a == b else { return false }
        let same = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in
                pa.count == pb.count && memoryEqual(pa.baseAddress, pb.baseAddress, pa.count)
            }
        }
        if let same, let same { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    @inline(__always)
    static func memoryEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let a, let b else { return count == 0 }
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
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
