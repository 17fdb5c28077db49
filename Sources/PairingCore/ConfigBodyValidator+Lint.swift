import TaskRouterExpressions

extension ConfigBodyValidator {
    /// Lint findings for a valid override expression (expressions.md section 6), returned as
    /// `warnings`; they never block the write.
    static func lintFindings(_ expression: Expression, context: ExpressionContext) -> [LintFinding] {
        ExpressionLinter.lint(expression, context: context)
    }
}
