/// The associated data that binds a sealed TaskRouter secret to its company and field.
public enum SyncSecrets {
    public enum Field: String, Sendable { case authToken, apiKeySecret }

    /// `twpc:<company id>:<field>`.
    public static func context(_ companyID: String, _ field: Field) -> String { "twpc:\(companyID):\(field.rawValue)" }
}
