/// Who a request acts as, after authentication: a company's key, or an admin key.
public struct Principal: Sendable, Hashable {
    /// The API key's public id (`AK-...`).
    public var keyID: String
    /// The key's company; nil for an admin key valid for every company.
    public var companyID: String?

    public init(keyID: String, companyID: String?) {
        self.keyID = keyID
        self.companyID = companyID
    }

    public var isAdmin: Bool { companyID == nil }
}
