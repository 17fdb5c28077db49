import Foundation
import Synchronization

/// Bridges between the synchronous world (HTTP handler threads, the store's
/// `withSyncLock`) and async code (the TaskRouter client).
enum Blocking {
    /// Runs `body` on the concurrency pool and blocks this thread until it finishes.
    /// Never call it from a task of the concurrency pool (it would hold a pool thread).
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Runs blocking `body` on a new thread and awaits its result without holding a pool thread.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
