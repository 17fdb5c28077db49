/// The writable fields a create (POST) or update (PUT) body sets (api.md section 8).
/// A `nil` property means "not in the body"; `.some(nil)` means "set to null".
public struct ConfigPatch: Sendable, Hashable {
    public var name: String?
    public var externalID: String??
    public var priority: Int32??
    public var workerMatch: WorkerMatch?
    public var taskMatch: TaskMatch?
    public var overrideWorkerQueueExpression: String??
    public var overrideTaskWorkflowExpression: String??

    public init() {}

    /// `config` with every field present in this patch replaced.
    public func applied(to config: PairingConfig) -> PairingConfig {
        var result = config
        if let name { result.name = name }
        if let externalID { result.externalID = externalID }
        if let priority { result.priority = priority }
        if let workerMatch { result.workerMatch = workerMatch }
        if let taskMatch { result.taskMatch = taskMatch }
        if let overrideWorkerQueueExpression { result.overrideWorkerQueueExpression = overrideWorkerQueueExpression }
        if let overrideTaskWorkflowExpression {
            result.overrideTaskWorkflowExpression = overrideTaskWorkflowExpression
        }
        return result
    }
}
