import Foundation
import PairingAPI
import PairingCore

/// `twpc companies set-taskrouter`: configures where a company's configs are synced.
extension CompaniesCommand {
    static let setTaskRouterHelp = """
        usage: twpc companies set-taskrouter --company CP-... --account-sid AC... --workspace-sid WS...
                 (--auth-token <token|-> | --api-key-sid SK... --api-key-secret <secret|->)
                 [--base-url https://taskrouter.twilio.com] [--workflow-name "Task-Worker Pairing"]
                 [--data-dir ./data] [--database <url>]

        Secrets are stored encrypted (AES-256-GCM) with the key in TWPC_SECRET_KEY, or else in
        <data-dir>/secret.key (created with mode 0600). They need not appear on the command line:
        omit --auth-token to read TWPC_TWILIO_AUTH_TOKEN, omit --api-key-secret to read
        TWPC_TWILIO_API_KEY_SECRET, or give `-` to read the secret from standard input.
        """

    static func setTaskRouter(_ arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["help"])
            if scanner.has("help") {
                print(setTaskRouterHelp)
                return 0
            }
            try scanner.requireOnly(
                StoreOptions.names.union([
                    "company", "account-sid", "auth-token", "api-key-sid", "api-key-secret", "workspace-sid",
                    "base-url", "workflow-name", "help",
                ]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            guard let companyID = scanner.value("company") else { throw CLIError("--company is required") }
            guard let accountSID = scanner.value("account-sid") else { throw CLIError("--account-sid is required") }
            guard let workspaceSID = scanner.value("workspace-sid") else {
                throw CLIError("--workspace-sid is required")
            }
            let auth: TaskRouterTargetInput.Auth
            if let keySID = scanner.value("api-key-sid") {
                guard scanner.value("auth-token") == nil else {
                    throw CLIError("give either --auth-token or --api-key-sid with --api-key-secret, not both")
                }
                auth = .apiKey(
                    sid: keySID,
                    secret: try secret(
                        scanner.value("api-key-secret"), variable: "TWPC_TWILIO_API_KEY_SECRET",
                        option: "--api-key-secret", environment))
            } else {
                guard scanner.value("api-key-secret") == nil else {
                    throw CLIError("--api-key-secret needs --api-key-sid")
                }
                auth = .authToken(
                    try secret(
                        scanner.value("auth-token"), variable: "TWPC_TWILIO_AUTH_TOKEN", option: "--auth-token",
                        environment))
            }
            let input = TaskRouterTargetInput(
                companyID: companyID, accountSID: accountSID, auth: auth, workspaceSID: workspaceSID,
                baseURL: scanner.value("base-url") ?? "https://taskrouter.twilio.com",
                workflowName: scanner.value("workflow-name") ?? SyncDesiredState.defaultWorkflowName)
            if let problem = input.problems().first { throw CLIError(problem) }

            let options = StoreOptions(scanner)
            let store = try options.open()
            guard try store.company(id: companyID) != nil else {
                printError("twpc companies set-taskrouter: no company \(companyID)")
                return 1
            }
            let box = try SecretBox.load(environment: environment, dataDirectory: options.dataDirectory)
            try store.saveTaskRouterTarget(try input.sealed(with: box))
            let how: String
            switch auth {
            case .authToken: how = "auth token"
            case .apiKey(let sid, _): how = "API key \(sid)"
            }
            print(
                "TaskRouter target of \(companyID): account \(accountSID), workspace \(workspaceSID), \(input.baseURL), "
                    + "\(how) (stored encrypted)")
            return 0
        } catch let error as CLIError {
            printError("twpc companies set-taskrouter: \(error)\n\n\(setTaskRouterHelp)")
            return 2
        } catch let error as SecretBox.Failure {
            printError("twpc companies set-taskrouter: \(error)")
            return 1
        } catch {
            printError("twpc companies set-taskrouter: \(StoreOptions.describe(error))")
            return 1
        }
    }

    /// The secret from the option, `-` (standard input, first line), or the environment variable.
    private static func secret(_ value: String?, variable: String, option: String, _ environment: [String: String])
        throws(CLIError) -> String
    {
        if value == "-" {
            guard let line = readLine(strippingNewline: true) else {
                throw CLIError("\(option) - reads the secret from standard input, which was empty")
            }
            return line.trimmingCharacters(in: .whitespaces)
        }
        if let value { return value }
        guard let fromEnvironment = environment[variable], !fromEnvironment.isEmpty else {
            throw CLIError("give \(option) (or `-` to read standard input), or set \(variable)")
        }
        return fromEnvironment
    }
}
