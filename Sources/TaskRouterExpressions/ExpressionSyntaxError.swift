/// Why a text is not a TaskRouter expression: the 0-based offset (in Unicode scalars) of
/// the offending token — the end of the text when it ends early — and one readable sentence.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message at offset N`.
    public var description: String { "\(message) at offset \(offset)" }
}
