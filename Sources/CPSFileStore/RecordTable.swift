/// The pure state machine behind every bundled ``RecordStore`` (R-ADP-1, R-UOW-1): records by kind and
/// ID, index keys, global unique keys, insertion order and tombstones, with the validation and
/// application of a ``WriteBatch``. ``InMemoryRecordStore`` and ``FileRecordStore`` both keep one of
/// these, so their semantics cannot drift apart; the file store only adds the journal around it.
///
/// - **Tombstones.** A delete leaves the record's last version behind (per kind and ID); an insert of
///   the same kind and ID continues from it, so no version of a record ever repeats (R-UOW-1) and a
///   check at an old version fails. Tombstones are not records: ``count`` and reads ignore them.
/// - **Order.** Every record gets an insertion sequence when it is first inserted (again when it is
///   inserted after a delete) and keeps it on update. Each kind and each index key keeps a
///   ``SequenceList`` in that order, so a full read walks it without sorting and a page costs
///   O(log n + page), not the kind.
///
/// No I/O, no locking: the owner serializes access.
package struct RecordTable: Sendable {
    struct Key: Hashable, Sendable {
        let kind: String
        let id: String
    }

    struct Entry: Sendable {
        var envelope: RecordEnvelope
        var sequence: UInt64
    }

    /// One kind's records, order and index lists, and tombstones.
    package struct KindTable: Sendable {
        var entries: [String: Entry] = [:]
        /// Every record of the kind by insertion sequence (slots of deleted records are stale).
        var order = SequenceList()
        /// Index key → the records holding it, by insertion sequence (slots may be stale).
        var index: [String: SequenceList] = [:]
        /// Deleted ID → the record's last version.
        var tombstones: [String: UInt64] = [:]
        /// The keys of `index` in byte order, for range reads.
        var keyOrder = SortedKeys()
    }

    /// The tables by kind.
    package private(set) var kinds: [String: KindTable] = [:]
    private(set) var uniqueOwners: [String: Key] = [:]
    private(set) var nextSequence: UInt64 = 1
    /// Live records of every kind (tombstones do not count).
    package private(set) var count = 0

    /// An empty table.
    package init() {}

    // MARK: - Reads

    /// The live record `kind`/`id`, or `nil`.
    package func record(kind: String, id: String) -> RecordEnvelope? {
        kinds[kind]?.entries[id]?.envelope
    }

    /// The live version of the record, 0 when there is none (never inserted, or deleted).
    func version(of key: Key) -> UInt64 {
        kinds[key.kind]?.entries[key.id]?.envelope.version ?? 0
    }

    /// The last version of a deleted record, or `nil` when it is live or never existed.
    func tombstone(kind: String, id: String) -> UInt64? {
        kinds[kind]?.tombstones[id]
    }

    /// Every live record of `kind` (holding `indexKey` when given), in first-insertion order.
    package func records(kind: String, indexKey: String?) -> [RecordEnvelope] {
        guard let table = kinds[kind] else { return [] }
        guard let list = table.list(indexKey) else { return [] }
        var records: [RecordEnvelope] = []
        records.reserveCapacity(list.liveCount)
        for slot in list.slots {
            if let envelope = table.live(slot, indexKey: indexKey) { records.append(envelope) }
        }
        return records
    }

    /// At most `limit` records after `cursor` in insertion order (R-ADP-1); see
    /// ``RecordStore/records(kind:indexKey:after:limit:)``. Binary search to the cursor's sequence, then
    /// a walk of the page (and past stale slots); `next` only when a record follows. A `limit` of 0 or
    /// less reads nothing.
    package func page(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) -> RecordPage {
        guard limit > 0, let table = kinds[kind], let list = table.list(indexKey) else {
            return RecordPage(records: [], next: nil)
        }
        var position = cursor.map { list.firstIndex(after: $0.sequence) } ?? 0
        var records: [RecordEnvelope] = []
        records.reserveCapacity(min(limit, list.liveCount))
        var last: SequenceList.Slot?
        while position < list.slots.count {
            let slot = list.slots[position]
            position += 1
            guard let envelope = table.live(slot, indexKey: indexKey) else { continue }
            if records.count == limit, let last {
                return RecordPage(records: records, next: RecordCursor(sequence: last.sequence, lastID: last.id))
            }
            records.append(envelope)
            last = slot
        }
        return RecordPage(records: records, next: nil)
    }

    /// At most `limit` records holding keys `lower <= k < upper` in key order, then insertion order
    /// (R-ADP-1 guarantee 11); see ``RecordStore/records(kind:indexKeysFrom:below:after:limit:)``. The
    /// key order finds the first key; each key's list is read from the cursor's sequence on.
    package func page(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                      limit: Int) -> RecordPage {
        guard limit > 0, let table = kinds[kind] else { return RecordPage(records: [], next: nil) }
        var start = lower
        var resume: (key: String, sequence: UInt64)?
        if let cursor, let key = cursor.indexKey {
            if SortedKeys.precedes(start, key) { start = key }
            resume = (key, cursor.sequence)
        }
        var records: [RecordEnvelope] = []
        var last: (key: String, slot: SequenceList.Slot)?
        var next: RecordCursor?
        table.keyOrder.forEach(from: start, below: upper) { key in
            guard let list = table.index[key] else { return true }
            var position = 0
            if let resume, resume.key == key { position = list.firstIndex(after: resume.sequence) }
            while position < list.slots.count {
                let slot = list.slots[position]
                position += 1
                guard let envelope = table.live(slot, indexKey: key) else { continue }
                if records.count == limit, let last {
                    next = RecordCursor(sequence: last.slot.sequence, lastID: last.slot.id, indexKey: last.key)
                    return false
                }
                records.append(envelope)
                last = (key, slot)
            }
            return true
        }
        return RecordPage(records: records, next: next)
    }

    /// The live record holding `uniqueKey`, or `nil`.
    package func record(holding uniqueKey: String) -> RecordEnvelope? {
        uniqueOwners[uniqueKey].flatMap { kinds[$0.kind]?.entries[$0.id]?.envelope }
    }

    // MARK: - Writes

    /// Validates and applies `batch`: all of it, or nothing (throws).
    @discardableResult
    package mutating func commit(_ batch: WriteBatch) throws(StorageError) -> [RecordEnvelope] {
        try validate(batch)
        return apply(batch)
    }

    /// Checks that `batch` would apply, changing nothing (R-ADP-1, R-UOW-1). `BatchCheck` in
    /// Examples/PostgresStore repeats these steps in this order; keep the two in step.
    ///
    /// 1. The batch's shape, whatever the state, in write order: a record written (`put` or `delete`)
    ///    twice, or named by two writes or checks with different expected versions, is
    ///    `invalidBatch`. A check and a write of one record at the same version are allowed.
    /// 2. In write order, every write's and check's expected version must be the record's live
    ///    version (0: no live record, also after a delete), else `conflict`; a unique key claimed by
    ///    two records of the batch is `uniqueKeyTaken`.
    /// 3. A claimed unique key held by a record the batch does not write is `uniqueKeyTaken`.
    func validate(_ batch: WriteBatch) throws(StorageError) {
        if batch.writes.count == 1 { return try validate(single: batch.writes[0]) }
        var written = Set<Key>()
        var expected: [Key: UInt64] = [:]
        expected.reserveCapacity(batch.writes.count)
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
            if write.changesState, !written.insert(key).inserted {
                throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                   detail: "the batch writes \(key.kind) \(key.id) twice")
            }
            if let earlier = expected.updateValue(write.expectedVersion, forKey: key), earlier != write.expectedVersion {
                throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                   detail: "the batch checks and writes \(key.kind) \(key.id) at different versions (\(earlier) and \(write.expectedVersion))")
            }
        }
        var claims: [String: Key] = [:]
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
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

    /// ``validate(_:)`` for a batch of one write: no duplicate to find, so no set and no dictionary.
    private func validate(single write: RecordWrite) throws(StorageError) {
        let key = Key(kind: write.kind, id: write.id)
        let current = version(of: key)
        guard current == write.expectedVersion else {
            throw StorageError.conflict(kind: key.kind, id: key.id, expected: write.expectedVersion, actual: current)
        }
        guard case .put(let envelope, _) = write else { return }
        for unique in envelope.uniqueKeys {
            if let owner = uniqueOwners[unique], owner != key {
                throw StorageError.uniqueKeyTaken(unique, heldBy: owner.kind, id: owner.id)
            }
        }
    }

    /// The unique keys `batch` claims or releases, given the current state (for group commit: two
    /// batches touching disjoint records and disjoint unique keys commute). Checks touch none.
    func uniqueKeysTouched(by batch: WriteBatch) -> Set<String> {
        var keys = Set<String>()
        for write in batch.writes where write.changesState {
            if case .put(let envelope, _) = write { keys.formUnion(envelope.uniqueKeys) }
            if let old = record(kind: write.kind, id: write.id) { keys.formUnion(old.uniqueKeys) }
        }
        return keys
    }

    /// Applies a batch that ``validate(_:)`` accepted (or that the journal recorded as committed)
    /// and returns the stored envelopes of its `put` writes, in batch order. Checks change nothing. A
    /// `put` expecting version 0 gets the version after the record's tombstone (1 when it has none).
    /// Never traps, even on a batch that would not validate (the journal fuzzer replays anything).
    @discardableResult
    mutating func apply(_ batch: WriteBatch, collect: Bool = true) -> [RecordEnvelope] {
        // Release the old keys of every written record first, so keys move freely within the batch.
        // (A write expecting version 0 finds no record: the batch was validated.)
        for write in batch.writes where write.changesState && write.expectedVersion != 0 {
            if let old = record(kind: write.kind, id: write.id) {
                let key = Key(kind: write.kind, id: write.id)
                for unique in old.uniqueKeys where uniqueOwners[unique] == key { uniqueOwners[unique] = nil }
            }
        }
        var stored: [RecordEnvelope] = []
        if collect { stored.reserveCapacity(batch.writes.count) }
        for write in batch.writes {
            switch write {
            case .check:
                continue
            case .delete(let kind, let id, _):
                if kinds[kind]?.delete(id) == true { count -= 1 }
            case .put(let written, let expected):
                let (envelope, inserted) = kinds[written.kind, default: KindTable()]
                    .put(written, expected: expected, sequence: nextSequence)
                if inserted {
                    nextSequence &+= 1
                    count += 1
                }
                claimUniqueKeys(of: envelope)
                if collect { stored.append(envelope) }
            }
        }
        return stored
    }

    // MARK: - Loading

    /// Makes room for `records` more records of `kind` and `uniqueKeys` more unique keys, so that
    /// replaying a long journal does not grow the tables step by step.
    mutating func reserve(kind: String, records: Int, uniqueKeys: Int) {
        kinds[kind, default: KindTable()].reserve(records)
        uniqueOwners.reserveCapacity(uniqueOwners.count + uniqueKeys)
    }

    /// Installs one kind loaded from a snapshot (the kind must not have records yet): its records, its
    /// order and index lists (sorted by sequence, none stale) and its unique-key owners.
    mutating func installKind(_ kind: String, entries: [String: Entry], order: SequenceList, index: [String: SequenceList],
                              owners: [String: Key], highestSequence: UInt64) {
        let tombstones = kinds[kind]?.tombstones ?? [:]
        count -= kinds[kind]?.entries.count ?? 0
        kinds[kind] = KindTable(entries: entries, order: order, index: index, tombstones: tombstones,
                                keyOrder: SortedKeys(index.keys))
        count += entries.count
        if uniqueOwners.isEmpty {
            uniqueOwners = owners
        } else {
            uniqueOwners.merge(owners) { _, new in new }
        }
        nextSequence = max(nextSequence, highestSequence &+ 1)
    }

    /// Installs the tombstones of `kind` loaded from a snapshot (IDs without a live record).
    mutating func installTombstones(_ kind: String, _ tombstones: [String: UInt64]) {
        kinds[kind, default: KindTable()].tombstones.merge(tombstones) { _, new in new }
    }

    private mutating func claimUniqueKeys(of envelope: RecordEnvelope) {
        guard !envelope.uniqueKeys.isEmpty else { return }
        let key = Key(kind: envelope.kind, id: envelope.id)
        for unique in envelope.uniqueKeys { uniqueOwners[unique] = key }
    }
}

