using System.Globalization;

namespace Dashboard.Storage;

/// <summary>The schema history, oldest first. Append new versions; never edit or reorder applied ones,
/// because databases record which versions they have run.</summary>
public static class StorageMigrations
{
    /// <summary>Created before any migration runs. Portable DDL: both dialects accept these type names.
    /// <c>applied_at</c> is unix milliseconds (UTC), like every time stored here.</summary>
    internal const string CreateSchemaMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer NOT NULL PRIMARY KEY,
            description text NOT NULL,
            applied_at bigint NOT NULL
        )
        """;

    // SQLite maps text/bigint/double precision to TEXT/INTEGER/REAL affinity, so the first schema reads the same
    // in both dialects; later migrations (ALTER TABLE, say) are where the two will differ.
    private const string InitialSchema = """
        CREATE TABLE last_good (
            source_name text NOT NULL PRIMARY KEY,
            fingerprint text NOT NULL,
            value_json text NOT NULL,
            fetched_at_ms bigint NOT NULL
        );
        CREATE TABLE source_history (
            source_name text NOT NULL,
            at_ms bigint NOT NULL,
            value double precision NOT NULL
        );
        CREATE INDEX ix_source_history_source_at ON source_history (source_name, at_ms);
        """;

    // Configuration edited in the admin area: one JSON document per item, a version per item, an audit log and
    // one config_state row whose version every write bumps (other instances poll it). Only the audit id differs.
    private const string ConfigSchemaCommon = """
        CREATE TABLE config_items (
            kind text NOT NULL,
            name text NOT NULL,
            version bigint NOT NULL,
            json text NOT NULL,
            updated_at_ms bigint NOT NULL,
            PRIMARY KEY (kind, name)
        );
        CREATE TABLE config_state (
            id integer NOT NULL PRIMARY KEY,
            version bigint NOT NULL,
            seeded integer NOT NULL
        );
        INSERT INTO config_state (id, version, seeded) VALUES (1, 0, 0);
        """;

    private const string ConfigAudit = """
            at_ms bigint NOT NULL,
            user_name text NOT NULL,
            action text NOT NULL,
            item_kind text NOT NULL,
            item_name text NOT NULL,
            summary text NOT NULL
        );
        CREATE INDEX ix_config_audit_at ON config_audit (at_ms);
        """;

    // The Data Protection key ring (cookies, antiforgery tokens): shared, so any instance reads what another issued.
    private const string DataProtectionKeys = """
        CREATE TABLE data_protection_keys (
            name text NOT NULL PRIMARY KEY,
            xml text NOT NULL,
            created_at_ms bigint NOT NULL
        );
        """;

    // One row per notice sent (webhook, source, kind, window), so several instances send each notice once.
    private const string NotificationClaims = """
        CREATE TABLE notification_claims (
            claim_key text NOT NULL PRIMARY KEY,
            claimed_at_ms bigint NOT NULL
        );
        CREATE INDEX ix_notification_claims_at ON notification_claims (claimed_at_ms);
        """;

    // Sign-in attempts per client address or user name and fixed window, counted here so that every instance sees
    // every attempt. Keys are hashes (no user name or address is stored); rows are deleted once their window ended.
    private const string SignInAttempts = """
        CREATE TABLE sign_in_attempts (
            limit_key text NOT NULL,
            window_start_ms bigint NOT NULL,
            window_end_ms bigint NOT NULL,
            attempts integer NOT NULL,
            PRIMARY KEY (limit_key, window_start_ms)
        );
        CREATE INDEX ix_sign_in_attempts_end ON sign_in_attempts (window_end_ms);
        """;

    // One row per cache entry (a source, or source#range): who fetches it until when, and the entry's back-off, so that
    // instances sharing one database call an upstream as one instance would (Cluster/Fetching). Used on PostgreSQL only;
    // created on SQLite too so both schemas stay alike.
    private const string FetchLeases = """
        CREATE TABLE fetch_leases (
            entry_key text NOT NULL PRIMARY KEY,
            row_version bigint NOT NULL,
            fingerprint text NOT NULL,
            holder text NOT NULL,
            lease_id bigint NOT NULL,
            lease_until_ms bigint NOT NULL,
            failures integer NOT NULL,
            retry_at_ms bigint NOT NULL,
            reason text NOT NULL,
            public_reason text NOT NULL,
            updated_at_ms bigint NOT NULL
        );
        CREATE INDEX ix_fetch_leases_updated ON fetch_leases (updated_at_ms);
        """;

    // Server-side admin sessions: sign-out revokes the row, so a copy of the cookie is refused on every instance.
    private const string AdminSessions = """
        CREATE TABLE admin_sessions (
            id text NOT NULL PRIMARY KEY,
            user_name text NOT NULL,
            created_at_ms bigint NOT NULL,
            expires_at_ms bigint NOT NULL,
            revoked_at_ms bigint NULL
        );
        CREATE INDEX ix_admin_sessions_expires ON admin_sessions (expires_at_ms);
        """;

    // History over a time range (downsampled per bucket): the value in the index, so a range scan never reads the table
    // (PostgreSQL: INCLUDE, an index-only scan; SQLite: a covering index); and one on the time alone for hourly pruning.
    private const string HistoryRangeIndexes = """
        DROP INDEX ix_source_history_source_at;
        CREATE INDEX ix_source_history_at ON source_history (at_ms);
        """;

    // The last good version of each provisioning file, so that a file broken at start-up keeps its last good version in
    // force rather than its items disappearing until it is fixed.
    private const string ProvisionedFiles = """
        CREATE TABLE provisioned_files (
            path text NOT NULL PRIMARY KEY,
            hash text NOT NULL,
            content {0} NOT NULL,
            saved_at_ms bigint NOT NULL
        );
        """;

    // Sign-in attempts as a sliding log, one row per attempt (replacing migration 7's count per fixed window, which let a
    // burst straddling a window boundary through twice). Refused attempts are removed again, so a key holds at most
    // about its limit of rows; the time index serves the pruning of attempts that left the window.
    private const string SignInAttemptLog = """
        DROP TABLE sign_in_attempts;
        CREATE TABLE sign_in_attempts (
            id text NOT NULL PRIMARY KEY,
            limit_key text NOT NULL,
            at_ms bigint NOT NULL
        );
        CREATE INDEX ix_sign_in_attempts_key_at ON sign_in_attempts (limit_key, at_ms);
        CREATE INDEX ix_sign_in_attempts_at ON sign_in_attempts (at_ms);
        """;

    public static IReadOnlyList<StorageMigration> All { get; } =
    [
        new(1, "last good values and source history", SqliteSql: InitialSchema, PostgresSql: InitialSchema),
        new(
            2,
            "stored configuration, its version and audit log",
            SqliteSql: ConfigSchemaCommon + "CREATE TABLE config_audit (id INTEGER PRIMARY KEY AUTOINCREMENT," + ConfigAudit,
            PostgresSql: ConfigSchemaCommon + "CREATE TABLE config_audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY," + ConfigAudit),
        new(3, "data protection key ring", SqliteSql: DataProtectionKeys, PostgresSql: DataProtectionKeys),
        new(4, "notification claims shared by instances", SqliteSql: NotificationClaims, PostgresSql: NotificationClaims),
        new(5, "admin sessions (sign-out ends them everywhere)", SqliteSql: AdminSessions, PostgresSql: AdminSessions),
        new(
            6,
            "history range and pruning indexes",
            SqliteSql: "CREATE INDEX ix_source_history_range ON source_history (source_name, at_ms, value);" + HistoryRangeIndexes,
            PostgresSql: "CREATE INDEX ix_source_history_range ON source_history (source_name, at_ms) INCLUDE (value);" + HistoryRangeIndexes),
        new(7, "sign-in attempts counted across instances", SqliteSql: SignInAttempts, PostgresSql: SignInAttempts),
        new(8, "fetch leases and back-off shared by instances", SqliteSql: FetchLeases, PostgresSql: FetchLeases),
        new(
            9,
            "last good versions of provisioning files",
            SqliteSql: string.Format(CultureInfo.InvariantCulture, ProvisionedFiles, "blob"),
            PostgresSql: string.Format(CultureInfo.InvariantCulture, ProvisionedFiles, "bytea")),
        new(10, "sign-in attempts as a sliding log", SqliteSql: SignInAttemptLog, PostgresSql: SignInAttemptLog),
    ];
}
