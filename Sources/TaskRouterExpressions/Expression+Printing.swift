extension Expression {
    /// The canonical text (expressions.md section 7): keywords upper case, `==` for equality,
    /// `HAS`/`IN` for the aliases, single spaces around operators and keywords, lists as
    /// `["a", "b"]`, and the fewest parentheses that keep the parse.
    ///
    /// An empty `and` prints as `1==1` and an empty `or` as `1!=1`. Strings containing both
    /// quote characters, objects and nested arrays cannot be written in the language; the
    /// parser never produces them.
    public var canonicalText: String {
        var output = ""
        write(to: &output, insideAnd: false)
        return output
    }

    private func write(to output: inout String, insideAnd: Bool) {
        switch self {
        case .comparison(let comparison):
            comparison.write(to: &output)
        case .and(let children):
            if children.isEmpty {
                output += "1==1"
                return
            }
            for (index, child) in children.enumerated() {
                if index > 0 { output += " AND " }
                child.write(to: &output, insideAnd: true)
            }
        case .or(let children):
            if children.isEmpty {
                output += "1!=1"
                return
            }
            let wrap = insideAnd && children.count > 1
            if wrap { output += "(" }
            for (index, child) in children.enumerated() {
                if index > 0 { output += " OR " }
                child.write(to: &output, insideAnd: false)
            }
            if wrap { output += ")" }
        }
    }
}

extension Comparison {
    /// The canonical text of this comparison: `left OP right`.
    public var canonicalText: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        left.write(to: &output)
        output += " "
        output += `operator`.canonicalText
        output += " "
        right.write(to: &output)
    }
}

extension Operand {
    /// The canonical text of this operand.
    public var canonicalText: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .path(let path): output += path.text
        case .value(let value): ExpressionLiteral.write(value, to: &output)
        }
    }
}

/// Writing literal values the way the language spells them.
public enum ExpressionLiteral {
    /// The literal as expression text: `"a"` (or `'a"b'` when the value holds `"`), `12`, `7.5`,
    /// `true`, `null`, `["a", "b"]`.
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    /// A string literal: double quotes, or single quotes when the value contains `"`.
    public static func quoted(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: "\"")) ? "'" + value + "'" : "\"" + value + "\""
    }

    static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += numberText(number)
        case .string(let string): output += quoted(string)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                write(item, to: &output)
            }
            output += "]"
        case .object:
            output += "null"
        }
    }

    /// A number in the language's grammar `-?[0-9]+(\.[0-9]+)?`, reading back as the same Double.
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value.rounded() == value, abs(value) < 1e15 {
            return String(Int64(value))
        }
        let description = value.description
        guard let exponentIndex = description.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return description
        }
        var mantissa = String(description[..<exponentIndex])
        let exponent = Int(description[description.index(after: exponentIndex)...]) ?? 0
        var negative = false
        if mantissa.hasPrefix("-") {
            negative = true
            mantissa.removeFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction == "0" { fraction = "" }
        let digits = integerDigits + fraction
        let pointPosition = integerDigits.count + exponent
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = String(digits[..<split]) + "." + String(digits[split...])
        }
        // Drop leading zeros of the integer part (keep one).
        while result.hasPrefix("0"), result.count > 1, !result.hasPrefix("0.") { result.removeFirst() }
        return negative ? "-" + result : result
    }
}
