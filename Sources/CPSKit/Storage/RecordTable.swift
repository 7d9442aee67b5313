/// The pure state machine behind every bundled ``RecordStore`` (R-ADP-1): records by kind and ID,
/// index keys, global unique keys and insertion order, with the validation and application of a
/// ``WriteBatch``. ``InMemoryRecordStore`` and ``FileRecordStore`` both keep one of these, so their
/// semantics cannot drift apart; the file store only adds the journal around it.
///
/// No I/O, no locking: the owner serializes access.
struct RecordTable: Sendable {
    struct Key: Hashable, Sendable {
        let kind: String
        let id: String
    }

    struct Entry: Sendable {
        var envelope: RecordEnvelope
        var sequence: UInt64
    }

    struct KindTable: Sendable {
        var entries: [String: Entry] = [:]
        var index: [String: Set<String>] = [:] // index key → IDs
    }

    private(set) var kinds: [String: KindTable] = [:]
    private(set) var uniqueOwners: [String: Key] = [:]
    private(set) var nextSequence: UInt64 = 1
    private(set) var count = 0

    init() {}

    // MARK: - Reads

    func record(kind: String, id: String) -> RecordEnvelope? {
        kinds[kind]?.entries[id]?.envelope
    }

    func version(of key: Key) -> UInt64 {
        kinds[key.kind]?.entries[key.id]?.envelope.version ?? 0
    }

    func records(kind: String, indexKey: String?) -> [RecordEnvelope] {
        guard let table = kinds[kind] else { return [] }
        let entries: [Entry]
        if let indexKey {
            entries = (table.index[indexKey] ?? []).compactMap { table.entries[$0] }
        } else {
            entries = Array(table.entries.values)
        }
        return entries.sorted { $0.sequence < $1.sequence }.map(\.envelope)
    }

    func record(holding uniqueKey: String) -> RecordEnvelope? {
        uniqueOwners[uniqueKey].flatMap { kinds[$0.kind]?.entries[$0.id]?.envelope }
    }

    // MARK: - Writes

    /// Validates and applies `batch`: all of it, or nothing (throws).
    @discardableResult
    mutating func commit(_ batch: WriteBatch) throws(StorageError) -> [RecordEnvelope] {
        try validate(batch)
        return apply(batch)
    }

