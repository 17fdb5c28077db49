/// What a company's TaskRouter workspace should look like (sync.md section 1):
/// one queue per live config, in evaluation order with the default last, and one
/// workflow whose filters follow that order.
public struct SyncDesiredState: Sendable, Hashable, Codable {
    /// Prefix of every queue twpc manages; queues without it are never touched.
    public static let queuePrefix = "TWPC "
    /// Longest friendly name TaskRouter accepts.
    public static let maxFriendlyNameLength = 64
    /// Default workflow friendly name.
    public static let defaultWorkflowName = "Task-Worker Pairing"

    public var workflowName: String
    /// Evaluation order; the last one is the default config.
    public var queues: [SyncDesiredQueue]

    public init(workflowName: String, queues: [SyncDesiredQueue]) {
        self.workflowName = workflowName
        self.queues = queues
    }

    /// Builds the desired state from the live configs of a company.
    /// - Parameter expressions: the config's expressions (`override ?? compiled`); errors propagate.
    public init(
        configs: [PairingConfig], workflowName: String = defaultWorkflowName,
        expressions: (PairingConfig) throws -> SyncExpressions = { SyncExpressions($0) }
    ) throws {
        let defaults = configs.filter(\.isDefault)
        guard defaults.count == 1 else {
            throw SyncPlanningError("a company needs exactly one default config to sync (found \(defaults.count))")
        }
        var queues: [SyncDesiredQueue] = []
        for config in Self.evaluationOrder(configs) {
            let compiled = try expressions(config)
            var filter: String?
            if !config.isDefault {
                guard let expression = compiled.taskWorkflow else {
                    throw SyncPlanningError("config \(config.id) has no task workflow expression")
                }
                filter = expression
            }
            queues.append(
                SyncDesiredQueue(
                    configID: config.id, friendlyName: Self.queueFriendlyName(id: config.id, name: config.name),
                    targetWorkers: compiled.workerQueue,
                    filterFriendlyName: Self.filterFriendlyName(id: config.id, name: config.name),
                    filterExpression: filter
                )
            )
        }
        self.init(workflowName: workflowName, queues: queues)
    }

    /// The default config's queue (last in evaluation order).
    public var defaultQueue: SyncDesiredQueue? { queues.last }

    /// `TWPC <id> <name>` cut to 64 Unicode scalars (code points).
    public static func queueFriendlyName(id: String, name: String) -> String {
        cut(queuePrefix + id + " " + name)
    }

    /// `<name> (<id>)` cut to 64 Unicode scalars (code points).
    public static func filterFriendlyName(id: String, name: String) -> String {
        cut("\(name) (\(id))")
    }

    /// The first `maxFriendlyNameLength` Unicode scalars: never splits a scalar, may split a
    /// grapheme cluster (e.g. an emoji and its skin-tone modifier).
    public static func cut(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(maxFriendlyNameLength))
        return String(scalars)
    }

    /// Evaluation order (api.md section 7): `ConfigOrdering.evaluationOrder`.
    public static func evaluationOrder(_ configs: [PairingConfig]) -> [PairingConfig] {
        ConfigOrdering.evaluationOrder(configs)
    }
}
