/// The two TaskRouter expressions of a config as sync writes them:
/// `override ?? compiled` for each (api.md section 3).
public struct SyncExpressions: Sendable, Hashable {
    /// The queue's `target_workers`.
    public var workerQueue: String
    /// The workflow filter's `expression`; nil for the default config.
    public var taskWorkflow: String?

    public init(workerQueue: String, taskWorkflow: String?) {
        self.workerQueue = workerQueue
        self.taskWorkflow = taskWorkflow
    }

    /// The expressions the API shows for `config` (`override ?? compiled`).
    public init(_ config: PairingConfig) {
        self.init(workerQueue: config.twilioWorkerQueueExpression, taskWorkflow: config.twilioTaskWorkflowExpression)
    }
}
