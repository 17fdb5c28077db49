import Foundation
import HTTPServer
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterEmulator

/// `twpc serve`: runs the API server until SIGINT/SIGTERM (in-flight requests finish first).
enum ServeCommand {
    static let help = """
        usage: twpc serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--database <postgres url>]
                          [--threads 8] [--demo] [--emulator-port 8090] [--no-emulator]

          --port           port to listen on (0 picks a free one)
          --host           address to bind (default 127.0.0.1)
          --data-dir       directory of the SQLite database (default ./data)
          --database       PostgreSQL URL instead of SQLite (also TWPC_DATABASE_URL)
          --threads        HTTP worker threads (default 8)
          --demo           ensure a company "Demo Lending" exists, create an API key for it and print
                           its id, the key and a ready-to-paste curl line
          --emulator-port  port of the embedded TaskRouter emulator (default 8090)
          --no-emulator    do not start the embedded emulator
        """

    static func run(_ arguments: [String]) -> Int32 {
        let scanner: ArgumentScanner
        let port: Int
        let threads: Int
        let emulatorPort: Int
        do {
            scanner = try ArgumentScanner(arguments, flagNames: ["demo", "no-emulator", "help"])
            if scanner.has("help") {
                print(help)
                return 0
            }
            try scanner.requireOnly(
                StoreOptions.names.union(["port", "host", "threads", "demo", "emulator-port", "no-emulator", "help"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            port = try integer(scanner, "port", default: 8080, range: 0...65535)
            threads = try integer(scanner, "threads", default: 8, range: 1...256)
            emulatorPort = try integer(scanner, "emulator-port", default: 8090, range: 0...65535)
        } catch {
            printError("twpc serve: \(error)\n\n\(help)")
            return 2
        }
        let host = scanner.value("host") ?? "127.0.0.1"

        let store: any PairingStore
        do {
            store = try StoreOptions(scanner).open()
        } catch {
            printError("twpc serve: \(StoreOptions.describe(error))")
            return 1
        }
        let app = PairingApplication(store: store)
        let configuration = HTTPServer.Configuration(
            host: host, port: port, threads: threads, maxBodyBytes: app.maxBodyBytes, connectionTimeout: 30,
            errorResponse: { status, message, requestID in
                Envelope.error(APIError(status, message), requestID: requestID)
            },
            onResponse: { request, response, duration in
                app.logAccess(request: request, response: response, durationSeconds: duration)
            })
        var emulator: EmbeddedEmulator?
        if !scanner.has("no-emulator") {
            do {
                emulator = try startEmbeddedEmulator(host: host, port: emulatorPort, store: store)
            } catch {
                printError("twpc serve: cannot start the embedded TaskRouter emulator: \(error)")
                return 1
            }
        }
        // Sync routes are registered before the server starts (routes are read-only afterwards).
        SyncController.register(
            on: app,
            service: makeSyncService(
                store: store, dataDirectory: StoreOptions(scanner).dataDirectory, emulator: emulator))

        let server = HTTPServer(configuration: configuration, responder: app)
        do {
            try server.start()
        } catch {
            printError("twpc serve: cannot start the server: \(error)")
            emulator?.stop()
            return 1
        }
        let baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(server.port)"
        printError("twpc: listening on \(baseURL)")

        if scanner.has("demo") {
            do {
                try printDemo(store: store, baseURL: baseURL, emulator: emulator)
            } catch {
                printError("twpc serve: cannot set up the demo company: \(StoreOptions.describe(error))")
                server.shutdown()
                emulator?.stop()
                return 1
            }
        }

        server.runUntilTerminated()
        emulator?.stop()
        printError("twpc: stopped")
        return 0
    }

    /// Ensures the company "Demo Lending" exists, creates a fresh key for it and prints how to call the API.
    /// With the embedded emulator running, also gives the company a workspace with demo workers
    /// (a manager and two agents in each of two teams) and prints how to create tasks in it.
    static func printDemo(store: any PairingStore, baseURL: String, emulator: EmbeddedEmulator?) throws {
        let name = "Demo Lending"
        let company = try store.companies().first { $0.name == name } ?? store.createCompany(name: name)
        let key = APIKeyCrypto.generateKey()
        _ = try store.createAPIKey(companyID: company.id, hash: APIKeyCrypto.sha256Hex(key))
        print(
            """
            Demo company: \(company.id) (\(name))
            API key:      \(key)   (shown once)
            Try:
              curl -s -H 'X-API-KEY: \(key)' \(baseURL)/companies/\(company.id)/task-worker-pairing-configs
            """)
        if let emulator, let target = emulator.target {
            let workspaceSID = try seedDemoWorkspace(store: store, company: company, emulator: emulator.emulator)
            print(
                """

                TaskRouter emulator (embedded; in memory, new credentials on every start):
                  base URL:   \(target.baseURL)
                  account:    \(target.accountSID)
                  auth token: \(target.authToken)
                  workspace:  \(workspaceSID)  (demo workers in teams \(demoTeams.joined(separator: " and ")))
                Shell variables for the README walkthrough:
                  export API=\(baseURL)/companies/\(company.id)/task-worker-pairing-configs KEY=\(key)
                  export EMU=\(target.baseURL)/v1/Workspaces/\(workspaceSID) EMU_AUTH=\(target.accountSID):\(target.authToken)
                """)
        }
        fflush(nil)
    }

    /// The demo workers' teams (the README walkthrough's configs target them).
    static let demoTeams = ["TM-VOIC-0001", "TM-SUPP-0001"]

    /// Creates (or finds) the demo company's workspace in the embedded emulator, seeds its workers,
    /// and records it as the company's emulator workspace so the next sync fills it.
    static func seedDemoWorkspace(store: any PairingStore, company: Company, emulator: TaskRouterEmulator) throws
        -> String
    {
        // The same friendly name sync gives a workspace it creates for a company.
        let friendlyName = "\(company.name) (\(company.id))"
        let workspaceSID =
            try emulator.workspaceSID(friendlyName: friendlyName)
            ?? emulator.createWorkspace(friendlyName: friendlyName)
        try emulator.seedDemoWorkers(workspaceSID: workspaceSID, teamIDs: demoTeams)
        let mapping = try store.syncMapping(companyID: company.id)
        if mapping.emulatorWorkspaceSID != workspaceSID {
            // The emulator is in memory: queues and workflow of an earlier run are gone with it.
            try store.saveSyncMapping(companyID: company.id, SyncMapping(emulatorWorkspaceSID: workspaceSID))
        }
        return workspaceSID
    }

    static func integer(_ scanner: ArgumentScanner, _ name: String, default value: Int, range: ClosedRange<Int>)
        throws(CLIError) -> Int
    {
        guard let text = scanner.value(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw CLIError(
                "--\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }
}
