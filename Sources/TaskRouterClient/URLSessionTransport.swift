import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: `URLSession` (FoundationNetworking on Linux).
///
/// Two guards keep a request from ever blocking past its `timeout`:
/// - the session's delegate answers every authentication challenge at once without a
///   credential, so a `401` carrying `WWW-Authenticate` (wrong Twilio credentials) comes
///   back to the caller instead of leaving the task waiting (swift-corelibs-foundation
///   waits forever otherwise);
/// - a timer races the request and cancels the URLSession task when `timeout` (plus a
///   short grace) has passed, whatever URLSession does.
public final class URLSessionTransport: TaskRouterTransport {
    private let session: URLSession
    private let delegate = SessionDelegate()

    /// - Parameter maximumConnectionsPerHost: parallel connections to one host (sync uses 4).
    public init(maximumConnectionsPerHost: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse
    {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw TaskRouterTransportError("invalid URL \(request.url)")
        }
        let timeout = max(0.1, request.timeout)
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = timeout
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let pending = PendingRequest()
        let session = self.session
        let description = "\(request.method) \(request.url)"
        let result: Result<TaskRouterHTTPResponse, TaskRouterTransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pending.begin(continuation)
                // Delegate-driven (no completion handler): only then does URLSession ask the
                // delegate about authentication challenges instead of waiting.
                let task = session.dataTask(with: urlRequest)
                delegate.register(task.taskIdentifier) { data, response, error, challenged in
                    pending.finish(Self.result(data: data, response: response, error: error, challenged: challenged))
                }
                pending.attach(task)
                // The hard timeout: URLSession's own timeout does not cover every way a task can wait.
                // A Dispatch timer, not a Task: it must fire even when every cooperative thread is busy.
                // Finishing is idempotent, so a timer that fires after the answer does nothing.
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 0.25) {
                    pending.finish(.failure(TaskRouterTransportError("\(description): the request timed out")))
                }
                task.resume()
            }
        } onCancel: {
            pending.finish(.failure(TaskRouterTransportError("\(description): cancelled")))
        }
        return try result.get()
    }

    private static func result(data: Data?, response: URLResponse?, error: (any Error)?, challenged: Int?)
        -> Result<TaskRouterHTTPResponse, TaskRouterTransportError>
    {
        if error != nil, let challenged {
            // The challenge was cancelled: report the server's refusal as Twilio does.
            let body =
                #"{"code":20003,"message":"Authentication Error - TaskRouter rejected the credentials (account SID and auth token, or API key SID and secret)","more_info":"https://www.twilio.com/docs/errors/20003","status":\#(challenged)}"#
            return .success(
                TaskRouterHTTPResponse(
                    status: challenged, headers: ["content-type": "application/json"], body: Array(body.utf8)))
        }
        if let error { return .failure(TaskRouterTransportError(error.localizedDescription)) }
        guard let http = response as? HTTPURLResponse else {
            return .failure(TaskRouterTransportError("no HTTP response"))
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return .success(TaskRouterHTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data())))
    }
}

/// Collects each task's answer and calls its callback on completion. Answers
/// authentication challenges at once without a credential (TaskRouter credentials
/// travel in the `Authorization` header, never through URLSession's credential
/// machinery): swift-corelibs-foundation would otherwise wait forever on a `401`
/// carrying `WWW-Authenticate`.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    typealias Callback = @Sendable (Data?, URLResponse?, (any Error)?, Int?) -> Void
    private struct Entry {
        var data = Data()
        var response: URLResponse?
        var challenged: Int?
        var callback: Callback
    }
    private let entries = Mutex<[Int: Entry]>([:])

    func register(_ identifier: Int, _ callback: @escaping Callback) {
        entries.withLock { $0[identifier] = Entry(callback: callback) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        entries.withLock { $0[dataTask.taskIdentifier]?.response = response }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        entries.withLock { $0[dataTask.taskIdentifier]?.data.append(data) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        let status = (challenge.failureResponse as? HTTPURLResponse)?.statusCode ?? 401
        entries.withLock { $0[task.taskIdentifier]?.challenged = status }
        // On Linux the task then ends with an error and without the 401's body; `result` turns that
        // into Twilio's 401/20003 with the status of the refusal.
        completionHandler(.rejectProtectionSpace, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = entries.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        entry.callback(entry.data, entry.response ?? task.response, error, entry.challenged)
    }
}

/// One in-flight request: whoever finishes first (answer, timer, cancellation) resumes
/// the caller; the others find nothing left to do and cancel the rest.
private final class PendingRequest: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<TaskRouterHTTPResponse, TaskRouterTransportError>, Never>?
        var task: URLSessionTask?
        var result: Result<TaskRouterHTTPResponse, TaskRouterTransportError>?
    }
    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<Result<TaskRouterHTTPResponse, TaskRouterTransportError>, Never>) {
        let early = state.withLock { state -> Result<TaskRouterHTTPResponse, TaskRouterTransportError>? in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func attach(_ task: URLSessionTask) {
        let done = state.withLock { state -> Bool in
            state.task = task
            return state.result != nil
        }
        if done { task.cancel() }
    }

    func finish(_ result: Result<TaskRouterHTTPResponse, TaskRouterTransportError>) {
        let (continuation, task) = state.withLock {
            state -> (
                CheckedContinuation<Result<TaskRouterHTTPResponse, TaskRouterTransportError>, Never>?,
                URLSessionTask?
            ) in
            guard state.result == nil else { return (nil, nil) }
            state.result = result
            defer {
                state.continuation = nil
                state.task = nil
            }
            return (state.continuation, state.task)
        }
        task?.cancel()
        continuation?.resume(returning: result)
    }
}
