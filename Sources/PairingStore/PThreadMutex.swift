import Glibc

/// A value behind a plain `pthread_mutex_t`, for shared state that every request touches (the
/// rendered-config and config-list caches, the SQLite store's read cache).
///
/// Why not `Synchronization.Mutex`: in this toolchain's Linux implementation a contended `Mutex`
/// spins in user space and then takes a priority-inheritance futex. With 8 HTTP threads on 2 cores a
/// holder is often preempted, so the spinning threads burn their time slices and every hand-off goes
/// through the kernel's PI machinery; under load that cost more CPU than the requests themselves (see
/// docs/storage.md, "Locks"). glibc's default mutex takes one atomic exchange when free and parks on a
/// plain futex when not.
public final class PThreadMutex<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock.
    public func withLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
