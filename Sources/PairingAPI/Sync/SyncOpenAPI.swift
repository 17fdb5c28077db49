/// What the OpenAPI document says about the sync endpoints.
enum SyncOpenAPI {
    static func ref(_ name: String) -> OrderedJSON { ["$ref": .string("#/components/schemas/\(name)")] }

    static let errors: [APIOperation.Response] = [
        .init(400, "Bad query parameter.", schema: ref("Error")),
        .init(401, "Missing or unknown credentials.", schema: ref("Error")),
        .init(403, "The credentials are valid but not for this company.", schema: ref("Error")),
        .init(404, "No such company.", schema: ref("Error")),
        .init(500, "Internal error; the body carries a request id the log also has.", schema: ref("Error")),
        .init(503, "The database is unavailable.", schema: ref("Error")),
    ]

    static let syncOperation = APIOperation(
        method: "POST", path: SyncController.path, operationID: "syncTaskWorkerPairingConfigs",
        summary: "Sync the company's live configs to TaskRouter (or, with dryRun=true, return the plan)",
        query: [
            .init(
                name: "dryRun", description: "Compute and return the plan without writing to TaskRouter.",
                schema: ["type": "boolean", "default": false])
        ],
        responses: [
            .init(200, "The sync run.", schema: ref("SyncRunEnvelope")),
            .init(409, "A sync of this company is already running.", schema: ref("Error")),
            .init(
                502, "TaskRouter refused or could not be reached; `data` is the failed run.",
                schema: ref("SyncRunEnvelope")),
        ] + errors)

    static let statusOperation = APIOperation(
        method: "GET", path: SyncController.path, operationID: "getTaskWorkerPairingConfigSync",
        summary: "The latest sync run and whether the live configs differ from what it wrote (inSync)",
        responses: [.init(200, "The latest run with inSync.", schema: ref("SyncStatusEnvelope"))] + errors)

    static let state: OrderedJSON = [
        "type": ["object", "null"],
        "properties": [
            "targetWorkers": ["type": "string"], "friendlyName": ["type": "string"],
            "configuration": ["type": "object"],
        ],
    ]

    static let runProperties: [(String, OrderedJSON)] = [
        ("id", ["type": ["string", "null"], "description": "SR-XXXX-XXXX"]),
        ("object", ["const": "taskWorkerPairingConfigSync"]),
        ("companyId", ["type": "string"]),
        ("status", ["enum": ["running", "succeeded", "failed", "succeededWithWarnings", .null]]),
        ("dryRun", ["type": "boolean"]),
        ("startedAt", ["type": "string", "format": "date-time"]),
        ("finishedAt", ["type": ["string", "null"], "format": "date-time"]),
        (
            "changes",
            [
                "type": "array",
                "items": [
                    "type": "object",
                    "properties": [
                        "action": [
                            "enum": ["createQueue", "updateQueue", "createWorkflow", "updateWorkflow", "deleteQueue"]
                        ],
                        "configId": ["type": ["string", "null"]], "sid": ["type": ["string", "null"]], "before": state,
                        "after": state,
                    ],
                ],
            ]
        ),
        ("warnings", ["type": "array", "items": ["type": "object", "properties": ["message": ["type": "string"]]]]),
        (
            "error",
            [
                "type": ["object", "null"],
                "properties": [
                    "message": ["type": "string"], "status": ["type": ["integer", "null"]],
                    "code": ["type": ["integer", "null"]], "moreInfo": ["type": ["string", "null"]],
                ],
            ]
        ),
        ("twilioRequests", ["type": "integer"]),
        ("workflowSid", ["type": ["string", "null"]]),
    ]

    static let runSchema: OrderedJSON = ["type": "object", "properties": .object(runProperties)]
    static let statusSchema: OrderedJSON = [
        "type": "object", "properties": .object(runProperties + [("inSync", ["type": "boolean"])]),
    ]

    static func envelope(_ name: String) -> OrderedJSON {
        [
            "type": "object",
            "properties": ["status": ["type": "integer"], "message": ["type": "string"], "data": ref(name)],
        ]
    }
}
