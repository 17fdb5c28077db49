/// Finds likely mistakes in an expression (expressions.md section 6). Findings are warnings,
/// never blocking; each has a stable code, a message and the offset of what it is about.
public enum ExpressionLinter {
    /// Lints a parsed expression for one context. Findings are ordered by offset.
    public static func lint(_ expression: Expression, context: ExpressionContext) -> [LintFinding] {
        var linter = Linter(context: context)
        linter.visit(expression)
        return linter.findings.enumerated().sorted {
            ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
        }.map(\.element)
    }

    /// Parses and lints `text`; throws the syntax error when it does not parse.
    public static func lint(text: String, context: ExpressionContext) throws(ExpressionSyntaxError) -> [LintFinding] {
        lint(try ExpressionParser.parse(text), context: context)
    }
}

private struct Linter {
    let context: ExpressionContext
    let root: AttributeSchema
    var findings: [LintFinding] = []
    /// Suggestions already computed, by path text.
    var suggestions: [String: String?] = [:]

    /// The known paths of each context, computed once.
    static let knownPaths: [ExpressionContext: [String]] = {
        var result: [ExpressionContext: [String]] = [:]
        for context in ExpressionContext.allCases { result[context] = AttributeSchema.root(for: context).knownPaths() }
        return result
    }()

    init(context: ExpressionContext) {
        self.context = context
        self.root = AttributeSchema.root(for: context)
    }

    /// What the linter knows about an operand.
    enum Kind {
        case literal(JSONValue)
        case attribute(AttributeSchema)
        /// A path the linter knows nothing about (unknown, open, or wrong context).
        case unknown
    }

    mutating func visit(_ expression: Expression) {
        switch expression {
        case .comparison(let comparison):
            check(comparison)
        case .or(let children):
            for child in children { visit(child) }
        case .and(let children):
            for child in children { visit(child) }
            checkContradictions(children)
        }
    }

    mutating func add(_ code: String, _ message: String, _ offset: Int, suggestion: String? = nil) {
        findings.append(LintFinding(code: code, message: message, offset: offset, suggestion: suggestion))
    }

    // MARK: - One comparison

    mutating func check(_ comparison: Comparison) {
        let left = classify(comparison.left, offset: comparison.leftOffset)
        let right = classify(comparison.right, offset: comparison.rightOffset)
        let op = comparison.operator
        let opText = op.canonicalText

        if case .literal(let a) = left, case .literal(let b) = right {
            let isIdiom =
                (op == .equal || op == .notEqual) && a == .number(1) && b == .number(1)
            if !isIdiom {
                let value = ExpressionValues.compare(a, op, b)
                add(
                    "constant",
                    "'\(comparison.canonicalText)' compares two literals, so it is always \(value)",
                    comparison.leftOffset)
            }
        }

        // Operators applied to the wrong shape.
        if op.isScalarOperator {
            for (kind, operand, offset) in [
                (left, comparison.left, comparison.leftOffset), (right, comparison.right, comparison.rightOffset),
            ] {
                switch kind {
                case .attribute(.list):
                    add(
                        "scalar-op-on-list",
                        "'\(operand.canonicalText)' is a list; \(opText) on a list is always false"
                            + (op == .equal ? " (use \(operand.canonicalText) HAS value)" : ""),
                        comparison.operatorOffset)
                case .literal(.array) where !isLiteral(left) || !isLiteral(right):
                    add(
                        "scalar-op-on-list", "\(opText) with a list literal is always false (use IN for a list)",
                        offset)
                default: break
                }
            }
        } else if op == .has {
            if case .attribute(let schema) = left, schema.isScalar {
                add(
                    "list-op-on-scalar",
                    "'\(comparison.left.canonicalText)' is \(schema.name), not a list; HAS on it is always false "
                        + "(use ==)",
                    comparison.operatorOffset)
            } else if case .literal(let value) = left, ExpressionValues.isScalar(value), !isLiteral(right) {
                add(
                    "list-op-on-scalar", "HAS needs a list on its left; \(ExpressionLiteral.text(value)) is not one",
                    comparison.operatorOffset)
            }
        } else {
            if case .attribute(let schema) = right, schema.isScalar {
                add(
                    "list-op-on-scalar",
                    "'\(comparison.right.canonicalText)' is \(schema.name), not a list; \(opText) needs a list on "
                        + "its right",
                    comparison.operatorOffset)
            } else if case .literal(let value) = right, ExpressionValues.isScalar(value), !isLiteral(left) {
                add(
                    "list-op-on-scalar",
                    "\(opText) needs a list on its right, such as [\(ExpressionLiteral.text(value))]; "
                        + "with a single value it is always false",
                    comparison.operatorOffset)
            }
        }

        checkTypes(comparison, left: left, right: right)
        checkDayOfWeek(comparison)
        checkPII(comparison.left, offset: comparison.leftOffset)
        checkPII(comparison.right, offset: comparison.rightOffset)
    }

