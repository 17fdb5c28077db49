import Foundation
import HTTPServer
import PairingCore
import PairingStore
import Synchronization
import TaskRouterExpressions

/// The API application: the router and the services every controller shares (store,
/// authentication, envelopes, clock, log). Controllers add routes with `route(_:_:)`;
/// the sync code registers its routes the same way (`SyncController.register(on:)`).
public final class PairingApplication: HTTPResponder, Sendable {
    /// A route handler: throws `APIError` for any answer other than success.
    public typealias Handler = @Sendable (HTTPRequest) throws(APIError) -> HTTPResponse

    public let store: any PairingStore
    public let router: Router
    public let authenticator: Authenticator
    public let logger: RequestLogger
    /// Microseconds since the Unix epoch.
    public let clock: @Sendable () -> Int64
    /// Most live configs a company may hold (api.md section 8).
    public let configLimit: Int
    /// Largest accepted request body (also enforced by the HTTP server).
    public let maxBodyBytes: Int
    /// Rendered configs by numeric id and version (never stale: see `RenderedConfigCache`).
    public let renderedConfigs: RenderedConfigCache
    /// Ordered config summaries by company and config revision (never stale: see `ConfigListCache`).
    public let configLists: ConfigListCache

    private let registered = Mutex<[APIOperation]>([])
    private let schemas = Mutex<[(String, OrderedJSON)]>([])

    /// Creates the application with the standard routes (configs, health, OpenAPI, `POST /auth/token`).
    /// `tokens` signs the bearer tokens; the default random key makes them valid only in this process,
    /// so a server sharing a database with others passes ``AuthTokenSigner/load(environment:dataDirectory:)``.
    public init(
        store: any PairingStore, logger: RequestLogger = RequestLogger(),
        clock: @escaping @Sendable () -> Int64 = RequestLogger.systemMicroseconds, configLimit: Int = 1000,
        maxBodyBytes: Int = 1 << 20, tokens: AuthTokenSigner = .random()
    ) {
        self.store = store
        self.logger = logger
        self.clock = clock
        self.configLimit = configLimit
        self.maxBodyBytes = maxBodyBytes
        self.renderedConfigs = RenderedConfigCache()
        self.configLists = ConfigListCache()
        self.authenticator = Authenticator(store: store, tokens: tokens, clock: clock)
        self.router = Router(
            notFound: { request in
                Envelope.error(
                    APIError(404, "No route for \(request.method) \(PairingApplication.shortPath(request.path))."),
                    requestID: request.requestID)
            },
            methodNotAllowed: { request, allowed in
                Envelope.error(
                    APIError(
                        405,
                        "Method \(request.method) is not allowed here; use \(allowed.joined(separator: ", "))."),
                    requestID: request.requestID)
            })
        SystemController.register(on: self)
        ConfigsController.register(on: self)
        registerExtensions()
    }

    /// The operations registered so far, in registration order.
    public var operations: [APIOperation] { registered.withLock { $0 } }

    /// Component schemas added by other controllers for the OpenAPI document.
    public var extraSchemas: [(String, OrderedJSON)] { schemas.withLock { $0 } }

    /// Adds a component schema to the OpenAPI document (for routes registered outside this module).
    public func addSchema(_ name: String, _ schema: OrderedJSON) {
        schemas.withLock { $0.append((name, schema)) }
    }

    /// Lists an operation in the OpenAPI document whose route was added to `router` directly
    /// (e.g. `SyncController.register(on: app.router, authorize:)`). Prefer `route(_:_:)`.
    public func document(_ operation: APIOperation) {
        registered.withLock { $0.append(operation) }
    }

    /// Adds a route. Call before the server starts.
    public func route(_ operation: APIOperation, _ handler: @escaping Handler) {
        registered.withLock { $0.append(operation) }
        let logger = self.logger
        router.add(operation.method, operation.path) { request in
            do throws(APIError) {
                return try handler(request)
            } catch {
                if let detail = error.logDetail {
                    logger.error(requestID: request.requestID, message: error.message, detail: detail)
                }
                return Envelope.error(error, requestID: request.requestID)
            }
        }
    }

