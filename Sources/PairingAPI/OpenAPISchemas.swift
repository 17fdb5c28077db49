/// The operations and component schemas of the pairing-config endpoints, for the OpenAPI document.
public enum OpenAPISchemas {
    static func ref(_ name: String) -> OrderedJSON { ["$ref": .string("#/components/schemas/\(name)")] }

    static let errorResponses: [APIOperation.Response] = [
        .init(
            400, "Invalid input (bad JSON, wrong type, unknown key, bad id, bad query parameter, invalid expression).",
            schema: ref("Error")),
        .init(401, "Missing or unknown credentials.", schema: ref("Error")),
        .init(403, "The credentials are valid but not for this company.", schema: ref("Error")),
        .init(404, "No such company, config or route.", schema: ref("Error")),
        .init(500, "Internal error; the body carries a request id the log also has.", schema: ref("Error")),
        .init(503, "The database is unavailable.", schema: ref("Error")),
    ]

    static let ifMatch = APIOperation.QueryParameter(
        name: "If-Match", description: "Entity tag of the version to change (`\"3\"` or `*`); 412 on mismatch.",
        schema: ["type": "string"])

    static let listOperation = APIOperation(
        method: "GET", path: ConfigsController.collectionPath, operationID: "listTaskWorkerPairingConfigs",
        summary: "List live configs (default order: evaluation order)",
        query: [
            .init(
                name: "limit", description: "Page size, 1..100 (default 25).",
                schema: ["type": "integer", "minimum": 1, "maximum": 100, "default": 25]),
            .init(
                name: "sortBy",
                description:
                    "Sort keys: id, priority, createdAt with optional + (ascending) or - (descending); repeated, comma-separated or bracketed ([priority,-createdAt]). Without it: evaluation order.",
                schema: ["type": "array", "items": ["type": "string"]], repeated: true),
            .init(
                name: "startingAfter", description: "AnyId of the config after which the page starts.",
                schema: ["type": "string"]),
            .init(
                name: "endingBefore",
                description: "AnyId of the config before which the page ends (wins over startingAfter).",
                schema: ["type": "string"]),
        ],
        responses: [.init(200, "A page of configs.", schema: ref("ConfigList"))] + errorResponses)

    static let createOperation = APIOperation(
        method: "POST", path: ConfigsController.collectionPath, operationID: "createTaskWorkerPairingConfig",
        summary: "Create a config", requestBody: ref("ConfigCreate"),
        responses: [.init(200, "The created config.", schema: ref("ConfigEnvelope"))] + errorResponses + [
            .init(409, "Duplicate externalId, or the company already has 1000 live configs.", schema: ref("Error")),
            .init(413, "The body is larger than 1 MiB.", schema: ref("Error")),
            .init(415, "The body is not application/json.", schema: ref("Error")),
        ])

    static let getOperation = APIOperation(
        method: "GET", path: ConfigsController.itemPath, operationID: "getTaskWorkerPairingConfig",
        summary: "Get one config",
        responses: [.init(200, "The config; ETag carries its version.", schema: ref("ConfigEnvelope"))] + errorResponses
    )

    static let updateOperation = APIOperation(
        method: "PUT", path: ConfigsController.itemPath, operationID: "updateTaskWorkerPairingConfig",
        summary: "Partially update a config (only keys present change; null clears)", requestBody: ref("ConfigUpdate"),
        responses: [.init(200, "The updated config.", schema: ref("ConfigEnvelope"))] + errorResponses + [
            .init(409, "Duplicate externalId.", schema: ref("Error")),
            .init(412, "If-Match does not match the current version.", schema: ref("Error")),
            .init(413, "The body is larger than 1 MiB.", schema: ref("Error")),
            .init(415, "The body is not application/json.", schema: ref("Error")),
        ], headers: [ifMatch])

    static let deleteOperation = APIOperation(
        method: "DELETE", path: ConfigsController.itemPath, operationID: "deleteTaskWorkerPairingConfig",
        summary: "Soft-delete a config (the default config cannot be deleted)",
        responses: [.init(204, "Deleted.")] + errorResponses + [
            .init(409, "The default config cannot be deleted.", schema: ref("Error")),
            .init(412, "If-Match does not match the current version.", schema: ref("Error")),
        ], headers: [ifMatch])

    static let stringList: OrderedJSON = ["type": "array", "maxItems": 500, "items": ["type": "string"]]
    static let nullableString: OrderedJSON = ["type": ["string", "null"]]

    static let workerMatch: OrderedJSON = [
        "type": "object", "additionalProperties": false,
        "properties": ["isManager": ["type": "boolean"], "teamIds": stringList, "roleIds": stringList],
    ]

    static let taskTypes: [OrderedJSON] = [
        "answerInboundVoiceCall", "handleInboundInteraction", "handleUnboundInboundInteraction", "makeScheduledCall",
        "replyToNewConvo", "replyToNewText", "replyToNewWebChat", "replyToAbandonedWebChat",
        "reviewEscalatedCaseAgent", "reviewEscalatedCaseAgentUrgent", "reviewEscalatedCaseTeam",
        "reviewEscalatedCaseTeamUrgent", "reviewDocumentUpload", "reviewSnoozedCase", "reviewAutoCreatedCase",
        "reviewAutoUpdatedCase", "reviewCaseInstructions", "reviewVoicemail", "smartReviewCase",
    ]

