import Foundation
import PairingAPI
import PairingCore

/// `twpc companies create --name <name> | list | set-taskrouter ...`.
enum CompaniesCommand {
    static let help = """
        usage: twpc companies create --name <name> [--json] [--data-dir ./data] [--database <url>]
               twpc companies list [--json] [--data-dir ./data] [--database <url>]
               twpc companies set-taskrouter ...   (see `twpc companies set-taskrouter --help`)

        `create` makes the company and its default config and prints the company id alone
        (with --json, the whole company as JSON).
        """

    static func run(_ arguments: [String]) -> Int32 {
        Subcommands.run(
            arguments, command: "companies", help: help,
            ["create": create, "list": list, "set-taskrouter": setTaskRouter])
    }

    static func create(_ arguments: [String]) -> Int32 {
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["json"])
            try scanner.requireOnly(StoreOptions.names.union(["name", "json"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            let name = (scanner.value("name") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw CLIError("--name is required and must not be empty") }
            guard name.count <= 255 else { throw CLIError("--name must be at most 255 characters") }
            let store = try StoreOptions(scanner).open(creating: true)
            let company = try store.createCompany(name: name)
            print(scanner.has("json") ? json(company) : company.id)
            return 0
        } catch let error as CLIError {
            printError("twpc companies create: \(error)\n\n\(help)")
            return 2
        } catch {
            printError("twpc companies create: \(StoreOptions.describe(error))")
            return 1
        }
    }

    static func list(_ arguments: [String]) -> Int32 {
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["json"])
            try scanner.requireOnly(StoreOptions.names.union(["json"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            let store = try StoreOptions(scanner).open()
            let companies = try store.companies()
            if scanner.has("json") {
                print("[" + companies.map(json).joined(separator: ",") + "]")
            } else {
                for company in companies { print("\(company.id)\t\(company.name)") }
            }
            return 0
        } catch let error as CLIError {
            printError("twpc companies list: \(error)\n\n\(help)")
            return 2
        } catch {
            printError("twpc companies list: \(StoreOptions.describe(error))")
            return 1
        }
    }

    static func json(_ company: Company) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", company.id)
        writer.field("object", "company")
        writer.field("name", company.name)
        writer.field("createdAt", Timestamp.rfc3339(microseconds: company.createdAt))
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
