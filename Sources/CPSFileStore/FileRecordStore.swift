import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable embedded ``RecordStore``: an append-only journal of committed batches with
/// checksums, `fsync` on commit, group commit, recovery, snapshots and an exclusive lock (R-ADP-1).
///
/// ```swift
/// let store = try FileRecordStore.open(directory: URL(fileURLWithPath: "/var/lib/cps"))
/// try await store.commit(batch)   // durable when it returns
/// await store.close()             // after the commits in flight
/// ```
///
/// Validation is exactly ``InMemoryRecordStore``'s (both use one internal state machine), check writes
/// and tombstones included (R-UOW-1); reads and pages are served from memory. A commit returns only
/// after its journal frame is on disk (`fsync`); commits waiting at the same time share one `fsync`
/// (group commit). A failed write or `fsync` (full disk, I/O error) fails the batches concerned with
/// ``StorageError/Reason/unavailable`` and leaves them invisible. Tombstones survive reopening: the
/// journal's deletes re-create them and snapshots (format version 2 and later) keep them. Journal
/// frames carry a commit sequence (format version 3), and before each commit the store checks that
/// it still holds the lock file at its path (``StorageError/Reason/lockLost``).
/// `Documentation/EmbeddedStore.md` describes the format and the recovery rules.
public final class FileRecordStore: RecordStore {
    /// The binary payload format (``BinaryPayloadFormat``): compact and quick to decode; payloads
    /// written as JSON by earlier versions still read (issue 17 item 2).
    public var payloadCodec: PayloadCodec { .binary }

    /// The store's directory.
    public let directory: URL

    private let path: String
    private let fileSystem: any StorageFileSystem
    private let options: FileStoreOptions
    private let state: Locked<State>
    /// The journal; held by the one task writing (the group-commit leader, compaction, close).
    /// Lock order: `io` before `state`.
    private let io: Locked<IO>

    private enum Turn: Sendable {
        case lead(UInt64)
        case done(Result<[RecordEnvelope], StorageError>)
    }

    private struct Pending: Sendable {
        let id: UInt64
        let batch: WriteBatch
        var continuation: CheckedContinuation<Turn, Never>?
    }

    private struct State: Sendable {
        var table: RecordTable
        var queue: [Pending] = []
        var leaderActive = false
        var nextID: UInt64 = 0
        var closed = false
        /// ``close()`` calls waiting for the group-commit leader to finish.
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var statistics = FileStoreStatistics()
    }

    private struct IO: Sendable {
        var journal: StorageFileHandle?
        var lock: StorageFileHandle?
        /// The held lock file's device and inode, compared with its path's before each commit.
        var lockIdentity: FileIdentity?
        var length: Int
        var generation: UInt64
        var compactAt: Int
        /// The last commit sequence written (format version 3).
        var commitSequence: UInt64
        /// Set when the journal can no longer be trusted (a failed roll-back, a lost lock); commits then fail.
        var broken: StorageError?
    }

    private static let lockName = "LOCK"
    private static let journalName = "journal"
    private static let snapshotName = "snapshot"
    private static let readOnlyError = StorageError(.unavailable, detail: "the store is open read-only")

    // MARK: - Opening and closing

