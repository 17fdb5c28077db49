/// The sync planner (sync.md section 2.3): a pure function of the desired state,
/// the actual state and the stored config -> queue mapping.
public enum SyncPlanner {
    /// Plans the writes.
    ///
    /// A config keeps the queue the mapping names while that queue exists; else it
    /// adopts an unclaimed queue named `TWPC <its id> ...` (one created by a run
    /// that died before recording it); else a queue is created. `TWPC ` queues
    /// claimed by no live config are orphans and are deleted after the workflow
    /// update. Other queues are never touched.
    public static func plan(desired: SyncDesiredState, actual: SyncActualState, mapping: SyncMapping) -> SyncPlan {
        var queueBySID: [String: SyncActualState.Queue] = [:]
        for queue in actual.queues where queueBySID[queue.sid] == nil { queueBySID[queue.sid] = queue }
        var claimed: Set<String> = []
        var assignments: [String: SyncQueueReference] = [:]

        // 1. The stored mapping, when its queue still exists.
        for queue in desired.queues {
            if let sid = mapping.queueSIDs[queue.configID], queueBySID[sid] != nil, !claimed.contains(sid) {
                assignments[queue.configID] = .existing(sid: sid)
                claimed.insert(sid)
            }
        }
        // 2. Adopt a queue carrying the config's id in its name.
        for queue in desired.queues where assignments[queue.configID] == nil {
            let prefix = SyncDesiredState.queuePrefix + queue.configID
            if let found = actual.queues.first(where: {
                !claimed.contains($0.sid) && ($0.friendlyName == prefix || $0.friendlyName.hasPrefix(prefix + " "))
            }) {
                assignments[queue.configID] = .existing(sid: found.sid)
                claimed.insert(found.sid)
            }
        }
        // 3. Create or update, in evaluation order.
        var queueOperations: [SyncOperation] = []
        for queue in desired.queues {
            guard case .existing(let sid)? = assignments[queue.configID], let current = queueBySID[sid] else {
                assignments[queue.configID] = .new(configID: queue.configID)
                queueOperations.append(
                    .createQueue(
                        configID: queue.configID, friendlyName: queue.friendlyName, targetWorkers: queue.targetWorkers)
                )
                continue
            }
            let name = current.friendlyName == queue.friendlyName ? nil : queue.friendlyName
            let target = current.targetWorkers == queue.targetWorkers ? nil : queue.targetWorkers
            if name != nil || target != nil {
                queueOperations.append(
                    .updateQueue(
                        configID: queue.configID, sid: sid, friendlyName: name, targetWorkers: target, before: current)
                )
            }
        }

        // 4. The workflow.
        let configuration = workflowConfiguration(desired, assignments)
        var workflowOperation: SyncOperation?
        if let workflow = actual.workflow {
            let changed =
                configuration.namesNewQueues
                || !SyncWorkflowConfiguration.sameJSON(workflow.configuration, configuration.text())
            let renamed = workflow.friendlyName != desired.workflowName
            if changed || renamed {
                workflowOperation = .updateWorkflow(
                    sid: workflow.sid, friendlyName: renamed ? desired.workflowName : nil,
                    configuration: changed ? configuration : nil, before: workflow)
            }
        } else {
            workflowOperation = .createWorkflow(friendlyName: desired.workflowName, configuration: configuration)
        }

        // 5. Orphans.
        let configBySID = Dictionary(
            mapping.queueSIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { a, b in min(a, b) })
        var deletions: [SyncOperation] = []
        var seen: Set<String> = []
        for queue in actual.queues
        where queue.friendlyName.hasPrefix(SyncDesiredState.queuePrefix) && !claimed.contains(queue.sid)
            && seen.insert(queue.sid).inserted
        {
            deletions.append(.deleteQueue(sid: queue.sid, configID: configBySID[queue.sid], before: queue))
        }
        return SyncPlan(
            queueOperations: queueOperations, workflowOperation: workflowOperation, deletions: deletions,
            assignments: assignments, workflowConfiguration: configuration)
    }

    /// The workflow configuration for the desired state with these queue assignments.
    static func workflowConfiguration(
        _ desired: SyncDesiredState, _ assignments: [String: SyncQueueReference]
    ) -> SyncWorkflowConfiguration {
        func reference(_ configID: String) -> SyncQueueReference { assignments[configID] ?? .new(configID: configID) }
        let filters = desired.queues.dropLast().map { queue in
            SyncWorkflowConfiguration.Filter(
                friendlyName: queue.filterFriendlyName, expression: queue.filterExpression ?? "",
                queue: reference(queue.configID))
        }
        let defaultQueue = desired.defaultQueue.map { reference($0.configID) } ?? .new(configID: "")
        return SyncWorkflowConfiguration(filters: Array(filters), defaultQueue: defaultQueue)
    }
}
