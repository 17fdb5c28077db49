/// Where an expression is used (expressions.md section 4), which decides the document it is
/// evaluated against and the attributes the linter knows.
public enum ExpressionContext: String, Sendable, CaseIterable {
    /// A TaskQueue's `target_workers`: one worker's attributes at the root.
    case workerQueue
    /// A Workflow filter's `expression`: one task's attributes at the root.
    case taskFilter
    /// A Workflow target's `expression`: `{"task": ..., "worker": ...}`.
    case target
}
