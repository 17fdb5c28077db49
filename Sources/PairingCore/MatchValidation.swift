/// The outcome of validating a raw `workerMatch` or `taskMatch`: the normalized value when
/// there are no errors, the errors (each naming its field path), and warnings that do not block.
public struct MatchValidation<Value: Sendable>: Sendable {
    public var value: Value?
    public var errors: [FieldIssue]
    public var warnings: [FieldIssue]

    public init(value: Value?, errors: [FieldIssue] = [], warnings: [FieldIssue] = []) {
        self.value = value
        self.errors = errors
        self.warnings = warnings
    }

    /// True when there are no errors (warnings allowed).
    public var isValid: Bool { errors.isEmpty && value != nil }
}
