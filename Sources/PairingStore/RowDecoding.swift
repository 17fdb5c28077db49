import PairingCore

/// Column lists and row decoders shared by the SQL adapters: both select the same columns in
/// the same order and decode them with the same code.
enum RowDecoding {
    static let configColumns: StaticString = """
        numeric_id, id, company_id, external_id, priority, name, is_default, worker_match, task_match, \
        override_worker_queue_expression, override_task_workflow_expression, created_at, updated_at, \
        deleted_at, version
        """
    static let summaryColumns: StaticString = "numeric_id, id, external_id, priority, is_default, created_at, version"
    static let companyColumns: StaticString = "id, name, created_at"
    static let apiKeyColumns: StaticString = "id, company_id, hash, created_at, revoked_at"
    static let runColumns: StaticString =
        "id, company_id, status, dry_run, started_at, finished_at, document, synced_state"
    static let targetColumns: StaticString = """
        company_id, account_sid, sealed_auth_token, api_key_sid, sealed_api_key_secret, workspace_sid, \
        base_url, workflow_name
        """
    static let mappingColumns: StaticString = "queue_sids, workflow_sid, emulator_workspace_sid"

    private static func required<T>(_ value: T?, _ column: String) throws(StoreError) -> T {
        guard let value else { throw .database(code: 0, message: "column \(column) is unexpectedly null", sql: "") }
        return value
    }

    static func config(_ row: some SQLRow) throws(StoreError) -> PairingConfig {
        PairingConfig(
            numericID: try required(row.int64(0), "numeric_id"),
            id: try required(row.text(1), "id"),
            companyID: try required(row.text(2), "company_id"),
            externalID: row.text(3),
            priority: row.int64(4).map { Int32(truncatingIfNeeded: $0) },
            name: try required(row.text(5), "name"),
            isDefault: try required(row.bool(6), "is_default"),
            workerMatch: try StoreJSON.workerMatch(try required(row.text(7), "worker_match"), column: "worker_match"),
            taskMatch: try StoreJSON.taskMatch(try required(row.text(8), "task_match"), column: "task_match"),
            overrideWorkerQueueExpression: row.text(9),
            overrideTaskWorkflowExpression: row.text(10),
            createdAt: try required(row.int64(11), "created_at"),
            updatedAt: row.int64(12),
            deletedAt: row.int64(13),
            version: try required(row.int64(14), "version"))
    }

    static func summary(_ row: some SQLRow) throws(StoreError) -> ConfigSummary {
        ConfigSummary(
            numericID: try required(row.int64(0), "numeric_id"),
            id: try required(row.text(1), "id"),
            externalID: row.text(2),
            priority: row.int64(3).map { Int32(truncatingIfNeeded: $0) },
            isDefault: try required(row.bool(4), "is_default"),
            createdAt: try required(row.int64(5), "created_at"),
            version: try required(row.int64(6), "version"))
    }

    /// `numericIDs` as a JSON array (SQLite `json_each`) or PostgreSQL array literal text.
    static func idList(_ numericIDs: [Int64], open: String, close: String) -> String {
        var text = open
        for (index, numericID) in numericIDs.enumerated() {
            if index > 0 { text += "," }
            text += String(numericID)
        }
        return text + close
    }

    static func company(_ row: some SQLRow) throws(StoreError) -> Company {
        Company(
            id: try required(row.text(0), "id"), name: try required(row.text(1), "name"),
            createdAt: try required(row.int64(2), "created_at"))
    }

    static func apiKey(_ row: some SQLRow) throws(StoreError) -> APIKeyRecord {
        APIKeyRecord(
            id: try required(row.text(0), "id"), companyID: row.text(1), hash: try required(row.text(2), "hash"),
            createdAt: try required(row.int64(3), "created_at"), revokedAt: row.int64(4))
    }

    /// The columns of an authenticated read (`PairingStore.authenticatedRead`): `apiKeyColumns` of the
    /// key (alias `k`), then either whether the company (alias `c`) exists and its config revision
    /// (`authenticatedCompanyColumns`) or `summaryColumns` of a config (alias `s`,
    /// `authenticatedSummaryColumns`).
    static let authenticatedKeyColumns: StaticString = "k.id, k.company_id, k.hash, k.created_at, k.revoked_at"
    static let authenticatedCompanyColumns: StaticString = "c.id IS NOT NULL, c.config_revision"
    static let authenticatedSummaryColumns: StaticString =
        "s.numeric_id, s.id, s.external_id, s.priority, s.is_default, s.created_at, s.version"

    /// A row of `authenticatedKeyColumns` followed by `authenticatedSummaryColumns` when `withSummary`,
    /// else by `authenticatedCompanyColumns`.
    static func authenticatedRead(_ row: some SQLRow, withSummary: Bool) throws(StoreError) -> AuthenticatedRead {
        var read = AuthenticatedRead(key: try apiKey(row))
        if !withSummary {
            read.companyExists = row.bool(5) ?? false
            read.configRevision = row.int64(6)
        } else if !row.isNull(5) {
            read.configSummary = try summary(OffsetRow(base: row, offset: 5))
            read.companyExists = true
        }
        return read
    }

    static func run(_ row: some SQLRow) throws(StoreError) -> StoredSyncRun {
        StoredSyncRun(
            id: try required(row.text(0), "id"), companyID: try required(row.text(1), "company_id"),
            status: try required(row.text(2), "status"), dryRun: try required(row.bool(3), "dry_run"),
            startedAt: try required(row.int64(4), "started_at"), finishedAt: row.int64(5),
            document: try required(row.text(6), "document"), syncedState: row.text(7))
    }

    static func target(_ row: some SQLRow) throws(StoreError) -> StoredTaskRouterTarget {
        StoredTaskRouterTarget(
            companyID: try required(row.text(0), "company_id"),
            accountSID: try required(row.text(1), "account_sid"),
            sealedAuthToken: row.bytes(2), apiKeySID: row.text(3), sealedAPIKeySecret: row.bytes(4),
            workspaceSID: try required(row.text(5), "workspace_sid"),
            baseURL: try required(row.text(6), "base_url"),
            workflowName: try required(row.text(7), "workflow_name"))
    }

    static func mapping(_ row: some SQLRow) throws(StoreError) -> SyncMapping {
        SyncMapping(
            queueSIDs: try StoreJSON.decode(
                [String: String].self, try required(row.text(0), "queue_sids"), column: "queue_sids"),
            workflowSID: row.text(1), emulatorWorkspaceSID: row.text(2))
    }
}
