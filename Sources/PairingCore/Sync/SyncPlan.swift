/// The writes that make a workspace match the desired state, in apply order
/// (sync.md section 2): queue creates and updates, then the workflow, then deletes.
public struct SyncPlan: Sendable, Hashable {
    /// `createQueue` / `updateQueue`, in evaluation order.
    public var queueOperations: [SyncOperation]
    /// `createWorkflow` / `updateWorkflow`, or nil when the workflow is already right.
    public var workflowOperation: SyncOperation?
    /// `deleteQueue` of orphans, applied after the workflow.
    public var deletions: [SyncOperation]
    /// Config id -> the queue it will use (existing, or created by this plan).
    public var assignments: [String: SyncQueueReference]
    /// The workflow configuration after the plan is applied.
    public var workflowConfiguration: SyncWorkflowConfiguration

    public init(
        queueOperations: [SyncOperation], workflowOperation: SyncOperation?, deletions: [SyncOperation],
        assignments: [String: SyncQueueReference], workflowConfiguration: SyncWorkflowConfiguration
    ) {
        self.queueOperations = queueOperations
        self.workflowOperation = workflowOperation
        self.deletions = deletions
        self.assignments = assignments
        self.workflowConfiguration = workflowConfiguration
    }

    /// Every operation in apply order.
    public var operations: [SyncOperation] { queueOperations + (workflowOperation.map { [$0] } ?? []) + deletions }

    /// True when nothing needs writing.
    public var isEmpty: Bool { queueOperations.isEmpty && workflowOperation == nil && deletions.isEmpty }
}
