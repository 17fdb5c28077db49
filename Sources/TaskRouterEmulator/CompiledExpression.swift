import TaskRouterExpressions

/// A TaskRouter expression checked once (when a queue or workflow is written)
/// and evaluated many times during routing. The only place the emulator talks
/// to the expression parser and evaluator (`TaskRouterExpressions`).
struct CompiledExpression: Sendable {
    /// The text as the client sent it.
    let text: String
    /// `nil` for an empty text, which matches nothing (Twilio: tasks wait in such a queue).
    private let expression: Expression?

    /// Parses `text`; throws a message naming the syntax error and its offset.
    init(_ text: String, allowEmpty: Bool = false) throws(ExpressionProblem) {
        self.text = text
        if allowEmpty && text.allSatisfy(\.isWhitespace) {
            expression = nil
            return
        }
        do {
            expression = try ExpressionParser.parse(text)
        } catch {
            throw ExpressionProblem(message: error.description)
        }
    }

    /// Evaluates against `context` with the clock at `secondsSince1970`.
    func matches(_ context: JSONValue, at secondsSince1970: Double) -> Bool {
        expression?.evaluate(context, clock: EvaluationClock(secondsSince1970: secondsSince1970)) ?? false
    }
}

/// Why an expression was rejected: the parser's one-line message.
struct ExpressionProblem: Error, Sendable {
    let message: String
}
