import Synchronization

/// Resumes a continuation once: the first of several racers wins.
public final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)

    /// An empty holder; `set` gives it the continuation to resume.
    public init() {}

    /// The continuation the first `resume` resumes.
    public func set(_ value: CheckedContinuation<T?, Never>) { continuation.withLock { $0 = value } }

    /// Resumes the continuation with `value` unless another racer already did.
    public func resume(_ value: T?) { continuation.withLock { $0.take() }?.resume(returning: value) }
}
