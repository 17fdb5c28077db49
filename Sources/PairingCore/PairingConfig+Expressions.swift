extension PairingConfig {
    /// `twilioWorkerQueueExpression`: the override when set, else compiled from `workerMatch`.
    public var twilioWorkerQueueExpression: String {
        overrideWorkerQueueExpression ?? MatchCompiler.compile(workerMatch)
    }

    /// `twilioTaskWorkflowExpression`: `nil` on the default config (a default filter has no
    /// expression), else the override when set, else compiled from `taskMatch`.
    public var twilioTaskWorkflowExpression: String? {
        if isDefault { return nil }
        return overrideTaskWorkflowExpression ?? MatchCompiler.compile(taskMatch)
    }
}
