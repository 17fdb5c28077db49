/// One comparison `left operator right`, with the source offsets of its parts when it came
/// from the parser. Offsets are 0-based Unicode scalar offsets into the parsed text and
/// take no part in equality or hashing.
///
/// Immutable; a class so that evaluation reads it without copying its parts.
public final class Comparison: Sendable {
    public let left: Operand
    public let `operator`: ComparisonOperator
    public let right: Operand
    /// Offset of the left operand (0 when the comparison was not parsed from text).
    public let leftOffset: Int
    /// Offset of the operator token.
    public let operatorOffset: Int
    /// Offset of the right operand.
    public let rightOffset: Int

    /// How each side is read during evaluation, decided once.
    enum Side: Sendable {
        case literal(JSONValue)
        /// A path of names only, not a built-in: looked up key by key.
        case names([AttributePath.Component])
        /// Any other path (indices, `taskrouter.*`).
        case path(AttributePath)
    }

    let leftSide: Side
    let rightSide: Side

    public init(
        left: Operand, operator: ComparisonOperator, right: Operand, leftOffset: Int = 0, operatorOffset: Int = 0,
        rightOffset: Int = 0
    ) {
        self.left = left
        self.operator = `operator`
        self.right = right
        self.leftOffset = leftOffset
        self.operatorOffset = operatorOffset
        self.rightOffset = rightOffset
        self.leftSide = Self.side(of: left)
        self.rightSide = Self.side(of: right)
    }

    private static func side(of operand: Operand) -> Side {
        switch operand {
        case .value(let value): return .literal(value)
        case .path(let path):
            guard path.builtin == nil else { return .path(path) }
            for component in path.components {
                guard case .name = component else { return .path(path) }
            }
            return .names(path.components)
        }
    }
}

extension Comparison: Hashable {
    public static func == (lhs: Comparison, rhs: Comparison) -> Bool {
        lhs === rhs || (lhs.operator == rhs.operator && lhs.left == rhs.left && lhs.right == rhs.right)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(left)
        hasher.combine(`operator`)
        hasher.combine(right)
    }
}
