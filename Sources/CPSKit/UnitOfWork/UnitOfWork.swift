import Foundation

/// One attempt of one state-changing service call (R-UOW-1): every read goes through it and is
/// remembered with its version; writes, the audit entry and the mails are collected; ``commit()``
/// writes them as one batch that also **checks** every record read and not written. A concurrent
/// change to anything the decision rested on fails the batch with a conflict, and
/// ``CPSContext/transact(_:as:_:)`` runs the whole unit again from fresh reads.
///
/// Rules for code inside a unit:
/// - Read only through the unit (``fetch(_:id:)``, ``fetchAll(_:indexKey:)``, ``fetch(_:holding:)``).
/// - A decision that rests on an absence, a count or a sum reads a versioned aggregate
///   (``PointsBalance``, a counter, the invoice itself) or relies on a unique key — never only on an
///   index query, whose *membership* is not checked (only the versions of the records it returned).
/// - Never call an outside system (payment gateway, identity adapter, mail transport): a job claims
///   in one unit, calls outside, and records in another.
///
/// Internal: services get a unit from ``CPSContext/transact(_:as:_:)`` or ``CPSContext/read(as:_:)``.
final class UnitOfWork {
    struct Key: Hashable {
        let kind: String
        let id: String
    }

    let context: CPSContext
    /// Who acts.
    let principal: Principal
    /// The instant of this attempt: every timestamp the unit writes.
    let now: Date
    /// The operation's name, for events and errors.
    let operation: String

    private var reads: [Key: UInt64] = [:]
    private var readOrder: [Key] = []
    private var writes: [RecordWrite] = []
    private var written: Set<Key> = []
    private var pendingAudits: [PendingAudit] = []
    /// The membership-number values this attempt leased (R-MEM-2): given back when it writes nothing.
    private(set) var leasedMembershipSequences: [Int] = []

    /// An audit entry waiting for its link (R-GDPR-3): chained at commit, after every other write.
    private struct PendingAudit {
        let id: String
        let subject: String
        let action: String
        let reason: String?
        let details: [String: String]
    }

    init(context: CPSContext, principal: Principal, operation: String) {
        self.context = context
        self.principal = principal
        self.operation = operation
        now = context.time.now()
    }

    var policy: CPSPolicy { context.policy }
    var today: CalendarDay { CalendarDay(now, in: context.policy.timeZone) }

    // MARK: - Reads

    /// The record of `R` with `id`, remembered with its version (0 when absent) for the commit's check.
    func fetch<R: StoredRecord>(_ type: R.Type, id: R.ID) async throws -> Stored<R>? {
        let stored = try await context.store.fetch(R.self, id: id)
        try remember(Key(kind: R.kind, id: id.description), version: stored?.version ?? 0)
        return stored
    }

    /// The records of `R` holding `indexKey`, each remembered with its version. That no *other* record
    /// holds the key is not checked: guard such decisions with an aggregate or a unique key.
    func fetchAll<R: StoredRecord>(_ type: R.Type, indexKey: IndexKey<R>? = nil) async throws -> [Stored<R>] {
        let all = try await context.store.fetchAll(R.self, indexKey: indexKey)
        for stored in all { try remember(Key(kind: R.kind, id: stored.record.id.description), version: stored.version) }
        return all
    }

    /// The record of `R` holding `uniqueKey`, remembered with its version. An absent holder is not
    /// checked by itself: inserting a record with that unique key is what guards the absence.
    func fetch<R: StoredRecord>(_ type: R.Type, holding uniqueKey: String) async throws -> Stored<R>? {
        guard let envelope = try await holder(of: uniqueKey), envelope.kind == R.kind else { return nil }
        return try RecordCoder.decode(R.self, from: envelope)
    }

    /// The raw holder of `uniqueKey`, of any kind, remembered with its version.
    func holder(of uniqueKey: String) async throws -> RecordEnvelope? {
        guard let envelope = try await context.store.record(holding: uniqueKey) else { return nil }
        try remember(Key(kind: envelope.kind, id: envelope.id), version: envelope.version)
        return envelope
    }

    /// A record read twice at two versions means it changed under this attempt: fail it now.
    private func remember(_ key: Key, version: UInt64) throws(StorageError) {
        if let seen = reads[key] {
            guard seen == version else {
                throw StorageError.conflict(kind: key.kind, id: key.id, expected: seen, actual: version)
            }
            return
        }
        reads[key] = version
        readOrder.append(key)
    }

    /// A membership-number sequence value for this attempt (R-MEM-2): a free one of the context's
    /// reservations, or the first of a new block.
    func leaseMembershipSequence() async throws -> Int {
        let sequence: Int
        if let free = context.membershipNumbers.lease() {
            sequence = free
        } else {
            sequence = try await context.reserveMembershipNumbers(as: principal)
        }
        leasedMembershipSequences.append(sequence)
        return sequence
    }

