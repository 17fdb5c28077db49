/// Parses TaskRouter expression text (expressions.md sections 1-2).
public enum ExpressionParser {
    /// The longest text `parse(_:)` accepts, in Unicode scalars (1 MiB, the most a TaskRouter
    /// workflow document holds). Compiled expressions can be long: 500 ids of 100 characters.
    public static let defaultMaximumLength = 1 << 20
    /// The longest raw override expression the API accepts (api.md section 8); pass it as
    /// `maximumLength` to refuse longer text with a syntax error at offset 8192.
    public static let maximumOverrideLength = 8192
    /// The deepest nesting of parentheses accepted.
    public static let maximumDepth = 256

    /// Parses `text` into an expression, or throws the offset of the offending token and a
    /// readable message. Never traps, whatever the input.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        try parse(text, maximumLength: defaultMaximumLength)
    }

    /// Parses `text`, accepting up to `maximumLength` Unicode scalars.
    public static func parse(_ text: String, maximumLength: Int) throws(ExpressionSyntaxError) -> Expression {
        let utf8 = text.utf8
        if utf8.count > maximumLength {
            let scalarCount = text.unicodeScalars.count
            if scalarCount > maximumLength {
                throw ExpressionSyntaxError(
                    offset: maximumLength,
                    message: "the expression is \(scalarCount) characters long; at most \(maximumLength) are allowed")
            }
        }
        let result: Result<Expression, ExpressionSyntaxError>? = utf8.withContiguousStorageIfAvailable { buffer in
            parse(bytes: buffer)
        }
        if let result { return try result.get() }
        let bytes = Array(utf8)
        return try bytes.withUnsafeBufferPointer { buffer in parse(bytes: buffer) }.get()
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<Expression, ExpressionSyntaxError> {
        do {
            var parser = try ExpressionParserState(bytes: bytes)
            return .success(try parser.parseWhole())
        } catch {
            return .failure(error)
        }
    }
}

/// Recursive descent over the token stream.
struct ExpressionParserState {
    private var lexer: ExpressionLexer
    private var token: ExpressionToken
    private var depth = 0
    /// Byte offset just past the last consumed token.
    private var lastEnd = 0

    init(bytes: UnsafeBufferPointer<UInt8>) throws(ExpressionSyntaxError) {
        lexer = ExpressionLexer(bytes: bytes)
        token = try lexer.next()
    }

    private mutating func advance() throws(ExpressionSyntaxError) {
        lastEnd = token.end
        token = try lexer.next()
    }

    mutating func parseWhole() throws(ExpressionSyntaxError) -> Expression {
        if token.kind == .end {
            throw ExpressionSyntaxError(offset: 0, message: "the expression is empty; write a comparison such as 1==1")
        }
        let expression = try parseDisjunction()
        guard token.kind == .end else { throw trailing() }
        return expression
    }

    private mutating func parseDisjunction() throws(ExpressionSyntaxError) -> Expression {
        let first = try parseConjunction()
        guard token.kind == .or else { return first }
        var children: [Expression] = []
        children.reserveCapacity(4)
        append(first, to: &children, flatteningOr: true)
        while token.kind == .or {
            try advance()
            append(try parseConjunction(), to: &children, flatteningOr: true)
        }
        return .or(children)
    }

    private mutating func parseConjunction() throws(ExpressionSyntaxError) -> Expression {
        let first = try parsePrimary()
        guard token.kind == .and else { return first }
        var children: [Expression] = []
        children.reserveCapacity(4)
        append(first, to: &children, flatteningOr: false)
        while token.kind == .and {
            try advance()
            append(try parsePrimary(), to: &children, flatteningOr: false)
        }
        return .and(children)
    }

