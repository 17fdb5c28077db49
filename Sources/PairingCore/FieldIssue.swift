/// A validation error or warning about one field of a request body, named by its path
/// (`workerMatch.teamIds[2]`), as it appears in the API's `errors[]` and `warnings[]`.
public struct FieldIssue: Sendable, Hashable, Codable {
    public var field: String
    public var message: String
    /// Character offset inside an expression field, when the issue is about one.
    public var position: Int?

    public init(field: String, message: String, position: Int? = nil) {
        self.field = field
        self.message = message
        self.position = position
    }
}
