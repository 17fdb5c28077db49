import Dispatch
import Foundation

/// Renews a lease from a background thread every `interval` until stopped: while a sync runs,
/// its SQLite lock row keeps being extended; if the process dies, renewals stop and the lease expires.
final class LeaseRenewer: Sendable {
    private let stopSignal = DispatchSemaphore(value: 0)

    init(interval: Double, renew: @escaping @Sendable () -> Void) {
        let stopSignal = self.stopSignal
        let thread = Thread {
            while stopSignal.wait(timeout: .now() + interval) == .timedOut { renew() }
        }
        thread.name = "twpc-sync-lease"
        thread.start()
    }

    /// Stops renewing (the thread ends on its own).
    func stop() { stopSignal.signal() }
}
