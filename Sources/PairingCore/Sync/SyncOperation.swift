/// One write of a sync plan.
public enum SyncOperation: Sendable, Hashable {
    case createQueue(configID: String, friendlyName: String, targetWorkers: String)
    /// Only the fields that differ are non-nil.
    case updateQueue(
        configID: String, sid: String, friendlyName: String?, targetWorkers: String?, before: SyncActualState.Queue)
    case createWorkflow(friendlyName: String, configuration: SyncWorkflowConfiguration)
    /// Only the fields that differ are non-nil.
    case updateWorkflow(
        sid: String, friendlyName: String?, configuration: SyncWorkflowConfiguration?, before: SyncActualState.Workflow)
    /// An orphan: a `TWPC ` queue of no live config. `configID` is the config it last belonged to, if known.
    case deleteQueue(sid: String, configID: String?, before: SyncActualState.Queue)

    /// The action name of the run record (`createQueue`, ...).
    public var action: String {
        switch self {
        case .createQueue: "createQueue"
        case .updateQueue: "updateQueue"
        case .createWorkflow: "createWorkflow"
        case .updateWorkflow: "updateWorkflow"
        case .deleteQueue: "deleteQueue"
        }
    }
}
