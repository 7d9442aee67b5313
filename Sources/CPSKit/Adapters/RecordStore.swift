/// The storage adapter: everything the services persist goes through one of these (R-ADP-1).
///
/// Records of every kind — applications, evidence files, accounts, users, tokens, audit entries,
/// products, ledger entries, memberships, invoices, the mail outbox — are ``RecordEnvelope``s. A
/// store keeps them with these guarantees, which ``StorageConformance`` (in `CPSKitTesting`) checks
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
///    (0: no live record). Checking and writing one record in a batch at different versions is
///    ``StorageError/Reason/invalidBatch``.
/// 8. **Versions never repeat** (R-UOW-1). A delete leaves a tombstone with the record's last
///    version; a re-insert of the same kind and ID continues from it (`last + 1`), so a check at any
///    earlier version fails.
/// 9. **Pages.** ``records(kind:indexKey:after:limit:)`` reads at most `limit` records after a
///    cursor, in first-insertion order, stable under updates and deletes between pages.
/// 10. **Close.** ``close()`` waits for commits in flight and releases what the store holds; a store
///    used after closing fails with ``StorageError/Reason/unavailable``.
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
    /// next page. The default reads every record and cuts the page out; stores that can should read only
    /// the page.
    func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) async throws(StorageError) -> RecordPage

    /// Waits for commits in flight, then releases the store's resources (files, locks, connections).
    /// The default does nothing.
    func close() async
}

extension RecordStore {
    /// Pages over ``records(kind:indexKey:)``: the cursor's ``RecordCursor/lastID`` is found again in
    /// the full list and the page starts after it; if that record was deleted meanwhile, the page
    /// starts at the cursor's position (its ``RecordCursor/sequence`` counts the records read so far).
    /// Correct but O(n) per page; the bundled stores override it.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        let all = try await records(kind: kind, indexKey: indexKey)
        var start = 0
        if let cursor {
            if let found = all.firstIndex(where: { $0.id == cursor.lastID }) {
                start = found + 1
            } else {
                start = Int(clamping: min(cursor.sequence, UInt64(all.count)))
            }
        }
        let end = start + min(max(limit, 0), all.count - start)
        let page = Array(all[start..<end])
        let next = end < all.count ? page.last.map { RecordCursor(sequence: UInt64(end), lastID: $0.id) } : nil
        return RecordPage(records: page, next: next)
    }

    /// Does nothing.
    public func close() async {}
}
