/// The storage adapter: everything the services persist goes through one of these (R-ADP-1).
///
/// Records of every kind — applications, evidence files, accounts, users, tokens, audit entries,
/// products, ledger entries, memberships, invoices, the mail outbox — are ``RecordEnvelope``s. A
/// store keeps them with these guarantees, which `StorageConformance` (in `CPSKitTesting`) checks
/// for any implementation:
///
/// 1. **Atomic batches.** ``commit(_:)`` applies all writes of a ``WriteBatch`` or none. A state
///    change and the mails it sends are one batch, so a mail is never lost or sent for a change that
///    did not happen.
/// 2. **Optimistic concurrency.** Each write names the version it expects; if the record changed in
///    the meantime the whole batch fails with ``StorageError/Reason/conflict``, and nothing changes. Of
///    two callers racing on the same record, exactly one wins.
/// 3. **Unique keys across all kinds.** A batch that would give a unique key to a second record fails
///    with ``StorageError/Reason/uniqueKeyTaken``. Within one batch, keys released by a write are free
///    for the other writes of the same batch.
/// 4. **Order.** ``records(kind:indexKey:)`` returns records in the order they were first inserted.
/// 5. **Copies.** Values handed out never change afterwards; a later write makes a new version.
/// 6. **Durability** (for durable stores): a batch whose `commit` returned survives a crash.
/// 7. **Check writes** (R-UOW-1). A ``RecordWrite/check(kind:id:expectedVersion:)`` writes nothing
///    but fails the batch with ``StorageError/Reason/conflict`` unless the record is at that version
///    (0: no live record, whether it never existed or was deleted). Checking and writing one record
///    in a batch at the same version is allowed (the write counts once); at different versions, like
///    writing one record twice, it is ``StorageError/Reason/invalidBatch``, whatever the stored state.
///    Checks are atomic with the writes: a concurrent commit that changes a checked record either
///    lands before the batch (which then fails) or after it.
/// 8. **Versions never repeat** (R-UOW-1). A delete leaves a tombstone with the record's last
///    version; a re-insert (`put` expecting 0) of the same kind and ID gets `last + 1`, not 1, so a
///    check or write at any earlier version fails. ``record(kind:id:)`` and every other read still
///    see no record; a durable store keeps tombstones across reopening.
/// 9. **Pages.** ``records(kind:indexKey:after:limit:)`` reads at most `limit` records after a
///    cursor, in first-insertion order, stable under updates and deletes between pages: a record
///    present for the whole read is returned exactly once, even when the cursor's own record is
///    deleted. `next` is `nil` exactly when no record follows the page. A `limit` of 0 or less reads
///    nothing: an empty page whose `next` is `nil` (so a paging loop ends instead of spinning).
/// 10. **Close.** ``close()`` waits for commits in flight, then releases what the store holds; every
///    call afterwards fails with ``StorageError/Reason/unavailable`` (a store that holds nothing may
///    keep working, as the default does). A commit racing `close()` either succeeds, and is then
///    durable, or fails with `unavailable`.
/// 11. **Ranges of keys.** ``records(kind:indexKeysFrom:below:after:limit:)`` pages through the
///    records holding keys of a range in key order (UTF-8 bytes), and under one key in
///    first-insertion order, as stable as guarantee 9: a record holding a key of the range for the
///    whole read is returned under it exactly once.
///
/// Implementations: ``InMemoryRecordStore`` (reference) and `FileRecordStore` (the embedded durable
/// store). Errors are always ``StorageError``.
public protocol RecordStore: Sendable {
    /// The record of `kind` with `id`, or `nil` when there is none.
    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope?

