/// Builds the OpenAPI 3.1 document from the registered operations, so it lists exactly
/// the routes the server serves.
public enum OpenAPIDocument {
    /// Extra component schemas contributed by other controllers (e.g. sync), by name.
    public static func build(operations: [APIOperation], extraSchemas: [(String, OrderedJSON)] = [])
        -> OrderedJSON
    {
        var paths: [(String, [(String, OrderedJSON)])] = []
        for operation in operations {
            let entry = (operation.method.lowercased(), self.operation(operation))
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append(entry)
            } else {
                paths.append((operation.path, [entry]))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Task-Worker Pairing Configs API (twpc)",
                "version": "2023-11-29",
                "description":
                    "Stores a lending company's Task-Worker Pairing Configs, compiles them to Twilio TaskRouter expressions and syncs them to TaskRouter.",
            ],
            "servers": [["url": "/"]],
            "security": [["apiKeyHeader": []], ["bearerAuth": []]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "securitySchemes": [
                    "apiKeyHeader": ["type": "apiKey", "in": "header", "name": "X-API-KEY"],
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description":
                            "An API key sent as `Authorization: Bearer <key>`, or a token of `POST /auth/token`.",
                    ],
                ],
                "schemas": .object(OpenAPISchemas.components + extraSchemas),
            ],
        ]
    }

    static func operation(_ operation: APIOperation) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("operationId", .string(operation.operationID)),
            ("summary", .string(operation.summary)),
            ("tags", [.string(operation.tag)]),
        ]
        if !operation.requiresAuth { members.append(("security", [])) }
        var parameters: [OrderedJSON] = []
        for name in pathParameters(operation.path) {
            parameters.append([
                "name": .string(name), "in": "path", "required": true, "schema": ["type": "string"],
                "description": name == "companyId"
                    ? "Company id, CP-XXXX-XXXX."
                    : "AnyId: TP-XXXX-XXXX, ext-<externalId>, or the numeric id.",
            ])
        }
        for query in operation.query {
            var parameter: [(String, OrderedJSON)] = [
                ("name", .string(query.name)), ("in", "query"), ("required", false),
                ("description", .string(query.description)), ("schema", query.schema),
            ]
            if query.repeated {
                parameter.append(("style", "form"))
                parameter.append(("explode", true))
            }
            parameters.append(.object(parameter))
        }
        for header in operation.headers {
            parameters.append([
                "name": .string(header.name), "in": "header", "required": false,
                "description": .string(header.description), "schema": header.schema,
            ])
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body = operation.requestBody {
            members.append(
                ("requestBody", ["required": true, "content": ["application/json": ["schema": body]]]))
        }
        var responses: [(String, OrderedJSON)] = []
        for response in operation.responses {
            var item: [(String, OrderedJSON)] = [("description", .string(response.description))]
            if let schema = response.schema {
                item.append(("content", ["application/json": ["schema": schema]]))
            }
            if response.status == 200,
                operation.path.hasSuffix("{taskWorkerPairingConfigId}")
                    || (operation.method == "POST" && operation.path == ConfigsController.collectionPath)
            {
                item.append(("headers", ["ETag": ["schema": ["type": "string"], "description": "\"<version>\""]]))
            }
            responses.append((String(response.status), .object(item)))
        }
        if !operation.responses.contains(where: { $0.status == 405 }) {
            responses.append(("405", methodNotAllowed))
        }
        responses.sort { $0.0 < $1.0 }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    /// The 405 every path answers for a method it does not serve (api.md section 9).
    static let methodNotAllowed: OrderedJSON = [
        "description": "This path does not serve the request's method; the Allow header lists the methods it does.",
        "headers": [
            "Allow": [
                "schema": ["type": "string"], "description": "The methods of this path, e.g. `GET, POST`.",
            ]
        ],
        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
    ]

    /// The `{name}` parameters of a path pattern, in order.
    public static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }
}