    /// Opens (creating if needed) the store in `directory`: takes its lock, loads the snapshot,
    /// replays the journal and drops a torn tail (R-ADP-1).
    ///
    /// Recovery replays each journal frame only if it follows the state before it: from format
    /// version 3 on its commit sequence must be the previous one + 1, and in every version its
    /// record versions must match (a `put` or `delete` expecting the version the record has); a
    /// stale or repeated frame fails with ``StorageError/Reason/outOfOrder`` and nothing is opened.
    /// A torn tail is dropped (cut from the journal, unless `readOnly`) and reported through
    /// ``FileStoreOptions/tornTailHandler`` and ``statistics``. A missing journal, or one without
    /// commits and without a snapshot, is accepted only in a directory holding no other store file
    /// (a new store), else ``StorageError/Reason/incomplete``.
    ///
    /// A store written in an older format version (1: no tombstones in snapshots, 2: no commit
    /// sequences) is upgraded at once by one compaction, so that everything appended afterwards is in
    /// a version-3 journal and an older build refuses the directory
    /// (``StorageError/Reason/unsupportedVersion``) instead of misreading it. A journal already
    /// longer than ``FileStoreOptions/compactionThreshold`` is compacted on open too. A version-1
    /// store's tombstones are those its journal's deletes re-create.
    ///
    /// With `readOnly`, nothing is created, cut, upgraded or compacted — no file of the store is
    /// written — and commits fail with ``StorageError/Reason/unavailable``; a directory that does
    /// not exist opens as an empty store. The lock is taken all the same (when the directory exists;
    /// an empty `LOCK` file is created if there is none, the one file it may create), so a read-only
    /// open never reads a journal while another process writes it.
    ///
    /// Throws ``StorageError/Reason/locked`` when another process (or another open store in this
    /// process) holds the directory, ``StorageError/Reason/invalidOption`` for a negative compaction
    /// threshold, ``StorageError/Reason/unsupportedVersion`` for files of an unknown format version,
    /// ``StorageError/Reason/corrupt`` when committed data is damaged, ``StorageError/Reason/outOfOrder``
    /// and ``StorageError/Reason/incomplete`` as above, and ``StorageError/Reason/unavailable`` for I/O
    /// failures.
    public static func open(directory: URL, options: FileStoreOptions = .init(),
                            readOnly: Bool = false) throws(StorageError) -> FileRecordStore {
        try options.validate()
        let path = directory.standardizedFileURL.path
        let fileSystem = options.fileSystem
        if readOnly, !fileSystem.directoryExists(path) {
            let empty = Recovered(table: RecordTable(), journal: nil, length: StorageFormat.headerSize, generation: 0,
                                  droppedBytes: 0, droppedCommits: 0, formatVersion: StorageFormat.version, commitSequence: 0)
            return FileRecordStore(directory: directory, path: path, options: options, lock: nil, lockIdentity: nil,
                                   recovered: empty, readOnly: true)
        }
        if !readOnly {
            do {
                try fileSystem.createDirectory(path)
            } catch {
                throw unavailable(error, "cannot create the store directory")
            }
        }
        let lock: StorageFileHandle
        let lockIdentity: FileIdentity
        do {
            lock = try fileSystem.lock(path + "/" + lockName)
        } catch {
            if error.code == EWOULDBLOCK || error.code == EAGAIN {
                throw StorageError(.locked, subject: path, detail: "\(path) is open in another process or store")
            }
            throw unavailable(error, "cannot lock the store")
        }
        let recovered: Recovered
        do throws(StorageError) {
            do {
                lockIdentity = try fileSystem.identity(of: lock)
            } catch {
                throw unavailable(error, "cannot read the lock file")
            }
            recovered = try recover(path: path, fileSystem: fileSystem, readOnly: readOnly)
        } catch {
            fileSystem.unlock(lock)
            throw error
        }
        let store = FileRecordStore(directory: directory, path: path, options: options, lock: lock, lockIdentity: lockIdentity,
                                    recovered: recovered, readOnly: readOnly)
        if recovered.droppedBytes > 0 {
            options.tornTailHandler?(recovered.droppedBytes, recovered.droppedCommits)
        }
        guard !readOnly else { return store }
        if recovered.formatVersion < StorageFormat.version {
            do {
                try store.compact()
            } catch {
                store.close()
                throw StorageError(.unavailable, subject: path,
                                   detail: "cannot upgrade \(path) from format version \(recovered.formatVersion): \(error.detail)")
            }
        } else if options.compactionThreshold > 0, recovered.length >= compactionPoint(options) {
            // A journal left long by earlier (short-lived) processes: compact now. On failure the
            // store still works; the next commit past the threshold tries again.
            try? store.compact()
        }
        return store
    }

    /// The journal length at which a commit compacts: the header + the threshold, saturating.
    private static func compactionPoint(_ options: FileStoreOptions, from length: Int = StorageFormat.headerSize) -> Int {
        let (sum, overflow) = length.addingReportingOverflow(options.compactionThreshold)
        return overflow ? Int.max : sum
    }

    private struct Recovered {
        var table: RecordTable
        var journal: StorageFileHandle?
        var length: Int
        var generation: UInt64
        var droppedBytes: Int
        var droppedCommits: Int
        /// The oldest format version among the files read (``StorageFormat/version`` for a new store).
        var formatVersion: UInt32
        /// The last commit sequence replayed (or contained in the snapshot).
        var commitSequence: UInt64
    }

