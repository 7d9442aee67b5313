import CPSKit

/// The validation of a ``WriteBatch`` against the rows a transaction has locked (R-ADP-1, R-UOW-1): the
/// same rules, in the same order, as CPSKit's `RecordTable.validate`, so that a batch with several
/// problems fails with the same error on PostgreSQL as in memory. Keep the two in step.
///
/// 1. The batch's shape, in write order, whatever is stored: a record written (`put`, `delete`) twice,
///    or named by two writes or checks at different expected versions, is `invalidBatch`.
/// 2. In write order: an expected version (of a write or a check) that is not the record's live version
///    (0: no live row) is `conflict`; a unique key claimed by two records of the batch is
///    `uniqueKeyTaken`.
/// 3. Every claimed key held by a record the batch does not write is `uniqueKeyTaken`.
struct BatchCheck {
    /// A record's identity.
    struct Key: Hashable, Sendable, Comparable {
        let kind: String
        let id: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
    }

    /// How a transaction locks a record's row: exclusively when the batch writes it, shared when it only
    /// checks it (R-UOW-1: a check holds the row still until `COMMIT`, and checks of one row do not
    /// wait for each other).
    enum LockMode: Sendable, Equatable {
        case update
        case share
    }

    /// The current version of every record the batch names (absent: no live record, version 0).
    var versions: [Key: UInt64]
    /// The current holder of every unique key the batch claims (absent: free).
    var owners: [String: Key]

    /// Throws the error the in-memory store would report for `batch`, or returns.
    func validate(_ batch: WriteBatch) throws(StorageError) {
        var written = Set<Key>()
        var expected: [Key: UInt64] = [:]
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
        var claims: [(key: String, claimant: Key)] = []
        var claimants: [String: Key] = [:]
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
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

    /// Every record `batch` names, in lock order (sorted), without repeats, each with its lock mode: a
    /// record the batch writes (and perhaps also checks) is locked for update, one it only checks for
    /// share. Consecutive records of one mode form one statement; the order stays global, so two
    /// transactions never deadlock on each other's rows.
    static func lockOrder(of batch: WriteBatch) -> [(mode: LockMode, keys: [Key])] {
        var modes: [Key: LockMode] = [:]
        for write in batch.writes {
            let key = Key(kind: write.kind, id: write.id)
            if write.changesState { modes[key] = .update } else if modes[key] == nil { modes[key] = .share }
        }
        var runs: [(mode: LockMode, keys: [Key])] = []
        for key in modes.keys.sorted() {
            let mode = modes[key] ?? .update
            if runs.last?.mode == mode { runs[runs.count - 1].keys.append(key) } else { runs.append((mode, [key])) }
        }
        return runs
    }

    /// The transaction-scoped advisory locks (sorted, without repeats) that serialize absence: every
    /// record the batch inserts (`put` expecting 0) or checks to be absent. A row lock cannot hold a
    /// row that does not exist, so without these two batches could each see the other's key absent
    /// and both commit (R-UOW-1). A lock is a 64-bit FNV-1a hash of the schema, kind and ID, the same
    /// in every process; a collision only makes two batches wait for each other.
    static func absenceLocks(of batch: WriteBatch, schema: String) -> [Int64] {
        var locks = Set<Int64>()
        for write in batch.writes where write.expectedVersion == 0 {
            switch write {
            case .put, .check: locks.insert(absenceLock(schema: schema, kind: write.kind, id: write.id))
            case .delete: continue
            }
        }
        return locks.sorted()
    }

    /// The advisory lock of the absence of `kind`/`id` in `schema`.
    static func absenceLock(schema: String, kind: String, id: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in ["cpskit.absence", schema, kind, id] {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0x1F // separates the parts
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Every unique key the `put` writes of `batch` claim, without repeats, sorted.
    static func claimedKeys(of batch: WriteBatch) -> [String] {
        var keys = Set<String>()
        for case .put(let envelope, _) in batch.writes { keys.formUnion(envelope.uniqueKeys) }
        return keys.sorted()
    }
}
