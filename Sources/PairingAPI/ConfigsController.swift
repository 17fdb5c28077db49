import HTTPServer
import PairingCore
import PairingStore
import TaskRouterExpressions

/// The five pairing-config endpoints of api.md section 2 (sync is registered by the sync code).
public enum ConfigsController {
    /// Path of the collection.
    public static let collectionPath = "/companies/{companyId}/task-worker-pairing-configs"
    /// Path of one config.
    public static let itemPath = "/companies/{companyId}/task-worker-pairing-configs/{taskWorkerPairingConfigId}"

    public static func register(on app: PairingApplication) {
        app.route(OpenAPISchemas.listOperation) { [unowned app] request throws(APIError) in
            try list(request, app)
        }
        app.route(OpenAPISchemas.createOperation) { [unowned app] request throws(APIError) in
            try create(request, app)
        }
        app.route(OpenAPISchemas.getOperation) { [unowned app] request throws(APIError) in
            try get(request, app)
        }
        app.route(OpenAPISchemas.updateOperation) { [unowned app] request throws(APIError) in
            try update(request, app)
        }
        app.route(OpenAPISchemas.deleteOperation) { [unowned app] request throws(APIError) in
            try delete(request, app)
        }
    }

    // MARK: Handlers

    static func list(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let (_, companyID) = try app.authorize(request)
        let query = try ListQuery.parse(request.query)
        let configs = try store(app) { () throws(StoreError) in try app.store.liveConfigs(companyID: companyID) }
        let ordered = ConfigOrdering.sorted(configs, by: query.sort)
        var cursor: ConfigPaging.Cursor?
        if let (name, reference) = query.cursor {
            guard let named = ordered.first(where: { reference.names($0) }) else {
                throw APIError.badRequest("\(name) names no live config of this company.", field: name)
            }
            cursor = name == "endingBefore" ? .endingBefore(named.id) : .startingAfter(named.id)
        }
        guard let page = ConfigPaging.page(ordered, limit: query.limit, cursor: cursor) else {
            throw APIError(500, "Internal error.", logDetail: "paging cursor vanished")
        }
        let base = "/companies/\(companyID)/task-worker-pairing-configs"
        var writer = JSONWriter(capacity: 1024 + page.items.count * 900)
        writer.beginObject()
        writer.field("status", 200)
        writer.field("count", page.items.count)
        writer.field("nextUrl", page.next.map { query.url(base: base, link: $0) })
        writer.field("previousUrl", page.previous.map { query.url(base: base, link: $0) })
        writer.key("data")
        writer.beginArray()
        for config in page.items { ConfigRepresentation.write(config, to: &writer) }
        writer.endArray()
        writer.endObject()
        return .json(200, writer.bytes)
    }

    static func get(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let (_, companyID) = try app.authorize(request)
        let lookup = try configLookup(request)
        let config = try find(app, companyID, lookup, request)
        return objectResponse(config)
    }

    static func create(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let (_, companyID) = try app.authorize(request)
        let body = try app.jsonObjectBody(request)
        let result = ConfigBodyValidator.validate(body, mode: .create)
        guard result.errors.isEmpty else { throw APIError.validation(result.errors) }
        let patch = result.patch
        let new = NewPairingConfig(
            externalID: patch.externalID ?? nil, priority: patch.priority ?? nil, name: patch.name ?? "",
            workerMatch: patch.workerMatch ?? WorkerMatch(), taskMatch: patch.taskMatch ?? TaskMatch(),
            overrideWorkerQueueExpression: patch.overrideWorkerQueueExpression ?? nil,
            overrideTaskWorkflowExpression: patch.overrideTaskWorkflowExpression ?? nil)
        let limit = app.configLimit
        let created = try store(app) { () throws(StoreError) in
            try app.store.createConfig(companyID: companyID, new, limit: limit)
        }
        return objectResponse(created, warnings: result.warnings)
    }

