/// `twpc <command> <subcommand> ...`: help, unknown subcommands and dispatch in one place.
enum Subcommands {
    /// Runs the subcommand named by `arguments.first` from `table` with the rest of the arguments.
    static func run(
        _ arguments: [String], command: String, help: String, _ table: [String: ([String]) -> Int32]
    ) -> Int32 {
        guard let subcommand = arguments.first else {
            printError(help)
            return 2
        }
        if let run = table[subcommand] { return run(Array(arguments.dropFirst())) }
        switch subcommand {
        case "-h", "--help", "help":
            print(help)
            return 0
        default:
            printError("twpc \(command): unknown subcommand '\(subcommand)'\n\n\(help)")
            return 2
        }
    }
}
