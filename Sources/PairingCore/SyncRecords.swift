/// A sync run as stored (sync.md section 4). `document` is the run record's JSON,
/// exactly as returned by the API; the other fields are what the store queries by.
public struct StoredSyncRun: Sendable, Hashable {
    /// `SR-XXXX-XXXX`.
    public var id: String
    public var companyID: String
    /// `running`, `succeeded`, `failed` or `succeededWithWarnings`.
    public var status: String
    public var dryRun: Bool
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// The JSON run record.
    public var document: String
    /// For a successful, non-dry run: the desired state it wrote (JSON), used to compute `inSync`.
    public var syncedState: String?

    public init(
        id: String, companyID: String, status: String, dryRun: Bool, startedAt: Int64,
        finishedAt: Int64? = nil, document: String, syncedState: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.status = status
        self.dryRun = dryRun
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.document = document
        self.syncedState = syncedState
    }
}

/// Where a company's configs are synced (sync.md section 5). Secrets are stored
/// only encrypted (AES-256-GCM, sealed by the API layer); the store never sees plaintext.
public struct StoredTaskRouterTarget: Sendable, Hashable {
    public var companyID: String
    public var accountSID: String
    /// Sealed auth token, when authenticating with the account's auth token.
    public var sealedAuthToken: [UInt8]?
    /// API key SID, when authenticating with an API key.
    public var apiKeySID: String?
    public var sealedAPIKeySecret: [UInt8]?
    public var workspaceSID: String
    public var baseURL: String
    /// Workflow name (default `Task-Worker Pairing`).
    public var workflowName: String

    public init(
        companyID: String, accountSID: String, sealedAuthToken: [UInt8]? = nil, apiKeySID: String? = nil,
        sealedAPIKeySecret: [UInt8]? = nil, workspaceSID: String, baseURL: String = "https://taskrouter.twilio.com",
        workflowName: String = "Task-Worker Pairing"
    ) {
        self.companyID = companyID
        self.accountSID = accountSID
        self.sealedAuthToken = sealedAuthToken
        self.apiKeySID = apiKeySID
        self.sealedAPIKeySecret = sealedAPIKeySecret
        self.workspaceSID = workspaceSID
        self.baseURL = baseURL
        self.workflowName = workflowName
    }
}

/// What sync remembers per company between runs: the config -> queue mapping
/// and the workflow it manages.
public struct SyncMapping: Sendable, Hashable {
    /// Config public id -> TaskQueue sid.
    public var queueSIDs: [String: String]
    public var workflowSID: String?
    /// For a company synced to the embedded emulator: the workspace created for it.
    public var emulatorWorkspaceSID: String?

    public init(queueSIDs: [String: String] = [:], workflowSID: String? = nil, emulatorWorkspaceSID: String? = nil) {
        self.queueSIDs = queueSIDs
        self.workflowSID = workflowSID
        self.emulatorWorkspaceSID = emulatorWorkspaceSID
    }
}
