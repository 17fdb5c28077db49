import HTTPServer

/// `GET /healthz` (liveness, no auth) and `GET /openapi.json` (the API's OpenAPI 3.1 document).
public enum SystemController {
    static let healthBody: [UInt8] = Array(#"{"status":200,"message":"ok"}"#.utf8)

    public static func register(on app: PairingApplication) {
        app.route(
            APIOperation(
                method: "GET", path: "/healthz", operationID: "getHealth", summary: "Liveness check", tag: "System",
                requiresAuth: false,
                responses: [.init(200, "The server is running.", schema: ["$ref": "#/components/schemas/Health"])])
        ) { _ throws(APIError) in
            .json(200, healthBody)
        }
        app.route(
            APIOperation(
                method: "GET", path: "/openapi.json", operationID: "getOpenAPIDocument",
                summary: "This API's OpenAPI 3.1 document", tag: "System", requiresAuth: false,
                responses: [.init(200, "The OpenAPI document.", schema: ["type": "object"])])
        ) { [weak app] _ throws(APIError) in
            guard let app else { throw APIError(503, "The server is shutting down.") }
            return .json(200, OpenAPIDocument.build(operations: app.operations, extraSchemas: app.extraSchemas).bytes)
        }
    }
}
