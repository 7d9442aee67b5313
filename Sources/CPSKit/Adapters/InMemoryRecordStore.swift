/// The reference ``RecordStore``: every guarantee of the protocol, in memory (R-ADP-1).
///
/// It behaves like a real store — versions, conflicts, global unique keys, atomic batches,
/// insertion order, and values that are copies — so a service tested against it behaves the same
/// on the file-backed store or a database. All state sits in one `RecordTable` value behind one lock;
/// a batch is validated completely before anything is applied.
public final class InMemoryRecordStore: RecordStore {
    // The validation and application rules live in `RecordTable`, shared with `FileRecordStore`.
    // `LockedState` (a pthread mutex) rather than `Mutex`: ThreadSanitizer cannot see the contended
    // hand-over of `Synchronization.Mutex` on Linux and reports false races under the racing tests.
    private let state = LockedState(RecordTable())

    /// An empty store.
    public init() {}

    /// The number of records of every kind (for tests and diagnostics).
    public var count: Int { state.withLock { $0.count } }

    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { $0.record(kind: kind, id: id) }
    }

    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        state.withLock { $0.records(kind: kind, indexKey: indexKey) }
    }

    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { $0.record(holding: uniqueKey) }
    }

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