    static func update(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let (_, companyID) = try app.authorize(request)
        let lookup = try configLookup(request)
        let ifMatch = request.header("If-Match")
        let body = try app.jsonObjectBody(request)
        let result = ConfigBodyValidator.validate(body, mode: .update)
        guard result.errors.isEmpty else { throw APIError.validation(result.errors) }
        // Without If-Match, a concurrent writer between read and write is retried, so the
        // partial update never overwrites fields it did not name with stale values.
        var attempts = 0
        while true {
            attempts += 1
            let current = try find(app, companyID, lookup, request)
            try checkIfMatch(ifMatch, current)
            let updated = result.patch.applied(to: current)
            let issues = ConfigBodyValidator.defaultConfigIssues(updated)
            guard issues.isEmpty else { throw APIError.validation(issues) }
            do {
                let saved = try app.store.updateConfig(updated, expectedVersion: current.version)
                return objectResponse(saved, warnings: result.warnings)
            } catch {
                if case .versionMismatch = error, ifMatch == nil, attempts < 5 { continue }
                if case .versionMismatch = error, ifMatch == nil {
                    throw APIError(409, "The config is being changed concurrently; retry the request.")
                }
                throw PairingApplication.apiError(for: error)
            }
        }
    }

    static func delete(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let (_, companyID) = try app.authorize(request)
        let lookup = try configLookup(request)
        let current = try find(app, companyID, lookup, request)
        if current.isDefault { throw APIError(409, "The default config cannot be deleted.") }
        let ifMatch = request.header("If-Match")
        try checkIfMatch(ifMatch, current)
        try store(app) { () throws(StoreError) in
            try app.store.deleteConfig(
                companyID: companyID, numericID: current.numericID,
                expectedVersion: ifMatch == nil ? nil : current.version)
        }
        return HTTPResponse(status: 204)
    }

    // MARK: Helpers

    static func objectResponse(_ config: PairingConfig, warnings: [FieldIssue] = []) -> HTTPResponse {
        Envelope.object(warnings: warnings, headers: [("ETag", "\"\(config.version)\"")]) { writer in
            ConfigRepresentation.write(config, to: &writer)
        }
    }

    /// The path's config id as a store lookup; 400 when it is not an AnyId.
    static func configLookup(_ request: HTTPRequest) throws(APIError) -> ConfigLookup? {
        let raw = request.parameters["taskWorkerPairingConfigId"] ?? ""
        do {
            switch try ConfigReference.parse(raw) {
            case .publicID(let id): return .publicID(id)
            case .externalID(let external): return .externalID(external)
            case .numericID(let number): return .numericID(number)
            case .unmatchable: return nil
            }
        } catch {
            throw APIError.badRequest(error.message, field: "taskWorkerPairingConfigId")
        }
    }

    static func find(_ app: PairingApplication, _ companyID: String, _ lookup: ConfigLookup?, _ request: HTTPRequest)
        throws(APIError) -> PairingConfig
    {
        let raw = Authenticator.shorten(request.parameters["taskWorkerPairingConfigId"] ?? "")
        guard let lookup else { throw APIError(404, "No config \(raw) in this company.") }
        let config = try store(app) { () throws(StoreError) in try app.store.config(companyID: companyID, lookup) }
        guard let config, config.deletedAt == nil else { throw APIError(404, "No config \(raw) in this company.") }
        return config
    }

    /// 412 when an `If-Match` header is present and names neither `*` nor the current version.
    static func checkIfMatch(_ header: String?, _ config: PairingConfig) throws(APIError) {
        guard let header else { return }
        if IfMatch.matches(header, version: config.version) { return }
        throw APIError(
            412, "If-Match does not match the config's current version \"\(config.version)\".",
            headers: [("ETag", "\"\(config.version)\"")])
    }

    static func store<T>(_ app: PairingApplication, _ body: () throws(StoreError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            throw PairingApplication.apiError(for: error)
        }
    }
}
