import PairingCore

/// A `PairingStore` in PostgreSQL, shared by every server process pointing at the same database.
///
/// A pool of libpq sessions (sized to the server's threads); a broken session is discarded and a new
/// one opened on the next request, so the store recovers by itself when the database comes back
/// (requests during the outage fail with `.unavailable`). Writes that must see a consistent company
/// (config limit, externalId) lock the company row first.
public final class PostgresPairingStore: PairingStore {
    private let url: String
    private let pool: ConnectionPool<PostgresConnection>

    /// Advisory lock keys: (namespace, key). Migrations use one fixed key; sync locks hash the company id.
    private static let migrationLockNamespace: Int32 = 0x7477_7063  // "twpc"
    private static let syncLockNamespace: Int32 = 0x7477_7073  // "twps"

    /// Connects lazily to `url` (`postgres://` or `postgresql://`, libpq syntax). Call `migrate()` before use.
    /// - Parameter poolSize: the most sessions open at once (match the server's worker threads).
    public init(url: String, poolSize: Int = 8) throws(StoreError) {
        self.url = url
        pool = ConnectionPool(capacity: max(1, poolSize)) { () throws(StoreError) in
            try PostgresConnection(url: url)
        }
    }

    @discardableResult
    private func write<T>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try pool.withConnection { connection throws(StoreError) in try connection.transaction(body) }
    }

    private func read<T>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try pool.withConnection(body)
    }

    private static func first<T>(_ result: PostgresResult, _ decode: (PostgresRow) throws(StoreError) -> T)
        throws(StoreError) -> T?
    {
        guard let row = result.rows.first else { return nil }
        return try decode(row)
    }

    private static func all<T>(_ result: PostgresResult, _ decode: (PostgresRow) throws(StoreError) -> T)
        throws(StoreError) -> [T]
    {
        var values: [T] = []
        values.reserveCapacity(result.rows.count)
        for row in result.rows { values.append(try decode(row)) }
        return values
    }

    // MARK: Migrations

    /// Applies pending migrations under a session-level advisory lock, so processes starting together
    /// take turns (the later ones find nothing to do).
    public func migrate() throws(StoreError) {
        try pool.withConnection { db throws(StoreError) in
            try db.query("SELECT pg_advisory_lock(\(Int64(Self.migrationLockNamespace))::int4, 0)")
            defer { _ = try? db.query("SELECT pg_advisory_unlock(\(Int64(Self.migrationLockNamespace))::int4, 0)") }
            try db.transaction { db throws(StoreError) in
                try db.execute(Migrations.createSchemaMigrations)
                let applied = Set(
                    try Self.all(try db.query("SELECT version FROM schema_migrations")) { row in row.int64(0) ?? 0 })
                for migration in Migrations.all where !applied.contains(migration.version) {
                    for statement in migration.statements(for: .postgres) { try db.execute(statement) }
                    try db.query(
                        """
                        INSERT INTO schema_migrations (version, name, applied_at) \
                        VALUES (\(migration.version), \(migration.name), \(StoreClock.nowMicros()))
                        """)
                }
            }
        }
    }

    // MARK: Ids

    /// A public id not used yet (the unique constraint is the final guard).
    private func freshID(prefix: String, _ exists: (String) throws(StoreError) -> Bool) throws(StoreError) -> String {
        while true {
            let id = PublicID.make(prefix: prefix)
            if try !exists(id) { return id }
        }
    }

    // MARK: Companies

    public func createCompany(name: String) throws(StoreError) -> Company {
        let emptyWorkerMatch = try StoreJSON.encode(WorkerMatch())
        let emptyTaskMatch = try StoreJSON.encode(TaskMatch())
        return try write { db throws(StoreError) in
            let now = StoreClock.nowMicros()
            let id = try freshID(prefix: "CP") { id throws(StoreError) in
                try !db.query("SELECT 1 FROM companies WHERE id = \(id)").rows.isEmpty
            }
            let company = Company(id: id, name: name, createdAt: now)
            try db.query("INSERT INTO companies (id, name, created_at) VALUES (\(id), \(name), \(now))")
            let configID = try freshID(prefix: "TP") { id throws(StoreError) in
                try !db.query("SELECT 1 FROM pairing_configs WHERE id = \(id)").rows.isEmpty
            }
            try db.query(
                """
                INSERT INTO pairing_configs (id, company_id, name, is_default, worker_match, task_match, \
                created_at, version) \
                VALUES (\(configID), \(id), 'Default', TRUE, \(emptyWorkerMatch), \(emptyTaskMatch), \(now), 1)
                """)
            return company
        }
    }

    public func company(id: String) throws(StoreError) -> Company? {
        try read { db throws(StoreError) in
            try Self.first(
                try db.query("SELECT \(literal: RowDecoding.companyColumns) FROM companies WHERE id = \(id)"),
                RowDecoding.company)
        }
    }

    public func companies() throws(StoreError) -> [Company] {
        try read { db throws(StoreError) in
            try Self.all(
                try db.query("SELECT \(literal: RowDecoding.companyColumns) FROM companies ORDER BY numeric_id"),
                RowDecoding.company)
        }
    }

    // MARK: API keys

    public func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord {
        try write { db throws(StoreError) in
            let id = try freshID(prefix: "AK") { id throws(StoreError) in
                try !db.query("SELECT 1 FROM api_keys WHERE id = \(id)").rows.isEmpty
            }
            let key = APIKeyRecord(id: id, companyID: companyID, hash: hash, createdAt: StoreClock.nowMicros())
            // A missing company violates the foreign key: `.notFound`.
            try db.query(
                """
                INSERT INTO api_keys (id, company_id, hash, created_at) \
                VALUES (\(key.id), \(key.companyID), \(key.hash), \(key.createdAt))
                """)
            return key
        }
    }

    public func apiKey(hash: String) throws(StoreError) -> APIKeyRecord? {
        try read { db throws(StoreError) in
            try Self.first(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.apiKeyColumns) FROM api_keys \
                    WHERE hash = \(hash) AND revoked_at IS NULL ORDER BY created_at LIMIT 1
                    """), RowDecoding.apiKey)
        }
    }

    public func authenticatedRead(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget)
        throws(StoreError) -> AuthenticatedRead
    {
        let query: PostgresQuery
        switch target {
        case .company:
            query = """
                SELECT \(literal: RowDecoding.authenticatedKeyColumns), \(literal: RowDecoding.authenticatedCompanyColumns) \
                FROM api_keys AS k LEFT JOIN companies AS c ON c.id = \(companyID) \
                WHERE k.hash = \(keyHash) AND k.revoked_at IS NULL ORDER BY k.created_at LIMIT 1
                """
        case .configSummary(let lookup):
            let (column, value) = lookup.columnAndValue
            query = """
                SELECT \(literal: RowDecoding.authenticatedKeyColumns), \(literal: RowDecoding.authenticatedSummaryColumns) \
                FROM api_keys AS k LEFT JOIN pairing_configs AS s \
                ON s.\(literal: column) = \(value) AND s.company_id = \(companyID) AND s.deleted_at IS NULL \
                WHERE k.hash = \(keyHash) AND k.revoked_at IS NULL ORDER BY k.created_at LIMIT 1
                """
        }
        let withSummary = target != .company
        return try read { db throws(StoreError) in
            try Self.first(try db.query(query)) { row throws(StoreError) in
                try RowDecoding.authenticatedRead(row, withSummary: withSummary)
            }
        } ?? AuthenticatedRead(key: nil)
    }

    public func revokeAPIKey(id: String) throws(StoreError) -> Bool {
        try write { db throws(StoreError) in
            try db.query(
                "UPDATE api_keys SET revoked_at = \(StoreClock.nowMicros()) WHERE id = \(id) AND revoked_at IS NULL"
            ).affectedRows > 0
        }
    }

    // MARK: Pairing configs

    /// Locks the company row for the rest of the transaction (serializing config writes of one company)
    /// and bumps its config revision (undone with the transaction if the write fails);
    /// false when there is no such company.
    private func lockCompany(_ companyID: String, _ db: PostgresConnection) throws(StoreError) -> Bool {
        try !db.query(
            "UPDATE companies SET config_revision = config_revision + 1 WHERE id = \(companyID) RETURNING 1"
        ).rows.isEmpty
    }

    private func liveConfig(companyID: String, numericID: Int64, _ db: PostgresConnection) throws(StoreError)
        -> PairingConfig?
    {
        try Self.first(
            try db.query(
                """
                SELECT \(literal: RowDecoding.configColumns) FROM pairing_configs \
                WHERE numeric_id = \(numericID) AND company_id = \(companyID) AND deleted_at IS NULL
                """), RowDecoding.config)
    }

    private func externalIDTaken(
        _ externalID: String, companyID: String, except numericID: Int64, _ db: PostgresConnection
    ) throws(StoreError) -> Bool {
        try !db.query(
            """
            SELECT 1 FROM pairing_configs WHERE company_id = \(companyID) AND external_id = \(externalID) \
            AND deleted_at IS NULL AND numeric_id <> \(numericID)
            """
        ).rows.isEmpty
    }

    public func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        try read { db throws(StoreError) in
            try Self.all(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.configColumns) FROM pairing_configs \
                    WHERE company_id = \(companyID) AND deleted_at IS NULL ORDER BY numeric_id
                    """), RowDecoding.config)
        }
    }

    public func configRevision(companyID: String) throws(StoreError) -> Int64? {
        try read { db throws(StoreError) in
            try Self.first(try db.query("SELECT config_revision FROM companies WHERE id = \(companyID)")) {
                row throws(StoreError) in row.int64(0) ?? 0
            }
        }
    }

    public func liveConfigSummaries(companyID: String) throws(StoreError) -> [ConfigSummary] {
        try read { db throws(StoreError) in
            try Self.all(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.summaryColumns) FROM pairing_configs \
                    WHERE company_id = \(companyID) AND deleted_at IS NULL ORDER BY numeric_id
                    """), RowDecoding.summary)
        }
    }

    public func configSummary(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> ConfigSummary? {
        try read { db throws(StoreError) in
            let query: PostgresQuery
            switch lookup {
            case .numericID(let numericID):
                query = """
                    SELECT \(literal: RowDecoding.summaryColumns) FROM pairing_configs \
                    WHERE numeric_id = \(numericID) AND company_id = \(companyID) AND deleted_at IS NULL
                    """
            case .publicID(let id):
                query = """
                    SELECT \(literal: RowDecoding.summaryColumns) FROM pairing_configs \
                    WHERE id = \(id) AND company_id = \(companyID) AND deleted_at IS NULL
                    """
            case .externalID(let externalID):
                query = """
                    SELECT \(literal: RowDecoding.summaryColumns) FROM pairing_configs \
                    WHERE external_id = \(externalID) AND company_id = \(companyID) AND deleted_at IS NULL
                    """
            }
            return try Self.first(try db.query(query), RowDecoding.summary)
        }
    }

    public func liveConfigs(companyID: String, numericIDs: [Int64]) throws(StoreError) -> [PairingConfig] {
        if numericIDs.isEmpty { return [] }
        let list = RowDecoding.idList(numericIDs, open: "{", close: "}")
        return try read { db throws(StoreError) in
            try Self.all(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.configColumns) FROM pairing_configs \
                    WHERE company_id = \(companyID) AND deleted_at IS NULL AND numeric_id = ANY(\(list)::bigint[])
                    """), RowDecoding.config)
        }
    }

    public func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? {
        try read { db throws(StoreError) in
            switch lookup {
            case .numericID(let numericID):
                return try liveConfig(companyID: companyID, numericID: numericID, db)
            case .publicID(let id):
                return try Self.first(
                    try db.query(
                        """
                        SELECT \(literal: RowDecoding.configColumns) FROM pairing_configs \
                        WHERE id = \(id) AND company_id = \(companyID) AND deleted_at IS NULL
                        """), RowDecoding.config)
            case .externalID(let externalID):
                return try Self.first(
                    try db.query(
                        """
                        SELECT \(literal: RowDecoding.configColumns) FROM pairing_configs \
                        WHERE external_id = \(externalID) AND company_id = \(companyID) AND deleted_at IS NULL
                        """), RowDecoding.config)
            }
        }
    }

    private static func externalIDViolation(_ externalID: String?) -> [String: StoreError] {
        guard let externalID else { return [:] }
        return ["pairing_configs_external_id": .duplicateExternalID(externalID)]
    }

    public func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError)
        -> PairingConfig
    {
        let workerMatch = try StoreJSON.encode(new.workerMatch)
        let taskMatch = try StoreJSON.encode(new.taskMatch)
        return try write { db throws(StoreError) in
            guard try lockCompany(companyID, db) else { throw .notFound }
            let live =
                try Self.first(
                    try db.query(
                        "SELECT COUNT(*) FROM pairing_configs WHERE company_id = \(companyID) AND deleted_at IS NULL")
                ) { row throws(StoreError) in row.int64(0) ?? 0 } ?? 0
            if live >= Int64(limit) { throw .configLimitReached(limit) }
            if let externalID = new.externalID, try externalIDTaken(externalID, companyID: companyID, except: 0, db) {
                throw .duplicateExternalID(externalID)
            }
            let id = try freshID(prefix: "TP") { id throws(StoreError) in
                try !db.query("SELECT 1 FROM pairing_configs WHERE id = \(id)").rows.isEmpty
            }
            let now = StoreClock.nowMicros()
            let result = try db.query(
                """
                INSERT INTO pairing_configs (id, company_id, external_id, priority, name, is_default, \
                worker_match, task_match, override_worker_queue_expression, override_task_workflow_expression, \
                created_at, version) VALUES (\(id), \(companyID), \(new.externalID), \(new.priority), \
                \(new.name), FALSE, \(workerMatch), \(taskMatch), \(new.overrideWorkerQueueExpression), \
                \(new.overrideTaskWorkflowExpression), \(now), 1) RETURNING numeric_id
                """, uniqueViolations: Self.externalIDViolation(new.externalID))
            guard let numericID = result.rows.first?.int64(0) else {
                throw .database(code: 0, message: "INSERT ... RETURNING returned no row", sql: "")
            }
            return PairingConfig(
                numericID: numericID, id: id, companyID: companyID, externalID: new.externalID,
                priority: new.priority, name: new.name, isDefault: false, workerMatch: new.workerMatch,
                taskMatch: new.taskMatch, overrideWorkerQueueExpression: new.overrideWorkerQueueExpression,
                overrideTaskWorkflowExpression: new.overrideTaskWorkflowExpression, createdAt: now)
        }
    }

    public func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig {
        let workerMatch = try StoreJSON.encode(updated.workerMatch)
        let taskMatch = try StoreJSON.encode(updated.taskMatch)
        return try write { db throws(StoreError) in
            guard try lockCompany(updated.companyID, db),
                var config = try liveConfig(companyID: updated.companyID, numericID: updated.numericID, db)
            else { throw .notFound }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if let externalID = updated.externalID,
                try externalIDTaken(externalID, companyID: config.companyID, except: config.numericID, db)
            {
                throw .duplicateExternalID(externalID)
            }
            let now = StoreClock.nowMicros()
            try db.query(
                """
                UPDATE pairing_configs SET external_id = \(updated.externalID), priority = \(updated.priority), \
                name = \(updated.name), worker_match = \(workerMatch), task_match = \(taskMatch), \
                override_worker_queue_expression = \(updated.overrideWorkerQueueExpression), \
                override_task_workflow_expression = \(updated.overrideTaskWorkflowExpression), \
                updated_at = \(now), version = version + 1 \
                WHERE numeric_id = \(config.numericID) AND deleted_at IS NULL
                """, uniqueViolations: Self.externalIDViolation(updated.externalID))
            config.applyUpdate(from: updated, at: now)
            return config
        }
    }

    public func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError) {
        try write { db throws(StoreError) in
            guard try lockCompany(companyID, db),
                let config = try liveConfig(companyID: companyID, numericID: numericID, db)
            else { throw .notFound }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if config.isDefault { throw .cannotDeleteDefault }
            try db.query(
                """
                UPDATE pairing_configs SET deleted_at = \(StoreClock.nowMicros()) \
                WHERE numeric_id = \(numericID) AND deleted_at IS NULL
                """)
        }
    }

    // MARK: Sync

    public func syncMapping(companyID: String) throws(StoreError) -> SyncMapping {
        try read { db throws(StoreError) in
            try Self.first(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.mappingColumns) FROM sync_mappings WHERE company_id = \(companyID)
                    """), RowDecoding.mapping)
        } ?? SyncMapping()
    }

    public func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError) {
        let queueSIDs = try StoreJSON.encode(mapping.queueSIDs)
        try write { db throws(StoreError) in
            try db.query(
                """
                INSERT INTO sync_mappings (company_id, queue_sids, workflow_sid, emulator_workspace_sid) \
                VALUES (\(companyID), \(queueSIDs), \(mapping.workflowSID), \(mapping.emulatorWorkspaceSID)) \
                ON CONFLICT (company_id) DO UPDATE SET queue_sids = excluded.queue_sids, \
                workflow_sid = excluded.workflow_sid, emulator_workspace_sid = excluded.emulator_workspace_sid
                """)
        }
    }

    public func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget? {
        try read { db throws(StoreError) in
            try Self.first(
                try db.query(
                    "SELECT \(literal: RowDecoding.targetColumns) FROM sync_targets WHERE company_id = \(companyID)"),
                RowDecoding.target)
        }
    }

    public func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError) {
        try write { db throws(StoreError) in
            try db.query(
                """
                INSERT INTO sync_targets (company_id, account_sid, sealed_auth_token, api_key_sid, \
                sealed_api_key_secret, workspace_sid, base_url, workflow_name) VALUES (\(target.companyID), \
                \(target.accountSID), \(target.sealedAuthToken), \(target.apiKeySID), \
                \(target.sealedAPIKeySecret), \(target.workspaceSID), \(target.baseURL), \(target.workflowName)) \
                ON CONFLICT (company_id) DO UPDATE SET account_sid = excluded.account_sid, \
                sealed_auth_token = excluded.sealed_auth_token, api_key_sid = excluded.api_key_sid, \
                sealed_api_key_secret = excluded.sealed_api_key_secret, workspace_sid = excluded.workspace_sid, \
                base_url = excluded.base_url, workflow_name = excluded.workflow_name
                """)
        }
    }

    public func saveSyncRun(_ run: StoredSyncRun) throws(StoreError) {
        try write { db throws(StoreError) in
            try db.query(
                """
                INSERT INTO sync_runs (id, company_id, status, dry_run, started_at, finished_at, document, \
                synced_state) VALUES (\(run.id), \(run.companyID), \(run.status), \(run.dryRun), \
                \(run.startedAt), \(run.finishedAt), \(run.document), \(run.syncedState)) \
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, dry_run = excluded.dry_run, \
                started_at = excluded.started_at, finished_at = excluded.finished_at, \
                document = excluded.document, synced_state = excluded.synced_state
                """)
        }
    }

    public func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun? {
        try read { db throws(StoreError) in
            if let dryRun {
                return try Self.first(
                    try db.query(
                        """
                        SELECT \(literal: RowDecoding.runColumns) FROM sync_runs WHERE company_id = \(companyID) \
                        AND dry_run = \(dryRun) ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                        """), RowDecoding.run)
            }
            return try Self.first(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.runColumns) FROM sync_runs WHERE company_id = \(companyID) \
                    ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                    """), RowDecoding.run)
        }
    }

    public func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun? {
        try read { db throws(StoreError) in
            try Self.first(
                try db.query(
                    """
                    SELECT \(literal: RowDecoding.runColumns) FROM sync_runs WHERE company_id = \(companyID) \
                    AND NOT dry_run AND status IN ('succeeded', 'succeededWithWarnings') \
                    ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                    """), RowDecoding.run)
        }
    }

    private func runningRunID(companyID: String) -> String? {
        try? read { db throws(StoreError) in
            try db.query(
                """
                SELECT id FROM sync_runs WHERE company_id = \(companyID) AND status = 'running' \
                ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                """
            ).rows.first?.text(0)
        } ?? nil
    }

    /// Holds `pg_try_advisory_lock` on a session of its own for the whole of `body`. The lock belongs
    /// to the session: if this process dies, the server ends the session and the lock is free.
    public func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        let session = try PostgresConnection(url: url)
        let namespace = Int64(Self.syncLockNamespace)
        let acquired = try session.query(
            "SELECT pg_try_advisory_lock(\(namespace)::int4, hashtext(\(companyID)))"
        ).rows.first?.bool(0)
        guard acquired == true else { throw StoreError.syncInProgress(runningRunID(companyID: companyID)) }
        defer { _ = try? session.query("SELECT pg_advisory_unlock(\(namespace)::int4, hashtext(\(companyID)))") }
        return try body()
    }
}
