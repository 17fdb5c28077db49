import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of a test's own (a temporary directory and a free port), for tests
/// that stop and start the server. Needs `TWPC_TEST_PG_BINDIR` (set by `scripts/with-postgres.sh`);
/// as root, the server runs as the `postgres` user. The cluster is stopped and its directory removed
/// when this object is released.
public final class TemporaryPostgresCluster: @unchecked Sendable {
    /// The connection URL of the cluster's `postgres` database, as user `twpc` (trust authentication).
    public let url: String
    private let binDirectory: String
    private let directory: String
    private let port: Int

    /// The PostgreSQL programs' directory from `TWPC_TEST_PG_BINDIR`; nil when it is unset or empty.
    public static var binDirectory: String? {
        guard let bindir = ProcessInfo.processInfo.environment["TWPC_TEST_PG_BINDIR"], !bindir.isEmpty else {
            return nil
        }
        return bindir
    }

    /// Creates and starts the cluster in a new directory named `directoryPrefix` and a UUID, in the
    /// temporary directory.
    public init(binDirectory: String, directoryPrefix: String) throws {
        self.binDirectory = binDirectory
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(directoryPrefix + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try ChildProcess.freePort()
        url = "postgres://twpc@127.0.0.1:\(port)/postgres"
        if getuid() == 0 { try run("/usr/bin/chown", ["postgres", directory], asPostgres: false) }
        try run(binDirectory + "/initdb", ["-D", directory + "/data", "-A", "trust", "-U", "twpc", "-N"])
        try start()
    }

    deinit {
        try? run(binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        try run(
            binDirectory + "/pg_ctl",
            [
                "-D", directory + "/data", "-l", directory + "/log", "-w", "-t", "30", "-o",
                "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ])
    }

    /// Stops the server (fast shutdown: sessions are disconnected) and waits until it is down.
    public func stop() throws {
        try run(binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"])
    }

    /// Runs a command to completion (at most 60 s), as the `postgres` user when `asPostgres` and root.
    private func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) throws {
        let argv =
            asPostgres && getuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        // The output files live in the cluster's directory, which the postgres user owns.
        let prefix = directory + "/cmd-\(UUID().uuidString)"
        _ = try ChildProcess.run(argv, outputPrefix: prefix, timeout: 60)
        try? FileManager.default.removeItem(atPath: prefix + ".out")
        try? FileManager.default.removeItem(atPath: prefix + ".err")
    }
}
