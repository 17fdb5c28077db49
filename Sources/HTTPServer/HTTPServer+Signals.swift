import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension HTTPServer {
    /// Blocks the calling thread until the process receives SIGINT or SIGTERM, then shuts the
    /// server down gracefully (see `shutdown()`) and returns the signal number.
    ///
    /// The signals are handled with dispatch sources (no C signal handler runs Swift code), so
    /// this is safe to call from `main.swift`. The signals' previous dispositions are restored
    /// before returning.
    @discardableResult
    public func runUntilTerminated(signals: [Int32] = [SIGINT, SIGTERM]) -> Int32 {
        let received = Mutex<Int32>(0)
        let semaphore = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "twpc.http.signals")
        var sources: [any DispatchSourceSignal] = []
        var previous: [(Int32, __sighandler_t?)] = []
        for number in signals {
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let first = received.withLock { value -> Bool in
                    guard value == 0 else { return false }
                    value = number
                    return true
                }
                if first { semaphore.signal() }
            }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
        shutdown()
        for source in sources { source.cancel() }
        for (number, handler) in previous { signal(number, handler) }
        return received.withLock { $0 }
    }
}