    private func append(_ expression: Expression, to children: inout [Expression], flatteningOr: Bool) {
        switch expression {
        case .or(let nested) where flatteningOr: children.append(contentsOf: nested)
        case .and(let nested) where !flatteningOr: children.append(contentsOf: nested)
        default: children.append(expression)
        }
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        switch token.kind {
        case .leftParen:
            let open = token
            depth += 1
            if depth > ExpressionParser.maximumDepth {
                throw ExpressionSyntaxError(
                    offset: open.offset,
                    message: "parentheses nest deeper than \(ExpressionParser.maximumDepth) levels")
            }
            try advance()
            let inner = try parseDisjunction()
            guard token.kind == .rightParen else {
                if token.kind == .end {
                    throw ExpressionSyntaxError(
                        offset: token.offset,
                        message: "expected ')' to close the '(' at offset \(open.offset), but the expression ends")
                }
                throw ExpressionSyntaxError(
                    offset: token.offset,
                    message: "expected AND, OR or ')' after a complete comparison, found \(describe(token))")
            }
            depth -= 1
            try advance()
            return inner
        case .not:
            throw standaloneNot(token)
        default:
            return .comparison(try parseComparison())
        }
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Comparison {
        let leftToken = token
        let left = try parseOperand(after: nil)
        let operatorToken = token
        let op: ComparisonOperator
        switch token.kind {
        case .comparison(let comparison):
            op = comparison
            try advance()
        case .not:
            try advance()
            switch token.kind {
            case .comparison(.in):
                op = .notIn
                try advance()
            case .comparison(.has):
                throw ExpressionSyntaxError(
                    offset: token.offset,
                    message: "NOT HAS is not TaskRouter syntax; only NOT IN can be negated: write "
                        + "value NOT IN \(lexer.text(of: leftToken)) instead of \(lexer.text(of: leftToken)) NOT HAS value"
                )
            case .comparison(.contains):
                throw ExpressionSyntaxError(
                    offset: token.offset,
                    message: "NOT CONTAINS is not TaskRouter syntax; only NOT IN can be negated "
                        + "(list the allowed values with IN, or compare with !=)")
            default:
                throw standaloneNot(operatorToken)
            }
        default:
            throw missingOperator(after: leftToken)
        }
        let right = try parseOperand(after: operatorToken)
        return Comparison(
            left: left.operand, operator: op, right: right.operand, leftOffset: leftToken.offset,
            operatorOffset: operatorToken.offset, rightOffset: right.offset)
    }

    private mutating func parseOperand(after operatorToken: ExpressionToken?) throws(ExpressionSyntaxError) -> (
        operand: Operand, offset: Int
    ) {
        let start = token
        switch token.kind {
        case .path(let components):
            try advance()
            return (.path(AttributePath(components)), start.offset)
        case .leftBracket:
            return (.value(try parseList()), start.offset)
        case .not where operatorToken == nil:
            throw standaloneNot(token)
        default:
            if let literal = token.literal {
                try advance()
                return (.value(literal), start.offset)
            }
            var message = "expected a value or attribute"
            if let operatorToken { message += " after '\(lexer.text(of: operatorToken))'" }
            if token.kind == .end {
                message += ", but the expression ends"
            } else {
                message += ", found \(describe(token))"
                if token.kind == .leftParen { message += "; parentheses group comparisons, not values" }
            }
            throw ExpressionSyntaxError(offset: token.offset, message: message)
        }
    }

    private mutating func parseList() throws(ExpressionSyntaxError) -> JSONValue {
        let open = token
        try advance()
        var items: [JSONValue] = []
        if token.kind == .rightBracket {
            try advance()
            return .array(items)
        }
        while true {
            if let literal = token.literal {
                items.append(literal)
                try advance()
            } else {
                let message: String
                switch token.kind {
                case .path:
                    let name = lexer.text(of: token)
                    message = "list items must be literals; '\(name)' is an attribute (quote it if it is a string)"
                case .leftBracket:
                    message = "list items must be literals; lists cannot contain lists"
                case .rightBracket:
                    message = "list items must be literals; remove the trailing ',' before ']'"
                case .end:
                    message = "the list opened at offset \(open.offset) is never closed"
                default:
                    message = "list items must be literals, found \(describe(token))"
                }
                throw ExpressionSyntaxError(offset: token.offset, message: message)
            }
            switch token.kind {
            case .comma:
                try advance()
            case .rightBracket:
                try advance()
                return .array(items)
            case .end:
                throw ExpressionSyntaxError(
                    offset: token.offset,
                    message: "expected ',' or ']', but the expression ends (the list opened at offset "
                        + "\(open.offset) is never closed)")
            default:
                throw ExpressionSyntaxError(
                    offset: token.offset, message: "expected ',' or ']' between list items, found \(describe(token))")
            }
        }
    }

    // MARK: - Errors

    private func standaloneNot(_ notToken: ExpressionToken) -> ExpressionSyntaxError {
        ExpressionSyntaxError(
            offset: notToken.offset,
            message: "a standalone NOT is not TaskRouter syntax; only NOT IN exists "
                + "(negate a comparison instead: != for ==, NOT IN for IN)")
    }

    private func missingOperator(after operand: ExpressionToken) -> ExpressionSyntaxError {
        let source = lexer.text(from: operand.start, to: max(lastEnd, operand.end))
        let shown = Self.shorten(source)
        let what: String
        let alone: String
        switch operand.kind {
        case .path:
            what = "'\(shown)'"
            alone = "an attribute alone is not a comparison (write \(shown) == true)"
        case .leftBracket:
            what = "the list \(shown)"
            alone = "a list alone is not a comparison (write attribute IN \(shown))"
        case .string:
            what = shown
            alone = "a value alone is not a comparison (write attribute == \(shown))"
        default:
            what = "'\(shown)'"
            alone = "a value alone is not a comparison (write a comparison such as isManager == true)"
        }
        switch token.kind {
        case .end, .and, .or, .rightParen:
            return ExpressionSyntaxError(offset: token.offset, message: "expected an operator after \(what); \(alone)")
        default:
            return ExpressionSyntaxError(
                offset: token.offset, message: "expected an operator after \(what), found \(describe(token))")
        }
    }

    /// The text on one line (control characters as spaces), at most 60 characters.
    static func shorten(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > 57 && text.unicodeScalars.count > 60 {
                scalars.append(contentsOf: "...".unicodeScalars)
                break
            }
            scalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        return String(scalars)
    }

    private func trailing() -> ExpressionSyntaxError {
        let message: String
        switch token.kind {
        case .rightParen:
            message = "unexpected ')' with no matching '('"
        case .comma:
            message =
                "unexpected ','; to match one of several values write attribute IN ['a', 'b'] "
                + "(or join comparisons with OR)"
        case .comparison:
            message = "unexpected \(describe(token)) after a complete comparison"
        default:
            message = "unexpected \(describe(token)) after a complete comparison; join comparisons with AND or OR"
        }
        return ExpressionSyntaxError(offset: token.offset, message: message)
    }

    private func describe(_ token: ExpressionToken) -> String {
        if token.kind == .end { return "the end of the expression" }
        return "'\(Self.shorten(lexer.text(of: token)))'"
    }
}