    func isLiteral(_ kind: Kind) -> Bool {
        if case .literal = kind { return true }
        return false
    }

    /// Classifies an operand, reporting unknown attributes and wrong-context paths.
    mutating func classify(_ operand: Operand, offset: Int) -> Kind {
        switch operand {
        case .value(let value): return .literal(value)
        case .path(let path): return classify(path, offset: offset)
        }
    }

    mutating func classify(_ path: AttributePath, offset: Int) -> Kind {
        if let builtin = path.builtin {
            return builtin == .unknown ? .unknown : .attribute(AttributeSchema.builtin(builtin))
        }
        let head = path.head ?? ""
        switch context {
        case .workerQueue, .taskFilter:
            if head == "task" || head == "worker" {
                let subject = context == .workerQueue ? "worker" : "task"
                add(
                    "wrong-context",
                    "'\(head).' prefixes belong in a workflow target expression; here the \(subject)'s attributes "
                        + "are at the root (write '\(AttributePath(Array(path.components.dropFirst())).text)')",
                    offset)
                return .unknown
            }
        case .target:
            if head != "task" && head != "worker" {
                add(
                    "wrong-context",
                    "in a workflow target expression every attribute starts with task. or worker. "
                        + "('\(path.text)' has neither)",
                    offset)
                return .unknown
            }
        }
        var schema = root
        for (index, component) in path.components.enumerated() {
            switch (schema, component) {
            case (.open, _):
                return .unknown
            case (.object(let members), .name(let name)):
                if let next = members[name] {
                    schema = next
                    continue
                }
            case (.anyKey(let next), .name):
                schema = next
                continue
            case (.list, .index):
                // An element of a known list: a scalar of unknown type.
                return .unknown
            default:
                break
            }
            reportUnknown(path, failingAt: index, offset: offset)
            return .unknown
        }
        return .attribute(schema)
    }

    mutating func reportUnknown(_ path: AttributePath, failingAt index: Int, offset: Int) {
        let noun: String
        switch context {
        case .workerQueue: noun = "a known worker attribute"
        case .taskFilter: noun = "a known task attribute"
        case .target: noun = "a known task or worker attribute"
        }
        let written = path.text
        let names = path.components.map { component -> String? in
            if case .name(let name) = component { return name }
            return nil
        }
        let suggestion: String?
        if let cached = suggestions[written] {
            suggestion = cached
        } else {
            let all = Self.knownPaths[context] ?? []
            let head = path.head ?? ""
            let sameHead = all.filter { $0.hasPrefix(head + ".") }
            let candidates = (context == .target && !sameHead.isEmpty ? sameHead : all).map { candidate -> String in
                guard candidate.contains("<") else { return candidate }
                // Fill a wildcard step with what the user wrote there.
                var parts = candidate.split(separator: ".").map(String.init)
                for (position, part) in parts.enumerated() where part == "<channel>" {
                    if position < names.count, let name = names[position] { parts[position] = name }
                }
                return parts.joined(separator: ".")
            }
            suggestion = closest(to: written, among: candidates)
            suggestions[written] = suggestion
        }
        var message = "'\(written)' is not \(noun)"
        if index > 0 {
            let parent = AttributePath(Array(path.components.prefix(index))).text
            message += " ('\(parent)' has no '\(AttributePath(Array(path.components.suffix(from: index))).text)')"
        }
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        add("unknown-attribute", message, offset, suggestion: suggestion)
    }

    func closest(to text: String, among candidates: [String]) -> String? {
        var best: (distance: Int, candidate: String)?
        let target = Array(text.lowercased().utf8)
        var previous: [Int] = []
        var current: [Int] = []
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            // The distance is at least the difference in length.
            if let best, abs(other.count - target.count) >= best.distance { continue }
            let distance = Self.editDistance(target, other, previous: &previous, current: &current)
            if best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        return best?.candidate
    }

