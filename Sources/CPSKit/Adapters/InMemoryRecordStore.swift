
/// The reference ``RecordStore``: every guarantee of the protocol, in memory (R-ADP-1).
///
/// It behaves like a real store — versions, conflicts, global unique keys, atomic batches,
/// insertion order, and values that are copies — so a service tested against it behaves the same
/// on the file-backed store or a database. All state sits in one `RecordTable` value behind one lock;
/// a batch is validated completely before anything is applied.
public final class InMemoryRecordStore: RecordStore {
    // The validation and application rules live in `RecordTable`, shared with `FileRecordStore`.
    private let state: Locked<RecordTable>

    /// An empty store.
    public init() { state = Locked(RecordTable()) }

    private init(table: RecordTable) { state = Locked(table) }

    /// An independent store holding the same records, versions, tombstones and insertion order as this
    /// one at this moment: a test sets state up once and runs each schedule on its own copy.
    public func copy() -> InMemoryRecordStore {
        InMemoryRecordStore(table: state.withLock { $0 })
    }

    /// Every record of every kind, each kind in insertion order (kinds by name): for copying a store's
    /// contents into another, e.g. state prepared in memory for a run on the file store.
    public func allRecords() -> [RecordEnvelope] {
        state.withLock { table in table.kinds.keys.sorted().flatMap { table.records(kind: $0, indexKey: nil) } }
    }

    /// The number of records of every kind (for tests and diagnostics).
    public var count: Int { state.withLock { $0.count } }

    /// The record of `kind` with `id` (R-ADP-1); see ``RecordStore/record(kind:id:)``.
    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { $0.record(kind: kind, id: id) }
    }

    /// The records of `kind` holding `indexKey`, in insertion order (R-ADP-1).
    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        state.withLock { $0.records(kind: kind, indexKey: indexKey) }
    }

    /// The record holding `uniqueKey`, of any kind (R-ADP-1).
    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { $0.record(holding: uniqueKey) }
    }

    /// Applies `batch` atomically after validating every write (R-ADP-1); see ``commitNow(_:)``.
    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try commitNow(batch)
    }

    /// The synchronous core of ``commit(_:)``, for benchmarks and single-threaded callers.
    @discardableResult
    public func commitNow(_ batch: WriteBatch) throws(StorageError) -> [RecordEnvelope] {
        try state.withLock { (table: inout RecordTable) throws(StorageError) -> [RecordEnvelope] in
            try table.commit(batch)
        }
    }
}
