/// Reading the audit trail (R-VAL-1, R-ID-4): every transition with who, when and why, for a reviewer
/// or the host (a ``Principal/system(_:)``). The one public way to it: the store's own reader is
/// internal to the package, so no read escapes the authorisation table.
///
/// The trail is tamper-evident (R-GDPR-3): ``verify(_:as:)`` and ``verifyAll(as:)`` check each
/// subject's chain of hashes and its keyed head, and report the first broken link.
public struct AuditService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The audit entries about `subject` (an application, account, user or reviewer ID), oldest first.
    public func trail(of subject: some LosslessStringConvertible & Sendable, as principal: Principal) async throws -> [AuditEntry] {
        try await context.read("audit.trail", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            return try await context.store.auditTrail(of: subject)
        }
    }

    /// Verifies `subject`'s audit chain (R-GDPR-3): every entry's sequence, its link to the entry
    /// before, its personal part against its commitment, and the keyed head against the last entry.
    /// A subject without entries and without a head is an intact empty chain.
    public func verify(_ subject: some LosslessStringConvertible & Sendable, as principal: Principal) async throws -> AuditChainReport {
        try await context.read("audit.verify", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            let entries = try await context.store.auditTrail(of: subject)
            let head = try await context.store.fetch(AuditChainHead.self, id: subject.description)?.record
            if entries.isEmpty && head == nil { return AuditChainReport(subject: subject.description, entries: 0, firstBreak: nil) }
            return AuditChain.verify(subject: subject.description, entries: entries, head: head, keys: context.tokenKeys)
        }
    }

    /// Verifies every audit chain in the store (R-GDPR-3): each subject with entries or a head, in
    /// subject order.
    public func verifyAll(as principal: Principal) async throws -> AuditVerification {
        try await context.read("audit.verifyAll", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            var entries: [String: [AuditEntry]] = [:]
            for stored in try await context.store.fetchAll(AuditEntry.self) { entries[stored.record.subject, default: []].append(stored.record) }
            var heads: [String: AuditChainHead] = [:]
            for stored in try await context.store.fetchAll(AuditChainHead.self) { heads[stored.record.id] = stored.record }
            let subjects = Set(entries.keys).union(heads.keys).sorted()
            return AuditVerification(chains: subjects.map { subject in
                AuditChain.verify(subject: subject, entries: entries[subject] ?? [], head: heads[subject], keys: context.tokenKeys)
            })
        }
    }
}
