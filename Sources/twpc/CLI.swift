import Foundation

/// Dispatches `twpc <command> ...` to the command's file.
enum CLI {
    static let usage = """
        usage: twpc <command> [options]

        commands:
          serve        run the API server (with the embedded TaskRouter emulator)
          emulator     run the TaskRouter emulator alone
          migrate      apply database migrations
          companies    create | list | set-taskrouter
          api-keys     create | revoke
          sync         sync a company's configs to TaskRouter
          expr         check | eval | compile TaskRouter expressions

        Run `twpc <command> --help` for a command's options.
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "expr": return ExprCommand.run(rest)
        case "serve": return ServeCommand.run(rest)
        case "emulator": return EmulatorCommand.run(rest)
        case "migrate": return MigrateCommand.run(rest)
        case "companies": return CompaniesCommand.run(rest)
        case "api-keys": return APIKeysCommand.run(rest)
        case "sync": return SyncCommand.run(rest)
        case "-h", "--help", "help":
            print(usage)
            return 0
        default:
            FileHandle.standardError.write(Data("twpc: unknown command '\(command)'\n\n\(usage)\n".utf8))
            return 2
        }
    }
}
