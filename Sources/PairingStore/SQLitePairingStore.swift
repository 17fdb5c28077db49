import PairingCore

/// A `PairingStore` in one SQLite file (the default when no PostgreSQL URL is configured).
///
/// One writer connection (every write is a `BEGIN IMMEDIATE` transaction, so writes serialize across
/// threads and processes) and a small pool of reader connections, which WAL lets run beside the
/// writer. Acknowledged writes survive a crash of the process with either durability; with `.full`
/// (the default) they also survive power loss.
public final class SQLitePairingStore: PairingStore {
    /// The database file.
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let leaseMicros: Int64
    /// Detects commits from every process (see `WALIndexStamp`).
    private let walIndex: WALIndexReader
    /// Authenticated reads, valid while no commit happened anywhere.
    private let authenticatedReads = AuthenticatedReadCache()

    /// Opens (creating if needed) the database at `path`. Call `migrate()` before use.
    /// - Parameters:
    ///   - readers: the most reader connections open at once.
    ///   - durability: `PRAGMA synchronous` in WAL mode.
    ///   - syncLockLeaseSeconds: how long a sync lock outlives a holder that died; renewed every third of it.
    public init(
        path: String, readers: Int = 8, durability: SQLiteDurability = .full, syncLockLeaseSeconds: Double = 30
    ) throws(StoreError) {
        self.path = path
        self.leaseMicros = Int64(syncLockLeaseSeconds * 1_000_000)
        writer = ConnectionPool(capacity: 1) { () throws(StoreError) in
            try SQLiteConnection(path: path, durability: durability)
        }
        self.readers = ConnectionPool(capacity: max(1, readers)) { () throws(StoreError) in
            try SQLiteConnection(path: path, durability: durability)
        }
        // Open the writer now: a bad path fails here, and the file is switched to WAL before any reader opens.
        // The WAL index to watch is the one SQLite uses: next to the file a symbolic link points to, not
        // next to the link (where a stale `-shm` could lie and never change).
        let resolved = try writer.withConnection { connection throws(StoreError) in connection.resolvedPath }
        walIndex = WALIndexReader(databasePath: resolved ?? path)
    }

    deinit {
        // Connections first: the WAL-index reader may then close its descriptor of the `-shm` file,
        // which would drop the WAL locks of connections of this process still open on it.
        readers.closeIdle()
        writer.closeIdle()
    }

