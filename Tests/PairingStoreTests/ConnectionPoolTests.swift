import Dispatch
import Synchronization
import Testing

@testable import PairingStore

/// The lock-free connection pool: bounded, lazy, one user per connection, broken connections replaced.
@Suite struct ConnectionPoolTests {
    final class FakeConnection: PooledConnection, @unchecked Sendable {
        let number: Int
        let inUse = Atomic<Int>(0)
        var usable = true
        var failedFirst = false
        init(number: Int) { self.number = number }
        var isUsable: Bool { usable }
        var failedOnFirstCommand: Bool { failedFirst }
        func checkedOut() {}
    }

    @Test func neverMoreUsersThanConnectionsAndEveryConnectionHasOneUserAtATime() throws {
        let opened = Atomic<Int>(0)
        let pool = ConnectionPool<FakeConnection>(capacity: 3) { () throws(StoreError) in
            FakeConnection(number: opened.wrappingAdd(1, ordering: .relaxed).newValue)
        }
        let active = Atomic<Int>(0)
        let mostActive = Atomic<Int>(0)
        let sharedUse = Atomic<Int>(0)
        let runs = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            for _ in 0..<200 {
                try? pool.withConnection { connection throws(StoreError) in
                    if connection.inUse.wrappingAdd(1, ordering: .relaxed).newValue != 1 {
                        sharedUse.wrappingAdd(1, ordering: .relaxed)
                    }
                    let now = active.wrappingAdd(1, ordering: .relaxed).newValue
                    var seen = mostActive.load(ordering: .relaxed)
                    while now > seen {
                        let (exchanged, original) = mostActive.compareExchange(
                            expected: seen, desired: now, ordering: .relaxed)
                        if exchanged { break }
                        seen = original
                    }
                    for _ in 0..<50 { _ = runs.load(ordering: .relaxed) }
                    active.wrappingSubtract(1, ordering: .relaxed)
                    connection.inUse.wrappingSubtract(1, ordering: .relaxed)
                    runs.wrappingAdd(1, ordering: .relaxed)
                }
            }
        }
        #expect(runs.load(ordering: .relaxed) == 16 * 200)
        #expect(sharedUse.load(ordering: .relaxed) == 0)
        #expect(mostActive.load(ordering: .relaxed) <= 3)
        #expect(opened.load(ordering: .relaxed) <= 3)
        #expect(pool.openCount <= 3)
    }

    @Test func connectionsOpenLazilyAndAreReused() throws {
        let opened = Atomic<Int>(0)
        let pool = ConnectionPool<FakeConnection>(capacity: 4) { () throws(StoreError) in
            FakeConnection(number: opened.wrappingAdd(1, ordering: .relaxed).newValue)
        }
        #expect(pool.openCount == 0)
        let first = try pool.withConnection { connection throws(StoreError) in connection.number }
        let again = try pool.withConnection { connection throws(StoreError) in connection.number }
        #expect(first == again)  // one thread keeps finding its own connection
        #expect(opened.load(ordering: .relaxed) == 1 && pool.openCount == 1)
        pool.closeIdle()
        #expect(pool.openCount == 0)
    }

    @Test func aBrokenConnectionIsDiscardedAndAnIdleOneThatFailsFirstIsRetriedOnce() throws {
        let opened = Atomic<Int>(0)
        let pool = ConnectionPool<FakeConnection>(capacity: 1) { () throws(StoreError) in
            FakeConnection(number: opened.wrappingAdd(1, ordering: .relaxed).newValue)
        }
        // Broken during use, not on its first command: the error stands, the connection goes.
        #expect(throws: StoreError.unavailable("gone")) {
            try pool.withConnection { connection throws(StoreError) in
                connection.usable = false
                throw .unavailable("gone")
            }
        }
        #expect(pool.openCount == 0)
        let second = try pool.withConnection { connection throws(StoreError) in connection.number }
        #expect(second == 2)
        // Closed by the server while idle: its first command fails, and the body runs again on a fresh one.
        var attempts: [Int] = []
        let number = try pool.withConnection { connection throws(StoreError) in
            attempts.append(connection.number)
            if connection.number == 2 {
                connection.usable = false
                connection.failedFirst = true
                throw .unavailable("closed while idle")
            }
            return connection.number
        }
        #expect(attempts == [2, 3] && number == 3)
    }

    @Test func aWaiterGivesUpAfterTheTimeout() throws {
        let pool = ConnectionPool<FakeConnection>(capacity: 1, waitTimeout: 0.2) { () throws(StoreError) in
            FakeConnection(number: 1)
        }
        _ = try pool.withConnection { _ throws(StoreError) in
            // The only connection is taken: a nested request waits, then fails.
            #expect(throws: StoreError.unavailable("every database connection is busy")) {
                try pool.withConnection { _ throws(StoreError) in }
            }
        }
    }
}