    /// Levenshtein distance, reusing the two row buffers.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], previous: inout [Int], current: inout [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        if previous.count < width {
            previous = [Int](repeating: 0, count: width)
            current = [Int](repeating: 0, count: width)
        }
        for j in 0..<width { previous[j] = j }
        for i in 1...a.count {
            current[0] = i
            let byte = a[i - 1]
            for j in 1...b.count {
                let substitution = previous[j - 1] + (byte == b[j - 1] ? 0 : 1)
                current[j] = min(min(previous[j], current[j - 1]) + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: - Types

    mutating func checkTypes(_ comparison: Comparison, left: Kind, right: Kind) {
        let op = comparison.operator
        var pairs: [(AttributeSchema, AttributePath, JSONValue, Int)] = []
        switch op {
        case .equal, .notEqual, .greater, .greaterOrEqual, .less, .lessOrEqual:
            if case .attribute(let schema) = left, case .literal(let value) = right, let path = comparison.left.path {
                pairs.append((schema, path, value, comparison.rightOffset))
            }
            if case .attribute(let schema) = right, case .literal(let value) = left, let path = comparison.right.path {
                pairs.append((schema, path, value, comparison.leftOffset))
            }
        case .in, .notIn:
            if case .attribute(let schema) = left, case .literal(.array(let items)) = right,
                let path = comparison.left.path
            {
                for item in items { pairs.append((schema, path, item, comparison.rightOffset)) }
            }
        default:
            break
        }
        var reported = false
        for (schema, path, value, offset) in pairs where !reported {
            let mismatch: Bool
            switch (schema, value) {
            case (.boolean, .string), (.boolean, .number): mismatch = true
            case (.number, .bool): mismatch = true
            case (.number, .string(let text)): mismatch = ExpressionValues.decimalValue(text) == nil
            case (.string, .bool): mismatch = true
            default: mismatch = false
            }
            guard mismatch else { continue }
            reported = true
            var message =
                "'\(path.text)' is \(schema.name) but is compared with \(ExpressionLiteral.text(value)); "
                + "they are never equal"
            if case .boolean = schema, case .string(let text) = value, text == "true" || text == "false" {
                message += " (write \(path.text) \(op.canonicalText) \(text) without quotes)"
            }
            add("type-mismatch", message, offset)
        }
    }

    // MARK: - Day of week

    mutating func checkDayOfWeek(_ comparison: Comparison) {
        let pairs: [(AttributePath?, Operand, Int)] = [
            (comparison.left.path, comparison.right, comparison.rightOffset),
            (comparison.right.path, comparison.left, comparison.leftOffset),
        ]
        for (path, other, offset) in pairs {
            guard let path, path.builtin == .dayOfWeek, case .value(let value) = other else { continue }
            let values: [JSONValue]
            if case .array(let items) = value { values = items } else { values = [value] }
            for case .string(let day) in values where !EvaluationClock.dayNames.contains(day) {
                let fixed = EvaluationClock.dayNames.first { $0.lowercased() == String(day.lowercased().prefix(3)) }
                var message =
                    "taskrouter.dayOfWeek is one of Mon, Tue, Wed, Thu, Fri, Sat, Sun exactly; '\(day)' never matches"
                if let fixed { message += " (write '\(fixed)')" }
                add("day-of-week", message, offset, suggestion: fixed)
            }
        }
    }

    // MARK: - PII

    mutating func checkPII(_ operand: Operand, offset: Int) {
        guard case .value(let value) = operand else { return }
        let values: [JSONValue]
        if case .array(let items) = value { values = items } else { values = [value] }
        for case .string(let text) in values {
            if Self.looksLikeEmail(text) {
                add(
                    "pii",
                    "'\(text)' looks like an email address; Twilio advises against personal data in expressions",
                    offset)
            } else if Self.looksLikePhoneNumber(text) {
                add(
                    "pii",
                    "'\(text)' looks like a phone number; Twilio advises against personal data in expressions",
                    offset)
            }
        }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 3 else { return false }
        let domain = bytes[(at + 1)...]
        guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > at + 1, dot < bytes.count - 1 else {
            return false
        }
        return !bytes.contains(UInt8(ascii: " "))
    }

    /// A `+` followed by 7-15 digits, or 10-15 digits with optional separators, somewhere in the text.
    static func looksLikePhoneNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let plus = bytes[index] == UInt8(ascii: "+")
            var cursor = plus ? index + 1 : index
            var digits = 0
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte >= 0x30 && byte <= 0x39 {
                    digits += 1
                } else if !plus && digits > 0
                    && (byte == 0x20 || byte == UInt8(ascii: "-") || byte == 0x28 || byte == 0x29)
                {
                    // separators inside a number
                } else {
                    break
                }
                cursor += 1
            }
            if plus && digits >= 7 && digits <= 15 { return true }
            if !plus && digits >= 10 && digits <= 15 && index == 0 && cursor == bytes.count { return true }
            index = max(cursor, index + 1)
        }
        return false
    }

    // MARK: - Contradictions

    struct Constraint {
        var equal: [(JSONValue, Int)] = []
        var notEqual: [(JSONValue, Int)] = []
        var inLists: [([JSONValue], Int)] = []
        var notIn: [([JSONValue], Int)] = []
        var lower: (Double, strict: Bool, Int)?
        var upper: (Double, strict: Bool, Int)?
    }

    mutating func checkContradictions(_ children: [Expression]) {
        var constraints: [String: Constraint] = [:]
        var order: [String] = []
        for child in children {
            guard case .comparison(let comparison) = child else { continue }
            var op = comparison.operator
            let path: AttributePath
            let value: JSONValue
            let offset = comparison.leftOffset
            if let leftPath = comparison.left.path, case .value(let literal) = comparison.right {
                path = leftPath
                value = literal
            } else if let rightPath = comparison.right.path, case .value(let literal) = comparison.left {
                path = rightPath
                value = literal
                switch op {
                case .greater: op = .less
                case .greaterOrEqual: op = .lessOrEqual
                case .less: op = .greater
                case .lessOrEqual: op = .greaterOrEqual
                case .equal, .notEqual: break
                default: continue
                }
            } else {
                continue
            }
            let key = path.text
            if constraints[key] == nil { order.append(key) }
            var constraint = constraints[key] ?? Constraint()
            if let conflict = conflict(adding: op, value, offset, to: &constraint) {
                add(
                    "contradiction",
                    "'\(comparison.canonicalText)' contradicts '\(conflict)' in the same AND: "
                        + "the conjunction is always false",
                    offset)
            }
            constraints[key] = constraint
        }
    }

    /// Records one constraint; returns the text of an earlier constraint it contradicts.
    func conflict(adding op: ComparisonOperator, _ value: JSONValue, _ offset: Int, to c: inout Constraint)
        -> String?
    {
        func distinct(_ a: JSONValue, _ b: JSONValue) -> Bool {
            if let x = numeric(a), let y = numeric(b) { return x != y }
            return ExpressionValues.equal(a, b) == false
        }
        func member(_ a: JSONValue, _ list: [JSONValue]) -> Bool { list.contains { !distinct(a, $0) } }
        func describe(_ op: String, _ value: JSONValue) -> String { "\(op) \(ExpressionLiteral.text(value))" }
        var found: String?
        switch op {
        case .equal:
            guard ExpressionValues.isScalar(value) else { return nil }
            if let other = c.equal.first(where: { distinct($0.0, value) }) { found = describe("==", other.0) }
            if let other = c.notEqual.first(where: { !distinct($0.0, value) }) { found = describe("!=", other.0) }
            if let other = c.inLists.first(where: { !member(value, $0.0) }) { found = describe("IN", .array(other.0)) }
            if let other = c.notIn.first(where: { member(value, $0.0) }) { found = describe("NOT IN", .array(other.0)) }
            if let number = numeric(value) {
                if let lower = c.lower, number < lower.0 || (lower.strict && number == lower.0) {
                    found = "a lower bound of \(ExpressionLiteral.numberText(lower.0))"
                }
                if let upper = c.upper, number > upper.0 || (upper.strict && number == upper.0) {
                    found = "an upper bound of \(ExpressionLiteral.numberText(upper.0))"
                }
            }
            c.equal.append((value, offset))
        case .notEqual:
            guard ExpressionValues.isScalar(value) else { return nil }
            if let other = c.equal.first(where: { !distinct($0.0, value) }) { found = describe("==", other.0) }
            c.notEqual.append((value, offset))
        case .in:
            guard case .array(let items) = value else { return nil }
            if let other = c.equal.first(where: { !member($0.0, items) }) { found = describe("==", other.0) }
            if let other = c.inLists.first(where: { list in !items.contains { member($0, list.0) } }) {
                found = describe("IN", .array(other.0))
            }
            if items.isEmpty { found = "itself (IN [] never matches)" }
            c.inLists.append((items, offset))
        case .notIn:
            guard case .array(let items) = value else { return nil }
            if let other = c.equal.first(where: { member($0.0, items) }) { found = describe("==", other.0) }
            c.notIn.append((items, offset))
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            guard let number = numeric(value) else { return nil }
            let strict = op == .greater || op == .less
            if op == .greater || op == .greaterOrEqual {
                if c.lower == nil || number > c.lower!.0 || (number == c.lower!.0 && strict) {
                    c.lower = (number, strict, offset)
                }
            } else {
                if c.upper == nil || number < c.upper!.0 || (number == c.upper!.0 && strict) {
                    c.upper = (number, strict, offset)
                }
            }
            if let lower = c.lower, let upper = c.upper,
                lower.0 > upper.0 || (lower.0 == upper.0 && (lower.strict || upper.strict))
            {
                found =
                    "the bounds > \(ExpressionLiteral.numberText(lower.0)) and < \(ExpressionLiteral.numberText(upper.0))"
            }
            if let number = c.equal.compactMap({ numeric($0.0) }).first {
                if let lower = c.lower, number < lower.0 || (lower.strict && number == lower.0) {
                    found = "== \(ExpressionLiteral.numberText(number))"
                }
                if let upper = c.upper, number > upper.0 || (upper.strict && number == upper.0) {
                    found = "== \(ExpressionLiteral.numberText(number))"
                }
            }
        default:
            return nil
        }
        return found
    }

    func numeric(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text): ExpressionValues.decimalValue(text)
        default: nil
        }
    }
}