    private static func recover(path: String, fileSystem: any StorageFileSystem, readOnly: Bool) throws(StorageError) -> Recovered {
        let journalPath = path + "/" + journalName
        let snapshotPath = path + "/" + snapshotName
        let entries: [String]
        do {
            entries = try fileSystem.contentsOfDirectory(path)
            if !readOnly {
                for name in entries where name.hasSuffix(".tmp") {
                    try fileSystem.removeFile(path + "/" + name)
                }
            }
        } catch {
            throw unavailable(error, "cannot clean up the store directory")
        }
        // Entries that only a store with data holds (the lock file and leftovers of an
        // interrupted write do not count).
        let others = entries.filter { $0 != lockName && $0 != journalName && !$0.hasSuffix(".tmp") }.sorted()
        var table = RecordTable()
        var generation: UInt64 = 0
        var formatVersion = StorageFormat.version
        var snapshotVersion: UInt32?
        var commitSequence: UInt64 = 0
        if let snapshot = try read(snapshotPath, fileSystem) {
            let contents = try StorageFormat.readSnapshot(snapshot, file: snapshotPath, into: &table)
            generation = contents.header.generation
            formatVersion = min(formatVersion, contents.header.version)
            snapshotVersion = contents.header.version
            commitSequence = contents.commitSequence
        }
        var length = StorageFormat.headerSize
        var dropped = 0
        var droppedCommits = 0
        var fresh = true
        guard let journal = try read(journalPath, fileSystem) else {
            guard others.isEmpty else {
                throw StorageError(.incomplete, subject: journalPath,
                                   detail: "\(path) holds \(others.joined(separator: ", ")) but no journal: the journal is missing")
            }
            if !readOnly { try createJournal(path: path, generation: generation, base: commitSequence, fileSystem: fileSystem) }
            return try openJournal(path: path, fileSystem: fileSystem, readOnly: readOnly,
                                   Recovered(table: table, journal: nil, length: length, generation: generation, droppedBytes: 0,
                                             droppedCommits: 0, formatVersion: formatVersion, commitSequence: commitSequence))
        }
        let header = try journal.withBytes { (raw) throws(StorageError) in
            try StorageFormat.decodeHeader(raw, magic: StorageFormat.journalMagic, file: journalPath)
        }
        if header.generation > generation {
            throw StorageError(.corrupt, subject: journalPath,
                               detail: "the journal (generation \(header.generation)) is newer than the snapshot (generation \(generation)); the snapshot is missing")
        }
        if header.generation == generation {
            // An older journal is already contained in the snapshot: a compaction stopped
            // between its two renames. Otherwise replay it. (The batches of a version-1 journal
            // replay alike: a re-insert continues from the tombstone its delete left.)
            fresh = false
            formatVersion = min(formatVersion, header.version)
            if header.version >= StorageFormat.sequencedVersion {
                if let snapshotVersion, snapshotVersion >= StorageFormat.sequencedVersion, header.count != commitSequence {
                    throw StorageError(.outOfOrder, subject: journalPath,
                                       detail: "\(journalPath) follows commit \(header.count), but the snapshot contains commits up to \(commitSequence): the journal does not belong to this snapshot")
                }
                commitSequence = header.count
            }
            // Decode first (checking the commit sequence), then reserve the tables once and replay.
            var frames: [StorageFormat.JournalFrame] = []
            var expected = commitSequence
            let contents = try journal.withBytes { (raw) throws(StorageError) in
                try StorageFormat.readJournal(raw, file: journalPath) { (frame) throws(StorageError) in
                    if let sequence = frame.sequence {
                        guard sequence == expected &+ 1 else {
                            throw StorageError(.outOfOrder, subject: journalPath, detail: sequence <= expected
                                ? "\(journalPath): the frame at offset \(frame.offset) repeats commit \(sequence) (expected commit \(expected &+ 1)): a stale or repeated frame; nothing was replayed"
                                : "\(journalPath): the frame at offset \(frame.offset) is commit \(sequence), but commit \(expected &+ 1) is missing; nothing was replayed")
                        }
                        expected = sequence
                    } else {
                        expected &+= 1
                    }
                    frames.append(frame)
                }
            }
            var inserts: [String: (records: Int, uniqueKeys: Int)] = [:]
            for frame in frames {
                for case .put(let envelope, 0) in frame.batch.writes {
                    inserts[envelope.kind, default: (0, 0)].records += 1
                    inserts[envelope.kind, default: (0, 0)].uniqueKeys += envelope.uniqueKeys.count
                }
            }
            for (kind, counts) in inserts where counts.records >= 1024 {
                table.reserve(kind: kind, records: counts.records, uniqueKeys: counts.uniqueKeys)
            }
            for index in frames.indices {
                // A frame recorded as committed was valid against the state before it; one that is
                // not (a stale copy, a frame appearing twice) would roll records back.
                do {
                    try table.validate(frames[index].batch)
                } catch {
                    throw StorageError(.outOfOrder, kind: error.kind, subject: journalPath,
                                       detail: "\(journalPath): the frame at offset \(frames[index].offset) does not follow the state before it (\(error.detail)): a stale or repeated frame; nothing was replayed")
                }
                table.apply(frames[index].batch, collect: false)
            }
            frames.removeAll()
            commitSequence = expected
            length = contents.validLength
            dropped = contents.droppedBytes
            droppedCommits = contents.droppedCommits
            if contents.batchCount == 0, snapshotVersion == nil, !others.isEmpty {
                throw StorageError(.incomplete, subject: journalPath,
                                   detail: "\(path) holds \(others.joined(separator: ", ")) but its journal has no commits and there is no snapshot")
            }
        }
        if fresh, !readOnly { try createJournal(path: path, generation: generation, base: commitSequence, fileSystem: fileSystem) }
        return try openJournal(path: path, fileSystem: fileSystem, readOnly: readOnly,
                               Recovered(table: table, journal: nil, length: fresh ? StorageFormat.headerSize : length,
                                         generation: generation, droppedBytes: dropped, droppedCommits: droppedCommits,
                                         formatVersion: formatVersion, commitSequence: commitSequence))
    }

