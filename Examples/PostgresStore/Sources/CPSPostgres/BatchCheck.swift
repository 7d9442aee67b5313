import CPSKit

/// The validation of a ``WriteBatch`` against the rows a transaction has locked (R-ADP-1): the same
/// rules, in the same order, as CPSKit's `RecordTable.validate`, so that a batch with several problems
/// fails with the same error on PostgreSQL as in memory.
///
/// In write order: a record written twice is `invalidBatch`; an expected version that is not the
/// current one is `conflict`; a unique key claimed by two records of the batch is `uniqueKeyTaken`.
/// Then every claimed key held by a record the batch does not write is `uniqueKeyTaken`.
struct BatchCheck {
    /// A record's identity.
    struct Key: Hashable, Sendable, Comparable {
        let kind: String
        let id: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
    }

    /// The current version of every record the batch writes (absent: no record, version 0).
    var versions: [Key: UInt64]
    /// The current holder of every unique key the batch claims (absent: free).
    var owners: [String: Key]

    /// Throws the error the in-memory store would report for `batch`, or returns.
    func validate(_ batch: WriteBatch) throws(StorageError) {
        var written = Set<Key>()
        var claims: [(key: String, claimant: Key)] = []
        var claimants: [String: Key] = [:]
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
            guard written.insert(key).inserted else {
                throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                                   detail: "the batch writes \(key.kind) \(key.id) twice")
            }
            let current = versions[key] ?? 0
            guard current == write.expectedVersion else {
                throw StorageError.conflict(kind: key.kind, id: key.id, expected: write.expectedVersion, actual: current)
            }
            if case .put(let envelope, _) = write {
                for unique in envelope.uniqueKeys {
                    if let other = claimants[unique] {
                        if other != key { throw StorageError.uniqueKeyTaken(unique, heldBy: other.kind, id: other.id) }
                        continue
                    }
                    claimants[unique] = key
                    claims.append((unique, key))
                }
            }
        }
        for (unique, claimant) in claims {
            // A key held by a record this batch writes is released by that write.
            if let owner = owners[unique], owner != claimant, !written.contains(owner) {
                throw StorageError.uniqueKeyTaken(unique, heldBy: owner.kind, id: owner.id)
            }
        }
    }

    /// Every record `batch` writes, in lock order (sorted), without repeats.
    static func lockOrder(of batch: WriteBatch) -> [Key] {
        Array(Set(batch.writes.map { Key(kind: $0.kind, id: $0.id) })).sorted()
    }

    /// Every unique key the `put` writes of `batch` claim, without repeats, sorted.
    static func claimedKeys(of batch: WriteBatch) -> [String] {
        var keys = Set<String>()
        for case .put(let envelope, _) in batch.writes { keys.formUnion(envelope.uniqueKeys) }
        return keys.sorted()
    }
}