    private func write<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try writer.withConnection { connection throws(StoreError) in try connection.transaction(body) }
    }

    private func read<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try readers.withConnection(body)
    }

    // MARK: Migrations

    public func migrate() throws(StoreError) {
        try write { db throws(StoreError) in
            try db.execute(Migrations.createSchemaMigrations)
            let applied = Set(try db.query("SELECT version FROM schema_migrations") { row in row.int64(0) ?? 0 })
            for migration in Migrations.all where !applied.contains(migration.version) {
                for statement in migration.statements(for: .sqlite) { try db.execute(statement) }
                try db.run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(migration.version), .text(migration.name), .integer(StoreClock.nowMicros())])
            }
        }
    }

    // MARK: Ids

    /// A public id not used yet in `table` (the write transaction holds the database's write lock,
    /// so nobody can take it before the insert).
    private func freshID(prefix: String, existsSQL: String, _ db: SQLiteConnection) throws(StoreError) -> String {
        while true {
            let id = PublicID.make(prefix: prefix)
            if try db.queryFirst(existsSQL, [.text(id)], { _ throws(StoreError) in true }) == nil { return id }
        }
    }

    // MARK: Companies

    public func createCompany(name: String) throws(StoreError) -> Company {
        let emptyWorkerMatch = try StoreJSON.encode(WorkerMatch())
        let emptyTaskMatch = try StoreJSON.encode(TaskMatch())
        return try write { db throws(StoreError) in
            let now = StoreClock.nowMicros()
            let company = Company(
                id: try freshID(prefix: "CP", existsSQL: "SELECT 1 FROM companies WHERE id = ?", db), name: name,
                createdAt: now)
            try db.run(
                "INSERT INTO companies (id, name, created_at) VALUES (?, ?, ?)",
                [.text(company.id), .text(company.name), .integer(company.createdAt)])
            let configID = try freshID(prefix: "TP", existsSQL: "SELECT 1 FROM pairing_configs WHERE id = ?", db)
            try db.run(
                """
                INSERT INTO pairing_configs (id, company_id, name, is_default, worker_match, task_match, \
                created_at, version) VALUES (?, ?, 'Default', 1, ?, ?, ?, 1)
                """,
                [.text(configID), .text(company.id), .text(emptyWorkerMatch), .text(emptyTaskMatch), .integer(now)])
            return company
        }
    }

    public func company(id: String) throws(StoreError) -> Company? {
        try read { db throws(StoreError) in
            try db.queryFirst(
                "SELECT \(RowDecoding.companyColumns) FROM companies WHERE id = ?", [.text(id)], RowDecoding.company)
        }
    }

    public func companies() throws(StoreError) -> [Company] {
        try read { db throws(StoreError) in
            try db.query(
                "SELECT \(RowDecoding.companyColumns) FROM companies ORDER BY numeric_id", [],
                RowDecoding.company)
        }
    }

    // MARK: API keys

    public func createAPIKey(companyID: String?, hash: String) throws(StoreError) -> APIKeyRecord {
        try write { db throws(StoreError) in
            if let companyID, try !companyExists(companyID, db) { throw .notFound }
            let key = APIKeyRecord(
                id: try freshID(prefix: "AK", existsSQL: "SELECT 1 FROM api_keys WHERE id = ?", db),
                companyID: companyID, hash: hash, createdAt: StoreClock.nowMicros())
            try db.run(
                "INSERT INTO api_keys (id, company_id, hash, created_at) VALUES (?, ?, ?, ?)",
                [.text(key.id), .text(key.companyID), .text(key.hash), .integer(key.createdAt)])
            return key
        }
    }

    public func apiKey(hash: String) throws(StoreError) -> APIKeyRecord? {
        try read { db throws(StoreError) in
            try db.queryFirst(Self.apiKeySQL, [.text(hash)], RowDecoding.apiKey)
        }
    }

    /// Built once: the statement cache is keyed by this text, looked up on every authenticated request.
    private static let apiKeySQL = """
        SELECT \(RowDecoding.apiKeyColumns) FROM api_keys WHERE hash = ? AND revoked_at IS NULL \
        ORDER BY created_at LIMIT 1
        """

    /// Served from `AuthenticatedReadCache` while the WAL-index header is unchanged (no commit anywhere
    /// since the cached read), else read in one statement.
    public func authenticatedRead(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget)
        throws(StoreError) -> AuthenticatedRead
    {
        let stamp = walIndex.stamp()  // before the read: a commit after it changes the header
        if let stamp, let cached = authenticatedReads.read(keyHash: keyHash, companyID: companyID, target, at: stamp) {
            return cached
        }
        let read = try readAuthenticated(keyHash: keyHash, companyID: companyID, target)
        if let stamp { authenticatedReads.store(read, keyHash: keyHash, companyID: companyID, target, at: stamp) }
        return read
    }

    private func readAuthenticated(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget)
        throws(StoreError) -> AuthenticatedRead
    {
        var values: [SQLValue] = [.text(keyHash), .text(companyID)]
        let sql: String
        switch target {
        case .company:
            sql = Self.authenticatedCompanySQL
        case .configSummary(let lookup):
            values.append(lookup.columnAndValue.value)
            switch lookup {
            case .publicID: sql = Self.authenticatedSummaryByIDSQL
            case .externalID: sql = Self.authenticatedSummaryByExternalIDSQL
            case .numericID: sql = Self.authenticatedSummaryByNumericIDSQL
            }
        }
        let withSummary = target != .company
        return try read { db throws(StoreError) in
            try db.queryFirst(sql, values) { row throws(StoreError) in
                try RowDecoding.authenticatedRead(row, withSummary: withSummary)
            }
        } ?? AuthenticatedRead(key: nil)
    }

    /// `?1` key hash, `?2` company id; built once (the statement cache is keyed by the text).
    private static let authenticatedCompanySQL = """
        SELECT \(RowDecoding.authenticatedKeyColumns), \(RowDecoding.authenticatedCompanyColumns) \
        FROM api_keys AS k LEFT JOIN companies AS c ON c.id = ?2 \
        WHERE k.hash = ?1 AND k.revoked_at IS NULL ORDER BY k.created_at LIMIT 1
        """
    /// `?1` key hash, `?2` company id, `?3` the config's id in `column`.
    private static func authenticatedSummarySQL(_ column: StaticString) -> String {
        """
        SELECT \(RowDecoding.authenticatedKeyColumns), \(RowDecoding.authenticatedSummaryColumns) \
        FROM api_keys AS k \
        LEFT JOIN pairing_configs AS s ON s.\(column) = ?3 AND s.company_id = ?2 AND s.deleted_at IS NULL \
        WHERE k.hash = ?1 AND k.revoked_at IS NULL ORDER BY k.created_at LIMIT 1
        """
    }
    private static let authenticatedSummaryByIDSQL = authenticatedSummarySQL("id")
    private static let authenticatedSummaryByExternalIDSQL = authenticatedSummarySQL("external_id")
    private static let authenticatedSummaryByNumericIDSQL = authenticatedSummarySQL("numeric_id")

    public func revokeAPIKey(id: String) throws(StoreError) -> Bool {
        try write { db throws(StoreError) in
            try db.run(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                [.integer(StoreClock.nowMicros()), .text(id)]) > 0
        }
    }

    // MARK: Pairing configs

    private func companyExists(_ companyID: String, _ db: SQLiteConnection) throws(StoreError) -> Bool {
        try db.queryFirst("SELECT 1 FROM companies WHERE id = ?", [.text(companyID)]) { _ throws(StoreError) in true }
            != nil
    }

    private func liveConfig(companyID: String, numericID: Int64, _ db: SQLiteConnection) throws(StoreError)
        -> PairingConfig?
    {
        try db.queryFirst(
            """
            SELECT \(RowDecoding.configColumns) FROM pairing_configs \
            WHERE numeric_id = ? AND company_id = ? AND deleted_at IS NULL
            """, [.integer(numericID), .text(companyID)], RowDecoding.config)
    }

    private func externalIDTaken(
        _ externalID: String, companyID: String, except numericID: Int64, _ db: SQLiteConnection
    ) throws(StoreError) -> Bool {
        try db.queryFirst(
            """
            SELECT 1 FROM pairing_configs \
            WHERE company_id = ? AND external_id = ? AND deleted_at IS NULL AND numeric_id <> ?
            """, [.text(companyID), .text(externalID), .integer(numericID)]
        ) { _ throws(StoreError) in true } != nil
    }

    public func liveConfigs(companyID: String) throws(StoreError) -> [PairingConfig] {
        try read { db throws(StoreError) in
            try db.query(
                """
                SELECT \(RowDecoding.configColumns) FROM pairing_configs \
                WHERE company_id = ? AND deleted_at IS NULL ORDER BY numeric_id
                """, [.text(companyID)], RowDecoding.config)
        }
    }

    public func config(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> PairingConfig? {
        try read { db throws(StoreError) in
            switch lookup {
            case .numericID(let numericID):
                return try liveConfig(companyID: companyID, numericID: numericID, db)
            case .publicID(let id):
                return try db.queryFirst(
                    """
                    SELECT \(RowDecoding.configColumns) FROM pairing_configs \
                    WHERE id = ? AND company_id = ? AND deleted_at IS NULL
                    """, [.text(id), .text(companyID)], RowDecoding.config)
            case .externalID(let externalID):
                return try db.queryFirst(
                    """
                    SELECT \(RowDecoding.configColumns) FROM pairing_configs \
                    WHERE external_id = ? AND company_id = ? AND deleted_at IS NULL
                    """, [.text(externalID), .text(companyID)], RowDecoding.config)
            }
        }
    }

    public func configRevision(companyID: String) throws(StoreError) -> Int64? {
        try read { db throws(StoreError) in
            try db.queryFirst(Self.revisionSQL, [.text(companyID)]) { row throws(StoreError) in row.int64(0) ?? 0 }
        }
    }

    private static let revisionSQL = "SELECT config_revision FROM companies WHERE id = ?"
    private static let bumpRevisionSQL = "UPDATE companies SET config_revision = config_revision + 1 WHERE id = ?"

    public func liveConfigSummaries(companyID: String) throws(StoreError) -> [ConfigSummary] {
        try read { db throws(StoreError) in
            try db.query(Self.summariesSQL, [.text(companyID)], RowDecoding.summary)
        }
    }

    private static let summariesSQL = """
        SELECT \(RowDecoding.summaryColumns) FROM pairing_configs \
        WHERE company_id = ? AND deleted_at IS NULL ORDER BY numeric_id
        """

    public func configSummary(companyID: String, _ lookup: ConfigLookup) throws(StoreError) -> ConfigSummary? {
        try read { db throws(StoreError) in
            switch lookup {
            case .numericID(let numericID):
                return try db.queryFirst(
                    Self.summaryByNumericIDSQL, [.integer(numericID), .text(companyID)], RowDecoding.summary)
            case .publicID(let id):
                return try db.queryFirst(Self.summaryByIDSQL, [.text(id), .text(companyID)], RowDecoding.summary)
            case .externalID(let externalID):
                return try db.queryFirst(
                    Self.summaryByExternalIDSQL, [.text(externalID), .text(companyID)], RowDecoding.summary)
            }
        }
    }

    private static let summaryByNumericIDSQL = """
        SELECT \(RowDecoding.summaryColumns) FROM pairing_configs \
        WHERE numeric_id = ? AND company_id = ? AND deleted_at IS NULL
        """
    private static let summaryByIDSQL = """
        SELECT \(RowDecoding.summaryColumns) FROM pairing_configs \
        WHERE id = ? AND company_id = ? AND deleted_at IS NULL
        """
    private static let summaryByExternalIDSQL = """
        SELECT \(RowDecoding.summaryColumns) FROM pairing_configs \
        WHERE external_id = ? AND company_id = ? AND deleted_at IS NULL
        """

    public func liveConfigs(companyID: String, numericIDs: [Int64]) throws(StoreError) -> [PairingConfig] {
        if numericIDs.isEmpty { return [] }
        let list = RowDecoding.idList(numericIDs, open: "[", close: "]")
        return try read { db throws(StoreError) in
            try db.query(Self.configsByNumericIDsSQL, [.text(companyID), .text(list)], RowDecoding.config)
        }
    }

    private static let configsByNumericIDsSQL = """
        SELECT \(RowDecoding.configColumns) FROM pairing_configs \
        WHERE company_id = ? AND deleted_at IS NULL AND numeric_id IN (SELECT value FROM json_each(?))
        """

    public func createConfig(companyID: String, _ new: NewPairingConfig, limit: Int) throws(StoreError)
        -> PairingConfig
    {
        let workerMatch = try StoreJSON.encode(new.workerMatch)
        let taskMatch = try StoreJSON.encode(new.taskMatch)
        return try write { db throws(StoreError) in
            guard try companyExists(companyID, db) else { throw .notFound }
            let live =
                try db.queryFirst(
                    "SELECT COUNT(*) FROM pairing_configs WHERE company_id = ? AND deleted_at IS NULL",
                    [.text(companyID)]
                ) { row throws(StoreError) in row.int64(0) ?? 0 } ?? 0
            if live >= Int64(limit) { throw .configLimitReached(limit) }
            if let externalID = new.externalID, try externalIDTaken(externalID, companyID: companyID, except: 0, db) {
                throw .duplicateExternalID(externalID)
            }
            let id = try freshID(prefix: "TP", existsSQL: "SELECT 1 FROM pairing_configs WHERE id = ?", db)
            let now = StoreClock.nowMicros()
            let numericID = try Self.mappingConstraint(externalID: new.externalID) { () throws(StoreError) in
                try db.queryFirst(
                    """
                    INSERT INTO pairing_configs (id, company_id, external_id, priority, name, is_default, \
                    worker_match, task_match, override_worker_queue_expression, override_task_workflow_expression, \
                    created_at, version) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1) RETURNING numeric_id
                    """,
                    [
                        .text(id), .text(companyID), .text(new.externalID), .integer(new.priority), .text(new.name),
                        .text(workerMatch), .text(taskMatch), .text(new.overrideWorkerQueueExpression),
                        .text(new.overrideTaskWorkflowExpression), .integer(now),
                    ]
                ) { row throws(StoreError) in row.int64(0) ?? 0 } ?? 0
            }
            try db.run(Self.bumpRevisionSQL, [.text(companyID)])
            return PairingConfig(
                numericID: numericID, id: id, companyID: companyID, externalID: new.externalID,
                priority: new.priority, name: new.name, isDefault: false, workerMatch: new.workerMatch,
                taskMatch: new.taskMatch, overrideWorkerQueueExpression: new.overrideWorkerQueueExpression,
                overrideTaskWorkflowExpression: new.overrideTaskWorkflowExpression, createdAt: now)
        }
    }

    /// Runs a write, turning a violation of the live-externalId index into `.duplicateExternalID`
    /// (a backstop: the transaction checks first).
    private static func mappingConstraint<T>(externalID: String?, _ body: () throws(StoreError) -> T)
        throws(StoreError) -> T
    {
        do {
            return try body()
        } catch {
            if case .database(let code, let message, _) = error, code == SQLiteError.constraintUnique,
                message.contains("external_id"), let externalID
            {
                throw .duplicateExternalID(externalID)
            }
            throw error
        }
    }

    public func updateConfig(_ updated: PairingConfig, expectedVersion: Int64?) throws(StoreError) -> PairingConfig {
        let workerMatch = try StoreJSON.encode(updated.workerMatch)
        let taskMatch = try StoreJSON.encode(updated.taskMatch)
        return try write { db throws(StoreError) in
            guard var config = try liveConfig(companyID: updated.companyID, numericID: updated.numericID, db) else {
                throw .notFound
            }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if let externalID = updated.externalID,
                try externalIDTaken(externalID, companyID: config.companyID, except: config.numericID, db)
            {
                throw .duplicateExternalID(externalID)
            }
            let now = StoreClock.nowMicros()
            _ = try Self.mappingConstraint(externalID: updated.externalID) { () throws(StoreError) in
                try db.run(
                    """
                    UPDATE pairing_configs SET external_id = ?, priority = ?, name = ?, worker_match = ?, \
                    task_match = ?, override_worker_queue_expression = ?, override_task_workflow_expression = ?, \
                    updated_at = ?, version = version + 1 WHERE numeric_id = ? AND deleted_at IS NULL
                    """,
                    [
                        .text(updated.externalID), .integer(updated.priority), .text(updated.name),
                        .text(workerMatch), .text(taskMatch), .text(updated.overrideWorkerQueueExpression),
                        .text(updated.overrideTaskWorkflowExpression), .integer(now), .integer(config.numericID),
                    ])
            }
            try db.run(Self.bumpRevisionSQL, [.text(config.companyID)])
            config.applyUpdate(from: updated, at: now)
            return config
        }
    }

    public func deleteConfig(companyID: String, numericID: Int64, expectedVersion: Int64?) throws(StoreError) {
        try write { db throws(StoreError) in
            guard let config = try liveConfig(companyID: companyID, numericID: numericID, db) else {
                throw .notFound
            }
            if let expectedVersion, expectedVersion != config.version {
                throw .versionMismatch(current: config.version)
            }
            if config.isDefault { throw .cannotDeleteDefault }
            try db.run(
                "UPDATE pairing_configs SET deleted_at = ? WHERE numeric_id = ? AND deleted_at IS NULL",
                [.integer(StoreClock.nowMicros()), .integer(numericID)])
            try db.run(Self.bumpRevisionSQL, [.text(companyID)])
        }
    }

    // MARK: Sync

    public func syncMapping(companyID: String) throws(StoreError) -> SyncMapping {
        try read { db throws(StoreError) in
            try db.queryFirst(
                "SELECT \(RowDecoding.mappingColumns) FROM sync_mappings WHERE company_id = ?", [.text(companyID)],
                RowDecoding.mapping)
        } ?? SyncMapping()
    }

    public func saveSyncMapping(companyID: String, _ mapping: SyncMapping) throws(StoreError) {
        let queueSIDs = try StoreJSON.encode(mapping.queueSIDs)
        try write { db throws(StoreError) in
            guard try companyExists(companyID, db) else { throw .notFound }
            try db.run(
                """
                INSERT INTO sync_mappings (company_id, queue_sids, workflow_sid, emulator_workspace_sid) \
                VALUES (?, ?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET queue_sids = excluded.queue_sids, \
                workflow_sid = excluded.workflow_sid, emulator_workspace_sid = excluded.emulator_workspace_sid
                """,
                [.text(companyID), .text(queueSIDs), .text(mapping.workflowSID), .text(mapping.emulatorWorkspaceSID)])
        }
    }

    public func taskRouterTarget(companyID: String) throws(StoreError) -> StoredTaskRouterTarget? {
        try read { db throws(StoreError) in
            try db.queryFirst(
                "SELECT \(RowDecoding.targetColumns) FROM sync_targets WHERE company_id = ?", [.text(companyID)],
                RowDecoding.target)
        }
    }

    public func saveTaskRouterTarget(_ target: StoredTaskRouterTarget) throws(StoreError) {
        try write { db throws(StoreError) in
            guard try companyExists(target.companyID, db) else { throw .notFound }
            try db.run(
                """
                INSERT INTO sync_targets (company_id, account_sid, sealed_auth_token, api_key_sid, \
                sealed_api_key_secret, workspace_sid, base_url, workflow_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
                ON CONFLICT (company_id) DO UPDATE SET account_sid = excluded.account_sid, \
                sealed_auth_token = excluded.sealed_auth_token, api_key_sid = excluded.api_key_sid, \
                sealed_api_key_secret = excluded.sealed_api_key_secret, workspace_sid = excluded.workspace_sid, \
                base_url = excluded.base_url, workflow_name = excluded.workflow_name
                """,
                [
                    .text(target.companyID), .text(target.accountSID), .blob(target.sealedAuthToken),
                    .text(target.apiKeySID), .blob(target.sealedAPIKeySecret), .text(target.workspaceSID),
                    .text(target.baseURL), .text(target.workflowName),
                ])
        }
    }

    public func saveSyncRun(_ run: StoredSyncRun) throws(StoreError) {
        try write { db throws(StoreError) in
            guard try companyExists(run.companyID, db) else { throw .notFound }
            try db.run(
                """
                INSERT INTO sync_runs (id, company_id, status, dry_run, started_at, finished_at, document, \
                synced_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET \
                status = excluded.status, dry_run = excluded.dry_run, started_at = excluded.started_at, \
                finished_at = excluded.finished_at, document = excluded.document, \
                synced_state = excluded.synced_state
                """,
                [
                    .text(run.id), .text(run.companyID), .text(run.status), .bool(run.dryRun),
                    .integer(run.startedAt), .integer(run.finishedAt), .text(run.document), .text(run.syncedState),
                ])
        }
    }

    public func latestSyncRun(companyID: String, dryRun: Bool?) throws(StoreError) -> StoredSyncRun? {
        try read { db throws(StoreError) in
            if let dryRun {
                return try db.queryFirst(
                    """
                    SELECT \(RowDecoding.runColumns) FROM sync_runs WHERE company_id = ? AND dry_run = ? \
                    ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                    """, [.text(companyID), .bool(dryRun)], RowDecoding.run)
            }
            return try db.queryFirst(
                """
                SELECT \(RowDecoding.runColumns) FROM sync_runs WHERE company_id = ? \
                ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                """, [.text(companyID)], RowDecoding.run)
        }
    }

    public func latestSuccessfulSyncRun(companyID: String) throws(StoreError) -> StoredSyncRun? {
        try read { db throws(StoreError) in
            try db.queryFirst(
                """
                SELECT \(RowDecoding.runColumns) FROM sync_runs WHERE company_id = ? AND dry_run = 0 \
                AND status IN ('succeeded', 'succeededWithWarnings') ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                """, [.text(companyID)], RowDecoding.run)
        }
    }

    private func runningRunID(companyID: String) -> String? {
        try? read { db throws(StoreError) in
            try db.queryFirst(
                """
                SELECT id FROM sync_runs WHERE company_id = ? AND status = 'running' \
                ORDER BY started_at DESC, numeric_id DESC LIMIT 1
                """, [.text(companyID)]
            ) { row throws(StoreError) in row.text(0) }
        } ?? nil
    }

    /// The lock is a lease row in `sync_locks`: taken when absent or expired, renewed while `body`
    /// runs, deleted after. A holder that dies stops renewing, and its lease expires.
    public func withSyncLock<T>(companyID: String, _ body: () throws -> T) throws -> T {
        let holder = PublicID.make(prefix: "LK") + "-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let lease = leaseMicros
        let acquired = try write { db throws(StoreError) in
            let now = StoreClock.nowMicros()
            return try db.run(
                """
                INSERT INTO sync_locks (company_id, holder, expires_at) VALUES (?, ?, ?) \
                ON CONFLICT (company_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
                WHERE sync_locks.expires_at < ?
                """, [.text(companyID), .text(holder), .integer(now + lease), .integer(now)]) > 0
        }
        guard acquired else { throw StoreError.syncInProgress(runningRunID(companyID: companyID)) }
        let writer = self.writer
        let renewer = LeaseRenewer(interval: Double(lease) / 3_000_000) {
            _ = try? writer.withConnection { db throws(StoreError) in
                try db.transaction { db throws(StoreError) in
                    try db.run(
                        "UPDATE sync_locks SET expires_at = ? WHERE company_id = ? AND holder = ?",
                        [.integer(StoreClock.nowMicros() + lease), .text(companyID), .text(holder)])
                }
            }
        }
        defer {
            renewer.stop()
            _ = try? write { db throws(StoreError) in
                try db.run(
                    "DELETE FROM sync_locks WHERE company_id = ? AND holder = ?", [.text(companyID), .text(holder)])
            }
        }
        return try body()
    }
}
