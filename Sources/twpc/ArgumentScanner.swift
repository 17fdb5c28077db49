import Foundation

/// A small `--name value` / `--flag` scanner for the CLI (no swift-argument-parser here).
struct ArgumentScanner {
    private(set) var options: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// The last option given without its value; reported by `requireOnly` after unknown names.
    private(set) var optionMissingValue: String?

    /// Scans `arguments`; `flagNames` are options without a value (e.g. `--json`).
    /// An option that lacks its value is reported by `requireOnly`, after any unknown option, so
    /// `--bogus` at the end reads "unknown option --bogus", not "needs a value".
    init(_ arguments: [String], flagNames: Set<String> = []) throws(CLIError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--"), argument.count > 2 {
                var name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    let value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                    options[name, default: []].append(value)
                } else if flagNames.contains(name) {
                    flags.insert(name)
                } else {
                    guard index + 1 < arguments.count else {
                        optionMissingValue = name
                        break
                    }
                    options[name, default: []].append(arguments[index + 1])
                    index += 1
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
    }

    func value(_ name: String) -> String? { options[name]?.last }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Rejects any option not in `known` (flags included), naming it; then an option that lacks its value.
    func requireOnly(_ known: Set<String>) throws(CLIError) {
        let given = options.keys.sorted() + flags.sorted() + (optionMissingValue.map { [$0] } ?? [])
        for name in given where !known.contains(name) {
            throw CLIError("unknown option --\(name)")
        }
        if let optionMissingValue { throw CLIError("option --\(optionMissingValue) needs a value") }
    }
}

/// A CLI usage error: printed as `twpc: <message>` with exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
