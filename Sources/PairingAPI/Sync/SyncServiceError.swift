import PairingStore

/// Why a sync could not even start (a run that starts and fails is a `failed` run record instead).
public enum SyncServiceError: Error, Sendable, Equatable {
    /// No such company (404).
    case companyNotFound(String)
    /// Another sync of the company is running; carries its run id when known (409).
    case inProgress(runID: String?)
    /// The company has no TaskRouter target and this process knows no embedded emulator (503);
    /// carries what to set.
    case noTarget(String)
    /// The store failed (503 for `unavailable`, else 500).
    case store(StoreError)
}
