/// Runs `body` but gives up after `seconds`: nil when it did not finish in time
/// (the body keeps running detached; the test records the hang instead of hanging).
public func finishing<T: Sendable>(
    within seconds: Double, _ body: @escaping @Sendable () async -> T
) async -> T? {
    let once = ResumeOnce<T>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        once.set(continuation)
        Task { once.resume(await body()) }
        Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            once.resume(nil)
        }
    }
}
