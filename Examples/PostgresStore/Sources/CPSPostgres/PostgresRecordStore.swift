import CPSKit
import Foundation
import PostgresNIO
import Synchronization

/// A ``RecordStore`` on PostgreSQL (R-ADP-1): every guarantee of the protocol, checked by the same
/// `StorageConformance` suite as `InMemoryRecordStore` and `FileRecordStore`, across any number of
/// processes and connections sharing one database.
///
/// ```swift
/// let store = try await PostgresRecordStore.open(configuration: .init(host: "127.0.0.1", username: "cps",
///                                                                     password: "…", database: "cps", tls: .disable))
/// let context = try CPSContext(store: store, identity: myIdentityProvider,
///                              tokenKeys: try TokenKeys.load(fromFile: keyFile, dataDirectory: nil))
/// …
/// await store.close()
/// ```
///
/// How the rules map to SQL (the tables are in ``PostgresSchema``):
///
/// - **Atomic batches.** ``commit(_:)`` is one transaction (`READ COMMITTED`): it locks the rows of
///   every record it writes with `SELECT … ORDER BY kind, id FOR UPDATE` and of every record it only
///   checks with `FOR SHARE`, in one fixed order (so two batches never deadlock on each other), reads
///   their versions and the holders of the unique keys it claims, validates the batch exactly as the
///   in-memory store does, applies it and commits.
/// - **Check writes** (R-UOW-1) hold the checked row with `FOR SHARE` until `COMMIT`, so a concurrent
///   writer of that row waits and the check stays true for the whole transaction (checks of one row
///   do not wait for each other). A row lock cannot hold a row that does not exist, so before that
///   every insert and every check of absence takes a transaction-scoped advisory lock
///   (`pg_advisory_xact_lock`) on a hash of the schema, kind and ID, in sorted order: two batches
///   that insert or check the absence of one key run one after the other.
/// - **Tombstones** (R-UOW-1): a delete writes the record's last version to `cps_tombstones`; an
///   insert of the same kind and ID takes it out (`DELETE … RETURNING`) and continues from it.
/// - **Optimistic concurrency.** Versions live in `cps_records.version`; a stale expected version is
///   `conflict` and the transaction is rolled back.
/// - **Unique keys across kinds** are the primary key of `cps_unique_keys`, so two transactions that
///   insert the same key cannot both commit. The loser's unique violation makes the commit start
///   over once the winner has committed; the new attempt then sees the winner's rows and fails with
///   `conflict` or `uniqueKeyTaken`, the same error the in-memory store gives.
/// - **Insertion order** is a sequence number taken when a record is first inserted and kept on
///   update; a record deleted and inserted again gets a new one. Index-key rows carry it too, so
///   ``records(kind:indexKey:after:limit:)`` reads one page with an index range scan
///   (`seq > cursor ORDER BY seq LIMIT limit + 1`).
/// - **Close** (``close()``) refuses new calls at once with `unavailable`, waits for the calls in
///   flight, then shuts the pool down if the store opened it.
///
/// Errors are always ``StorageError``: server and connection failures are `unavailable` with the
/// SQLSTATE and message in the detail; a row that cannot be decoded is `corrupt`. If the connection
/// fails while `COMMIT` is under way, the outcome is unknown to the client: the error is `unavailable`
/// and says so, and a caller that retries will see `conflict` if the batch had in fact been applied.
public final class PostgresRecordStore: RecordStore {
    /// The pool the store leases connections from.
    public let client: PostgresClient
    /// The schema holding the tables.
    public let schema: PostgresSchema
    /// The `client.run()` task when the store owns the client (``open(configuration:schema:maximumConnections:)``).
    private let runTask: Task<Void, Never>?
    private let logger: Logger
    /// How long an operation waits for a connection from the pool before it fails with `unavailable`.
    public let connectionTimeout: Duration
    /// A test hook, run inside the transaction after every write and before `COMMIT`.
    private let beforeCommit: (@Sendable (PostgresConnection) async throws -> Void)?
    /// Whether ``close()`` was called, the calls in flight, and who waits for them to end.
    private let lifecycle = Mutex(Lifecycle())

