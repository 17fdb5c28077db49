import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid` (Foundation's `Process` can
/// miss a child's exit under the test runner and wait forever). Its stdout and stderr go to files, so
/// a chatty server never blocks on a full pipe; stdin is `/dev/null`. A child still running when this
/// object is released is killed.
public final class ChildProcess: @unchecked Sendable {
    /// Why a child could not be started, did not finish in time or did not print what was awaited.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The child's process id.
    public let pid: pid_t
    /// The command line it was started with; `arguments[0]` is the executable.
    public let arguments: [String]
    /// The file that receives the child's stdout (`outputPrefix` + `.out`).
    public let stdoutPath: String
    /// The file that receives the child's stderr (`outputPrefix` + `.err`).
    public let stderrPath: String
    private let state = NSLock()
    private var exitStatus: Int32?

    /// Starts `arguments[0]` (an absolute path) with `arguments`, the test's environment plus `environment`.
    public init(_ arguments: [String], environment: [String: String] = [:], outputPrefix: String) throws {
        self.arguments = arguments
        stdoutPath = outputPrefix + ".out"
        stderrPath = outputPrefix + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, arguments[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw Failure(description: "cannot run \(arguments[0]): error \(spawned)") }
        pid = child
    }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 10)
        }
    }

    /// Runs a command to completion (killed after `timeout` seconds) and returns its trimmed stdout;
    /// a non-zero exit is an error carrying its stderr.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], outputPrefix: String, timeout: Double = 60
    ) throws -> String {
        let child = try ChildProcess(arguments, environment: environment, outputPrefix: outputPrefix)
        guard let status = child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            _ = child.wait(timeout: 10)
            throw Failure(description: "\(arguments) did not finish within \(timeout) s")
        }
        guard status == 0 else {
            throw Failure(description: "\(arguments) exited with status \(status): \(child.standardError)")
        }
        return child.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the child has written to stdout so far.
    public var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// What the child has written to stderr so far.
    public var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends signal `number` to the child unless it has already ended.
    public func signal(_ number: Int32) {
        if poll() == nil { kill(pid, number) }
    }

    /// The exit status if the child has ended (reaping it), else nil. A child killed by a signal
    /// reports 128 + the signal number.
    public func poll() -> Int32? {
        state.lock()
        defer { state.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    /// Waits up to `timeout` seconds for the child to end; nil if it is still running.
    public func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() > deadline { return nil }
            usleep(10_000)
        }
    }

    /// SIGTERM, then SIGKILL if the child has not ended within `grace` seconds.
    @discardableResult
    public func stop(grace: Double = 10) -> Int32? {
        signal(SIGTERM)
        if let status = wait(timeout: grace) { return status }
        signal(SIGKILL)
        return wait(timeout: 10)
    }

    /// Waits until the child's stdout or stderr matches `pattern` and returns the first capture.
    public func waitForOutput(_ pattern: String, timeout: Double = 30) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            for text in [standardOutput, standardError] {
                let range = NSRange(text.startIndex..., in: text)
                if let match = regex.firstMatch(in: text, range: range), match.numberOfRanges > 1,
                    let capture = Range(match.range(at: 1), in: text)
                {
                    return String(text[capture])
                }
            }
            if let status = poll() {
                throw Failure(
                    description: "\(arguments) exited with status \(status) before printing /\(pattern)/: "
                        + standardOutput + standardError)
            }
            if Date() > deadline {
                throw Failure(description: "\(arguments) did not print /\(pattern)/ within \(timeout) s")
            }
            usleep(20_000)
        }
    }

    /// A TCP port nobody listens on right now (bound to port 0, then released).
    public static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
