
/// The reference ``RecordStore``: every guarantee of the protocol, in memory (R-ADP-1).
///
/// It behaves like a real store — versions, conflicts, global unique keys, atomic batches,
/// insertion order, and values that are copies — so a service tested against it behaves the same
/// on the file-backed store or a database. All state sits in one `State` value behind one lock;
/// a batch is validated completely before anything is applied.
public final class InMemoryRecordStore: RecordStore {
    private struct Key: Hashable {
        let kind: String
        let id: String
    }

    private struct Entry {
        var envelope: RecordEnvelope
        let sequence: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var idsByKind: [String: Set<String>] = [:]
        var index: [String: [String: Set<String>]] = [:] // kind → index key → IDs
        var uniqueOwners: [String: Key] = [:]
        var nextSequence: UInt64 = 1

        mutating func release(_ envelope: RecordEnvelope, key: Key) {
            for unique in envelope.uniqueKeys where uniqueOwners[unique] == key { uniqueOwners[unique] = nil }
            for indexKey in envelope.indexKeys {
                index[key.kind]?[indexKey]?.remove(key.id)
                if index[key.kind]?[indexKey]?.isEmpty == true { index[key.kind]?[indexKey] = nil }
            }
        }
    }

    private let state = Locked(State())

    /// An empty store.
    public init() {}

    /// The number of records of every kind (for tests and diagnostics).
    public var count: Int { state.withLock { $0.entries.count } }

    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { $0.entries[Key(kind: kind, id: id)]?.envelope }
    }

    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        state.withLock { state in
            let ids: Set<String>
            if let indexKey {
                ids = state.index[kind]?[indexKey] ?? []
            } else {
                ids = state.idsByKind[kind] ?? []
            }
            return ids.compactMap { state.entries[Key(kind: kind, id: $0)] }
                .sorted { $0.sequence < $1.sequence }
                .map(\.envelope)
        }
    }

    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        state.withLock { state in
            state.uniqueOwners[uniqueKey].flatMap { state.entries[$0]?.envelope }
        }
    }

    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try commitNow(batch)
    }

    /// The synchronous core of ``commit(_:)``, for benchmarks and single-threaded callers.
    @discardableResult
    public func commitNow(_ batch: WriteBatch) throws(StorageError) -> [RecordEnvelope] {
        try state.withLock { (state: inout State) throws(StorageError) -> [RecordEnvelope] in
            // 1. Validate everything before changing anything.
            var written = Set<Key>()
            var claims: [String: Key] = [:]
            for write in batch.writes {
                let key = Key(kind: write.kind, id: write.id)
                guard written.insert(key).inserted else {
                    throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                       detail: "the batch writes \(key.kind) \(key.id) twice")
                }
                let current = state.entries[key]?.envelope.version ?? 0
                guard current == write.expectedVersion else {
                    throw StorageError.conflict(kind: key.kind, id: key.id, expected: write.expectedVersion, actual: current)
                }
                if case .put(let envelope, _) = write {
                    for unique in envelope.uniqueKeys {
                        if let other = claims[unique], other != key {
                            throw StorageError.uniqueKeyTaken(unique, heldBy: other.kind, id: other.id)
                        }
                        claims[unique] = key
                    }
                }
            }
            for (unique, claimant) in claims {
                if let owner = state.uniqueOwners[unique], owner != claimant, !written.contains(owner) {
                    throw StorageError.uniqueKeyTaken(unique, heldBy: owner.kind, id: owner.id)
                }
            }
            // 2. Apply: release the old keys of every written record, then store the new values.
            for write in batch.writes {
                let key = Key(kind: write.kind, id: write.id)
                if let old = state.entries[key]?.envelope { state.release(old, key: key) }
            }
            var stored: [RecordEnvelope] = []
            for write in batch.writes {
                let key = Key(kind: write.kind, id: write.id)
                switch write {
                case .delete:
                    state.entries[key] = nil
                    state.idsByKind[key.kind]?.remove(key.id)
                case .put(var envelope, let expected):
                    envelope.version = expected + 1
                    let sequence = state.entries[key]?.sequence ?? state.nextSequence
                    if sequence == state.nextSequence { state.nextSequence += 1 }
                    state.entries[key] = Entry(envelope: envelope, sequence: sequence)
                    state.idsByKind[key.kind, default: []].insert(key.id)
                    for unique in envelope.uniqueKeys { state.uniqueOwners[unique] = key }
                    for indexKey in envelope.indexKeys { state.index[key.kind, default: [:]][indexKey, default: []].insert(key.id) }
                    stored.append(envelope)
                }
            }
            return stored
        }
    }
}
