import Foundation
import HTTPServer
import PairingStore

/// HTTP endpoints of sync (api.md section 2):
/// `POST /companies/{companyId}/task-worker-pairing-configs/sync[?dryRun=true]` and
/// `GET /companies/{companyId}/task-worker-pairing-configs/sync`.
public struct SyncController: Sendable {
    /// The path pattern of both endpoints.
    public static let path = "/companies/{companyId}/task-worker-pairing-configs/sync"

    let service: SyncService

    public init(service: SyncService) { self.service = service }

    /// Registers the routes. `authorize` runs first with the request and its company id,
    /// and returns the response to send instead (401/403) or nil to proceed.
    public func register(
        on router: Router, authorize: @escaping @Sendable (HTTPRequest, String) -> HTTPResponse? = { _, _ in nil }
    ) {
        router.post(Self.path) { request in
            let companyID = request.parameters["companyId"] ?? ""
            if let refusal = authorize(request, companyID) { return refusal }
            return sync(request, companyID: companyID)
        }
        router.get(Self.path) { request in
            let companyID = request.parameters["companyId"] ?? ""
            if let refusal = authorize(request, companyID) { return refusal }
            return status(request, companyID: companyID)
        }
    }

    /// `POST .../sync`: runs a sync (blocking this server thread) and answers with the run.
    /// A failed run answers 502 with Twilio's code and message and the run as `data`.
    public func sync(_ request: HTTPRequest, companyID: String) -> HTTPResponse {
        let values = request.queryValues("dryRun")
        var dryRun = false
        if let value = values.last {
            switch value.lowercased() {
            case "true", "1", "": dryRun = true
            case "false", "0": dryRun = false
            default:
                return Self.error(400, "query parameter dryRun must be true or false", request)
            }
        }
        do {
            let record = try service.sync(companyID: companyID, dryRun: dryRun)
            if record.status == "failed" {
                let reason =
                    record.error.map { failure in
                        var parts: [String] = []
                        if let status = failure.status { parts.append("HTTP \(status)") }
                        if let code = failure.code { parts.append("Twilio error \(code)") }
                        return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + failure.message
                    } ?? "unknown error"
                return Self.envelope(
                    502, message: "sync \(record.id) failed: \(reason)", data: record.json(), request)
            }
            return Self.envelope(200, message: "Success", data: record.json(), request)
        } catch {
            return Self.response(for: error, request)
        }
    }

    /// `GET .../sync`: the latest run with `inSync`.
    public func status(_ request: HTTPRequest, companyID: String) -> HTTPResponse {
        do {
            return Self.envelope(
                200, message: "Success", data: try service.status(companyID: companyID).json(), request)
        } catch {
            return Self.response(for: error, request)
        }
    }

    static func response(for error: SyncServiceError, _ request: HTTPRequest) -> HTTPResponse {
        switch error {
        case .companyNotFound(let id):
            return Self.error(404, "company \(id) not found", request)
        case .inProgress(let runID):
            let name = runID.map { "sync \($0)" } ?? "another sync"
            return Self.error(
                409, "\(name) of this company is already running; try again when it has finished", request)
        case .store(.unavailable):
            return Self.error(503, "the database is unavailable; try again later", request)
        case .store:
            return Self.error(500, "internal error (request id \(request.requestID))", request)
        }
    }

    static func envelope(_ status: Int, message: String, data: String, _ request: HTTPRequest) -> HTTPResponse {
        let body = "{\"status\":\(status),\"message\":\(quote(message)),\"data\":\(data)}"
        return .json(status, Array(body.utf8))
    }

    static func error(_ status: Int, _ message: String, _ request: HTTPRequest) -> HTTPResponse {
        let body = "{\"status\":\(status),\"message\":\(quote(message))}"
        return .json(status, Array(body.utf8))
    }

    private static func quote(_ text: String) -> String { JSONText.quote(text) }
}
