extension PairingConfig {
    /// Takes the writable fields of `updated` (everything a PUT can change), stamps `updatedAt`
    /// and bumps the version: what every store does to a live config on update.
    public mutating func applyUpdate(from updated: PairingConfig, at now: Int64) {
        externalID = updated.externalID
        priority = updated.priority
        name = updated.name
        workerMatch = updated.workerMatch
        taskMatch = updated.taskMatch
        overrideWorkerQueueExpression = updated.overrideWorkerQueueExpression
        overrideTaskWorkflowExpression = updated.overrideTaskWorkflowExpression
        updatedAt = now
        version += 1
    }
}
