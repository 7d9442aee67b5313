/// The reference ``RecordStore``: every guarantee of the protocol, in memory (R-ADP-1, R-UOW-1).
///
/// It behaves like a real store — versions, conflicts, check writes, tombstones, global unique keys,
/// atomic batches, insertion order, pages, values that are copies, and failing with
/// ``StorageError/Reason/unavailable`` once closed — so a service tested against it behaves the same
/// on the file-backed store or a database. All state sits in one `RecordTable` value behind one lock;
/// a batch is validated completely before anything is applied.
public final class InMemoryRecordStore: RecordStore {
    // The validation and application rules live in `RecordTable`, shared with `FileRecordStore`.
    private let state: Locked<State>
    /// How the typed layer encodes this store's payloads: binary unless told (issue 17 item 2).
    public let payloadCodec: PayloadCodec

    private struct State {
        var table: RecordTable
        var closed = false
    }

    /// An empty store whose records the typed layer encodes in `payloadCodec` (``PayloadCodec/binary``
    /// unless told; ``PayloadCodec/json`` to read payloads as text in a test).
    public init(payloadCodec: PayloadCodec = .binary) {
        state = Locked(State(table: RecordTable()))
        self.payloadCodec = payloadCodec
    }

    private init(table: RecordTable, payloadCodec: PayloadCodec) {
        state = Locked(State(table: table))
        self.payloadCodec = payloadCodec
    }

    /// An independent, open store holding the same records, versions, tombstones and insertion order as
    /// this one at this moment: a test sets state up once and runs each schedule on its own copy.
    public func copy() -> InMemoryRecordStore {
        InMemoryRecordStore(table: state.withLock { $0.table }, payloadCodec: payloadCodec)
    }

    /// Every record of every kind, each kind in insertion order (kinds by name): for copying a store's
    /// contents into another, e.g. state prepared in memory for a run on the file store.
    public func allRecords() -> [RecordEnvelope] {
        state.withLock { state in
            state.table.kinds.keys.sorted().flatMap { state.table.records(kind: $0, indexKey: nil) }
        }
    }

    /// The number of records of every kind (for tests and diagnostics; tombstones do not count).
    public var count: Int { state.withLock { $0.table.count } }

    /// The record of `kind` with `id` (R-ADP-1); see ``RecordStore/record(kind:id:)``.
    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try read { $0.record(kind: kind, id: id) }
    }

    /// The records of `kind` holding `indexKey`, in insertion order (R-ADP-1).
    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try read { $0.records(kind: kind, indexKey: indexKey) }
    }

    /// The record holding `uniqueKey`, of any kind (R-ADP-1).
    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try read { $0.record(holding: uniqueKey) }
    }

    /// At most `limit` records of `kind` holding `indexKey` after `cursor`, in first-insertion order,
    /// reading only the page (R-ADP-1); see ``RecordStore/records(kind:indexKey:after:limit:)``. The
    /// cursor is the last record's insertion sequence.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int)
        async throws(StorageError) -> RecordPage {
        try read { $0.page(kind: kind, indexKey: indexKey, after: cursor, limit: limit) }
    }

    /// A page of a range of index keys, from the ordered key index (R-ADP-1 guarantee 11).
    public func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        try read { $0.page(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit) }
    }

    /// Applies `batch` atomically after validating every write (R-ADP-1).
    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try commitNow(batch)
    }

    /// The synchronous core of ``commit(_:)``, for benchmarks and single-threaded callers.
    @discardableResult
    package func commitNow(_ batch: WriteBatch) throws(StorageError) -> [RecordEnvelope] {
        try state.withLock { (state: inout State) throws(StorageError) -> [RecordEnvelope] in
            guard !state.closed else { throw Self.closedError }
            return try state.table.commit(batch)
        }
    }

    /// Closes the store (R-ADP-1): commits are synchronous, so none is in flight; every later call
    /// fails with ``StorageError/Reason/unavailable``. Calling it again does nothing.
    public func close() async {
        state.withLock { $0.closed = true }
    }

    private func read<T>(_ body: (RecordTable) -> T) throws(StorageError) -> T {
        try state.withLock { (state: inout State) throws(StorageError) -> T in
            guard !state.closed else { throw Self.closedError }
            return body(state.table)
        }
    }

    private static let closedError = StorageError(.unavailable, detail: "the store is closed")
}
