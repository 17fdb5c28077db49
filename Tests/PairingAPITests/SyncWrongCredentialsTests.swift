import Foundation
import Synchronization
import Testing

@testable import PairingAPI

/// Resumes a continuation once: the first of several racers wins.
final class SyncResumeOnce<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)
    func set(_ value: CheckedContinuation<T?, Never>) { continuation.withLock { $0 = value } }
    func resume(_ value: T?) { continuation.withLock { $0.take() }?.resume(returning: value) }
}

/// Runs `body` but gives up after `seconds`: nil when it did not finish in time
/// (the body keeps running detached; the test records the hang instead of hanging).
private func finishing<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () async -> T) async -> T? {
    let once = SyncResumeOnce<T>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        once.set(continuation)
        Task { once.resume(await body()) }
        Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            once.resume(nil)
        }
    }
}

@Suite("Sync with wrong TaskRouter credentials")
struct SyncWrongCredentialsTests {
    @Test("a 401 from TaskRouter fails the run promptly with 20003 and releases the lock")
    func wrongToken() async throws {
        let harness = try EmulatorSyncHarness(syncToken: "wrong")
        defer { harness.stop() }
        try harness.createStandardConfigs()
        for _ in 0..<2 {
            let outcome = await finishing(within: 60) { () -> Result<SyncRunRecord, SyncServiceError> in
                do throws(SyncServiceError) {
                    return .success(
                        try await harness.service.syncDetached(companyID: harness.company.id, dryRun: false))
                } catch {
                    return .failure(error)
                }
            }
            let result = try #require(outcome, "the sync hung on the 401")
            // The second run gets no 409: the first released the lock.
            let record = try result.get()
            #expect(record.status == "failed")
            #expect(record.error?.status == 401)
            #expect(record.error?.code == 20003)
        }
    }
}
