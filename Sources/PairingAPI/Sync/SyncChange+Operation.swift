import PairingCore

extension SyncRunRecord.Change {
    /// The change record of an operation; `sid` is the created object's sid when known.
    init(_ operation: SyncOperation, created: [String: String], sid createdSID: String? = nil) {
        typealias State = SyncRunRecord.Change.State
        func queue(_ queue: SyncActualState.Queue) -> State {
            State(targetWorkers: queue.targetWorkers, friendlyName: queue.friendlyName)
        }
        switch operation {
        case .createQueue(let configID, let friendlyName, let targetWorkers):
            self.init(
                action: operation.action, configID: configID, sid: createdSID ?? created[configID], before: nil,
                after: State(targetWorkers: targetWorkers, friendlyName: friendlyName))
        case .updateQueue(let configID, let sid, let friendlyName, let targetWorkers, let before):
            self.init(
                action: operation.action, configID: configID, sid: sid, before: queue(before),
                after: State(
                    targetWorkers: targetWorkers ?? before.targetWorkers,
                    friendlyName: friendlyName ?? before.friendlyName))
        case .createWorkflow(let friendlyName, let configuration):
            self.init(
                action: operation.action, configID: nil, sid: createdSID, before: nil,
                after: State(friendlyName: friendlyName, configuration: configuration.text(created: created)))
        case .updateWorkflow(let sid, let friendlyName, let configuration, let before):
            self.init(
                action: operation.action, configID: nil, sid: sid,
                before: State(
                    friendlyName: before.friendlyName,
                    configuration: before.configuration),
                after: State(
                    friendlyName: friendlyName ?? before.friendlyName,
                    configuration: configuration.map { $0.text(created: created) } ?? before.configuration))
        case .deleteQueue(let sid, let configID, let before):
            self.init(action: operation.action, configID: configID, sid: sid, before: queue(before), after: nil)
        }
    }
}