    /// The records of `kind` holding `indexKey` (every record of the kind when `nil`), in insertion order.
    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope]

    /// The record currently holding `uniqueKey`, of any kind, or `nil`.
    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope?

    /// Applies every write of `batch` atomically, or none of them, and returns the stored envelopes
    /// of the `put` writes (with their new versions) in batch order.
    @discardableResult
    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope]

    /// At most `limit` records of `kind` holding `indexKey` (all of the kind when `nil`) that come after
    /// `cursor` in first-insertion order (from the first when `cursor` is `nil`), and the cursor for the
    /// next page, `nil` when no record follows (R-ADP-1, rule 9). A `limit` of 0 or less returns an
    /// empty page with `next == nil`. The default reads every record and cuts the page out; stores
    /// that can should read only the page (the bundled stores and the PostgreSQL example do).
    func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) async throws(StorageError) -> RecordPage

    /// At most `limit` records of `kind` holding an index key `k` with `lower <= k < upper` (UTF-8
    /// byte order), ordered by that key and, under one key, by first insertion; after `cursor` (a
    /// cursor this read returned, whose ``RecordCursor/indexKey`` is set) — guarantee 11 (R-ADP-1,
    /// issue 17 item 4). A record holding two keys of the range appears under each.
    ///
    /// The default reads the whole kind and sorts (correct, linear in the kind's size); every store
    /// of this package answers from an ordered index instead, in time that grows with the page and
    /// the logarithm of the number of keys. Use it through ``IndexKeyRange`` and
    /// `records(_:after:limit:)`.
    func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                 limit: Int) async throws(StorageError) -> RecordPage

    /// Waits for commits in flight, then releases the store's resources (files, locks, connections);
    /// afterwards every call fails with ``StorageError/Reason/unavailable`` (R-ADP-1, rule 10). Calling
    /// it again does nothing. The default does nothing, and the store keeps working.
    func close() async

    /// How the typed layer encodes this store's payloads (issue 17 item 2): the bundled in-memory and
    /// file stores use ``PayloadCodec/binary``; the default is ``PayloadCodec/json``, which a person
    /// can read in a database console. A store holds whatever it is given and never looks inside.
    var payloadCodec: PayloadCodec { get }
}

extension RecordStore {
    /// Pages over ``records(kind:indexKey:)``: correct but O(n) per page, and weaker than rule 9 in
    /// one case, so every bundled store overrides it (R-ADP-1).
    ///
    /// The page starts after the cursor's ``RecordCursor/lastID`` in the full list. If that record was
    /// deleted meanwhile, the default cannot tell where it stood, and starts over from the first
    /// record: nothing present for the whole read is skipped, but records before the cursor come
    /// again. (`StorageConformance` expects neither, so a store passes its page rules only with a
    /// native implementation, e.g. `WHERE seq > $cursor ORDER BY seq LIMIT $limit + 1`.) The cursor's
    /// ``RecordCursor/sequence`` is the number of records read up to it.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        guard limit > 0 else { return RecordPage(records: [], next: nil) }
        let all = try await records(kind: kind, indexKey: indexKey)
        var start = 0
        if let cursor, let found = all.firstIndex(where: { $0.id == cursor.lastID }) {
            start = found + 1
        }
        let end = start + min(limit, all.count - start)
        let page = Array(all[start..<end])
        let next = end < all.count ? page.last.map { RecordCursor(sequence: UInt64(end), lastID: $0.id) } : nil
        return RecordPage(records: page, next: next)
    }

    /// The range read from a scan of the kind (R-ADP-1 guarantee 11): the distinct keys of the range
    /// from ``records(kind:indexKey:)``, then each key's own pages in order, one record at a time.
    /// Correct and as stable as the key's pages, but linear in the kind's size: implement it natively.
    public func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        guard limit > 0 else { return RecordPage(records: [], next: nil) }
        let precedes = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        // The distinct keys of the range (one scan of the kind), then each key's own stable pages
        // (guarantee 9), so a range page is as stable as a key's.
        var keys = Set<String>()
        for record in try await records(kind: kind, indexKey: nil) {
            for key in record.indexKeys where !precedes(key, lower) && precedes(key, upper) { keys.insert(key) }
        }
        var ordered = keys.sorted(by: precedes)
        var resume: RecordCursor?
        if let cursor, let key = cursor.indexKey {
            ordered.removeAll { precedes($0, key) }
            if ordered.first == key {
                // `sequence == .max`: the cursor's record was the last of its key.
                if cursor.sequence == .max { ordered.removeFirst() } else { resume = cursor }
            }
        }
        var records: [RecordEnvelope] = []
        var last: RecordCursor?
        for key in ordered {
            var after = resume?.indexKey == key ? resume.map { RecordCursor(sequence: $0.sequence, lastID: $0.lastID) } : nil
            while true {
                // One record at a time, so every record returned has its own cursor.
                let page = try await self.records(kind: kind, indexKey: key, after: after, limit: 1)
                guard let record = page.records.first else { break }
                if records.count == limit { return RecordPage(records: records, next: last) }
                records.append(record)
                guard let next = page.next else {
                    last = RecordCursor(sequence: .max, lastID: record.id, indexKey: key)
                    break
                }
                last = RecordCursor(sequence: next.sequence, lastID: next.lastID, indexKey: key)
                after = next
            }
        }
        return RecordPage(records: records, next: nil)
    }

    /// Does nothing: for a store that holds no resources (R-ADP-1).
    public func close() async {}

    /// JSON: a host's own adapter keeps readable payloads unless it says otherwise.
    public var payloadCodec: PayloadCodec { .json }
}
