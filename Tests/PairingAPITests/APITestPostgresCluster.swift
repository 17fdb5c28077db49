import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of a test's own (a temporary directory and a free port), for tests
/// that stop and start the server under a running `twpc serve`. Needs `TWPC_TEST_PG_BINDIR` (set by
/// `scripts/with-postgres.sh`); as root, the server runs as the `postgres` user.
final class APITestPostgresCluster: @unchecked Sendable {
    let url: String
    private let binDirectory: String
    private let directory: String
    private let port: Int

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
            FileManager.default.temporaryDirectory.appendingPathComponent("twpc-api-pg-\(UUID().uuidString)").path
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
    func start() throws {
        try run(
            binDirectory + "/pg_ctl",
            [
                "-D", directory + "/data", "-l", directory + "/log", "-w", "-t", "30", "-o",
                "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ])
    }

    /// Stops the server (fast shutdown: sessions are disconnected) and waits until it is down.
    func stop() throws {
        try run(binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"])
    }

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
