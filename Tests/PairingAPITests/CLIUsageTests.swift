import Foundation
import TestSupport
import Testing

/// Usage errors of the `twpc` binary: unknown options, bad `--database`, read-only commands on a data
/// directory without a database, and error prefixes that name the command.
@Suite struct CLIUsageTests {
    static let binary = TwpcProcessHarness.locateBinary()

    struct NotBuilt: Error {}

    /// Runs `twpc` with `arguments` and without `TWPC_DATABASE_URL`.
    func run(_ arguments: [String]) throws -> CommandRun {
        guard let binary = Self.binary else { throw NotBuilt() }
        var environment = ProcessInfo.processInfo.environment
        environment["TWPC_DATABASE_URL"] = nil
        return try CommandRun.run(URL(fileURLWithPath: binary), arguments, environment: environment)
    }

    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("twpc-cli-\(UUID().uuidString)").path
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func unknownOptionIsNamedBeforeAMissingValue() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bogus = try run(["companies", "create", "--name", "x", "--bogus", "--data-dir", directory])
        #expect(bogus.status == 2)
        #expect(bogus.error.hasPrefix("twpc companies create: unknown option --bogus"), "\(bogus.error)")
        let atEnd = try run(["companies", "create", "--name", "x", "--data-dir", directory, "--bogus"])
        #expect(atEnd.status == 2)
        #expect(atEnd.error.hasPrefix("twpc companies create: unknown option --bogus"), "\(atEnd.error)")
        #expect(!atEnd.error.contains("needs a value"))
        let missing = try run(["companies", "create", "--data-dir", directory, "--name"])
        #expect(missing.status == 2)
        #expect(missing.error.hasPrefix("twpc companies create: option --name needs a value"), "\(missing.error)")
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func databaseMustBeAPostgresURL() throws {
        for arguments in [["companies", "list"], ["companies", "create", "--name", "x"], ["migrate"], ["serve"]] {
            let result = try run(arguments + ["--database", "notaurl"])
            #expect(result.status == 2, "\(arguments): \(result.error)")
            #expect(result.error.contains("--database"), "\(arguments): \(result.error)")
            #expect(result.error.contains("'notaurl'"), "\(arguments): \(result.error)")
            #expect(!result.error.contains("unavailable"), "\(arguments): \(result.error)")
        }
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func readOnlyCommandsDoNotCreateTheDataDirectory() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let commands: [[String]] = [
            ["companies", "list"], ["api-keys", "create", "--admin"], ["api-keys", "revoke", "AK-AAAA-BBBB"],
        ]
        for arguments in commands {
            let result = try run(arguments + ["--data-dir", directory])
            #expect(result.status == 1, "\(arguments): \(result.error)")
            #expect(
                result.error.contains(
                    "no database at \(directory)/twpc.sqlite (run `twpc migrate` or `twpc serve` first)"),
                "\(arguments): \(result.error)")
            #expect(result.error.hasPrefix("twpc \(arguments[0]) \(arguments[1]): "), "\(result.error)")
            #expect(!FileManager.default.fileExists(atPath: directory), "\(arguments) created \(directory)")
        }
        let created = try run(["companies", "create", "--name", "Acme", "--data-dir", directory])
        #expect(created.status == 0, "\(created.error)")
        let listed = try run(["companies", "list", "--data-dir", directory])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.output.contains("Acme"))
    }

    @Test(.enabled(if: binary != nil, "the twpc binary is not built"))
    func errorPrefixesNameTheCommand() throws {
        let expr = try run(["expr", "check", "a == 1", "--bogus", "x"])
        #expect(expr.status == 2)
        #expect(expr.error.hasPrefix("twpc expr: unknown option --bogus"), "\(expr.error)")
        let emulator = try run(["emulator", "--bogus", "x"])
        #expect(emulator.status == 2)
        #expect(emulator.error.hasPrefix("twpc emulator: unknown option --bogus"), "\(emulator.error)")
    }
}
