/// Errors a `PairingStore` reports. Cases other than `database` are expected
/// outcomes the API turns into 4xx/503; `database` carries detail for the log only.
public enum StoreError: Error, Sendable, Equatable {
    /// Another live config of the company already has this externalId (409).
    case duplicateExternalID(String)
    /// The company already holds the maximum number of live configs (409).
    case configLimitReached(Int)
    /// `If-Match` did not match; carries the current version (412).
    case versionMismatch(current: Int64)
    /// No such live object.
    case notFound
    /// The default config cannot be deleted (409).
    case cannotDeleteDefault
    /// A sync of this company is already running; carries the running run's id if known (409).
    case syncInProgress(String?)
    /// The database cannot be reached right now (503); retrying later may work.
    case unavailable(String)
    /// Anything else from the database: code, message and SQL, for the log, never for clients.
    case database(code: Int32, message: String, sql: String)
}
