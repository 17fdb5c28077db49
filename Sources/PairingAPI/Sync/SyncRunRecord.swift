import Foundation
import PairingCore
import TaskRouterClient
import TaskRouterExpressions

/// A sync run as the API returns it (sync.md section 4); encodes keys in the documented order.
public struct SyncRunRecord: Sendable, Hashable, Encodable {
    /// One write (or, in a dry run, a planned write).
    public struct Change: Sendable, Hashable, Encodable {
        /// The queue or workflow fields before / after the change.
        public struct State: Sendable, Hashable, Encodable {
            public var targetWorkers: String?
            public var friendlyName: String?
            public var configuration: JSONValue?
        }

        public var action: String
        public var configID: String?
        /// The queue or workflow sid; nil in a dry run for something not created yet.
        public var sid: String?
        public var before: State?
        public var after: State?

        enum CodingKeys: String, CodingKey { case action, configId, sid, before, after }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(action, forKey: .action)
            try container.encode(configID, forKey: .configId)
            try container.encode(sid, forKey: .sid)
            try container.encode(before, forKey: .before)
            try container.encode(after, forKey: .after)
        }
    }

    public struct Warning: Sendable, Hashable, Encodable {
        public var message: String
    }

    /// Why a run failed: Twilio's status, code and message when Twilio refused.
    public struct Failure: Sendable, Hashable, Encodable {
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

        enum CodingKeys: String, CodingKey { case message, status, code, moreInfo }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(status, forKey: .status)
            try container.encode(code, forKey: .code)
            try container.encode(moreInfo, forKey: .moreInfo)
        }
    }

    public var id: String
    public var companyID: String
    /// `running`, `succeeded`, `failed` or `succeededWithWarnings`.
    public var status: String
    public var dryRun: Bool
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var changes: [Change]
    public var warnings: [Warning]
    public var error: Failure?
    public var twilioRequests: Int
    public var workflowSID: String?

    enum CodingKeys: String, CodingKey {
        case id, object, companyId, status, dryRun, startedAt, finishedAt, changes, warnings, error, twilioRequests
        case workflowSid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode("taskWorkerPairingConfigSync", forKey: .object)
        try container.encode(companyID, forKey: .companyId)
        try container.encode(status, forKey: .status)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(SyncTimestamp.format(startedAt), forKey: .startedAt)
        try container.encode(finishedAt.map(SyncTimestamp.format), forKey: .finishedAt)
        try container.encode(changes, forKey: .changes)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(error, forKey: .error)
        try container.encode(twilioRequests, forKey: .twilioRequests)
        try container.encode(workflowSID, forKey: .workflowSid)
    }

    /// The record as JSON text (keys in documented order, `/` not escaped).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
