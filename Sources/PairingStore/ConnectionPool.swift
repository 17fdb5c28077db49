import Dispatch
import Glibc
import Synchronization

/// A bounded pool of connections, opened lazily. A request waits for a free connection
/// (up to `waitTimeout`), uses it alone, and gives it back; a broken connection is discarded
/// and a fresh one opened on the next request, so the store recovers by itself after the
/// database restarts.
///
/// Lock-free on the hot path: the pool is `capacity` slots, each owned by whoever flips its atomic
/// flag, and a semaphore counts the free ones. A thread starts looking at a slot chosen by its
/// thread id, so with no more threads than slots each thread keeps finding its own connection and
/// threads never touch a shared lock. (A `Mutex` around a list of idle connections was the hottest
/// spot of the server: `Synchronization.Mutex` on Linux spins, then takes a priority-inheritance
/// futex, and with 8 HTTP threads on 2 cores a third of the CPU time went to that lock; see
/// docs/storage.md.)
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    /// One connection place. `connection` is read and written only by the thread that set `taken`.
    private final class Slot: @unchecked Sendable {
        let taken = Atomic<Bool>(false)
        var connection: Connection?
    }

    private let slots: [Slot]
    private let free: DispatchSemaphore
    private let open: @Sendable () throws(StoreError) -> Connection
    private let waitTimeout: Double
    /// The most connections open at once.
    var capacity: Int { slots.count }

    init(capacity: Int, waitTimeout: Double = 30, open: @escaping @Sendable () throws(StoreError) -> Connection) {
        precondition(capacity > 0, "a pool needs at least one connection")
        self.slots = (0..<capacity).map { _ in Slot() }
        self.free = DispatchSemaphore(value: capacity)
        self.waitTimeout = waitTimeout
        self.open = open
    }

    /// Runs `body` with a connection of its own.
    func withConnection<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        guard free.wait(timeout: .now() + waitTimeout) == .success else {
            throw .unavailable("every database connection is busy")
        }
        defer { free.signal() }
        let slot = claim()
        defer { slot.taken.store(false, ordering: .releasing) }
        var reused = true
        let connection: Connection
        if let pooled = slot.connection {
            connection = pooled
        } else {
            connection = try open()
            slot.connection = connection
            reused = false
        }
        connection.checkedOut()
        do {
            return try body(connection)
        } catch {
            if connection.isUsable { throw error }
            slot.connection = nil
            // A pooled connection that the server closed while idle (restart, timeout): nothing ran,
            // so retry once on a fresh one.
            guard reused, connection.failedOnFirstCommand else { throw error }
            let fresh = try open()
            slot.connection = fresh
            fresh.checkedOut()
            do {
                return try body(fresh)
            } catch {
                if !fresh.isUsable { slot.connection = nil }
                throw error
            }
        }
    }

    /// Closes every idle connection (a connection in use stays open).
    func closeIdle() {
        for slot in slots
        where slot.taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            slot.connection = nil
            slot.taken.store(false, ordering: .releasing)
        }
    }

    /// How many connections are open now (idle or in use by the caller's own thread).
    var openCount: Int {
        slots.reduce(0) { count, slot in
            // Only idle slots can be read safely; a slot in use counts as open.
            guard slot.taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
            else { return count + 1 }
            defer { slot.taken.store(false, ordering: .releasing) }
            return count + (slot.connection == nil ? 0 : 1)
        }
    }

    /// A slot the caller now owns. The semaphore guarantees one is free; a scan can still miss it
    /// while other threads come and go, so it repeats until it wins one.
    private func claim() -> Slot {
        let count = slots.count
        let start = Self.threadHint % count
        while true {
            for offset in 0..<count {
                let slot = slots[(start + offset) % count]
                if !slot.taken.load(ordering: .relaxed),
                    slot.taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
                {
                    return slot
                }
            }
            sched_yield()
        }
    }

    /// A number that stays the same on one thread and differs between threads.
    private static var threadHint: Int {
        var x = UInt64(pthread_self())
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        return Int(truncatingIfNeeded: x & 0x7fff_ffff)
    }
}