extension RecordTable.KindTable {
    /// The list to read: the holders of `indexKey`, or the whole kind.
    func list(_ indexKey: String?) -> SequenceList? {
        guard let indexKey else { return order }
        return index[indexKey]
    }

    /// The record of `slot` if the slot is live: the record exists with that sequence and, for an
    /// index list, holds `indexKey`.
    func live(_ slot: SequenceList.Slot, indexKey: String?) -> RecordEnvelope? {
        guard let entry = entries[slot.id], entry.sequence == slot.sequence else { return nil }
        if let indexKey, !entry.envelope.indexKeys.contains(indexKey) { return nil }
        return entry.envelope
    }

    mutating func reserve(_ records: Int) {
        entries.reserveCapacity(entries.count + records)
    }

    /// Stores `envelope` written at `expected`: an update keeps the record's sequence and moves its
    /// index keys; an insert takes `sequence`, joins the order and index lists and continues from the
    /// tombstone. Returns the stored envelope and whether it was inserted.
    mutating func put(_ envelope: RecordEnvelope, expected: UInt64, sequence: UInt64) -> (RecordEnvelope, Bool) {
        var envelope = envelope
        if let position = entries.index(forKey: envelope.id) {
            envelope.version = expected &+ 1 // validated: expected is the current version
            let entry = entries.values[position]
            let old = entry.envelope
            entries.values[position].envelope = envelope
            if old.indexKeys != envelope.indexKeys {
                Self.forEachDistinct(old.indexKeys) { key in
                    if !envelope.indexKeys.contains(key) { leave(index: key) }
                }
                Self.forEachDistinct(envelope.indexKeys) { key in
                    if !old.indexKeys.contains(key) { join(index: key, sequence: entry.sequence, id: envelope.id) }
                }
            }
            return (envelope, false)
        }
        let last = tombstones.isEmpty ? nil : tombstones.removeValue(forKey: envelope.id)
        envelope.version = (expected == 0 ? last ?? 0 : expected) &+ 1
        entries[envelope.id] = RecordTable.Entry(envelope: envelope, sequence: sequence)
        order.add(sequence: sequence, id: envelope.id)
        Self.forEachDistinct(envelope.indexKeys) { key in join(index: key, sequence: sequence, id: envelope.id) }
        return (envelope, true)
    }

