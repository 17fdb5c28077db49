import TaskRouterExpressions

extension ConfigBodyValidator {
    /// Lint findings for a valid override expression (expressions.md section 6), returned as
    /// `warnings`. The linter (`ExpressionLinter.lint(_:context:)`) is not in this build yet, so
    /// this finds nothing until it lands; the call site and the warning format are in place.
    static func lintFindings(_ expression: Expression, context: ExpressionContext) -> [LintFinding] {
        []
    }
}
