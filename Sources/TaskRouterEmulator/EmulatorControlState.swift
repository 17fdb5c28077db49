/// Fault injection, latency and request counting, guarded by their own mutex.
struct EmulatorControlState: Sendable {
    struct PendingFault: Sendable {
        var fault: EmulatorFault
        var remaining: Int
    }

    var faults: [PendingFault] = []
    var latencyMilliseconds = 0
    var counts = EmulatorRequestCounts()

    /// Counts one `/v1` request and takes the next pending fault, if any.
    mutating func record(_ key: String) -> EmulatorFault? {
        counts.total += 1
        counts.byRoute[key, default: 0] += 1
        guard !faults.isEmpty else { return nil }
        let fault = faults[0].fault
        faults[0].remaining -= 1
        if faults[0].remaining <= 0 { faults.removeFirst() }
        counts.faulted += 1
        return fault
    }
}
