import PairingCore

/// What a successful run wrote, stored with the run (`syncedState`) to compute `inSync`:
/// the desired state and where it went.
struct SyncedState: Codable, Hashable {
    /// `embedded`, or `<base URL> <workspace sid>` of the company's target.
    var target: String
    var state: SyncDesiredState

    static func target(_ stored: StoredTaskRouterTarget?) -> String {
        stored.map { "\($0.baseURL) \($0.workspaceSID)" } ?? "embedded"
    }
}