    private struct Lifecycle {
        var closed = false
        var inFlight = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// How many times a commit starts over after a unique violation, serialization failure or deadlock.
    static let maximumAttempts = 8

    /// A store over `client`, which the host runs (`await client.run()` in a long-running task, e.g.
    /// in a ServiceLifecycle group). Call ``migrate()`` once before the first use.
    /// Operations wait at most `connectionTimeout` for a connection (the pool retries an unreachable
    /// server until then).
    public convenience init(client: PostgresClient, schema: PostgresSchema, connectionTimeout: Duration = .seconds(10)) {
        self.init(client: client, schema: schema, connectionTimeout: connectionTimeout, runTask: nil, beforeCommit: nil)
    }

    init(client: PostgresClient, schema: PostgresSchema, connectionTimeout: Duration, runTask: Task<Void, Never>?,
         beforeCommit: (@Sendable (PostgresConnection) async throws -> Void)?) {
        self.client = client
        self.schema = schema
        self.connectionTimeout = connectionTimeout
        self.runTask = runTask
        self.beforeCommit = beforeCommit
        var logger = Logger(label: "cpskit.postgres")
        logger.logLevel = .error
        self.logger = logger
    }

    /// Connects to the database of `configuration` with a pool of at most `maximumConnections`
    /// connections that the store runs itself, creates or migrates `schema` (``migrate()``) and returns
    /// the store. Every operation waits at most `connectionTimeout` for a connection. Call ``close()``
    /// when done.
    public static func open(configuration: PostgresClient.Configuration, schema: PostgresSchema,
                            maximumConnections: Int = 8, connectionTimeout: Duration = .seconds(10))
        async throws(StorageError) -> PostgresRecordStore {
        try await open(configuration: configuration, schema: schema, maximumConnections: maximumConnections,
                       connectionTimeout: connectionTimeout, beforeCommit: nil)
    }

    /// ``open(configuration:schema:maximumConnections:connectionTimeout:)`` with a hook that runs inside
    /// every commit's transaction just before `COMMIT` (the tests drop the connection there).
    package static func open(configuration: PostgresClient.Configuration, schema: PostgresSchema, maximumConnections: Int,
                             connectionTimeout: Duration = .seconds(10),
                             beforeCommit: (@Sendable (PostgresConnection) async throws -> Void)?)
        async throws(StorageError) -> PostgresRecordStore {
        var configuration = configuration
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration)
        let runTask = Task { await client.run() }
        let store = PostgresRecordStore(client: client, schema: schema, connectionTimeout: connectionTimeout, runTask: runTask,
                                        beforeCommit: beforeCommit)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes the store (R-ADP-1): every new call fails with `unavailable` at once; the calls in flight
    /// (commits included) finish; then the pool is shut down if the store opened it (a client passed to
    /// ``init(client:schema:connectionTimeout:)`` stays the host's). Calling it again does nothing more.
    public func close() async {
        let busy = lifecycle.withLock { state -> Bool in
            state.closed = true
            return state.inFlight > 0
        }
        if busy {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = lifecycle.withLock { state -> Bool in
                    guard state.inFlight > 0 else { return false }
                    state.waiters.append(continuation)
                    return true
                }
                if !waiting { continuation.resume() }
            }
        }
        guard let runTask else { return }
        runTask.cancel()
        await runTask.value
    }

