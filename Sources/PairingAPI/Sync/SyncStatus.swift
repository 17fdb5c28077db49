import Foundation

/// `data` of `GET .../task-worker-pairing-configs/sync`: the latest run plus `inSync`.
public struct SyncStatus: Sendable, Hashable {
    public var companyID: String
    /// The latest non-dry run record (JSON), nil when the company never synced.
    public var latestRunDocument: String?
    /// Whether the live configs match what the last successful sync wrote.
    public var inSync: Bool

    /// The JSON object: the run record with `inSync` appended, or a minimal object when never synced.
    public func json() -> String {
        let flag = inSync ? "true" : "false"
        if let document = latestRunDocument, document.hasSuffix("}"), document.count > 2 {
            return String(document.dropLast()) + ",\"inSync\":\(flag)}"
        }
        return "{\"id\":null,\"object\":\"taskWorkerPairingConfigSync\",\"companyId\":"
            + SyncStatus.quote(companyID) + ",\"status\":null,\"inSync\":\(flag)}"
    }

    private static func quote(_ text: String) -> String { JSONText.quote(text) }
}
