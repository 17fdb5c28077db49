import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: `URLSession` (FoundationNetworking on Linux).
public final class URLSessionTransport: TaskRouterTransport {
    private let session: URLSession

    /// - Parameter maximumConnectionsPerHost: parallel connections to one host (sync uses 4).
    public init(maximumConnectionsPerHost: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: TaskRouterHTTPRequest) async throws(TaskRouterTransportError) -> TaskRouterHTTPResponse
    {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw TaskRouterTransportError("invalid URL \(request.url)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = max(0.1, request.timeout)
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let session = self.session
        let result: Result<TaskRouterHTTPResponse, TaskRouterTransportError> = await withCheckedContinuation {
            continuation in
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(returning: .failure(TaskRouterTransportError(error.localizedDescription)))
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(returning: .failure(TaskRouterTransportError("no HTTP response")))
                    return
                }
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
                }
                continuation.resume(
                    returning: .success(
                        TaskRouterHTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data()))
                    )
                )
            }
            task.resume()
        }
        return try result.get()
    }
}
