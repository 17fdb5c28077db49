/// One token of an expression (internal to the lexer and parser).
struct ExpressionToken {
    enum Kind: Equatable {
        case end
        case leftParen
        case rightParen
        case leftBracket
        case rightBracket
        case comma
        case path([AttributePath.Component])
        case string(String)
        case number(Double)
        case trueKeyword
        case falseKeyword
        case nullKeyword
        case and
        case or
        case not
        case comparison(ComparisonOperator)
    }

    var kind: Kind
    /// Byte offset of the first byte in the UTF-8 text.
    var start: Int
    /// Byte offset just past the token.
    var end: Int
    /// Unicode scalar offset of the token (what errors and lint findings report).
    var offset: Int

    /// The literal value of a string, number, boolean or null token.
    var literal: JSONValue? {
        switch kind {
        case .string(let value): .string(value)
        case .number(let value): .number(value)
        case .trueKeyword: .bool(true)
        case .falseKeyword: .bool(false)
        case .nullKeyword: .null
        default: nil
        }
    }
}
