/// One route of the API with what the OpenAPI document says about it. Every route is
/// registered through `PairingApplication.route(_:_:)`, so the document lists exactly
/// the routes the server serves.
public struct APIOperation: Sendable {
    /// A query parameter of the operation.
    public struct QueryParameter: Sendable {
        public var name: String
        public var description: String
        /// A JSON schema as ordered JSON.
        public var schema: OrderedJSON
        public var repeated: Bool
        public init(name: String, description: String, schema: OrderedJSON, repeated: Bool = false) {
            self.name = name
            self.description = description
            self.schema = schema
            self.repeated = repeated
        }
    }

    /// One documented response.
    public struct Response: Sendable {
        public var status: Int
        public var description: String
        /// A schema, usually `{"$ref": ...}`; nil for no body.
        public var schema: OrderedJSON?
        public init(_ status: Int, _ description: String, schema: OrderedJSON? = nil) {
            self.status = status
            self.description = description
            self.schema = schema
        }
    }

    public var method: String
    /// Router pattern, e.g. `/companies/{companyId}/task-worker-pairing-configs/{taskWorkerPairingConfigId}`.
    public var path: String
    public var operationID: String
    public var summary: String
    public var tag: String
    public var requiresAuth: Bool
    public var query: [QueryParameter]
    /// Request body schema (JSON), nil when the operation takes none.
    public var requestBody: OrderedJSON?
    public var responses: [Response]
    /// Request headers the operation reads besides auth (`If-Match`).
    public var headers: [QueryParameter]

    public init(
        method: String, path: String, operationID: String, summary: String, tag: String = "Task-Worker Pairing Configs",
        requiresAuth: Bool = true, query: [QueryParameter] = [], requestBody: OrderedJSON? = nil,
        responses: [Response], headers: [QueryParameter] = []
    ) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.summary = summary
        self.tag = tag
        self.requiresAuth = requiresAuth
        self.query = query
        self.requestBody = requestBody
        self.responses = responses
        self.headers = headers
    }
}
