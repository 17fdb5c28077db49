/// `twpc ...` — not implemented yet.
enum APIKeysCommand {
    static func run(_ arguments: [String]) -> Int32 {
        printError("twpc: this command is not implemented yet")
        return 2
    }
}
