/// `twpc ...` — not implemented yet.
enum MigrateCommand {
    static func run(_ arguments: [String]) -> Int32 {
        printError("twpc: this command is not implemented yet")
        return 2
    }
}
