/// A lint warning about an expression (expressions.md section 6). Never blocking.
public struct LintFinding: Sendable, Hashable {
    /// Stable code: `unknown-attribute`, `scalar-op-on-list`, `list-op-on-scalar`, `type-mismatch`,
    /// `constant`, `day-of-week`, `wrong-context`, `contradiction`, `pii`.
    public let code: String
    /// One readable sentence.
    public let message: String
    /// 0-based Unicode scalar offset in the expression text (0 for ASTs not parsed from text).
    public let offset: Int
    /// For `unknown-attribute`: the closest known attribute path.
    public let suggestion: String?

    public init(code: String, message: String, offset: Int, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.suggestion = suggestion
    }
}
