import Foundation
import HTTPServer
import PairingAPI
import PairingStore
import TaskRouterEmulator

/// A running embedded service that `twpc serve` stops on shutdown.
struct EmbeddedEmulator {
    let stop: () -> Void
    /// The in-process emulator (for seeding the demo company's workers).
    let emulator: TaskRouterEmulator
    /// Where sync reaches it (companies without a TaskRouter target sync here).
    var target: EmbeddedTaskRouterTarget?
}

extension ServeCommand {
    /// Starts the embedded TaskRouter emulator on `port` (`--no-emulator` skips it). Its account SID
    /// and auth token come from `TWPC_EMULATOR_ACCOUNT_SID` / `TWPC_EMULATOR_AUTH_TOKEN`, else are random.
    static func startEmbeddedEmulator(host: String, port: Int, store: any PairingStore) throws -> EmbeddedEmulator? {
        let environment = ProcessInfo.processInfo.environment
        let accountSID = environment["TWPC_EMULATOR_ACCOUNT_SID"].flatMap { $0.isEmpty ? nil : $0 } ?? randomSID("AC")
        let authToken = environment["TWPC_EMULATOR_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? randomHex(16)
        let emulator = TaskRouterEmulator(accountSID: accountSID, authToken: authToken)
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: host, port: port, threads: 4), responder: emulator)
        try server.start()
        let baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(server.port)"
        printError("twpc: embedded TaskRouter emulator on \(baseURL) (account \(accountSID))")
        return EmbeddedEmulator(
            stop: { server.shutdown() }, emulator: emulator,
            target: EmbeddedTaskRouterTarget(baseURL: baseURL, accountSID: accountSID, authToken: authToken))
    }

    /// The sync service of `serve`: stored targets opened with the secret key, other
    /// companies synced to the embedded emulator (when running).
    static func makeSyncService(store: any PairingStore, dataDirectory: String, emulator: EmbeddedEmulator?)
        -> SyncService
    {
        var secrets: SecretBox?
        do {
            secrets = try SecretBox.load(dataDirectory: dataDirectory)
        } catch {
            printError("twpc serve: warning: no secret key, stored TaskRouter targets cannot be used: \(error)")
        }
        let target = emulator?.target
        return SyncService(store: store, secrets: secrets, embedded: { target })
    }

    static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func randomSID(_ prefix: String) -> String { prefix + randomHex(16) }
}
