import Foundation
import Synchronization
import TaskRouterClient

/// A transport that answers from a closure and records every request.
final class ScriptedTransport: TaskRouterTransport {
    typealias Handler =
        @Sendable (TaskRouterHTTPRequest, Int) -> Result<TaskRouterHTTPResponse, TaskRouterTransportError>

    private let handler: Handler
    private let log = Mutex<[TaskRouterHTTPRequest]>([])

    init(_ handler: @escaping Handler) { self.handler = handler }

    var requests: [TaskRouterHTTPRequest] { log.withLock { $0 } }

    func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return try handler(request, index).get()
    }

    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> Result<
        TaskRouterHTTPResponse, TaskRouterTransportError
    > {
        .success(TaskRouterHTTPResponse(status: status, headers: headers, body: Array(text.utf8)))
    }
}

/// Records the delays the client asked to sleep, without sleeping.
final class RecordingSleeper: Sendable {
    private let log = Mutex<[Duration]>([])
    var delays: [Duration] { log.withLock { $0 } }
    func policy(maxAttempts: Int = 5, deadline: Duration = .seconds(60)) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: .milliseconds(100), maxDelay: .seconds(2), jitter: 0.5,
            deadline: deadline, sleeper: { [self] delay in log.withLock { $0.append(delay) } }, random: { 0.5 })
    }
}
