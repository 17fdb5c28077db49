/// A stored Task-Worker Pairing Config (api.md section 3), as the store keeps it.
/// Compiled expressions are derived, never stored: see `PairingConfig+Expressions.swift`.
public struct PairingConfig: Sendable, Hashable {
    /// Internal numeric id (the digits AnyId form); assigned by the store.
    public var numericID: Int64
    /// Public id, `TP-XXXX-XXXX`.
    public var id: String
    public var companyID: String
    public var externalID: String?
    /// Higher is evaluated first; always nil on the default config.
    public var priority: Int32?
    public var name: String
    public var isDefault: Bool
    public var workerMatch: WorkerMatch
    public var taskMatch: TaskMatch
    public var overrideWorkerQueueExpression: String?
    public var overrideTaskWorkflowExpression: String?
    /// Microseconds since the Unix epoch, UTC.
    public var createdAt: Int64
    public var updatedAt: Int64?
    public var deletedAt: Int64?
    /// Optimistic-concurrency version, starts at 1, +1 on every update (the ETag).
    public var version: Int64

    public init(
        numericID: Int64 = 0,
        id: String,
        companyID: String,
        externalID: String? = nil,
        priority: Int32? = nil,
        name: String,
        isDefault: Bool = false,
        workerMatch: WorkerMatch = WorkerMatch(),
        taskMatch: TaskMatch = TaskMatch(),
        overrideWorkerQueueExpression: String? = nil,
        overrideTaskWorkflowExpression: String? = nil,
        createdAt: Int64,
        updatedAt: Int64? = nil,
        deletedAt: Int64? = nil,
        version: Int64 = 1
    ) {
        self.numericID = numericID
        self.id = id
        self.companyID = companyID
        self.externalID = externalID
        self.priority = priority
        self.name = name
        self.isDefault = isDefault
        self.workerMatch = workerMatch
        self.taskMatch = taskMatch
        self.overrideWorkerQueueExpression = overrideWorkerQueueExpression
        self.overrideTaskWorkflowExpression = overrideTaskWorkflowExpression
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.version = version
    }
}
