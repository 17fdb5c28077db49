/// A lending company: the tenant that owns pairing configs, API keys and a TaskRouter target.
public struct Company: Sendable, Hashable, Codable {
    /// `CP-XXXX-XXXX`.
    public var id: String
    public var name: String
    /// Microseconds since the Unix epoch, UTC.
    public var createdAt: Int64

    public init(id: String, name: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
