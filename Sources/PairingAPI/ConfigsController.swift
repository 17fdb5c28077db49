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
        // The company's config revision comes with the key, in one read.
        let (_, companyID, read) = try app.authorize(request, reading: .company)
        let query = try ListQuery.parse(request.query)
        // Orders and pages the summaries, then takes each config of the page from the rendered-config
        // cache, or reads it; a config changed between the two reads makes the attempt start over
        // (reading the revision again).
        var revision = read.configRevision
        for _ in 0..<3 {
            if let response = try listFromSummaries(app, companyID, query, revision: revision) { return response }
            revision = nil
        }
        return try listFromConfigs(app, companyID, query)
    }

    /// The list page from summaries and cached renderings, or nil when a config of the page changed
    /// (or vanished) between reading the summaries and reading the configs.
    static func listFromSummaries(
        _ app: PairingApplication, _ companyID: String, _ query: ListQuery, revision: Int64? = nil
    ) throws(APIError) -> HTTPResponse? {
        let ordered = try orderedSummaries(app, companyID, query.sort, revision: revision)
        let cursor = try listCursor(query) { reference in ordered.first(where: { reference.names($0) })?.id }
        guard let page = ConfigPaging.page(ordered, limit: query.limit, cursor: cursor) else {
            throw APIError(500, "Internal error.", logDetail: "paging cursor vanished")
        }
        var rendered: [[UInt8]?] = page.items.map { app.renderedConfigs.json(for: $0) }
        let missing = page.items.indices.filter { rendered[$0] == nil }
        if !missing.isEmpty {
            let configs = try store(app) { () throws(StoreError) in
                try app.store.liveConfigs(companyID: companyID, numericIDs: missing.map { page.items[$0].numericID })
            }
            for index in missing {
                let summary = page.items[index]
                guard let config = configs.first(where: { $0.numericID == summary.numericID }),
                    config.version == summary.version
                else { return nil }
                rendered[index] = app.renderedConfigs.json(for: config)
            }
        }
        return listResponse(
            companyID, query, count: page.items.count, next: page.next, previous: page.previous,
            items: rendered.map { $0 ?? [] })
    }

    /// The company's live config summaries in `sort` order: from the list cache when the company's config
    /// revision is the one they were read at, else read (and cached when the revision held meanwhile).
    /// `knownRevision`, when given, is the revision read at the start of this request.
    static func orderedSummaries(
        _ app: PairingApplication, _ companyID: String, _ sort: ConfigSort, revision knownRevision: Int64? = nil
    ) throws(APIError) -> [ConfigSummary] {
        var revision = knownRevision
        if revision == nil {
            revision = try store(app) { () throws(StoreError) in try app.store.configRevision(companyID: companyID) }
        }
        if let revision, let ordered = app.configLists.ordered(companyID: companyID, revision: revision, sort: sort) {
            return ordered
        }
        let summaries = try store(app) { () throws(StoreError) in
            try app.store.liveConfigSummaries(companyID: companyID)
        }
        let ordered = ConfigOrdering.sorted(summaries, by: sort)
        // The revision only grows: unchanged after the read, no config write committed in between.
        if let revision,
            try store(app, { () throws(StoreError) in try app.store.configRevision(companyID: companyID) }) == revision
        {
            app.configLists.store(ordered, companyID: companyID, revision: revision, sort: sort)
        }
        return ordered
    }

    /// The list page from full configs read at once (the fallback when configs keep changing).
    static func listFromConfigs(_ app: PairingApplication, _ companyID: String, _ query: ListQuery)
        throws(APIError) -> HTTPResponse
    {
        let configs = try store(app) { () throws(StoreError) in try app.store.liveConfigs(companyID: companyID) }
        let ordered = ConfigOrdering.sorted(configs, by: query.sort)
        let cursor = try listCursor(query) { reference in ordered.first(where: { reference.names($0) })?.id }
        guard let page = ConfigPaging.page(ordered, limit: query.limit, cursor: cursor) else {
            throw APIError(500, "Internal error.", logDetail: "paging cursor vanished")
        }
        return listResponse(
            companyID, query, count: page.items.count, next: page.next, previous: page.previous,
            items: page.items.map { app.renderedConfigs.json(for: $0) })
    }

    /// The query's cursor as the public id of the config it names (`find`); 400 when it names none.
    static func listCursor(_ query: ListQuery, _ find: (ConfigReference) -> String?) throws(APIError)
        -> ConfigPaging.Cursor?
    {
        guard let (name, reference) = query.cursor else { return nil }
        guard let id = find(reference) else {
            throw APIError.badRequest("\(name) names no live config of this company.", field: name)
        }
        return name == "endingBefore" ? .endingBefore(id) : .startingAfter(id)
    }

    static func listResponse(
        _ companyID: String, _ query: ListQuery, count: Int, next: ConfigPaging.Link?,
        previous: ConfigPaging.Link?, items: [[UInt8]]
    ) -> HTTPResponse {
        let base = "/companies/\(companyID)/task-worker-pairing-configs"
        var writer = JSONWriter(capacity: 1024 + items.reduce(0) { $0 + $1.count + 1 })
        writer.beginObject()
        writer.field("status", 200)
        writer.field("count", count)
        writer.field("nextUrl", next.map { query.url(base: base, link: $0) })
        writer.field("previousUrl", previous.map { query.url(base: base, link: $0) })
        writer.key("data")
        writer.beginArray()
        for item in items { writer.raw(item) }
        writer.endArray()
        writer.endObject()
        return .json(200, writer.bytes)
    }

    static func get(_ request: HTTPRequest, _ app: PairingApplication) throws(APIError) -> HTTPResponse {
        let lookup: ConfigLookup?
        do {
            lookup = try configLookup(request)
        } catch {
            _ = try app.authorize(request)  // a credential problem answers before a malformed id
            throw error
        }
        // The key and the config's summary come in one read; the summary names the stored version,
        // whose rendering is cached, or the config is read.
        let (_, companyID, read) = try app.authorize(request, reading: lookup.map { .configSummary($0) } ?? .company)
        if let summary = read.configSummary, let json = app.renderedConfigs.json(for: summary) {
            return Envelope.object(headers: [("ETag", "\"\(summary.version)\"")]) { writer in writer.raw(json) }
        }
        let config = try find(app, companyID, lookup, request)
        let json = app.renderedConfigs.json(for: config)
        return Envelope.object(headers: [("ETag", "\"\(config.version)\"")]) { writer in writer.raw(json) }
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
