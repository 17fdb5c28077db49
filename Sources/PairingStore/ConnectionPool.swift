import Dispatch
import Synchronization

/// A bounded pool of connections, opened lazily. A request waits for a free connection
/// (up to `waitTimeout`), uses it alone, and gives it back; a broken connection is discarded
/// and a fresh one opened on the next request, so the store recovers by itself after the
/// database restarts.
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    private let idle = Mutex<[Connection]>([])
    private let slots: DispatchSemaphore
    private let open: @Sendable () throws(StoreError) -> Connection
    private let waitTimeout: Double
    /// The most connections open at once.
    let capacity: Int

    init(capacity: Int, waitTimeout: Double = 30, open: @escaping @Sendable () throws(StoreError) -> Connection) {
        precondition(capacity > 0, "a pool needs at least one connection")
        self.capacity = capacity
        self.slots = DispatchSemaphore(value: capacity)
        self.waitTimeout = waitTimeout
        self.open = open
    }

    /// Runs `body` with a connection of its own.
    func withConnection<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        guard slots.wait(timeout: .now() + waitTimeout) == .success else {
            throw .unavailable("every database connection is busy")
        }
        defer { slots.signal() }
        var reused = true
        var connection: Connection
        if let pooled = idle.withLock({ $0.popLast() }) {
            connection = pooled
        } else {
            connection = try open()
            reused = false
        }
        while true {
            connection.checkedOut()
            do {
                let result = try body(connection)
                release(connection)
                return result
            } catch {
                if connection.isUsable {
                    release(connection)
                    throw error
                }
                // A pooled connection that the server closed while idle (restart, timeout): nothing ran,
                // so retry once on a fresh one.
                guard reused, connection.failedOnFirstCommand else { throw error }
                reused = false
                connection = try open()
            }
        }
    }

    private func release(_ connection: Connection) {
        idle.withLock { $0.append(connection) }
    }

    /// Closes every idle connection.
    func drain() {
        idle.withLock { $0.removeAll() }
    }
}
