import PairingCore
import TaskRouterClient

/// A sync run as the API returns it (sync.md section 4). `json()` writes keys in the documented order.
public struct SyncRunRecord: Sendable, Hashable {
    /// One write (or, in a dry run, a planned write).
    public struct Change: Sendable, Hashable {
        /// The queue or workflow fields before / after the change; absent fields are omitted.
        public struct State: Sendable, Hashable {
            public var targetWorkers: String?
            public var friendlyName: String?
            /// The workflow configuration as JSON text (embedded as an object).
            public var configuration: String?

            func json() -> String {
                var members: [String] = []
                if let targetWorkers { members.append("\"targetWorkers\":" + JSONText.quote(targetWorkers)) }
                if let friendlyName { members.append("\"friendlyName\":" + JSONText.quote(friendlyName)) }
                if let configuration { members.append("\"configuration\":" + JSONText.embed(configuration)) }
                return "{" + members.joined(separator: ",") + "}"
            }
        }

        public var action: String
        public var configID: String?
        /// The queue or workflow sid; nil in a dry run for something not created yet.
        public var sid: String?
        public var before: State?
        public var after: State?

        func json() -> String {
            "{\"action\":" + JSONText.quote(action) + ",\"configId\":" + JSONText.quote(configID) + ",\"sid\":"
                + JSONText.quote(sid) + ",\"before\":" + (before?.json() ?? "null") + ",\"after\":"
                + (after?.json() ?? "null") + "}"
        }
    }

    public struct Warning: Sendable, Hashable {
        public var message: String
    }

    /// Why a run failed: Twilio's status, code and message when Twilio refused.
    public struct Failure: Sendable, Hashable {
        public var message: String
        public var status: Int?
        public var code: Int?
        public var moreInfo: String?

        init(message: String, status: Int? = nil, code: Int? = nil, moreInfo: String? = nil) {
            self.message = message
            self.status = status
            self.code = code
            self.moreInfo = moreInfo
        }

        init(_ error: TaskRouterError) {
            self.init(message: error.message, status: error.status, code: error.code, moreInfo: error.moreInfo)
        }

        func json() -> String {
            "{\"message\":" + JSONText.quote(message) + ",\"status\":" + (status.map(String.init) ?? "null")
                + ",\"code\":" + (code.map(String.init) ?? "null") + ",\"moreInfo\":" + JSONText.quote(moreInfo) + "}"
        }
    }

    public var id: String
    public var companyID: String
    /// `running`, `succeeded`, `failed` or `succeededWithWarnings`.
    public var status: String
    public var dryRun: Bool
    /// Microseconds since the Unix epoch.
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var changes: [Change]
    public var warnings: [Warning]
    public var error: Failure?
    /// HTTP requests sent to TaskRouter (retries included).
    public var twilioRequests: Int
    public var workflowSID: String?

    /// The record as JSON text, keys in documented order.
    public func json() -> String {
        var out = "{\"id\":" + JSONText.quote(id)
        out += ",\"object\":\"taskWorkerPairingConfigSync\""
        out += ",\"companyId\":" + JSONText.quote(companyID)
        out += ",\"status\":" + JSONText.quote(status)
        out += ",\"dryRun\":" + (dryRun ? "true" : "false")
        out += ",\"startedAt\":" + JSONText.quote(SyncTimestamp.format(startedAt))
        out += ",\"finishedAt\":" + JSONText.quote(finishedAt.map(SyncTimestamp.format))
        out += ",\"changes\":[" + changes.map { $0.json() }.joined(separator: ",") + "]"
        out +=
            ",\"warnings\":["
            + warnings.map { "{\"message\":" + JSONText.quote($0.message) + "}" }.joined(separator: ",")
            + "]"
        out += ",\"error\":" + (error?.json() ?? "null")
        out += ",\"twilioRequests\":\(twilioRequests)"
        out += ",\"workflowSid\":" + JSONText.quote(workflowSID)
        return out + "}"
    }
}
