import Foundation
import Synchronization

/// A client of Twilio's TaskRouter REST API v1 (or the emulator): HTTP Basic auth,
/// form-encoded bodies, every page of a list followed through `next_page_url`,
/// Twilio error bodies decoded into `TaskRouterError`, retries per `RetryPolicy`.
///
/// Thread-safe; calls may run concurrently.
public final class TaskRouterClient: Sendable {
    /// Root of the API, e.g. `https://taskrouter.twilio.com` (no trailing `/v1`).
    public let baseURL: String
    let credentials: TaskRouterCredentials
    let transport: any TaskRouterTransport
    /// Retry policy of every request.
    public let retry: RetryPolicy
    /// When set, no request (or retry) starts after this instant.
    let overallDeadline: ContinuousClock.Instant?
    private let counter = Mutex(0)

    /// - Parameters:
    ///   - baseURL: API root; a trailing `/` is ignored.
    ///   - deadline: an overall deadline for everything this client does (a sync run), in
    ///     addition to the per-request deadline of the retry policy.
    public init(
        baseURL: String = "https://taskrouter.twilio.com", credentials: TaskRouterCredentials,
        transport: any TaskRouterTransport = URLSessionTransport(), retry: RetryPolicy = RetryPolicy(),
        deadline: ContinuousClock.Instant? = nil
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.overallDeadline = deadline
    }

    /// HTTP requests sent so far (every attempt counts).
    public var requestCount: Int { counter.withLock { $0 } }

    // MARK: Requests

    /// Sends one request with retries and returns the decoded body of a 2xx answer.
    func request<T: Decodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], form: [(String, String)] = [],
        as type: T.Type
    ) async throws(TaskRouterError) -> T {
        let response = try await send(method, url: url(path, query: query), form: form)
        return try decode(type, response)
    }

    /// Sends a request whose answer has no interesting body (delete).
    func requestNoContent(_ method: String, _ path: String) async throws(TaskRouterError) {
        _ = try await send(method, url: url(path, query: []), form: [])
    }

    /// Every item of a paged list, following `next_page_url` until it is null.
    func list<T: Decodable & Sendable>(_ path: String, key: String, query: [(String, String)])
        async throws(TaskRouterError) -> [T]
    {
        var items: [T] = []
        var next: String? = url(path, query: query)
        var seen: Set<String> = []
        while let pageURL = next {
            guard seen.insert(pageURL).inserted else {
                throw TaskRouterError(status: nil, code: nil, message: "paging loops at \(pageURL)")
            }
            let response = try await send("GET", url: pageURL, form: [])
            let page = try decode(TaskRouterPage<T>.self, response, userInfo: [TaskRouterPage<T>.keyInfo: key])
            items += page.items
            next = page.nextPageURL.flatMap { $0.isEmpty ? nil : absolute($0) }
        }
        return items
    }

    private func url(_ path: String, query: [(String, String)]) -> String {
        query.isEmpty ? baseURL + path : baseURL + path + "?" + FormEncoding.encode(query)
    }

    /// `next_page_url` is absolute at Twilio and the emulator; accept a path too.
    private func absolute(_ link: String) -> String {
        link.hasPrefix("http://") || link.hasPrefix("https://") ? link : baseURL + link
    }

    private func send(_ method: String, url: String, form: [(String, String)]) async throws(TaskRouterError)
        -> TaskRouterHTTPResponse
    {
        let clock = ContinuousClock()
        var deadline = clock.now + retry.deadline
        if let overallDeadline, overallDeadline < deadline { deadline = overallDeadline }
        var headers = ["Authorization": credentials.authorizationHeader, "Accept": "application/json"]
        var body: [UInt8] = []
        if method == "POST" {
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = Array(FormEncoding.encode(form).utf8)
        }
        var attempt = 0
        var lastError = TaskRouterError(status: nil, code: nil, message: "deadline exceeded before \(method) \(url)")
        while attempt < retry.maxAttempts {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            attempt += 1
            counter.withLock { $0 += 1 }
            let timeout = Self.seconds(min(remaining, retry.requestTimeout))
            let request = TaskRouterHTTPRequest(
                method: method, url: url, headers: headers, body: body, timeout: timeout)
            var retryAfter: Duration?
            do {
                let response = try await transport.send(request)
                if (200..<300).contains(response.status) { return response }
                lastError = Self.error(from: response)
                retryAfter = RetryPolicy.retryAfter(response.headers["retry-after"])
            } catch {
                lastError = TaskRouterError(status: nil, code: nil, message: "\(method) \(url): \(error.description)")
            }
            guard lastError.isRetryable, attempt < retry.maxAttempts else { throw lastError }
            let delay = retryAfter ?? retry.backoff(afterAttempt: attempt)
            // Waiting past the deadline cannot lead to a success: give up now with the real error.
            guard clock.now + delay < deadline else { throw lastError }
            await retry.sleeper(delay)
        }
        throw lastError
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Decodes Twilio's error body (`code`, `message`, `more_info`, `status`).
    static func error(from response: TaskRouterHTTPResponse) -> TaskRouterError {
        struct Body: Decodable {
            var code: Int?
            var message: String?
            var moreInfo: String?
            enum CodingKeys: String, CodingKey {
                case code, message
                case moreInfo = "more_info"
            }
        }
        let body = try? JSONDecoder().decode(Body.self, from: Data(response.body))
        let fallback = String(decoding: response.body.prefix(200), as: UTF8.self)
        return TaskRouterError(
            status: response.status, code: body?.code,
            message: body?.message ?? (fallback.isEmpty ? "HTTP \(response.status)" : fallback),
            moreInfo: body?.moreInfo
        )
    }

    private func decode<T: Decodable>(
        _ type: T.Type, _ response: TaskRouterHTTPResponse, userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws(TaskRouterError) -> T {
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        do {
            return try decoder.decode(type, from: Data(response.body))
        } catch {
            throw TaskRouterError(
                status: response.status, code: nil, message: "unexpected response body: \(error)"
            )
        }
    }
}

/// One page of a Twilio list: the items under `meta.key` and `meta.next_page_url`.
struct TaskRouterPage<T: Decodable>: Decodable {
    static var keyInfo: CodingUserInfoKey { CodingUserInfoKey(rawValue: "twpc.pageKey")! }

    var items: [T]
    var nextPageURL: String?

    struct Meta: Decodable {
        var key: String?
        var nextPageURL: String?
        enum CodingKeys: String, CodingKey {
            case key
            case nextPageURL = "next_page_url"
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let meta = try container.decodeIfPresent(Meta.self, forKey: Key(stringValue: "meta"))
        let key = meta?.key ?? (decoder.userInfo[Self.keyInfo] as? String) ?? ""
        items = try container.decode([T].self, forKey: Key(stringValue: key))
        nextPageURL = meta?.nextPageURL
    }
}
