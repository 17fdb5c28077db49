/// A stored API key: never the key itself, only its SHA-256 hash (hex).
public struct APIKeyRecord: Sendable, Hashable, Codable {
    /// Public id of the key, `AK-XXXX-XXXX` (used to revoke it).
    public var id: String
    /// The company the key belongs to; nil for an admin key valid for every company.
    public var companyID: String?
    /// Lower-case hex SHA-256 of the key.
    public var hash: String
    public var createdAt: Int64
    public var revokedAt: Int64?

    public init(id: String, companyID: String?, hash: String, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.companyID = companyID
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isAdmin: Bool { companyID == nil }
}
