import Foundation
import HTTPServer
import TaskRouterEmulator

/// `twpc emulator`: runs the TaskRouter emulator alone until SIGINT/SIGTERM.
enum EmulatorCommand {
    static let usage = """
        usage: twpc emulator --account-sid AC... [--auth-token TOKEN] [options]

        Runs a local, wire-compatible subset of Twilio TaskRouter REST API v1 (docs/emulator.md).

        options:
          --port N             port to listen on (default 8090; 0 picks a free port)
          --host ADDRESS       address to bind (default 127.0.0.1)
          --account-sid SID    the account SID clients authenticate as (AC + 32 hex digits;
                               default: $TWPC_EMULATOR_ACCOUNT_SID)
          --auth-token TOKEN   the auth token (default: $TWPC_EMULATOR_AUTH_TOKEN)
          --public-url URL     base URL for absolute URLs in responses (default: http://<Host header>)
          --workspace NAME     create a workspace with this name at start and print its SID
          --latency-ms N       add N milliseconds to every /v1 answer
          --threads N          server worker threads (default 4)
        """

    static func run(_ arguments: [String]) -> Int32 {
        do throws(CLIError) {
            let scanner = try ArgumentScanner(arguments, flagNames: ["help"])
            if scanner.has("help") || scanner.positionals.contains("help") || arguments.contains("-h") {
                print(usage)
                return 0
            }
            try scanner.requireOnly([
                "help", "port", "host", "account-sid", "auth-token", "public-url", "workspace", "latency-ms",
                "threads",
            ])
            if let extra = scanner.positionals.first { throw CLIError("unexpected argument '\(extra)'") }
            let port = try integer(scanner, "port", default: 8090, range: 0...65535)
            let threads = try integer(scanner, "threads", default: 4, range: 1...256)
            let latency = try integer(scanner, "latency-ms", default: 0, range: 0...60_000)
            let host = scanner.value("host") ?? "127.0.0.1"
            let environment = ProcessInfo.processInfo.environment
            guard let account = scanner.value("account-sid") ?? environment["TWPC_EMULATOR_ACCOUNT_SID"] else {
                throw CLIError("an account SID is required: --account-sid or TWPC_EMULATOR_ACCOUNT_SID")
            }
            guard isAccountSID(account) else {
                throw CLIError("--account-sid must be AC followed by 32 lowercase hex digits, got '\(account)'")
            }
            let token = scanner.value("auth-token") ?? environment["TWPC_EMULATOR_AUTH_TOKEN"]
            guard let token, !token.isEmpty else {
                throw CLIError("an auth token is required: --auth-token or TWPC_EMULATOR_AUTH_TOKEN")
            }
            let emulator = TaskRouterEmulator(
                accountSID: account, authToken: token, publicBaseURL: scanner.value("public-url"))
            emulator.setLatency(milliseconds: latency)
            if let name = scanner.value("workspace") {
                do {
                    let sid = try emulator.createWorkspace(friendlyName: name)
                    FileHandle.standardOutput.write(Data("workspace \(sid) \(name)\n".utf8))
                } catch {
                    throw CLIError("cannot create workspace: \(error.message)")
                }
            }
            let server: HTTPServer
            do {
                server = try emulator.start(host: host, port: port, threads: threads)
            } catch {
                printError("twpc emulator: cannot start the emulator on \(host):\(port): \(error)")
                return 1
            }
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let banner = "TaskRouter emulator listening on http://\(shownHost):\(server.port) (account \(account))\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
            server.runUntilTerminated()
            return 0
        } catch {
            printError("twpc emulator: \(error.description)\n\n\(usage)")
            return 2
        }
    }

    private static func integer(_ scanner: ArgumentScanner, _ name: String, default value: Int, range: ClosedRange<Int>)
        throws(CLIError) -> Int
    {
        guard let text = scanner.value(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw CLIError(
                "--\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    private static func isAccountSID(_ text: String) -> Bool {
        text.count == 34 && text.hasPrefix("AC")
            && text.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
