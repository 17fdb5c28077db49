/// One comparison `left operator right`, with the source offsets of its parts when it came
/// from the parser. Offsets are 0-based Unicode scalar offsets into the parsed text and
/// take no part in equality or hashing.
public struct Comparison: Sendable {
    public var left: Operand
    public var `operator`: ComparisonOperator
    public var right: Operand
    /// Offset of the left operand (0 when the comparison was not parsed from text).
    public var leftOffset: Int
    /// Offset of the operator token.
    public var operatorOffset: Int
    /// Offset of the right operand.
    public var rightOffset: Int

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
    }
}

extension Comparison: Hashable {
    public static func == (lhs: Comparison, rhs: Comparison) -> Bool {
        lhs.operator == rhs.operator && lhs.left == rhs.left && lhs.right == rhs.right
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(left)
        hasher.combine(`operator`)
        hasher.combine(right)
    }
}
