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
}
