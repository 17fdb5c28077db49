/// A parsed TaskRouter expression (expressions.md sections 1-3).
///
/// `and` and `or` are n-ary: the parser flattens `a AND (b AND c)` into one `and` node with
/// three children, and never produces a node with fewer than two children. AND binds
/// tighter than OR. Equality of expressions ignores source offsets, so
/// `parse(print(ast)) == ast` holds for every AST in the form the parser produces.
public indirect enum Expression: Sendable, Hashable {
    /// All children hold (short-circuits left to right).
    case and([Expression])
    /// Some child holds (short-circuits left to right).
    case or([Expression])
    /// One comparison `left operator right`.
    case comparison(Comparison)
}

extension Expression {
    /// The comparison `left op right`, with no source offsets.
    public static func compare(_ left: Operand, _ op: ComparisonOperator, _ right: Operand) -> Expression {
        .comparison(Comparison(left: left, operator: op, right: right))
    }

    /// Every comparison of the expression, in source order.
    public var comparisons: [Comparison] {
        var result: [Comparison] = []
        collectComparisons(into: &result)
        return result
    }

    private func collectComparisons(into result: inout [Comparison]) {
        switch self {
        case .comparison(let comparison): result.append(comparison)
        case .and(let children), .or(let children):
            for child in children { child.collectComparisons(into: &result) }
        }
    }
}

/// `Expression` under a name that does not collide with `Foundation.Expression` in files that
/// import both modules.
public typealias TaskRouterExpression = Expression
