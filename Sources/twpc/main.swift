import Foundation

// Thin entry point: argument parsing and wiring only. Each command lives in its own file.
let arguments = Array(CommandLine.arguments.dropFirst())
let status = CLI.run(arguments)
exit(status)
