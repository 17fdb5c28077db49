import Foundation
import PairingAPI
import PairingCore

/// `twpc sync --company CP-... [--dry-run]`: runs a sync in-process with the same service
/// the API uses, and prints the run record (JSON).
enum SyncCommand {
    static let help = """
        usage: twpc sync --company CP-... [--dry-run] [--data-dir ./data] [--database <url>]
                         [--emulator-url http://127.0.0.1:8090]

        Syncs the company's live configs to its TaskRouter target (`twpc companies set-taskrouter`).
        A company without a target syncs to the TaskRouter emulator of a running `twpc serve`:
        give its URL (--emulator-url or TWPC_EMULATOR_URL, default http://127.0.0.1:8090) and set
        TWPC_EMULATOR_ACCOUNT_SID and TWPC_EMULATOR_AUTH_TOKEN to the values `serve` was started with.
        Exit status: 0 when the run succeeded (possibly with warnings), 1 when it failed.
        """

    static func run(_ arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["dry-run", "help"])
            if scanner.has("help") {
                print(help)
                return 0
            }
            try scanner.requireOnly(StoreOptions.names.union(["company", "dry-run", "emulator-url", "help"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            guard let companyID = scanner.value("company") else { throw CLIError("--company is required") }
            let options = StoreOptions(scanner)
            let store = try options.open()
            var embedded: EmbeddedTaskRouterTarget?
            if let account = environment["TWPC_EMULATOR_ACCOUNT_SID"],
                let token = environment["TWPC_EMULATOR_AUTH_TOKEN"],
                !account.isEmpty, !token.isEmpty
            {
                let url = scanner.value("emulator-url") ?? environment["TWPC_EMULATOR_URL"] ?? "http://127.0.0.1:8090"
                embedded = EmbeddedTaskRouterTarget(baseURL: url, accountSID: account, authToken: token)
            }
            var secrets: SecretBox?
            do {
                secrets = try SecretBox.load(environment: environment, dataDirectory: options.dataDirectory)
            } catch {
                printError("twpc sync: warning: \(error)")
            }
            let target = embedded
            let service = SyncService(store: store, secrets: secrets, embedded: { target })
            let record = try service.sync(companyID: companyID, dryRun: scanner.has("dry-run"))
            print(record.json())
            if record.status == "failed" {
                printError("twpc sync: sync \(record.id) failed: \(SyncController.reason(record.error))")
                return 1
            }
            return 0
        } catch let error as CLIError {
            printError("twpc sync: \(error)\n\n\(help)")
            return 2
        } catch let error as SyncServiceError {
            switch error {
            case .companyNotFound(let id): printError("twpc sync: no company \(id)")
            case .inProgress(let runID):
                printError("twpc sync: a sync of this company is already running \(runID ?? "")")
            case .noTarget(let message): printError("twpc sync: \(message)")
            case .store(let storeError): printError("twpc sync: \(StoreOptions.describe(storeError))")
            }
            return 1
        } catch {
            printError("twpc sync: \(StoreOptions.describe(error))")
            return 1
        }
    }
}