    /// Checks that `batch` would apply: no record written twice, every expected version current,
    /// no unique key given to two records. Changes nothing.
    func validate(_ batch: WriteBatch) throws(StorageError) {
        var written = Set<Key>()
        var checked: [Key: UInt64] = [:]
        var claims: [String: Key] = [:]
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
            if let expected = checked[key], expected != write.expectedVersion {
                throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                   detail: "the batch checks and writes \(key.kind) \(key.id) at different versions")
            }
            checked[key] = write.expectedVersion
            if !write.changesState {
                let current = version(of: key)
                guard current == write.expectedVersion else {
                    throw StorageError.conflict(kind: key.kind, id: key.id, expected: write.expectedVersion, actual: current)
                }
                continue
            }
            guard written.insert(key).inserted else {
                throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                   detail: "the batch writes \(key.kind) \(key.id) twice")
            }
            let current = version(of: key)
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
            // A key held by a record this batch writes is released by that write.
            if let owner = uniqueOwners[unique], owner != claimant, !written.contains(owner) {
                throw StorageError.uniqueKeyTaken(unique, heldBy: owner.kind, id: owner.id)
            }
        }
    }

    /// The unique keys `batch` claims or releases, given the current state (for group commit: two
    /// batches touching disjoint records and disjoint unique keys commute).
    func uniqueKeysTouched(by batch: WriteBatch) -> Set<String> {
        var keys = Set<String>()
        for write in batch.writes {
            if case .put(let envelope, _) = write { keys.formUnion(envelope.uniqueKeys) }
            if let old = record(kind: write.kind, id: write.id) { keys.formUnion(old.uniqueKeys) }
        }
        return keys
    }

    /// Applies a batch that ``validate(_:)`` accepted (or that the journal recorded as committed)
    /// and returns the stored envelopes of its `put` writes, in batch order.
    @discardableResult
    mutating func apply(_ batch: WriteBatch, collect: Bool = true) -> [RecordEnvelope] {
        // Release the old keys of every written record first, so keys move freely within the batch.
        // (A write expecting version 0 finds no record: the batch was validated.)
        for write in batch.writes where write.changesState && write.expectedVersion != 0 {
            if let old = record(kind: write.kind, id: write.id) {
                release(old, key: Key(kind: write.kind, id: write.id))
            }
        }
        var stored: [RecordEnvelope] = []
        if collect { stored.reserveCapacity(batch.writes.count) }
        for write in batch.writes {
            switch write {
            case .check:
                continue
            case .delete(let kind, let id, _):
                if kinds[kind]?.entries.removeValue(forKey: id) != nil { count -= 1 }
            case .put(var envelope, let expected):
                envelope.version = expected &+ 1 // validated: expected is the current version
                store(envelope)
                if collect { stored.append(envelope) }
            }
        }
        return stored
    }

    /// Makes room for `records` more records of `kind` and `uniqueKeys` more unique keys, so that
    /// replaying a long journal does not grow the tables step by step.
    mutating func reserve(kind: String, records: Int, uniqueKeys: Int) {
        kinds[kind, default: KindTable()].entries.reserveCapacity((kinds[kind]?.entries.count ?? 0) + records)
        uniqueOwners.reserveCapacity(uniqueOwners.count + uniqueKeys)
    }

    /// Installs one kind loaded from a snapshot (the kind must not be present yet).
    mutating func installKind(_ kind: String, entries: [String: Entry], index: [String: Set<String>],
                              owners: [String: Key], highestSequence: UInt64) {
        kinds[kind] = KindTable(entries: entries, index: index)
        count += entries.count
        if uniqueOwners.isEmpty {
            uniqueOwners = owners
        } else {
            uniqueOwners.merge(owners) { _, new in new }
        }
        nextSequence = max(nextSequence, highestSequence &+ 1)
    }

    /// Adds `envelope` as the newest record without any check.
    mutating func load(_ envelope: RecordEnvelope) {
        store(envelope)
    }

    private mutating func store(_ envelope: RecordEnvelope) {
        if !envelope.uniqueKeys.isEmpty {
            let key = Key(kind: envelope.kind, id: envelope.id)
            for unique in envelope.uniqueKeys { uniqueOwners[unique] = key }
        }
        if Self.put(envelope, sequence: nextSequence, into: &kinds[envelope.kind, default: KindTable()]) {
            nextSequence += 1
            count += 1
        }
    }

    /// Stores `envelope` in `table`, keeping an existing record's sequence; whether it is new.
    private static func put(_ envelope: RecordEnvelope, sequence: UInt64, into table: inout KindTable) -> Bool {
        for indexKey in envelope.indexKeys { table.index[indexKey, default: []].insert(envelope.id) }
        // One hash for an insert; an update then restores its first-insertion sequence.
        guard let existing = table.entries.updateValue(Entry(envelope: envelope, sequence: sequence), forKey: envelope.id) else {
            return true
        }
        table.entries[envelope.id]?.sequence = existing.sequence
        return false
    }

    private mutating func release(_ envelope: RecordEnvelope, key: Key) {
        for unique in envelope.uniqueKeys where uniqueOwners[unique] == key { uniqueOwners[unique] = nil }
        for indexKey in envelope.indexKeys {
            kinds[key.kind]?.index[indexKey]?.remove(key.id)
            if kinds[key.kind]?.index[indexKey]?.isEmpty == true { kinds[key.kind]?.index[indexKey] = nil }
        }
    }
}
