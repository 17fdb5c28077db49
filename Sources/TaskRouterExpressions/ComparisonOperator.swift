/// A comparison operator. The aliases of the language map onto these: `=` is `equal`,
/// `>-` is `has`, `<-` is `in`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case has = "HAS"
    case `in` = "IN"
    case notIn = "NOT IN"
    case contains = "CONTAINS"

    /// The canonical spelling (`==`, `HAS`, `NOT IN`, ...).
    public var canonicalText: String { rawValue }

    /// True for the operators that compare two scalars (`==`, `!=`, ordering, `CONTAINS`).
    public var isScalarOperator: Bool {
        switch self {
        case .has, .in, .notIn: false
        default: true
        }
    }
}