    // MARK: - Writes

    /// Inserts a new record (its ID must be unused when the unit commits).
    func insert<R: StoredRecord>(_ record: R) throws(StorageError) {
        try add(.put(try RecordCoder.envelope(record, version: 1, codec: context.store.payloadCodec), expectedVersion: 0))
    }

    /// Replaces `stored`'s record, expecting the version it was read at.
    func update<R: StoredRecord>(_ stored: Stored<R>) throws(StorageError) {
        try add(.put(try RecordCoder.envelope(stored.record, version: stored.version + 1, codec: context.store.payloadCodec),
                     expectedVersion: stored.version))
    }

    /// Inserts `record` when `stored` is `nil`, else updates `stored` with `record`'s value.
    func save<R: StoredRecord>(_ record: R, over stored: Stored<R>?) throws(StorageError) {
        if let stored { try update(Stored(record: record, version: stored.version)) } else { try insert(record) }
    }

    /// Deletes `stored`'s record, expecting the version it was read at.
    func delete<R: StoredRecord>(_ stored: Stored<R>) throws(StorageError) {
        try add(.delete(kind: R.kind, id: stored.record.id.description, expectedVersion: stored.version))
    }

    private func add(_ write: RecordWrite) throws(StorageError) {
        let key = Key(kind: write.kind, id: write.id)
        guard written.insert(key).inserted else {
            throw StorageError(.invalidBatch, kind: key.kind, subject: key.id,
                               detail: "\(operation) writes \(key.kind) \(key.id) twice")
        }
        writes.append(write)
    }

    /// The one audit helper (R-VAL-1, R-UOW-1): an entry about `subject` by this unit's principal, now.
    /// `subject` is a record's ID (typed or not) — a real subject, never a shared catch-all: it names
    /// the chain (R-GDPR-3). The entry is linked into its subject's chain at ``commit()``.
    func audit(_ subject: some LosslessStringConvertible, _ action: String, reason: String? = nil,
               details: [String: String] = [:]) throws {
        pendingAudits.append(PendingAudit(id: context.ids.next("audit"), subject: subject.description, action: action,
                                          reason: reason, details: details))
    }

    /// Links the pending audit entries into their subjects' chains (R-GDPR-3): reads each subject's
    /// ``AuditChainHead`` through the unit, appends the entries after it and writes the head again,
    /// keyed with the host key — all in this unit's batch. Two units auditing the same subject both
    /// write its head at the version they read, so one of them conflicts and runs again on the new
    /// head: a chain never forks.
    private func linkAudits() async throws(StorageError) {
        guard !pendingAudits.isEmpty else { return }
        var order: [String] = []
        var bySubject: [String: [PendingAudit]] = [:]
        for pending in pendingAudits {
            if bySubject[pending.subject] == nil { order.append(pending.subject) }
            bySubject[pending.subject, default: []].append(pending)
        }
        pendingAudits = []
        for subject in order {
            let head = try await context.store.fetch(AuditChainHead.self, id: subject)
            try remember(Key(kind: AuditChainHead.kind, id: subject), version: head?.version ?? 0)
            var sequence = head?.record.sequence ?? 0
            var previous = head?.record.lastHash ?? AuditEntry.genesisHash
            for pending in bySubject[subject] ?? [] {
                sequence += 1
                let entry = AuditEntry(id: pending.id, subject: subject, sequence: sequence, previousHash: previous,
                                       action: pending.action, actor: principal, at: now,
                                       salt: context.random.bytes(AuditChain.saltLength),
                                       reason: pending.reason, details: pending.details)
                try insert(entry)
                previous = entry.hash
            }
            try save(AuditChain.head(subject: subject, sequence: sequence, lastHash: previous, keys: context.tokenKeys),
                     over: head)
        }
    }

    /// Whether the unit has anything to write.
    var hasWrites: Bool { !writes.isEmpty || !pendingAudits.isEmpty }

    // MARK: - Commit

    /// What a commit wrote and checked.
    struct Committed {
        /// The stored envelopes of the writes.
        let envelopes: [RecordEnvelope]
        /// How many records were written.
        let writes: Int
        /// How many records read and not written were checked.
        let checks: Int
    }

    /// Commits the writes, then a check of every record read and not written (in reading order), as
    /// one batch — nothing when the unit wrote nothing: a unit that only read changes nothing and
    /// needs no check. `nil` when there was nothing to commit.
    func commit() async throws(StorageError) -> Committed? {
        guard hasWrites else { return nil }
        try await linkAudits()
        var batch = WriteBatch(writes)
        for key in readOrder where !written.contains(key) {
            batch.append(.check(kind: key.kind, id: key.id, expectedVersion: reads[key] ?? 0))
        }
        let envelopes = try await context.store.commit(batch)
        return Committed(envelopes: envelopes, writes: writes.count, checks: batch.writes.count - writes.count)
    }
}
