import TaskRouterExpressions

/// A TaskRouter expression checked once (when a queue or workflow is written)
/// and evaluated many times during routing. The only place the emulator talks
/// to the expression parser and evaluator.
struct CompiledExpression: Sendable {
    /// The text as the client sent it.
    let text: String

    /// Parses `text`; throws a message naming the syntax error (with its offset).
    init(_ text: String) throws(ExpressionProblem) {
        self.text = text
        // Placeholder until TaskRouterExpressions' parser lands: only balance is checked.
        var depth = 0
        var quote: Character?
        for (offset, character) in text.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(", "[": depth += 1
            case ")", "]":
                depth -= 1
                if depth < 0 { throw ExpressionProblem(message: "unexpected '\(character)' at offset \(offset)") }
            default: break
            }
        }
        if text.allSatisfy(\.isWhitespace) { throw ExpressionProblem(message: "empty expression at offset 0") }
        if quote != nil || depth != 0 { throw ExpressionProblem(message: "unexpected end of expression") }
    }

    /// Evaluates against `context` with the clock at `secondsSince1970`.
    func matches(_ context: JSONValue, at secondsSince1970: Double) -> Bool {
        // Placeholder until TaskRouterExpressions' evaluator lands.
        let compact = text.filter { !$0.isWhitespace }
        return compact == "1==1" || compact == "true"
    }
}

/// Why an expression was rejected: the parser's one-line message.
struct ExpressionProblem: Error, Sendable {
    let message: String
}
