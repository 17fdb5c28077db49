/// `twpc migrate [--data-dir ./data] [--database <url>]`: applies pending database migrations.
enum MigrateCommand {
    static let help = """
        usage: twpc migrate [--data-dir ./data] [--database <postgres url>]

        Applies pending database migrations (also done by `twpc serve` at start).
        """

    static func run(_ arguments: [String]) -> Int32 {
        do {
            let scanner = try ArgumentScanner(arguments, flagNames: ["help"])
            if scanner.has("help") {
                print(help)
                return 0
            }
            try scanner.requireOnly(StoreOptions.names.union(["help"]))
            guard scanner.positionals.isEmpty else { throw CLIError("unexpected argument '\(scanner.positionals[0])'") }
            _ = try StoreOptions(scanner).open(creating: true)
            printError("twpc: migrations applied")
            return 0
        } catch let error as CLIError {
            printError("twpc migrate: \(error)\n\n\(help)")
            return 2
        } catch {
            printError("twpc migrate: \(StoreOptions.describe(error))")
            return 1
        }
    }
}