    /// Opens the journal for appending and cuts a torn tail from it (not when `readOnly`).
    private static func openJournal(path: String, fileSystem: any StorageFileSystem, readOnly: Bool,
                                    _ recovered: Recovered) throws(StorageError) -> Recovered {
        guard !readOnly else { return recovered }
        do throws(FileSystemError) {
            let handle = try fileSystem.openFile(path + "/" + journalName)
            if recovered.droppedBytes > 0 {
                do {
                    try fileSystem.truncate(handle, to: recovered.length)
                    try fileSystem.sync(handle)
                } catch {
                    fileSystem.close(handle)
                    throw error
                }
            }
            var opened = recovered
            opened.journal = handle
            return opened
        } catch {
            throw unavailable(error, "cannot open the journal")
        }
    }

    private let readOnly: Bool

    private init(directory: URL, path: String, options: FileStoreOptions, lock: StorageFileHandle?, lockIdentity: FileIdentity?,
                 recovered: Recovered, readOnly: Bool) {
        self.directory = directory
        self.path = path
        self.fileSystem = options.fileSystem
        self.options = options
        self.readOnly = readOnly
        var statistics = FileStoreStatistics()
        statistics.journalLength = recovered.length
        statistics.generation = recovered.generation
        statistics.droppedTailBytes = recovered.droppedBytes
        statistics.droppedTailCommits = recovered.droppedCommits
        statistics.commitSequence = recovered.commitSequence
        statistics.openedFormatVersion = Int(recovered.formatVersion)
        state = Locked(State(table: recovered.table, statistics: statistics))
        io = Locked(IO(journal: recovered.journal, lock: lock, lockIdentity: lockIdentity, length: recovered.length,
                      generation: recovered.generation, compactAt: Self.compactionPoint(options),
                      commitSequence: recovered.commitSequence, broken: readOnly ? Self.readOnlyError : nil))
    }

    deinit { close() }

    /// Closes the store at once (R-ADP-1): waits only for the group being written, fails the commits
    /// still queued behind it with ``StorageError/Reason/unavailable``, closes the journal and releases
    /// the lock. Later calls fail with `unavailable`; calling it again does nothing. From async code,
    /// `await close()` (the ``RecordStore/close()`` requirement) lets the queued commits finish first.
    public func close() {
        state.withLock { $0.closed = true }
        release()
    }

