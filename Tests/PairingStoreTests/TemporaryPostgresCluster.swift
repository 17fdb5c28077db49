import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of a test's own (a temporary directory and a free port), for tests
/// that stop and start the server. Needs `TWPC_TEST_PG_BINDIR` (set by `scripts/with-postgres.sh`);
/// as root, the server runs as the `postgres` user.
final class TemporaryPostgresCluster: @unchecked Sendable {
    let url: String
    private let binDirectory: String
    private let directory: String
    private let port: Int

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    static var binDirectory: String? {
        guard let bindir = ProcessInfo.processInfo.environment["TWPC_TEST_PG_BINDIR"], !bindir.isEmpty else {
            return nil
        }
        return bindir
    }

    /// Creates and starts the cluster.
    init(binDirectory: String) throws {
        self.binDirectory = binDirectory
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "twpc-pg-restart-\(UUID().uuidString)"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        url = "postgres://twpc@127.0.0.1:\(port)/postgres"
        if getuid() == 0 { try Self.run("/usr/bin/chown", ["postgres", directory], asPostgres: false) }
        try Self.run(
            binDirectory + "/initdb", ["-D", directory + "/data", "-A", "trust", "-U", "twpc", "-N"],
            asPostgres: true)
        try start()
    }

    deinit {
        try? Self.run(
            binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the server and waits until it accepts connections.
    func start() throws {
        try Self.run(
            binDirectory + "/pg_ctl",
            [
                "-D", directory + "/data", "-l", directory + "/log", "-w", "-t", "30", "-o",
                "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ], asPostgres: true)
    }

    /// Stops the server (fast shutdown: sessions are disconnected) and waits until it is down.
    func stop() throws {
        try Self.run(
            binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"], asPostgres: true)
    }

    /// Runs a command to completion with posix_spawn/waitpid (Foundation's `Process` can miss the
    /// exit of a short-lived child under the test runner and wait forever).
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool) throws {
        let argv =
            asPostgres && getuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw CommandFailed(description: "cannot run \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw CommandFailed(description: "\(argv) failed with wait status \(status)")
        }
    }

    /// A TCP port nobody listens on right now (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw CommandFailed(description: "socket() failed") }
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
        guard bound else { throw CommandFailed(description: "cannot bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