    /// Answers a request: assigns a request id when the server did not, routes it, and
    /// sets `X-Request-Id` on the response.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var request = request
        if request.requestID.isEmpty { request.requestID = PairingApplication.newRequestID() }
        var response = router.respond(to: request)
        if !response.headers.contains(where: { $0.name.lowercased() == "x-request-id" }) {
            response.headers.append(("X-Request-Id", request.requestID))
        }
        return response
    }

    /// The access-log hook for the HTTP server (`Configuration.onResponse`).
    public func logAccess(request: HTTPRequest, response: HTTPResponse, durationSeconds: Double) {
        logger.access(request: request, response: response, durationSeconds: durationSeconds)
    }

    // MARK: Shared helpers for controllers

    /// Authenticates the request and checks that it may act for the path's `{companyId}`;
    /// for an admin key, also that the company exists (404 otherwise).
    public func authorize(_ request: HTTPRequest) throws(APIError) -> (principal: Principal, companyID: String) {
        let (principal, companyID, _) = try authorize(request, reading: .company)
        return (principal, companyID)
    }

    /// `authorize(_:)`, reading what `target` names in the path's company together with the API key,
    /// in one database statement (one round trip per authenticated read).
    public func authorize(_ request: HTTPRequest, reading target: AuthenticatedReadTarget) throws(APIError) -> (
        principal: Principal, companyID: String, read: AuthenticatedRead
    ) {
        let (hash, viaToken) = try authenticator.keyHash(request)
        let companyID = request.parameters["companyId"] ?? ""
        // An id no company can have (control characters, NUL included, or absurd length) is looked up as
        // no company at all: a database driver must never see it cut short into a real one.
        let plausible = PairingApplication.isPlausibleCompanyID(companyID)
        let read: AuthenticatedRead
        do {
            read = try store.authenticatedRead(
                keyHash: hash, companyID: plausible ? companyID : "", plausible ? target : .company)
        } catch {
            throw PairingApplication.apiError(for: error)
        }
        let record = try authenticator.accept(read.key, hash: hash, viaToken: viaToken)
        let principal = Principal(keyID: record.id, companyID: record.companyID)
        try authenticator.authorize(principal, companyID: companyID)
        if principal.isAdmin {
            var exists = read.companyExists
            if exists == nil {
                do {
                    exists = try store.company(id: companyID) != nil
                } catch {
                    throw PairingApplication.apiError(for: error)
                }
            }
            guard exists == true else { throw APIError(404, "No company \(Authenticator.shorten(companyID)).") }
        }
        return (principal, companyID, read)
    }

    /// True when `id` could name a company: at most 64 bytes, no control characters.
    static func isPlausibleCompanyID(_ id: String) -> Bool {
        id.utf8.count <= 64 && !ConfigBodyValidator.containsControlCharacter(id)
    }

    /// `authorize(_:)` as the hook of controllers that register on `router` themselves: nil when the
    /// request may proceed, else the 401/403/404 envelope to send.
    public func refusal(for request: HTTPRequest) -> HTTPResponse? {
        do {
            _ = try authorize(request)
            return nil
        } catch {
            return Envelope.error(error, requestID: request.requestID)
        }
    }

    /// The request body as a JSON object: 415 unless `application/json`, 413 when too large,
    /// 400 when empty, not UTF-8, not JSON, or not an object.
    public func jsonObjectBody(_ request: HTTPRequest) throws(APIError) -> JSONValue {
        let contentType = request.header("Content-Type") ?? ""
        guard PairingApplication.isJSONContentType(contentType) else {
            let shown = contentType.isEmpty ? "no Content-Type" : "Content-Type '\(Authenticator.shorten(contentType))'"
            throw APIError(415, "The request body must be sent as application/json; got \(shown).")
        }
        guard request.body.count <= maxBodyBytes else {
            throw APIError(413, "The request body is larger than \(maxBodyBytes) bytes.")
        }
        guard !request.body.isEmpty else {
            throw APIError.badRequest("The request body is empty; send a JSON object.")
        }
        guard String(validating: request.body, as: UTF8.self) != nil else {
            throw APIError.badRequest("The request body is not valid UTF-8.")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw APIError.badRequest(
                "The request body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
        guard case .object = value else {
            throw APIError.badRequest(
                "The request body must be a JSON object, not \(ConfigBodyValidator.typeName(value)).")
        }
        return value
    }

    /// Maps a store error to the client's answer; unexpected ones become a 500 with detail for the log.
    public static func apiError(for error: StoreError) -> APIError {
        switch error {
        case .duplicateExternalID(let external):
            return APIError(
                409, "Another config of this company already has externalId '\(Authenticator.shorten(external))'.",
                errors: [FieldIssue(field: "externalId", message: "already used by another live config")])
        case .configLimitReached(let limit):
            return APIError(409, "This company already has the maximum of \(limit) live configs.")
        case .versionMismatch(let current):
            return APIError(
                412, "If-Match does not match the config's current version \"\(current)\".",
                headers: [("ETag", "\"\(current)\"")])
        case .notFound:
            return APIError(404, "No such config.")
        case .cannotDeleteDefault:
            return APIError(409, "The default config cannot be deleted.")
        case .syncInProgress(let id):
            return APIError(409, "A sync of this company is already running\(id.map { " (\($0))" } ?? "").")
        case .unavailable(let detail):
            return APIError(503, "The database is unavailable; try again later.", logDetail: detail)
        case .database(let code, let message, let sql):
            return APIError(
                500, "Internal error.", logDetail: "database error \(code): \(message) [\(sql)]")
        }
    }

    static func isJSONContentType(_ value: String) -> Bool {
        let parts = value.split(separator: ";").map { $0.lowercased().trimming(" \t") }
        guard parts.first == "application/json" else { return false }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = String(parameter.dropFirst("charset=".count)).trimming("\"")
            if charset != "utf-8" && charset != "utf8" { return false }
        }
        return true
    }

    static func shortPath(_ path: String) -> String {
        Authenticator.shown(path, limit: 100)
    }

    /// A random request id (16 hex characters).
    public static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
