/// The SQL dialects the store speaks.
enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// One versioned schema step. Its SQL is shared by SQLite and PostgreSQL; the only differences
/// are spelled as placeholders that `statements(for:)` expands (fixed text, never input):
/// `{SERIAL}` (an auto-incremented 64-bit primary key) and `{BYTES}` (a binary column).
struct Migration: Sendable {
    let version: Int64
    let name: String
    let sql: [String]

    func statements(for dialect: SQLDialect) -> [String] {
        sql.map { statement in
            switch dialect {
            case .sqlite:
                statement.replacing("{SERIAL}", with: "INTEGER PRIMARY KEY AUTOINCREMENT")
                    .replacing("{BYTES}", with: "BLOB")
            case .postgres:
                statement.replacing("{SERIAL}", with: "BIGSERIAL PRIMARY KEY")
                    .replacing("{BYTES}", with: "BYTEA")
            }
        }
    }
}

/// Every migration, in order. Applied ones are recorded in `schema_migrations`; never edit a
/// released step, append a new one.
enum Migrations {
    static let createSchemaMigrations = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """

    static let all: [Migration] = [
        Migration(
            version: 1, name: "companies, API keys and pairing configs",
            sql: [
                """
                CREATE TABLE companies (
                    numeric_id {SERIAL},
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    company_id TEXT REFERENCES companies (id),
                    hash TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    revoked_at BIGINT
                )
                """,
                "CREATE INDEX api_keys_hash ON api_keys (hash)",
                """
                CREATE TABLE pairing_configs (
                    numeric_id {SERIAL},
                    id TEXT NOT NULL UNIQUE,
                    company_id TEXT NOT NULL REFERENCES companies (id),
                    external_id TEXT,
                    priority INTEGER,
                    name TEXT NOT NULL,
                    is_default BOOLEAN NOT NULL,
                    worker_match TEXT NOT NULL,
                    task_match TEXT NOT NULL,
                    override_worker_queue_expression TEXT,
                    override_task_workflow_expression TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT,
                    deleted_at BIGINT,
                    version BIGINT NOT NULL
                )
                """,
                "CREATE INDEX pairing_configs_company ON pairing_configs (company_id) WHERE deleted_at IS NULL",
                """
                CREATE UNIQUE INDEX pairing_configs_external_id ON pairing_configs (company_id, external_id)
                WHERE deleted_at IS NULL AND external_id IS NOT NULL
                """,
                """
                CREATE UNIQUE INDEX pairing_configs_one_default ON pairing_configs (company_id)
                WHERE deleted_at IS NULL AND is_default
                """,
            ]),
        Migration(
            version: 2, name: "sync state",
            sql: [
                """
                CREATE TABLE sync_targets (
                    company_id TEXT PRIMARY KEY REFERENCES companies (id),
                    account_sid TEXT NOT NULL,
                    sealed_auth_token {BYTES},
                    api_key_sid TEXT,
                    sealed_api_key_secret {BYTES},
                    workspace_sid TEXT NOT NULL,
                    base_url TEXT NOT NULL,
                    workflow_name TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE sync_mappings (
                    company_id TEXT PRIMARY KEY REFERENCES companies (id),
                    queue_sids TEXT NOT NULL,
                    workflow_sid TEXT,
                    emulator_workspace_sid TEXT
                )
                """,
                """
                CREATE TABLE sync_runs (
                    numeric_id {SERIAL},
                    id TEXT NOT NULL UNIQUE,
                    company_id TEXT NOT NULL REFERENCES companies (id),
                    status TEXT NOT NULL,
                    dry_run BOOLEAN NOT NULL,
                    started_at BIGINT NOT NULL,
                    finished_at BIGINT,
                    document TEXT NOT NULL,
                    synced_state TEXT
                )
                """,
                "CREATE INDEX sync_runs_company ON sync_runs (company_id, started_at)",
                """
                CREATE TABLE sync_locks (
                    company_id TEXT PRIMARY KEY,
                    holder TEXT NOT NULL,
                    expires_at BIGINT NOT NULL
                )
                """,
            ]),
        Migration(
            version: 3, name: "config revision, API key lookup index",
            sql: [
                // Bumped in the transaction of every config create, update and delete of the company:
                // lets a process reuse what it derived from the company's configs while the revision holds.
                "ALTER TABLE companies ADD COLUMN config_revision BIGINT NOT NULL DEFAULT 0",
                // The key lookup (hash, oldest first) reads the index in order instead of sorting.
                "CREATE INDEX api_keys_hash_created ON api_keys (hash, created_at)",
                "DROP INDEX api_keys_hash",
            ]),
    ]
}
