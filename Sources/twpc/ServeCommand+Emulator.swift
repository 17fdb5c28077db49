import PairingStore

/// A running embedded service that `twpc serve` stops on shutdown.
struct EmbeddedEmulator {
    let stop: () -> Void
}

extension ServeCommand {
    /// Starts the embedded TaskRouter emulator on `port` (hook for the emulator work; `--no-emulator`
    /// skips it). Not wired yet in this build: returns nil and `serve` runs without an emulator.
    static func startEmbeddedEmulator(host: String, port: Int, store: any PairingStore) throws -> EmbeddedEmulator? {
        nil
    }
}