    static let taskMatch: OrderedJSON = [
        "type": "object", "additionalProperties": false,
        "properties": [
            "not": ["type": "boolean"],
            "taskTypes": ["type": "array", "maxItems": 500, "items": ["type": "string", "enum": .array(taskTypes)]],
            "case": [
                "type": "object", "additionalProperties": false,
                "properties": [
                    "caseTypeEnums": stringList, "autocreated": ["type": "boolean"], "caseTypeIds": stringList,
                ],
            ],
            "supercase": [
                "type": "object", "additionalProperties": false,
                "properties": ["supercaseTypeEnums": stringList],
            ],
            "interaction": [
                "type": "object", "additionalProperties": false,
                "properties": [
                    "channels": stringList, "themes": stringList,
                    "directions": [
                        "type": "array", "maxItems": 500,
                        "items": ["type": "string", "enum": ["inbound", "outbound"]],
                    ],
                    "subjects": stringList,
                ],
            ],
        ],
    ]

    static func writable(requireName: Bool) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("type", "object"),
            ("description", "Read-only keys of the object are accepted and ignored; any other unknown key is 400."),
            (
                "properties",
                [
                    "externalId": ["type": ["string", "null"], "minLength": 1, "maxLength": 255],
                    "priority": [
                        "type": ["integer", "null"], "format": "int32",
                        "description": "Higher is evaluated first; must be null on the default config.",
                    ],
                    "name": ["type": "string", "minLength": 1, "maxLength": 255],
                    "workerMatch": ref("WorkerMatch"),
                    "overrideTwilioWorkerQueueExpression": ["type": ["string", "null"], "maxLength": 8192],
                    "taskMatch": ref("TaskMatch"),
                    "overrideTwilioTaskWorkflowExpression": ["type": ["string", "null"], "maxLength": 8192],
                ]
            ),
        ]
        if requireName { members.append(("required", ["name"])) }
        return .object(members)
    }

    static let config: OrderedJSON = [
        "type": "object",
        "required": [
            "id", "object", "externalId", "priority", "name", "companyId", "createdAt", "updatedAt", "deletedAt",
            "isDefault", "twilioWorkerQueueExpression", "workerMatch", "overrideTwilioWorkerQueueExpression",
            "taskMatch", "twilioTaskWorkflowExpression", "overrideTwilioTaskWorkflowExpression",
        ],
        "properties": [
            "id": ["type": "string", "pattern": "^TP-[0-9A-Z]{4}-[0-9A-Z]{4}$"],
            "object": ["type": "string", "const": "taskWorkerPairingConfig"],
            "externalId": nullableString,
            "priority": ["type": ["integer", "null"], "format": "int32"],
            "name": ["type": "string"],
            "companyId": ["type": "string"],
            "createdAt": ["type": "string", "format": "date-time"],
            "updatedAt": ["type": ["string", "null"], "format": "date-time"],
            "deletedAt": ["type": ["string", "null"], "format": "date-time"],
            "isDefault": ["type": "boolean"],
            "twilioWorkerQueueExpression": ["type": "string"],
            "workerMatch": ref("WorkerMatch"),
            "overrideTwilioWorkerQueueExpression": nullableString,
            "taskMatch": ref("TaskMatch"),
            "twilioTaskWorkflowExpression": nullableString,
            "overrideTwilioTaskWorkflowExpression": nullableString,
        ],
    ]

    static let issue: OrderedJSON = [
        "type": "object", "required": ["field", "message"],
        "properties": ["field": ["type": "string"], "message": ["type": "string"], "position": ["type": "integer"]],
    ]

    /// The component schemas.
    public static let components: [(String, OrderedJSON)] = [
        ("WorkerMatch", workerMatch),
        ("TaskMatch", taskMatch),
        ("TaskWorkerPairingConfig", config),
        ("ConfigCreate", writable(requireName: true)),
        ("ConfigUpdate", writable(requireName: false)),
        ("Issue", issue),
        (
            "ConfigEnvelope",
            [
                "type": "object", "required": ["status", "message", "data"],
                "properties": [
                    "status": ["type": "integer"], "message": ["type": "string"],
                    "data": ref("TaskWorkerPairingConfig"),
                    "warnings": ["type": "array", "items": ref("Issue")],
                ],
            ]
        ),
        (
            "ConfigList",
            [
                "type": "object", "required": ["status", "count", "nextUrl", "previousUrl", "data"],
                "properties": [
                    "status": ["type": "integer"], "count": ["type": "integer"],
                    "nextUrl": nullableString, "previousUrl": nullableString,
                    "data": ["type": "array", "items": ref("TaskWorkerPairingConfig")],
                ],
            ]
        ),
        (
            "Error",
            [
                "type": "object", "required": ["status", "message"],
                "properties": [
                    "status": ["type": "integer"], "message": ["type": "string"],
                    "errors": ["type": "array", "items": ref("Issue")],
                    "requestId": ["type": "string", "description": "Present on 5xx answers."],
                ],
            ]
        ),
        (
            "Health",
            [
                "type": "object",
                "properties": ["status": ["type": "integer"], "message": ["type": "string"]],
            ]
        ),
    ]
}
