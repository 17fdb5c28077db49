import Foundation

/// How a command run to completion ended: its exit status and what it printed.
public struct CommandRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything the command wrote to stdout.
    public var output: String
    /// Everything the command wrote to stderr.
    public var error: String

    /// Runs `executable` with `arguments` (with Foundation's `Process`) and waits for it to exit.
    /// `environment` replaces the test's environment when given. `input` is written to the command's
    /// stdin, which is then closed; without it, stdin is `/dev/null`.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil
    ) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        if let input {
            let inputPipe = Pipe()
            process.standardInput = inputPipe
            try process.run()
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
