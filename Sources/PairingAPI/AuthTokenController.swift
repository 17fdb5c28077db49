import HTTPServer
import PairingCore

/// `POST /auth/token` (api.md section 10, Extension): exchanges a valid API key (`X-API-KEY` or
/// `Authorization: Bearer <key>`) for a signed token valid one hour, used as `Authorization: Bearer <token>`.
public enum AuthTokenController {
    public static let path = "/auth/token"

    public static func register(on app: PairingApplication) {
        app.addSchema(
            "AuthToken",
            [
                "type": "object",
                "required": ["status", "message", "data"],
                "properties": [
                    "status": ["type": "integer"],
                    "message": ["type": "string"],
                    "data": [
                        "type": "object",
                        "required": ["token", "tokenType", "expiresAt", "expiresIn", "companyId"],
                        "properties": [
                            "token": [
                                "type": "string",
                                "description": "Send as `Authorization: Bearer <token>` until it expires.",
                            ],
                            "tokenType": ["type": "string", "const": "Bearer"],
                            "expiresAt": ["type": "string", "format": "date-time"],
                            "expiresIn": ["type": "integer", "description": "Seconds until the token expires."],
                            "companyId": [
                                "type": ["string", "null"], "description": "The key's company; null for an admin key.",
                            ],
                        ],
                    ],
                ],
            ])
        app.route(
            APIOperation(
                method: "POST", path: path, operationID: "createAuthToken",
                summary: "Exchange an API key for a signed token valid one hour", tag: "Authentication",
                responses: [
                    .init(200, "A token for the API key.", schema: OpenAPISchemas.ref("AuthToken")),
                    .init(
                        401, "Missing, unknown or revoked API key (a token cannot be exchanged).",
                        schema: OpenAPISchemas.ref("Error")),
                    .init(
                        500, "Internal error; the body carries a request id the log also has.",
                        schema: OpenAPISchemas.ref("Error")),
                    .init(503, "The database is unavailable.", schema: OpenAPISchemas.ref("Error")),
                ])
        ) { [weak app] request throws(APIError) in
            guard let app else { throw APIError(503, "The server is shutting down.") }
            let authenticator = app.authenticator
            let (record, viaToken) = try authenticator.authenticatedKey(request)
            guard !viaToken else {
                throw APIError(
                    401, "Exchange an API key for a token, not a token.", headers: [("WWW-Authenticate", "Bearer")])
            }
            let expiresAt = authenticator.clock() / 1_000_000 + AuthTokenSigner.lifetimeSeconds
            let token = authenticator.tokens.issue(keyHash: record.hash, expiresAt: expiresAt)
            return Envelope.object(headers: [("Cache-Control", "no-store")]) { writer in
                writer.beginObject()
                writer.field("token", token)
                writer.field("tokenType", "Bearer")
                writer.field("expiresAt", Timestamp.rfc3339(microseconds: expiresAt * 1_000_000))
                writer.field("expiresIn", Int(AuthTokenSigner.lifetimeSeconds))
                writer.field("companyId", record.companyID)
                writer.endObject()
            }
        }
    }
}
