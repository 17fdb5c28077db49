import Foundation
import TestSupport
import Testing

@testable import PairingAPI

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
