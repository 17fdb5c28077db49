import HTTPServer
import PairingCore

/// The API's response envelopes (api.md section 9).
public enum Envelope {
    /// `{"status":200,"message":"Success","data":{...}}` plus `warnings` when there are some.
    public static func object(
        status: Int = 200, warnings: [FieldIssue] = [], headers: [(name: String, value: String)] = [],
        _ writeData: (inout JSONWriter) -> Void
    ) -> HTTPResponse {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.field("status", status)
        writer.field("message", "Success")
        writer.key("data")
        writeData(&writer)
        if !warnings.isEmpty {
            writer.key("warnings")
            writeIssues(warnings, to: &writer)
        }
        writer.endObject()
        return .json(status, writer.bytes, headers: headers)
    }

    /// The error envelope `{"status":..,"message":..,"errors":[..]}`; 500s also carry the request id.
    public static func error(_ error: APIError, requestID: String) -> HTTPResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("status", error.status)
        writer.field("message", error.message)
        if !error.errors.isEmpty {
            writer.key("errors")
            writeIssues(error.errors, to: &writer)
        }
        if error.status >= 500 { writer.field("requestId", requestID) }
        writer.endObject()
        return .json(error.status, writer.bytes, headers: error.headers)
    }

    /// Writes `[{"field":..,"message":..,"position":n?}]`.
    public static func writeIssues(_ issues: [FieldIssue], to writer: inout JSONWriter) {
        writer.beginArray()
        for issue in issues {
            writer.beginObject()
            writer.field("field", issue.field)
            writer.field("message", issue.message)
            if let position = issue.position { writer.field("position", position) }
            writer.endObject()
        }
        writer.endArray()
    }
}
