import Foundation
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterClient
import Testing

/// A sync refused while another holds the lock names the running sync, even when it arrives in the
/// moments where the holder has the lock but no `running` run is saved yet (or has recorded its end
/// but not yet released the lock): the service looks again instead of answering a bare 409.
@Suite struct SyncLockWindowTests {
    static func service(_ store: BusyLockStore) -> SyncService {
        // An emulator nobody listens on (port 1): the run, once it has the lock, fails at once.
        let target = EmbeddedTaskRouterTarget(baseURL: "http://127.0.0.1:1", accountSID: "AC1", authToken: "t")
        return SyncService(
            store: store, secrets: nil, embedded: { target }, options: .init(retry: RetryPolicy(maxAttempts: 1)))
    }

    @Test func aRefusalNamingNoRunIsRetriedUntilTheRunIsNamed() throws {
        let store = BusyLockStore(refusals: [nil, nil, nil, "SR-AAAA-BBBB"])
        let company = try store.base.createCompany(name: "Window Lending")
        #expect(throws: SyncServiceError.inProgress(runID: "SR-AAAA-BBBB")) {
            try Self.service(store).sync(companyID: company.id, dryRun: false)
        }
        #expect(store.attempts == 4)
        #expect(!store.acquired)
    }

    @Test func aLockReleasedMeanwhileIsTaken() throws {
        let store = BusyLockStore(refusals: [nil, nil])
        let company = try store.base.createCompany(name: "Window Lending")
        do {
            _ = try Self.service(store).sync(companyID: company.id, dryRun: false)
        } catch {
            #expect(error != .inProgress(runID: nil))
        }
        #expect(store.attempts == 3)
        #expect(store.acquired)
    }

    @Test func theWaitIsBounded() throws {
        let store = BusyLockStore(refusals: Array(repeating: nil, count: 1000))
        let company = try store.base.createCompany(name: "Window Lending")
        let started = Date()
        #expect(throws: SyncServiceError.inProgress(runID: nil)) {
            try Self.service(store).sync(companyID: company.id, dryRun: false)
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(store.attempts > 1 && store.attempts < 1000)
    }
}

/// A memory store whose sync lock is first refused as the `refusals` say (a run id or none), as
/// when another process holds it, and then taken.
final class BusyLockStore: ForwardingPairingStore {
    let base = MemoryPairingStore()
    private let state: SharedState<(refusals: [String?], attempts: Int, acquired: Bool)>

    init(refusals: [String?]) { state = SharedState((refusals, 0, false)) }

    var attempts: Int { state.value.attempts }
    var acquired: Bool { state.value.acquired }

    func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        let refusal: String?? = state.withLock { state in
            state.attempts += 1
            if state.refusals.isEmpty {
                state.acquired = true
                return .none
            }
            return .some(state.refusals.removeFirst())
        }
        if case .some(let runID) = refusal { throw StoreError.syncInProgress(runID) }
        return try base.withSyncLock(companyID: companyID, body)
    }
}
