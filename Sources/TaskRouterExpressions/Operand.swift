/// One side of a comparison: an attribute path or a literal value.
///
/// Literal values are scalars (`string`, `number`, `bool`, `null`) or an `array` of
/// scalars (a list literal); the parser never produces an `object` or a nested array here.
public enum Operand: Sendable, Hashable {
    case path(AttributePath)
    case value(JSONValue)
}

extension Operand {
    /// The attribute path, when this operand is one.
    public var path: AttributePath? {
        if case .path(let path) = self { return path }
        return nil
    }

    /// The literal value, when this operand is one.
    public var literal: JSONValue? {
        if case .value(let value) = self { return value }
        return nil
    }
}
