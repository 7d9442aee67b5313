import CPSKit

/// The store's tables in one PostgreSQL schema, and the migrations that create them, by version
/// (R-ADP-1). See Documentation/RunningOnPostgreSQL.md for the tables and their rules.
///
/// Every migration runs in one transaction under a transaction-scoped advisory lock, so two processes
/// opening the same schema at once apply it exactly once; `cps_schema_version` records each applied
/// version. A schema whose version is newer than ``latestVersion`` is refused with
/// `unsupportedVersion` and left untouched.
public struct PostgresSchema: Sendable, Hashable {
    /// The schema (namespace) name: a lower-case letter or `_`, then lower-case letters, digits or `_`,
    /// at most 63 characters (so it never needs quoting rules beyond double quotes).
    public let name: String

    /// The schema `name`; `invalidBatch` if the name is not a plain lower-case identifier.
    public init(_ name: String = "cps") throws(StorageError) {
        let bytes = Array(name.utf8)
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = bytes.first, isLetter(first), bytes.count <= 63, bytes.allSatisfy({ isLetter($0) || isDigit($0) }),
              !name.hasPrefix("pg_") else {
            throw StorageError(.invalidBatch, subject: name,
                               detail: "\"\(name)\" is not a usable schema name (a-z, 0-9, _; not pg_…; at most 63 characters)")
        }
        self.name = name
    }

    /// The schema version this package writes and reads: 3 (tombstones, index keys by sequence,
    /// index keys in byte order for range reads).
    public static let latestVersion = 3

    /// `"schema".table`, for SQL text.
    func table(_ table: String) -> String { "\"\(name)\".\(table)" }

    /// One step of the schema's history.
    struct Migration: Sendable {
        let version: Int
        let summary: String
        let statements: [String]
    }

    /// Every migration, oldest first; version `n` is at index `n - 1`.
    var migrations: [Migration] {
        [
            Migration(version: 1, summary: "records, unique keys, index keys, insertion sequence", statements: [
                // The insertion order of records (R-ADP-1 rule 4): a record keeps its number when it is
                // updated and gets a new one when it is deleted and inserted again.
                "CREATE SEQUENCE \(table("cps_record_sequence")) AS bigint",
                """
                CREATE TABLE \(table("cps_records")) (
                    kind text NOT NULL,
                    id text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    payload bytea NOT NULL,
                    unique_keys text[] NOT NULL DEFAULT '{}',
                    index_keys text[] NOT NULL DEFAULT '{}',
                    seq bigint NOT NULL DEFAULT nextval('\(name).cps_record_sequence'),
                    CONSTRAINT cps_records_pkey PRIMARY KEY (kind, id),
                    CONSTRAINT cps_records_seq_key UNIQUE (seq)
                )
                """,
                "CREATE INDEX cps_records_kind_seq ON \(table("cps_records")) (kind, seq)",
                // Unique keys are global across kinds: the primary key enforces them even between
                // transactions that have not seen each other.
                """
                CREATE TABLE \(table("cps_unique_keys")) (
                    key text NOT NULL,
                    kind text NOT NULL,
                    id text NOT NULL,
                    CONSTRAINT cps_unique_keys_pkey PRIMARY KEY (key),
                    CONSTRAINT cps_unique_keys_record_fkey FOREIGN KEY (kind, id)
                        REFERENCES \(table("cps_records")) (kind, id) ON DELETE CASCADE
                )
                """,
                "CREATE INDEX cps_unique_keys_record ON \(table("cps_unique_keys")) (kind, id)",
                """
                CREATE TABLE \(table("cps_index_keys")) (
                    kind text NOT NULL,
                    key text NOT NULL,
                    id text NOT NULL,
                    CONSTRAINT cps_index_keys_pkey PRIMARY KEY (kind, key, id),
                    CONSTRAINT cps_index_keys_record_fkey FOREIGN KEY (kind, id)
                        REFERENCES \(table("cps_records")) (kind, id) ON DELETE CASCADE
                )
                """,
                "CREATE INDEX cps_index_keys_record ON \(table("cps_index_keys")) (kind, id)",
            ]),
            Migration(version: 2, summary: "tombstones, index keys by insertion sequence (R-UOW-1, pages)", statements: [
                // Versions never repeat (R-UOW-1): a deleted record's last version, until it is inserted
                // again (which continues from it).
                """
                CREATE TABLE \(table("cps_tombstones")) (
                    kind text NOT NULL,
                    id text NOT NULL,
                    version bigint NOT NULL CHECK (version >= 1),
                    CONSTRAINT cps_tombstones_pkey PRIMARY KEY (kind, id)
                )
                """,
                // A page of an index key reads only the page: the holder's insertion sequence next to
                // the key (the record's seq never changes while it lives).
                "ALTER TABLE \(table("cps_index_keys")) ADD COLUMN seq bigint",
                """
                UPDATE \(table("cps_index_keys")) i SET seq = r.seq FROM \(table("cps_records")) r
                WHERE r.kind = i.kind AND r.id = i.id
                """,
                "ALTER TABLE \(table("cps_index_keys")) ALTER COLUMN seq SET NOT NULL",
                "CREATE INDEX cps_index_keys_page ON \(table("cps_index_keys")) (kind, key, seq)",
            ]),
            Migration(version: 3, summary: "index keys in byte order, for range reads (R-ADP-1 guarantee 11)", statements: [
                // A range of keys (the due-time index, issue 17 item 4) is read in UTF-8 byte order
                // whatever the database's collation: "C" compares bytes.
                "CREATE INDEX cps_index_keys_range ON \(table("cps_index_keys")) (kind, (key COLLATE \"C\"), seq)",
            ]),
        ]
    }

    /// The table that records applied migrations (created before any migration runs).
    var versionTable: String {
        """
        CREATE TABLE IF NOT EXISTS \(table("cps_schema_version")) (
            version integer NOT NULL PRIMARY KEY,
            summary text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
    }
}
