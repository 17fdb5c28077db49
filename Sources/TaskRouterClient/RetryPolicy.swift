import Foundation

/// How the client retries requests that get 429, 5xx or a connection error
/// (sync.md section 3): exponential backoff with jitter, honouring `Retry-After`,
/// at most `maxAttempts` attempts, within `deadline` from the first attempt.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included (default 5).
    public var maxAttempts: Int
    /// Delay before the second attempt; doubles on every further one.
    public var baseDelay: Duration
    /// Upper bound of one backoff delay (not of `Retry-After`).
    public var maxDelay: Duration
    /// Fraction of each delay that is random: delay is uniform in `[d * (1 - jitter), d]`.
    public var jitter: Double
    /// Overall time for one request including its retries (default 60 s).
    public var deadline: Duration
    /// Longest wait for one answer before the attempt counts as a connection error (default 30 s).
    public var requestTimeout: Duration
    /// Sleeps between attempts; tests inject one that records instead of waiting.
    public var sleeper: @Sendable (Duration) async -> Void
    /// A random number in `0..<1` for jitter.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
        jitter: Double = 0.5, deadline: Duration = .seconds(60), requestTimeout: Duration = .seconds(30),
        sleeper: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.deadline = deadline
        self.requestTimeout = requestTimeout
        self.sleeper = sleeper
        self.random = random
    }

    /// The backoff before attempt `attempt + 1` (attempt counts from 1), jitter applied.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(0, attempt - 1), 30)
        var delay = baseDelay * (1 << exponent)
        if delay > maxDelay { delay = maxDelay }
        return delay * (1 - jitter * random())
    }

    /// The delay a `Retry-After` header asks for (delta-seconds form), if any.
    public static func retryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), let seconds = Double(value), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }
}
