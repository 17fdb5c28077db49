import Foundation
import TaskRouterExpressions

/// The workflow `configuration` sync writes (sync.md section 1): one filter per
/// non-default config in evaluation order, and the default config's queue as
/// `default_filter`.
public struct SyncWorkflowConfiguration: Sendable, Hashable {
    public struct Filter: Sendable, Hashable {
        public var friendlyName: String
        public var expression: String
        public var queue: SyncQueueReference

        public init(friendlyName: String, expression: String, queue: SyncQueueReference) {
            self.friendlyName = friendlyName
            self.expression = expression
            self.queue = queue
        }
    }

    public var filters: [Filter]
    public var defaultQueue: SyncQueueReference

    public init(filters: [Filter], defaultQueue: SyncQueueReference) {
        self.filters = filters
        self.defaultQueue = defaultQueue
    }

    /// Whether it names a queue that does not exist yet.
    public var namesNewQueues: Bool {
        (filters.map(\.queue) + [defaultQueue]).contains { if case .new = $0 { true } else { false } }
    }

    /// The JSON text, keys in the documented order. Queues not created yet (a dry
    /// run) appear as `<new queue for TP-...>`.
    public func text(created: [String: String] = [:]) -> String {
        func sid(_ reference: SyncQueueReference) -> String {
            if let sid = reference.resolve(created) { return sid }
            if case .new(let configID) = reference { return "<new queue for \(configID)>" }
            return ""
        }
        var out = "{\"task_routing\":{\"filters\":["
        for (index, filter) in filters.enumerated() {
            if index > 0 { out += "," }
            out += "{\"filter_friendly_name\":" + Self.quote(filter.friendlyName)
            out += ",\"expression\":" + Self.quote(filter.expression)
            out += ",\"targets\":[{\"queue\":" + Self.quote(sid(filter.queue)) + "}]}"
        }
        out += "],\"default_filter\":{\"queue\":" + Self.quote(sid(defaultQueue)) + "}}}"
        return out
    }

    /// The configuration as parsed JSON, for comparing with what TaskRouter holds.
    public func value(created: [String: String] = [:]) -> JSONValue {
        Self.parse(text(created: created)) ?? .null
    }

    /// Whether two JSON texts hold the same value (key order and whitespace aside);
    /// false when either is not JSON. Uses Foundation's parser, fast on 1000-filter workflows.
    public static func sameJSON(_ a: String, _ b: String) -> Bool {
        guard let left = object(a), let right = object(b) else { return false }
        return left.isEqual(right)
    }

    /// Whether the text is a JSON document.
    public static func isJSON(_ text: String) -> Bool { object(text) != nil }

    private static func object(_ text: String) -> NSObject? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) as? NSObject
    }

    /// Parses a workflow configuration; nil when it is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String { JSONValue.stringLiteral(text) }
}
