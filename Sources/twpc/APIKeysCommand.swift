import Foundation
import PairingAPI
import PairingCore

/// `twpc api-keys create --company CP-... | --admin` and `twpc api-keys revoke <AK-...>`.
enum APIKeysCommand {
    static let help = """
        usage: twpc api-keys create (--company CP-XXXX-XXXX | --admin) [--json] [--data-dir ./data] [--database <url>]
               twpc api-keys revoke <AK-XXXX-XXXX> [--data-dir ./data] [--database <url>]

        `create` prints the new key alone; it is shown only this once (only its SHA-256 hash is
        stored). With --json it prints {"id","companyId","admin","key","createdAt"}.
        """

    static func run(_ arguments: [String]) -> Int32 {
        Subcommands.run(arguments, command: "api-keys", help: help, ["create": create, "revoke": revoke])
    }

    static func create(_ arguments: [String]) -> Int32 {
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["json", "admin"])
            try scanner.requireOnly(StoreOptions.names.union(["company", "admin", "json"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            let companyID = scanner.value("company")
            guard (companyID != nil) != scanner.has("admin") else {
                throw CLIError("give exactly one of --company CP-XXXX-XXXX or --admin")
            }
            let store = try StoreOptions(scanner).open()
            if let companyID, try store.company(id: companyID) == nil {
                printError("twpc api-keys create: no company \(companyID)")
                return 1
            }
            let key = APIKeyCrypto.generateKey()
            let record = try store.createAPIKey(companyID: companyID, hash: APIKeyCrypto.sha256Hex(key))
            if scanner.has("json") {
                var writer = JSONWriter()
                writer.beginObject()
                writer.field("id", record.id)
                writer.field("companyId", record.companyID)
                writer.field("admin", record.isAdmin)
                writer.field("key", key)
                writer.field("createdAt", Timestamp.rfc3339(microseconds: record.createdAt))
                writer.endObject()
                print(String(decoding: writer.bytes, as: UTF8.self))
            } else {
                print(key)
            }
            printError("twpc: created API key \(record.id); store it now, it is not shown again")
            return 0
        } catch let error as CLIError {
            printError("twpc api-keys create: \(error)\n\n\(help)")
            return 2
        } catch {
            printError("twpc api-keys create: \(StoreOptions.describe(error))")
            return 1
        }
    }

    static func revoke(_ arguments: [String]) -> Int32 {
        do {
            let scanner = try ArgumentScanner(arguments)
            try scanner.requireOnly(StoreOptions.names.union(["id"]))
            let ids = scanner.positionals + (scanner.value("id").map { [$0] } ?? [])
            guard ids.count == 1, let id = ids.first else { throw CLIError("give the key id to revoke (AK-XXXX-XXXX)") }
            let store = try StoreOptions(scanner).open()
            guard try store.revokeAPIKey(id: id) else {
                printError("twpc api-keys revoke: no active API key \(id)")
                return 1
            }
            printError("twpc: revoked API key \(id)")
            return 0
        } catch let error as CLIError {
            printError("twpc api-keys revoke: \(error)\n\n\(help)")
            return 2
        } catch {
            printError("twpc api-keys revoke: \(StoreOptions.describe(error))")
            return 1
        }
    }
}
