import HTTPServer
import PairingCore
import PairingStore

/// HTTP endpoints of sync (api.md section 2), registered on the application so they
/// share its authentication, envelopes, logging and OpenAPI document:
/// `POST /companies/{companyId}/task-worker-pairing-configs/sync[?dryRun=true]` and
/// `GET /companies/{companyId}/task-worker-pairing-configs/sync`.
public enum SyncController {
    /// The path of both endpoints.
    public static let path = "/companies/{companyId}/task-worker-pairing-configs/sync"

    /// Adds the two routes and their schemas. Call before the server starts.
    public static func register(on app: PairingApplication, service: SyncService) {
        app.addSchema("SyncRun", SyncOpenAPI.runSchema)
        app.addSchema("SyncRunEnvelope", SyncOpenAPI.envelope("SyncRun"))
        app.addSchema("SyncStatus", SyncOpenAPI.statusSchema)
        app.addSchema("SyncStatusEnvelope", SyncOpenAPI.envelope("SyncStatus"))
        app.route(SyncOpenAPI.syncOperation) { [unowned app] request throws(APIError) in
            let (_, companyID) = try app.authorize(request)
            return try sync(request, companyID: companyID, service: service)
        }
        app.route(SyncOpenAPI.statusOperation) { [unowned app] request throws(APIError) in
            let (_, companyID) = try app.authorize(request)
            try checkQuery(request.query, allowed: [])
            return try status(companyID: companyID, service: service)
        }
    }

    /// `POST .../sync`: runs a sync (blocking this server thread) and answers with the run.
    /// A failed run answers 502 with Twilio's status, code and message, and the run as `data`.
    static func sync(_ request: HTTPRequest, companyID: String, service: SyncService) throws(APIError) -> HTTPResponse {
        try checkQuery(request.query, allowed: ["dryRun"])
        let dryRun = try parseDryRun(request.queryValues("dryRun"))
        let record: SyncRunRecord
        do {
            record = try service.sync(companyID: companyID, dryRun: dryRun)
        } catch {
            throw apiError(error)
        }
        guard record.status == "failed" else {
            return Envelope.object { writer in writer.raw(Array(record.json().utf8)) }
        }
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.field("status", 502)
        writer.field("message", "Sync \(record.id) failed: \(reason(record.error)).")
        writer.key("data")
        writer.raw(Array(record.json().utf8))
        writer.endObject()
        return .json(502, writer.bytes)
    }

    /// `GET .../sync`: the latest run with `inSync`.
    static func status(companyID: String, service: SyncService) throws(APIError) -> HTTPResponse {
        let status: SyncStatus
        do {
            status = try service.status(companyID: companyID)
        } catch {
            throw apiError(error)
        }
        return Envelope.object { writer in writer.raw(Array(status.json().utf8)) }
    }

    /// 400 naming the first query parameter that is not in `allowed` (names are case-sensitive).
    static func checkQuery(_ query: [(name: String, value: String)], allowed: Set<String>) throws(APIError) {
        for (name, _) in query where !allowed.contains(name) {
            let shown = Authenticator.shorten(name)
            let hint = allowed.isEmpty ? "this endpoint takes none" : "use " + allowed.sorted().joined(separator: ", ")
            throw APIError.badRequest("Unknown query parameter '\(shown)'; \(hint).", field: shown)
        }
    }

    /// `dryRun` is absent (false) or given once as exactly `true` or `false`.
    static func parseDryRun(_ values: [String]) throws(APIError) -> Bool {
        guard values.count <= 1 else {
            throw APIError.badRequest("Query parameter dryRun is given more than once.", field: "dryRun")
        }
        guard let value = values.first else { return false }
        switch value {
        case "true": return true
        case "false": return false
        default:
            throw APIError.badRequest(
                "Query parameter dryRun must be exactly true or false, not '\(Authenticator.shorten(value))'.",
                field: "dryRun")
        }
    }

    /// A one-line description of why a run failed (status, Twilio code, message), for messages.
    public static func reason(_ failure: SyncRunRecord.Failure?) -> String {
        guard let failure else { return "unknown error" }
        var parts: [String] = []
        if let status = failure.status { parts.append("TaskRouter answered \(status)") }
        if let code = failure.code { parts.append("error \(code)") }
        let message = failure.message.hasSuffix(".") ? String(failure.message.dropLast()) : failure.message
        return parts.isEmpty ? message : parts.joined(separator: " ") + ": " + message
    }

    static func apiError(_ error: SyncServiceError) -> APIError {
        switch error {
        case .companyNotFound:
            return APIError(404, "No such company.")
        case .inProgress(let runID):
            return APIError(
                409, "A sync of this company is already running\(runID.map { " (\($0))" } ?? ""); try again later.")
        case .noTarget(let message):
            return APIError(503, "Cannot sync: " + message + ".")
        case .store(let storeError):
            return PairingApplication.apiError(for: storeError)
        }
    }
}
