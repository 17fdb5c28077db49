import TaskRouterEmulator
import Testing

@testable import PairingAPI

@Suite("A failed sync counts its TaskRouter requests")
struct SyncFailedRunCountTests {
    @Test("500 on every attempt: the failed run reports all 5 attempts")
    func fiveServerErrors() async throws {
        let harness = try EmulatorSyncHarness()
        defer { harness.stop() }
        try harness.createStandardConfigs()
        let before = harness.emulator.requestCounts.total
        harness.emulator.injectFault(.serverError, count: 5)
        let record = try await harness.sync()
        #expect(record.status == "failed")
        #expect(record.error?.status == 500)
        #expect(record.twilioRequests == 5)
        #expect(record.twilioRequests == harness.emulator.requestCounts.total - before)
    }
}