    /// Counts a call in; `unavailable` once the store is closed.
    private func enter() throws(StorageError) {
        let open = lifecycle.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.inFlight += 1
            return true
        }
        guard open else { throw StorageError(.unavailable, detail: "PostgreSQL: the store is closed") }
    }

    /// Counts a call out, and lets ``close()`` go on after the last one.
    private func leave() {
        let waiters = lifecycle.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight -= 1
            guard state.inFlight == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Schema

    /// Creates the schema and its tables, or brings an older schema up to
    /// ``PostgresSchema/latestVersion``; safe to run from several processes at once.
    /// `unsupportedVersion` if the database was written by a newer version of this package.
    public func migrate() async throws(StorageError) {
        let schema = self.schema
        let logger = self.logger
        try await run("migrating schema \(schema.name)") { connection in
            try await Self.transaction(on: connection, logger: logger) {
                try await connection.send("SELECT pg_advisory_xact_lock(hashtext(\("cpskit.schema." + schema.name)))", logger: logger)
                try await connection.send("CREATE SCHEMA IF NOT EXISTS \(unescaped: "\"\(schema.name)\"")", logger: logger)
                try await connection.send(PostgresQuery(unsafeSQL: schema.versionTable), logger: logger)
                let current = try await Self.version(on: connection, schema: schema, logger: logger)
                guard current <= PostgresSchema.latestVersion else {
                    throw StorageError(.unsupportedVersion, subject: schema.name,
                                       detail: "schema \(schema.name) is at version \(current); this package knows up to \(PostgresSchema.latestVersion)")
                }
                for migration in schema.migrations where migration.version > current {
                    for statement in migration.statements {
                        try await connection.send(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.send("""
                        INSERT INTO \(unescaped: schema.table("cps_schema_version")) (version, summary)
                        VALUES (\(migration.version), \(migration.summary))
                        """, logger: logger)
                }
            }
        }
    }

    /// The version recorded in `cps_schema_version` (0 before the first migration).
    public func schemaVersion() async throws(StorageError) -> Int {
        let schema = self.schema
        let logger = self.logger
        return try await run("reading the schema version of \(schema.name)") { connection in
            try await Self.version(on: connection, schema: schema, logger: logger)
        }
    }

    private static func version(on connection: PostgresConnection, schema: PostgresSchema, logger: Logger) async throws -> Int {
        let exists = try await connection.send("SELECT to_regclass(\(schema.table("cps_schema_version")))::text",
                                                logger: logger)
        for try await name in exists.decode(String?.self) where name == nil { return 0 }
        let rows = try await connection.send(
            "SELECT coalesce(max(version), 0) FROM \(unescaped: schema.table("cps_schema_version"))", logger: logger)
        for try await version in rows.decode(Int32.self) { return Int(version) }
        return 0
    }

    // MARK: - Reads

    /// The record of `kind` with `id` (R-ADP-1); see ``RecordStore/record(kind:id:)``.
    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        let records = schema.table("cps_records")
        return try await read("reading \(kind) \(id)") {
            """
            SELECT kind, id, version, payload, unique_keys, index_keys FROM \(unescaped: records)
            WHERE kind = \(kind) AND id = \(id)
            """
        }.first
    }

    /// The records of `kind` holding `indexKey` (all of the kind when `nil`), in first-insertion order (R-ADP-1).
    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        let records = schema.table("cps_records")
        let index = schema.table("cps_index_keys")
        guard let indexKey else {
            return try await read("listing \(kind)") {
                """
                SELECT kind, id, version, payload, unique_keys, index_keys FROM \(unescaped: records)
                WHERE kind = \(kind) ORDER BY seq
                """
            }
        }
        return try await read("looking up \(kind) by \(indexKey)") {
            """
            SELECT r.kind, r.id, r.version, r.payload, r.unique_keys, r.index_keys
            FROM \(unescaped: index) i JOIN \(unescaped: records) r ON r.kind = i.kind AND r.id = i.id
            WHERE i.kind = \(kind) AND i.key = \(indexKey) ORDER BY r.seq
            """
        }
    }

    /// The record holding `uniqueKey`, of any kind (R-ADP-1).
    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        let records = schema.table("cps_records")
        let unique = schema.table("cps_unique_keys")
        return try await read("looking up the holder of \(uniqueKey)") {
            """
            SELECT r.kind, r.id, r.version, r.payload, r.unique_keys, r.index_keys
            FROM \(unescaped: unique) u JOIN \(unescaped: records) r ON r.kind = u.kind AND r.id = u.id
            WHERE u.key = \(uniqueKey)
            """
        }.first
    }

    /// At most `limit` records of `kind` holding `indexKey` after `cursor`, in first-insertion order
    /// (R-ADP-1); see ``RecordStore/records(kind:indexKey:after:limit:)``. One query reads `limit + 1`
    /// rows by `(kind, seq)` or `(kind, key, seq)`: the extra row only tells that a next page exists. The
    /// cursor's sequence is the last record's `seq`.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int)
        async throws(StorageError) -> RecordPage {
        guard limit > 0 else {
            try enter()
            leave()
            return RecordPage(records: [], next: nil)
        }
        let records = schema.table("cps_records")
        let index = schema.table("cps_index_keys")
        let after = Int64(clamping: cursor?.sequence ?? 0)
        let rows = Int64(clamping: limit) &+ 1
        let logger = self.logger
        let query: PostgresQuery
        if let indexKey {
            query = """
                SELECT r.kind, r.id, r.version, r.payload, r.unique_keys, r.index_keys, r.seq
                FROM \(unescaped: index) i JOIN \(unescaped: records) r ON r.kind = i.kind AND r.id = i.id
                WHERE i.kind = \(kind) AND i.key = \(indexKey) AND i.seq > \(after) ORDER BY i.seq LIMIT \(rows)
                """
        } else {
            query = """
                SELECT kind, id, version, payload, unique_keys, index_keys, seq FROM \(unescaped: records)
                WHERE kind = \(kind) AND seq > \(after) ORDER BY seq LIMIT \(rows)
                """
        }
        let found = try await run("reading a page of \(kind)") { connection in
            var found: [(RecordEnvelope, Int64)] = []
            let result = try await connection.send(query, logger: logger)
            for try await (kind, id, version, payload, uniqueKeys, indexKeys, seq)
                in result.decode((String, String, Int64, Data, [String], [String], Int64).self) {
                found.append((try Self.envelope(kind, id, version, payload, uniqueKeys, indexKeys), seq))
            }
            return found
        }
        let page = found.prefix(limit)
        let next = found.count > limit ? page.last.map { RecordCursor(sequence: UInt64(clamping: $0.1), lastID: $0.0.id) } : nil
        return RecordPage(records: page.map(\.0), next: next)
    }

    /// A page of the records holding keys `lower <= k < upper` in byte order (`COLLATE "C"`), then
    /// insertion order, after `cursor` (R-ADP-1 guarantee 11): one indexed range scan of the key
    /// table, `limit + 1` rows.
    public func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        guard limit > 0 else {
            try enter()
            leave()
            return RecordPage(records: [], next: nil)
        }
        let records = schema.table("cps_records")
        let index = schema.table("cps_index_keys")
        let rows = Int64(clamping: limit) &+ 1
        let logger = self.logger
        let query: PostgresQuery
        if let cursor, let key = cursor.indexKey {
            let after = Int64(clamping: cursor.sequence)
            query = """
                SELECT r.kind, r.id, r.version, r.payload, r.unique_keys, r.index_keys, r.seq, i.key
                FROM \(unescaped: index) i JOIN \(unescaped: records) r ON r.kind = i.kind AND r.id = i.id
                WHERE i.kind = \(kind) AND (i.key COLLATE "C") >= \(lower) AND (i.key COLLATE "C") < \(upper)
                  AND ((i.key COLLATE "C") > \(key) OR ((i.key COLLATE "C") = \(key) AND i.seq > \(after)))
                ORDER BY (i.key COLLATE "C"), i.seq LIMIT \(rows)
                """
        } else {
            query = """
                SELECT r.kind, r.id, r.version, r.payload, r.unique_keys, r.index_keys, r.seq, i.key
                FROM \(unescaped: index) i JOIN \(unescaped: records) r ON r.kind = i.kind AND r.id = i.id
                WHERE i.kind = \(kind) AND (i.key COLLATE "C") >= \(lower) AND (i.key COLLATE "C") < \(upper)
                ORDER BY (i.key COLLATE "C"), i.seq LIMIT \(rows)
                """
        }
        let found = try await run("reading a range of \(kind)") { connection in
            var found: [(RecordEnvelope, Int64, String)] = []
            let result = try await connection.send(query, logger: logger)
            for try await (kind, id, version, payload, uniqueKeys, indexKeys, seq, key)
                in result.decode((String, String, Int64, Data, [String], [String], Int64, String).self) {
                found.append((try Self.envelope(kind, id, version, payload, uniqueKeys, indexKeys), seq, key))
            }
            return found
        }
        let page = found.prefix(limit)
        let next = found.count > limit
            ? page.last.map { RecordCursor(sequence: UInt64(clamping: $0.1), lastID: $0.0.id, indexKey: $0.2) } : nil
        return RecordPage(records: page.map(\.0), next: next)
    }

    private func read(_ doing: String, _ query: @Sendable () -> PostgresQuery) async throws(StorageError) -> [RecordEnvelope] {
        let query = query()
        let logger = self.logger
        return try await run(doing) { connection in
            var envelopes: [RecordEnvelope] = []
            let rows = try await connection.send(query, logger: logger)
            for try await (kind, id, version, payload, uniqueKeys, indexKeys)
                in rows.decode((String, String, Int64, Data, [String], [String]).self) {
                envelopes.append(try Self.envelope(kind, id, version, payload, uniqueKeys, indexKeys))
            }
            return envelopes
        }
    }

    private static func envelope(_ kind: String, _ id: String, _ version: Int64, _ payload: Data,
                                 _ uniqueKeys: [String], _ indexKeys: [String]) throws(StorageError) -> RecordEnvelope {
        guard let version = UInt64(exactly: version), version >= 1 else {
            throw StorageError(.corrupt, kind: kind, subject: id, detail: "\(kind) \(id) has the impossible version \(version)")
        }
        return RecordEnvelope(kind: kind, id: id, version: version, payload: payload, uniqueKeys: uniqueKeys, indexKeys: indexKeys)
    }

    // MARK: - Writes

    /// Applies every write of `batch` in one transaction, or none (R-ADP-1); see ``RecordStore/commit(_:)``.
    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        // Counted as in flight for all its attempts, so close() waits for it.
        try enter()
        defer { leave() }
        if batch.isEmpty { return [] }
        var attempt = 1
        while true {
            do {
                return try await commitAttempt(batch)
            } catch let error as StorageError {
                throw error
            } catch let unknown as CommitOutcomeUnknown {
                let cause = PostgresFailure.storageError(unknown.underlying, doing: "committing")
                throw StorageError(.unavailable, detail: "the connection failed during COMMIT, so the batch may or may not "
                                       + "have been applied: \(cause.detail)")
            } catch {
                if attempt < Self.maximumAttempts && PostgresFailure.isRetryable(error) {
                    attempt += 1
                    continue
                }
                throw PostgresFailure.storageError(error, doing: "committing a batch of \(batch.writes.count) writes")
            }
        }
    }

    /// One transaction: lock, validate, apply, commit. Throws `StorageError` for a refused batch and
    /// PostgresNIO's errors otherwise (``commit(_:)`` retries or maps them).
    private func commitAttempt(_ batch: WriteBatch) async throws -> [RecordEnvelope] {
        let logger = self.logger
        let hook = beforeCommit
        return try await withConnection(counted: false) { connection in
            try await Self.transaction(on: connection, logger: logger, beforeCommit: hook) {
                try await self.apply(batch, on: connection)
            }
        }
    }

    /// Runs `body` between `BEGIN` and `COMMIT` on `connection`; rolls back if it throws. A failure of
    /// `COMMIT` itself on a broken connection is ``CommitOutcomeUnknown``.
    private static func transaction<Result: Sendable>(
        on connection: PostgresConnection, logger: Logger,
        beforeCommit: (@Sendable (PostgresConnection) async throws -> Void)? = nil,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await connection.send("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
        let result: Result
        do {
            result = try await body()
            if let beforeCommit { try await beforeCommit(connection) }
        } catch {
            do {
                try await connection.send("ROLLBACK", logger: logger)
            } catch {
                // The connection is unusable (it may be gone already): never hand it back mid-transaction.
                try? await connection.close()
            }
            throw error
        }
        do {
            try await connection.send("COMMIT", logger: logger)
        } catch {
            // A server error at COMMIT means PostgreSQL rolled back, and a connection found closed before
            // COMMIT was sent means the server aborted the transaction; no answer means we cannot know.
            if PostgresFailure.sqlState(of: error) != nil || error is ConnectionClosed { throw error }
            throw CommitOutcomeUnknown(underlying: error)
        }
        return result
    }

    /// The statements of one batch, inside the transaction.
    private func apply(_ batch: WriteBatch, on connection: PostgresConnection) async throws -> [RecordEnvelope] {
        let logger = self.logger
        let records = schema.table("cps_records")
        let uniqueTable = schema.table("cps_unique_keys")
        let indexTable = schema.table("cps_index_keys")
        let tombstoneTable = schema.table("cps_tombstones")

        // 1. Serialize absence (R-UOW-1): advisory locks on every key the batch inserts or checks to be
        //    absent, in sorted order, before anything is read.
        let absence = BatchCheck.absenceLocks(of: batch, schema: schema.name)
        if !absence.isEmpty {
            // Counted, so that every row (one per lock) is read before the next statement.
            let taken = try await connection.send("""
                SELECT count(*) FROM (
                    SELECT pg_advisory_xact_lock(l) FROM unnest(\(absence)::bigint[]) WITH ORDINALITY AS a(l, n) ORDER BY n
                ) AS taken
                """, logger: logger)
            for try await _ in taken.decode(Int64.self) {}
        }

        // 2. Lock every existing record the batch names, in one fixed order — written ones for update,
        //    checked ones for share — and read its version and insertion sequence.
        var check = BatchCheck(versions: [:], owners: [:])
        var sequences: [BatchCheck.Key: Int64] = [:]
        for run in BatchCheck.lockOrder(of: batch) {
            let mode = run.mode == .update ? "UPDATE" : "SHARE"
            let locked = try await connection.send("""
                SELECT r.kind, r.id, r.version, r.seq FROM \(unescaped: records) r
                WHERE (r.kind, r.id) IN (SELECT k, i FROM unnest(\(run.keys.map(\.kind))::text[], \(run.keys.map(\.id))::text[]) AS w(k, i))
                ORDER BY r.kind, r.id FOR \(unescaped: mode) OF r
                """, logger: logger)
            for try await (kind, id, version, seq) in locked.decode((String, String, Int64, Int64).self) {
                guard let version = UInt64(exactly: version) else {
                    throw StorageError(.corrupt, kind: kind, subject: id, detail: "\(kind) \(id) has the impossible version \(version)")
                }
                let key = BatchCheck.Key(kind: kind, id: id)
                check.versions[key] = version
                sequences[key] = seq
            }
        }

        // 3. Who holds the unique keys the batch claims (rows of locked records cannot change under us;
        //    a key another transaction inserts meanwhile is caught by the primary key).
        let claimed = BatchCheck.claimedKeys(of: batch)
        if !claimed.isEmpty {
            let owners = try await connection.send(
                "SELECT key, kind, id FROM \(unescaped: uniqueTable) WHERE key = ANY(\(claimed)::text[])", logger: logger)
            for try await (key, kind, id) in owners.decode((String, String, String).self) {
                check.owners[key] = BatchCheck.Key(kind: kind, id: id)
            }
        }

        // 4. The same checks, in the same order, as the in-memory store.
        try check.validate(batch)

        // 5. Apply: release the keys of every record written, delete (leaving tombstones), update,
        //    insert (continuing from tombstones), claim the keys. Checks write nothing.
        let replaced = batch.writes.filter { $0.changesState && $0.expectedVersion != 0 }
            .map { BatchCheck.Key(kind: $0.kind, id: $0.id) }.sorted()
        if !replaced.isEmpty {
            let kinds = replaced.map(\.kind), ids = replaced.map(\.id)
            try await connection.send("""
                DELETE FROM \(unescaped: uniqueTable) WHERE (kind, id) IN (SELECT k, i FROM unnest(\(kinds)::text[], \(ids)::text[]) AS w(k, i))
                """, logger: logger)
            try await connection.send("""
                DELETE FROM \(unescaped: indexTable) WHERE (kind, id) IN (SELECT k, i FROM unnest(\(kinds)::text[], \(ids)::text[]) AS w(k, i))
                """, logger: logger)
        }
        var deleted: [(key: BatchCheck.Key, version: Int64)] = []
        for case .delete(let kind, let id, let expected) in batch.writes {
            deleted.append((BatchCheck.Key(kind: kind, id: id), Int64(clamping: expected)))
        }
        deleted.sort { $0.key < $1.key }
        if !deleted.isEmpty {
            let kinds = deleted.map(\.key.kind), ids = deleted.map(\.key.id)
            try await connection.send("""
                DELETE FROM \(unescaped: records)
                WHERE (kind, id) IN (SELECT k, i FROM unnest(\(kinds)::text[], \(ids)::text[]) AS w(k, i))
                """, logger: logger)
            try await connection.send("""
                INSERT INTO \(unescaped: tombstoneTable) (kind, id, version)
                SELECT * FROM unnest(\(kinds)::text[], \(ids)::text[], \(deleted.map(\.version))::bigint[])
                ON CONFLICT (kind, id) DO UPDATE SET version = EXCLUDED.version
                """, logger: logger)
        }

        var stored: [RecordEnvelope] = []
        var updates: [RecordEnvelope] = []
        var inserts: [(position: Int, seq: Int64)] = [] // positions in `stored`
        for write in batch.writes {
            guard case .put(var envelope, let expected) = write else { continue }
            guard expected < UInt64(Int64.max) else {
                throw StorageError(.invalidBatch, kind: envelope.kind, subject: envelope.id,
                                   detail: "\(envelope.kind) \(envelope.id): version \(expected) cannot be incremented")
            }
            envelope.version = expected + 1
            if expected == 0 { inserts.append((stored.count, 0)) } else { updates.append(envelope) }
            stored.append(envelope)
        }
        for envelope in updates {
            try await connection.send("""
                UPDATE \(unescaped: records)
                SET version = \(Int64(envelope.version)), payload = \(envelope.payload),
                    unique_keys = \(envelope.uniqueKeys)::text[], index_keys = \(envelope.indexKeys)::text[]
                WHERE kind = \(envelope.kind) AND id = \(envelope.id)
                """, logger: logger)
        }
        if !inserts.isEmpty {
            // Continue from the tombstones (R-UOW-1), taking them out.
            let inserted = inserts.map { BatchCheck.Key(kind: stored[$0.position].kind, id: stored[$0.position].id) }
            let lifted = try await connection.send("""
                DELETE FROM \(unescaped: tombstoneTable)
                WHERE (kind, id) IN (SELECT k, i FROM unnest(\(inserted.map(\.kind))::text[], \(inserted.map(\.id))::text[]) AS w(k, i))
                RETURNING kind, id, version
                """, logger: logger)
            var last: [BatchCheck.Key: Int64] = [:]
            for try await (kind, id, version) in lifted.decode((String, String, Int64).self) {
                last[BatchCheck.Key(kind: kind, id: id)] = version
            }
            // Sequence numbers in batch order; the rows themselves go in lock order.
            let sequence = "\(schema.name).cps_record_sequence"
            let numbers = try await connection.send(
                "SELECT nextval(\(sequence)::regclass) FROM generate_series(1, \(inserts.count))", logger: logger)
            var values: [Int64] = []
            for try await value in numbers.decode(Int64.self) { values.append(value) }
            values.sort()
            guard values.count == inserts.count else {
                throw StorageError(.unavailable, detail: "PostgreSQL returned \(values.count) sequence numbers for \(inserts.count) inserts")
            }
            for index in inserts.indices {
                inserts[index].seq = values[index]
                let position = inserts[index].position
                if let version = last[inserted[index]] {
                    guard version < Int64.max else {
                        throw StorageError(.invalidBatch, kind: inserted[index].kind, subject: inserted[index].id,
                                           detail: "\(inserted[index].kind) \(inserted[index].id): version \(version) cannot be incremented")
                    }
                    stored[position].version = UInt64(version) + 1
                }
                sequences[inserted[index]] = values[index]
            }
            for (position, seq) in inserts.sorted(by: { (stored[$0.position].kind, stored[$0.position].id) < (stored[$1.position].kind, stored[$1.position].id) }) {
                let envelope = stored[position]
                try await connection.send("""
                    INSERT INTO \(unescaped: records) (kind, id, version, payload, unique_keys, index_keys, seq)
                    VALUES (\(envelope.kind), \(envelope.id), \(Int64(envelope.version)), \(envelope.payload), \(envelope.uniqueKeys)::text[],
                            \(envelope.indexKeys)::text[], \(seq))
                    """, logger: logger)
            }
        }

        var uniqueRows: [(key: String, kind: String, id: String)] = []
        var indexRows: [(kind: String, key: String, id: String, seq: Int64)] = []
        for envelope in stored {
            for key in Set(envelope.uniqueKeys) { uniqueRows.append((key, envelope.kind, envelope.id)) }
            let seq = sequences[BatchCheck.Key(kind: envelope.kind, id: envelope.id)] ?? 0
            for key in Set(envelope.indexKeys) { indexRows.append((envelope.kind, key, envelope.id, seq)) }
        }
        if !uniqueRows.isEmpty {
            uniqueRows.sort { $0.key < $1.key }
            try await connection.send("""
                INSERT INTO \(unescaped: uniqueTable) (key, kind, id)
                SELECT * FROM unnest(\(uniqueRows.map(\.key))::text[], \(uniqueRows.map(\.kind))::text[], \(uniqueRows.map(\.id))::text[])
                """, logger: logger)
        }
        if !indexRows.isEmpty {
            try await connection.send("""
                INSERT INTO \(unescaped: indexTable) (kind, key, id, seq)
                SELECT * FROM unnest(\(indexRows.map(\.kind))::text[], \(indexRows.map(\.key))::text[], \(indexRows.map(\.id))::text[],
                                     \(indexRows.map(\.seq))::bigint[])
                """, logger: logger)
        }
        return stored
    }

    // MARK: - Errors

    /// Runs `body` on a leased connection and turns every error into a ``StorageError``.
    private func run<Result: Sendable>(_ doing: String,
                                       _ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws(StorageError) -> Result {
        do {
            return try await withConnection(body)
        } catch {
            throw PostgresFailure.storageError(error, doing: doing)
        }
    }

    /// Leases a connection and runs `body` on it. If no connection could be leased within
    /// ``connectionTimeout`` (the pool retries an unreachable server forever), the wait is cancelled and
    /// fails with ``NoConnection``. Once `body` runs it is never interrupted: a statement waiting for a
    /// row lock may take as long as it needs, and the outcome is always `body`'s.
    /// `counted`: the call counts as in flight for ``close()`` (and fails at once when closed); a commit
    /// counts itself once for all its attempts.
    private func withConnection<Result: Sendable>(
        counted: Bool = true,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        if counted { try enter() }
        defer { if counted { leave() } }
        let client = self.client
        let timeout = connectionTimeout
        let leased = LeaseFlag()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    leased.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            var timedOut = false
            while true {
                do {
                    guard let next = try await group.next() else { break }
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                    // The timer ended (or the caller was cancelled): give up only on a wait for a connection.
                    if !leased.isSet {
                        timedOut = !Task.isCancelled
                        group.cancelAll()
                    }
                } catch {
                    group.cancelAll()
                    if timedOut { throw NoConnection(timeout: timeout, underlying: error) }
                    throw error
                }
            }
            throw NoConnection(timeout: timeout, underlying: CancellationError())
        }
    }
}

extension PostgresConnection {
    /// `query(_:logger:)`, failing at once with ``ConnectionClosed`` on a connection that is already
    /// closed. PostgresNIO 1.33 writes a query to the channel without a promise, so on a closed channel
    /// the write's failure is dropped and the query would wait forever (seen when the server ends a
    /// session inside a transaction, e.g. `pg_terminate_backend` or a restart).
    @discardableResult
    func send(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        guard !isClosed else { throw ConnectionClosed() }
        return try await self.query(query, logger: logger)
    }
}

/// Whether a connection has been leased yet (set once, from the leasing task).
private final class LeaseFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