    /// Deletes the record `id`, leaving its last version as a tombstone; whether it existed.
    mutating func delete(_ id: String) -> Bool {
        guard let entry = entries.removeValue(forKey: id) else { return false }
        tombstones[id] = entry.envelope.version
        if order.markStale() {
            let entries = self.entries
            order.prune { entries[$0.id]?.sequence == $0.sequence }
        }
        Self.forEachDistinct(entry.envelope.indexKeys) { leave(index: $0) }
        return true
    }

    /// A record at `sequence` took `key`: add it to the key's list (and a new key to the key order).
    private mutating func join(index key: String, sequence: UInt64, id: String) {
        if let position = index.index(forKey: key) {
            index.values[position].add(sequence: sequence, id: id)
        } else {
            var list = SequenceList()
            list.add(sequence: sequence, id: id)
            index[key] = list
            keyOrder.insert(key)
        }
    }

    /// One holder of `key` left it: drop the list once nobody holds the key, prune it when mostly stale.
    private mutating func leave(index key: String) {
        guard let position = index.index(forKey: key) else { return }
        let mustPrune = index.values[position].markStale()
        if index.values[position].liveCount == 0 {
            index.remove(at: position)
            keyOrder.remove(key)
        } else if mustPrune {
            var list = index.remove(at: position).value
            list.prune { live($0, indexKey: key) != nil }
            index[key] = list
        }
    }

    private static func forEachDistinct(_ keys: [String], _ body: (String) -> Void) {
        for position in keys.indices where !keys[..<position].contains(keys[position]) { body(keys[position]) }
    }
}
