import Foundation
import PairingStore
import Testing

@testable import PairingAPI

@Suite("Sync without a target or an emulator")
struct SyncNoTargetTests {
    @Test("refused before any run: the message says which variables to set")
    func noTarget() async throws {
        let (store, directory) = try APITestBackend.current().makeStore()
        defer { if let directory { try? FileManager.default.removeItem(atPath: directory) } }
        try store.migrate()
        let company = try store.createCompany(name: "Acme Lending")
        let service = SyncService(store: store, secrets: nil, embedded: { nil })
        do {
            _ = try await service.syncDetached(companyID: company.id, dryRun: false)
            Issue.record("expected a refusal")
        } catch {
            guard case .noTarget(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.contains("TWPC_EMULATOR_ACCOUNT_SID"))
            #expect(message.contains("TWPC_EMULATOR_AUTH_TOKEN"))
            #expect(message.contains("twpc serve --demo"))
        }
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: nil) == nil)
    }
}