    /// Closes the store after the commits in flight (R-ADP-1): new calls fail with
    /// ``StorageError/Reason/unavailable`` at once, every commit already queued is written (or fails
    /// as it would have), and then the journal is closed and the lock released. Calling it again, or
    /// after the synchronous ``close()``, does nothing.
    public func close() async {
        let leaderActive = state.withLock { state -> Bool in
            state.closed = true
            return state.leaderActive
        }
        if leaderActive {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state -> Bool in
                    guard state.leaderActive else { return false }
                    state.closeWaiters.append(continuation)
                    return true
                }
                if !waiting { continuation.resume() }
            }
        }
        release()
    }

    /// Closes the journal and unlocks the directory (once).
    private func release() {
        io.withLock { io in
            if let journal = io.journal { fileSystem.close(journal) }
            if let lock = io.lock { fileSystem.unlock(lock) }
            io.journal = nil
            io.lock = nil
        }
    }

    /// Counters: commits, `fsync`s, compactions, journal size.
    public var statistics: FileStoreStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.waitingCommits = state.queue.count
            return statistics
        }
    }

    // MARK: - RecordStore

    /// The record of `kind` with `id`, from memory; `.unavailable` once closed (R-ADP-1).
    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try read { $0.record(kind: kind, id: id) }
    }

    /// The records of `kind` holding `indexKey` (all when `nil`) in insertion order, from memory (R-ADP-1).
    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try read { $0.records(kind: kind, indexKey: indexKey) }
    }

    /// The record holding `uniqueKey`, of any kind, from memory (R-ADP-1).
    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try read { $0.record(holding: uniqueKey) }
    }

    /// At most `limit` records of `kind` holding `indexKey` after `cursor`, in first-insertion order,
    /// from memory without reading the rest of the kind (R-ADP-1); see
    /// ``RecordStore/records(kind:indexKey:after:limit:)``. The cursor is the last record's insertion
    /// sequence.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int)
        async throws(StorageError) -> RecordPage {
        try read { $0.page(kind: kind, indexKey: indexKey, after: cursor, limit: limit) }
    }

    /// A page of a range of index keys, from the ordered key index (R-ADP-1 guarantee 11).
    public func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        try read { $0.page(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit) }
    }

    /// The number of records of every kind.
    public var count: Int { state.withLock { $0.table.count } }

    private func read<T: Sendable>(_ body: (RecordTable) -> T) throws(StorageError) -> T {
        try state.withLock { (state: inout State) throws(StorageError) -> T in
            guard !state.closed else { throw Self.closedError }
            return body(state.table)
        }
    }

    /// Validates `batch` like ``InMemoryRecordStore``, appends it to the journal and returns once it is durable (`fsync`, shared with concurrent commits); all or nothing (R-ADP-1).
    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        if batch.isEmpty { return try read { _ in [] } }
        // Fast path: nobody is writing, so lead at once without suspending.
        let immediate = state.withLock { state in enqueue(batch, &state, continuation: nil) }
        if let immediate { return try finish(immediate) }
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let now = state.withLock { state in enqueue(batch, &state, continuation: continuation) }
            if let now { continuation.resume(returning: now) }
        }
        return try finish(turn)
    }

    /// Queues `batch`: returns how to go on now (lead, or fail when closed), or `nil` when it waits
    /// for a leader (only possible with a continuation).
    private func enqueue(_ batch: WriteBatch, _ state: inout State, continuation: CheckedContinuation<Turn, Never>?) -> Turn? {
        guard !state.closed else { return .done(.failure(Self.closedError)) }
        if state.leaderActive {
            guard let continuation else { return nil }
            state.queue.append(Pending(id: state.nextID, batch: batch, continuation: continuation))
            state.nextID += 1
            return nil
        }
        let id = state.nextID
        state.nextID += 1
        state.leaderActive = true
        state.queue.append(Pending(id: id, batch: batch, continuation: nil))
        return .lead(id)
    }

    private func finish(_ turn: Turn) throws(StorageError) -> [RecordEnvelope] {
        switch turn {
        case .done(let result): return try result.get()
        case .lead(let id): return try lead(id).get()
        }
    }

    /// Compacts now: writes a snapshot of every record (temp file, `fsync`, rename, directory
    /// `fsync`) and starts an empty journal, so reopening reads one compact file (R-ADP-1).
    public func compact() throws(StorageError) {
        try io.withLock { (io: inout IO) throws(StorageError) in
            try compactLocked(&io)
        }
    }

    // MARK: - Group commit

    /// Runs as the group-commit leader until the batch `id` is done: takes every waiting batch,
    /// writes them with one `write` and one `fsync`, then hands leadership to the next waiter.
    private func lead(_ id: UInt64) -> Result<[RecordEnvelope], StorageError> {
        var own: Result<[RecordEnvelope], StorageError>?
        while own == nil {
            let items = state.withLock { state in
                let items = state.queue
                state.queue = []
                return items
            }
            if items.isEmpty { own = .failure(StorageError(.unavailable, detail: "lost a queued commit")); break }
            let outcome = io.withLock { io in processGroup(items, &io) }
            if !outcome.deferred.isEmpty {
                state.withLock { $0.queue.insert(contentsOf: outcome.deferred, at: 0) }
            }
            for (item, result) in outcome.results {
                if item.id == id { own = result } else { item.continuation?.resume(returning: .done(result)) }
            }
            if outcome.compact {
                io.withLock { io in
                    guard io.length >= io.compactAt else { return } // compacted meanwhile
                    do { try compactLocked(&io) } catch {
                        // The commits are durable in the journal; try again after another threshold.
                        io.compactAt = Self.compactionPoint(options, from: io.length)
                    }
                }
            }
        }
        let (next, closers) = state.withLock { state -> ((CheckedContinuation<Turn, Never>, UInt64)?, [CheckedContinuation<Void, Never>]) in
            guard !state.queue.isEmpty, let continuation = state.queue[0].continuation else {
                state.leaderActive = false
                defer { state.closeWaiters = [] }
                return (nil, state.closeWaiters)
            }
            state.queue[0].continuation = nil
            return ((continuation, state.queue[0].id), [])
        }
        if let next { next.0.resume(returning: .lead(next.1)) }
        for closer in closers { closer.resume() }
        return own ?? .failure(StorageError(.unavailable, detail: "lost a commit"))
    }

    private struct GroupOutcome {
        var results: [(Pending, Result<[RecordEnvelope], StorageError>)] = []
        var deferred: [Pending] = []
        /// The journal outgrew the threshold: compact once the group's callers are resumed.
        var compact = false
    }

    /// Validates `items` against the committed state, writes the valid ones as one group and
    /// applies them once durable. Every batch is validated against exactly the state it will be
    /// applied to: a batch that writes or checks (R-UOW-1) a record an earlier batch of the group
    /// writes, that writes a record an earlier batch waiting for the next group checks, or that
    /// touches a unique key an earlier batch touches, waits for the next group (so conflicting
    /// batches keep their order). Checks of one record by several batches commute.
    private func processGroup(_ items: [Pending], _ io: inout IO) -> GroupOutcome {
        var outcome = GroupOutcome()
        guard io.journal != nil, io.broken == nil else {
            let error = io.broken ?? Self.closedError
            outcome.results = items.map { ($0, .failure(error)) }
            return outcome
        }
        var group: [Pending] = []
        state.withLock { state in
            if items.count == 1 {
                do throws(StorageError) { try state.table.validate(items[0].batch); group = items } catch {
                    outcome.results.append((items[0], .failure(error)))
                }
                return
            }
            var writtenRecords = Set<RecordTable.Key>() // by earlier batches of the group or deferred ones
            var deferredChecks = Set<RecordTable.Key>()  // checked by earlier deferred batches
            var touchedUnique = Set<String>()
            for item in items {
                let records = item.batch.writes.map { RecordTable.Key(kind: $0.kind, id: $0.id) }
                let written = item.batch.writes.lazy.filter(\.changesState).map { RecordTable.Key(kind: $0.kind, id: $0.id) }
                let unique = state.table.uniqueKeysTouched(by: item.batch)
                let independent = writtenRecords.isDisjoint(with: records) && deferredChecks.isDisjoint(with: written)
                    && touchedUnique.isDisjoint(with: unique)
                if independent {
                    do throws(StorageError) {
                        try state.table.validate(item.batch)
                        group.append(item)
                    } catch {
                        outcome.results.append((item, .failure(error)))
                        continue
                    }
                } else {
                    outcome.deferred.append(item)
                    for write in item.batch.writes where !write.changesState {
                        deferredChecks.insert(RecordTable.Key(kind: write.kind, id: write.id))
                    }
                }
                writtenRecords.formUnion(written)
                touchedUnique.formUnion(unique)
            }
        }
        guard !group.isEmpty, let journal = io.journal else { return outcome }

        // The lock file must still be the one this store holds: if it was deleted or replaced,
        // another process may have taken a new lock and be writing too (R-ADP-1).
        if let failure = lockCheck(io) {
            io.broken = failure
            outcome.results += group.map { ($0, .failure(failure)) }
            return outcome
        }
        var writer = ByteWriter(capacity: 512 * group.count)
        var written: [Pending] = []
        var checksOnly = 0
        for item in group {
            guard item.batch.writes.contains(where: \.changesState) else {
                // Only checks (R-UOW-1): validated against durable state, nothing to journal.
                outcome.results.append((item, .success([])))
                checksOnly += 1
                continue
            }
            let start = writer.bytes.count
            StorageFormat.encodeBatch(item.batch, sequence: io.commitSequence &+ UInt64(written.count + 1), into: &writer)
            if writer.bytes.count - start - StorageFormat.frameHeaderSize > StorageFormat.maximumFrameSize {
                writer.bytes.removeSubrange(start...)
                outcome.results.append((item, .failure(StorageError(.invalidBatch, detail: "the batch is larger than 1 GiB"))))
            } else {
                written.append(item)
            }
        }
        guard !written.isEmpty else {
            state.withLock { $0.statistics.committedBatches += checksOnly }
            return outcome
        }
        let start = io.length
        let synced = !options._unsafeSkipFsync
        do throws(FileSystemError) {
            try writer.bytes.withBytes { (raw) throws(FileSystemError) in
                try fileSystem.write(journal, raw, at: start)
            }
            if synced { try fileSystem.sync(journal) }
        } catch {
            // Nothing of the group may survive: cut the journal back to where it was.
            let failure = Self.unavailable(error, "the commit was not saved")
            do throws(FileSystemError) {
                try fileSystem.truncate(journal, to: start)
                try fileSystem.sync(journal)
            } catch {
                io.broken = Self.unavailable(error, "the journal could not be rolled back; reopen the store")
            }
            outcome.results += written.map { ($0, .failure(failure)) }
            return outcome
        }
        io.length += writer.bytes.count
        io.commitSequence &+= UInt64(written.count)
        let length = io.length
        let sequence = io.commitSequence
        state.withLock { state in
            for item in written {
                outcome.results.append((item, .success(state.table.apply(item.batch))))
            }
            state.statistics.committedBatches += written.count + checksOnly
            if synced { state.statistics.journalSyncs += 1 }
            state.statistics.journalLength = length
            state.statistics.commitSequence = sequence
        }
        outcome.compact = options.compactionThreshold > 0 && io.length >= io.compactAt
        return outcome
    }

    // MARK: - Compaction

    /// `lockLost` when the lock file at the store's path is no longer the one held (deleted or
    /// replaced), else `nil` (R-ADP-1).
    private func lockCheck(_ io: IO) -> StorageError? {
        guard let held = io.lockIdentity else { return nil }
        let lockPath = path + "/" + Self.lockName
        let current: FileIdentity?
        do { current = try fileSystem.identity(atPath: lockPath) } catch {
            return Self.unavailable(error, "cannot check the lock file")
        }
        guard current != held else { return nil }
        return StorageError(.lockLost, subject: lockPath,
                            detail: "\(lockPath) was \(current == nil ? "deleted" : "replaced") while the store was open; another process may be writing to it. Nothing more is committed; what is committed is kept. Close the store and open it again")
    }

    private func compactLocked(_ io: inout IO) throws(StorageError) {
        guard io.journal != nil, io.broken == nil else { throw io.broken ?? Self.closedError }
        if let failure = lockCheck(io) {
            io.broken = failure
            throw failure
        }
        // A copy of the table costs nothing (copy-on-write) and cannot change meanwhile: only the
        // holder of `io` applies commits.
        let table = state.withLock { $0.table }
        let generation = io.generation + 1
        let snapshotTemp = path + "/" + Self.snapshotName + ".tmp"
        do throws(FileSystemError) {
            let handle = try fileSystem.createFile(snapshotTemp)
            do throws(FileSystemError) {
                var offset = 0
                try StorageFormat.encodeSnapshot(table, generation: generation, commitSequence: io.commitSequence) { (chunk) throws(FileSystemError) in
                    try chunk.withBytes { (raw) throws(FileSystemError) in try fileSystem.write(handle, raw, at: offset) }
                    offset += chunk.count
                }
                try fileSystem.sync(handle)
                fileSystem.close(handle)
            } catch {
                fileSystem.close(handle)
                throw error
            }
            try Self.writeJournalTemp(path: path, generation: generation, base: io.commitSequence, fileSystem: fileSystem)
        } catch {
            try? fileSystem.removeFile(snapshotTemp)
            try? fileSystem.removeFile(path + "/" + Self.journalName + ".tmp")
            throw Self.unavailable(error, "compaction failed; the journal is unchanged")
        }
        do {
            try fileSystem.rename(snapshotTemp, to: path + "/" + Self.snapshotName)
            try fileSystem.syncDirectory(path)
        } catch {
            // If the rename happened, the new snapshot holds everything; the old journal is stale
            // but reopening ignores it. Appending to it now would lose data: stop committing.
            io.broken = Self.unavailable(error, "compaction stopped after writing the snapshot; reopen the store")
            throw io.broken ?? Self.closedError
        }
        do {
            try fileSystem.rename(path + "/" + Self.journalName + ".tmp", to: path + "/" + Self.journalName)
            try fileSystem.syncDirectory(path)
            let handle = try fileSystem.openFile(path + "/" + Self.journalName)
            if let old = io.journal { fileSystem.close(old) }
            io.journal = handle
        } catch {
            io.broken = Self.unavailable(error, "compaction could not start the new journal; reopen the store")
            throw io.broken ?? Self.closedError
        }
        io.generation = generation
        io.length = StorageFormat.headerSize
        io.compactAt = Self.compactionPoint(options)
        state.withLock { state in
            state.statistics.compactions += 1
            state.statistics.generation = generation
            state.statistics.journalLength = StorageFormat.headerSize
        }
    }

    // MARK: - Verification and backup

    /// Checks the store in `directory` without changing anything (R-ADP-1): opens it read-only
    /// (taking its lock, so never while another process writes it) and reports what it found.
    ///
    /// Damage that keeps the store from opening (``StorageError/Reason/corrupt``,
    /// ``StorageError/Reason/outOfOrder``, ``StorageError/Reason/incomplete``,
    /// ``StorageError/Reason/unsupportedVersion``) is returned in ``FileStoreVerification/problems``;
    /// a torn tail, an older format and leftover `*.tmp` files are warnings. Other failures
    /// (``StorageError/Reason/locked``, ``StorageError/Reason/unavailable``, an invalid option) are thrown.
    public static func verify(directory: URL, options: FileStoreOptions = .init()) throws(StorageError) -> FileStoreVerification {
        let path = directory.standardizedFileURL.path
        var options = options
        options.tornTailHandler = nil
        let fileSystem = options.fileSystem
        let exists = fileSystem.directoryExists(path)
        var report = FileStoreVerification(directory: path, exists: exists, records: 0, formatVersion: Int(StorageFormat.version),
                                           generation: 0, commitSequence: 0, journalLength: 0, tornTailBytes: 0,
                                           tornTailCommits: 0, problems: [], warnings: [])
        let store: FileRecordStore
        do {
            store = try open(directory: directory, options: options, readOnly: true)
        } catch {
            let damage: [StorageError.Reason] = [.corrupt, .outOfOrder, .incomplete, .unsupportedVersion]
            guard damage.contains(error.reason) else { throw error }
            report.problems.append(.init(code: error.code, detail: error.detail))
            return report
        }
        defer { store.close() }
        let statistics = store.statistics
        report.records = store.count
        report.formatVersion = statistics.openedFormatVersion
        report.generation = statistics.generation
        report.commitSequence = statistics.commitSequence
        report.journalLength = statistics.journalLength
        report.tornTailBytes = statistics.droppedTailBytes
        report.tornTailCommits = statistics.droppedTailCommits
        if statistics.droppedTailBytes > 0 {
            report.warnings.append(.init(code: "store.tornTail", detail: "the journal ends in an unfinished write: opening drops \(statistics.droppedTailBytes) bytes (\(statistics.droppedTailCommits) unacknowledged commits)"))
        }
        if statistics.openedFormatVersion < Int(StorageFormat.version) {
            report.warnings.append(.init(code: "store.olderFormat", detail: "format version \(statistics.openedFormatVersion): opening for writing upgrades it to \(StorageFormat.version)"))
        }
        if exists, let names = try? fileSystem.contentsOfDirectory(path) {
            let leftovers = names.filter { $0.hasSuffix(".tmp") }.sorted()
            if !leftovers.isEmpty {
                report.warnings.append(.init(code: "store.leftovers", detail: "leftovers of an interrupted write, removed on the next open for writing: \(leftovers.joined(separator: ", "))"))
            }
        }
        return report
    }

    /// Writes a consistent copy of the store to `destination` while writers go on (R-ADP-1): a
    /// snapshot of every committed record and tombstone as of one commit (the commits before it,
    /// none after), and an empty journal following it; both `fsync`ed, renamed into place, the
    /// directory synced. Commits wait only while the in-memory state is taken (a copy-on-write
    /// copy), not while the copy is written. Open the copy with ``open(directory:options:readOnly:)``
    /// to restore it.
    ///
    /// `destination` must not exist or be an empty directory, and not be the store's own directory
    /// (``StorageError/Reason/invalidOption``); I/O failures are ``StorageError/Reason/unavailable`` and
    /// leave no `snapshot` or `journal` in it. Returns the records copied and the last commit sequence.
    @discardableResult
    public func backup(to destination: URL) throws(StorageError) -> (records: Int, commitSequence: UInt64) {
        let (table, sequence) = try io.withLock { (io: inout IO) throws(StorageError) -> (RecordTable, UInt64) in
            try state.withLock { (state: inout State) throws(StorageError) -> (RecordTable, UInt64) in
                guard !state.closed else { throw Self.closedError }
                return (state.table, io.commitSequence)
            }
        }
        let target = destination.standardizedFileURL.path
        guard target != path else {
            throw StorageError(.invalidOption, subject: target, detail: "the backup directory \(target) is the store itself")
        }
        do {
            try fileSystem.createDirectory(target)
        } catch {
            throw Self.unavailable(error, "cannot create the backup directory")
        }
        let names: [String]
        do { names = try fileSystem.contentsOfDirectory(target) } catch {
            throw Self.unavailable(error, "cannot list the backup directory")
        }
        guard names.isEmpty else {
            throw StorageError(.invalidOption, subject: target, detail: "the backup directory \(target) is not empty")
        }
        let snapshotTemp = target + "/" + Self.snapshotName + ".tmp"
        do throws(FileSystemError) {
            let handle = try fileSystem.createFile(snapshotTemp)
            do throws(FileSystemError) {
                var offset = 0
                try StorageFormat.encodeSnapshot(table, generation: 1, commitSequence: sequence) { (chunk) throws(FileSystemError) in
                    try chunk.withBytes { (raw) throws(FileSystemError) in try fileSystem.write(handle, raw, at: offset) }
                    offset += chunk.count
                }
                try fileSystem.sync(handle)
                fileSystem.close(handle)
            } catch {
                fileSystem.close(handle)
                throw error
            }
            try Self.writeJournalTemp(path: target, generation: 1, base: sequence, fileSystem: fileSystem)
            try fileSystem.rename(snapshotTemp, to: target + "/" + Self.snapshotName)
            try fileSystem.rename(target + "/" + Self.journalName + ".tmp", to: target + "/" + Self.journalName)
            try fileSystem.syncDirectory(target)
        } catch {
            try? fileSystem.removeFile(snapshotTemp)
            try? fileSystem.removeFile(target + "/" + Self.journalName + ".tmp")
            try? fileSystem.removeFile(target + "/" + Self.snapshotName)
            throw Self.unavailable(error, "the backup was not written")
        }
        return (table.count, sequence)
    }

    // MARK: - Files

    private static func createJournal(path: String, generation: UInt64, base: UInt64,
                                      fileSystem: any StorageFileSystem) throws(StorageError) {
        do {
            try writeJournalTemp(path: path, generation: generation, base: base, fileSystem: fileSystem)
            try fileSystem.rename(path + "/" + journalName + ".tmp", to: path + "/" + journalName)
            try fileSystem.syncDirectory(path)
        } catch {
            throw unavailable(error, "cannot create the journal")
        }
    }

    /// Writes `journal.tmp` in `path`: a header (following commit `base`) and no frames, durable.
    private static func writeJournalTemp(path: String, generation: UInt64, base: UInt64,
                                         fileSystem: any StorageFileSystem) throws(FileSystemError) {
        let header = StorageFormat.encodeHeader(StorageFormat.Header(
            magic: StorageFormat.journalMagic, version: StorageFormat.version, generation: generation, count: base))
        let handle = try fileSystem.createFile(path + "/" + journalName + ".tmp")
        defer { fileSystem.close(handle) }
        try header.withBytes { (raw) throws(FileSystemError) in try fileSystem.write(handle, raw, at: 0) }
        try fileSystem.sync(handle)
    }

    private static func read(_ path: String, _ fileSystem: any StorageFileSystem) throws(StorageError) -> [UInt8]? {
        do { return try fileSystem.readFile(path) } catch { throw unavailable(error, "cannot read \(path)") }
    }

    static let closedError = StorageError(.unavailable, detail: "the store is closed")

    static func unavailable(_ error: FileSystemError, _ what: String) -> StorageError {
        let reason = error.code == ENOSPC ? "the disk is full" : String(cString: strerror(error.code))
        return StorageError(.unavailable, subject: error.path, detail: "\(what): \(error.operation) \(error.path): \(reason)")
    }
}
