import CPSKit
import Foundation

/// The tamper-evidence suite every ``RecordStore`` passes (R-GDPR-3): one call, from any test
/// framework, like ``StorageConformance``.
///
/// ```swift
/// try await AuditChainConformance.run(makeStore: { MyStore(...) })
/// ```
///
/// Each rule writes a real chain through the services (an application created, three documents
/// added, submitted: five entries about the application) into a fresh store from `makeStore`, then
/// tampers with the stored records directly, as someone with access to the database would, and
/// expects ``AuditService/verify(_:as:)`` and ``AuditService/verifyAll(as:)`` to report the right
/// first break: an edited entry, an edited reason or fact, an entry deleted in the middle, the tail
/// deleted (with the head left, or rewritten without the host key), two entries reordered, the head
/// deleted. An erased personal part still verifies, and two writers auditing the same subject at
/// once leave one unforked chain. The first broken rule throws a ``ConformanceFailure``.
public enum AuditChainConformance {
    /// Runs every rule; throws the first ``ConformanceFailure``.
    public static func run(makeStore: @escaping @Sendable () async throws -> any RecordStore) async throws {
        try await intact(makeStore())
        try await editedEntry(makeStore())
        try await editedPersonalPart(makeStore())
        try await deletedInTheMiddle(makeStore())
        try await deletedTail(makeStore())
        try await forgedHead(makeStore())
        try await deletedHead(makeStore())
        try await reordered(makeStore())
        try await erased(makeStore())
        try await concurrentWriters(makeStore())
    }

    // MARK: - Rules

    static func intact(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: a chain written through the services verifies, alone and with every other"
        let (env, subject) = try await chain(in: store)
        let report = try await verify(env, subject)
        try expect(report.isIntact && report.entries == 5, rule, "\(report)")
        let entries = try await env.store.auditTrail(of: subject).sorted { $0.sequence < $1.sequence }
        try expect(entries.map(\.sequence) == [1, 2, 3, 4, 5], rule, "sequences \(entries.map(\.sequence))")
        try expect(entries.first?.previousHash == AuditEntry.genesisHash, rule, "the first link is not the genesis hash")
        let all = try await env.services.audit.verifyAll(as: TestEnvironment.reviewer)
        try expect(all.isIntact && all.chains.contains { $0.subject == subject }, rule, "verifyAll: \(all.broken)")
    }

    static func editedEntry(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: an edited entry in the middle breaks the link of the entry after it"
        let (env, subject) = try await chain(in: store)
        try await tamper(env, subject, sequence: 3) { $0["action"] = "application.approved" }
        try await expectBreak(env, subject, .linkMismatch, position: 4, rule)
    }

    static func editedPersonalPart(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: an edited fact of an entry breaks its commitment"
        let (env, subject) = try await chain(in: store)
        try await tamper(env, subject, sequence: 2) { json in
            guard var personal = json["personal"] as? [String: Any] else { return }
            personal["details"] = ["document": "document-99"]
            json["personal"] = personal
        }
        try await expectBreak(env, subject, .commitmentMismatch, position: 2, rule)
    }

    static func deletedInTheMiddle(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: an entry deleted in the middle breaks the sequence at its place"
        let (env, subject) = try await chain(in: store)
        try await delete(env, subject, sequences: [3])
        try await expectBreak(env, subject, .sequenceMismatch, position: 3, rule)
    }

    static func deletedTail(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: the last entries deleted leave the keyed head pointing past the chain's end"
        let (env, subject) = try await chain(in: store)
        try await delete(env, subject, sequences: [4, 5])
        try await expectBreak(env, subject, .headMismatch, position: 3, rule)
    }

    static func forgedHead(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: the tail deleted and the head rewritten to match, without the host key, is caught by the head's HMAC"
        let (env, subject) = try await chain(in: store)
        try await delete(env, subject, sequences: [5])
        let fourth = try await entries(env, subject).first { $0.sequence == 4 }
        guard let fourth, let head = try await env.store.record(kind: AuditChainHead.kind, id: subject) else {
            throw ConformanceFailure(rule: rule, detail: "no fourth entry or no head")
        }
        try await rewrite(env.store, head) { json in
            json["sequence"] = 4
            json["lastHash"] = fourth.hash
            json["mac"] = String(repeating: "ab", count: 32)
        }
        try await expectBreak(env, subject, .headForged, position: 4, rule)
    }

    static func deletedHead(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: a deleted head is reported"
        let (env, subject) = try await chain(in: store)
        guard let head = try await env.store.record(kind: AuditChainHead.kind, id: subject) else {
            throw ConformanceFailure(rule: rule, detail: "no head for \(subject)")
        }
        _ = try await env.store.commit(WriteBatch([.delete(kind: head.kind, id: head.id, expectedVersion: head.version)]))
        try await expectBreak(env, subject, .headMissing, position: 5, rule)
    }

    static func reordered(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3: two entries swapped (their sequences exchanged) break the chain at the first of them"
        let (env, subject) = try await chain(in: store)
        try await tamper(env, subject, sequence: 2) { $0["sequence"] = 3 }
        try await tamper(env, subject, sequence: 3, skipping: 1) { $0["sequence"] = 2 }
        try await expectBreak(env, subject, .linkMismatch, position: 2, rule)
    }

    static func erased(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-2/R-GDPR-3: an entry whose personal part was erased (salt and facts gone) still verifies"
        let (env, subject) = try await chain(in: store)
        for sequence in [2, 5] {
            try await tamper(env, subject, sequence: sequence) { $0.removeValue(forKey: "personal") }
        }
        let report = try await verify(env, subject)
        try expect(report.isIntact, rule, "\(report)")
        let erased = try await entries(env, subject).filter(\.isErased).map(\.sequence).sorted()
        try expect(erased == [2, 5], rule, "erased entries \(erased)")
    }

    static func concurrentWriters(_ store: any RecordStore) async throws {
        let rule = "R-GDPR-3/R-UOW-1: two writers auditing the same subject at once conflict and retry: one chain, no fork"
        let barrier = CommitBarrierStore(store) { batch in batch.writes.contains { $0.kind == AuditChainHead.kind } }
        let (env, subject) = try await chain(in: barrier, documents: 0, submit: false)
        barrier.arm()
        let applicant = Principal.applicant(try EmailAddress(Fixtures.swedishForm.contactEmail))
        let id = BusinessAccountApplication.ID(subject)
        async let first = env.onboarding.addEvidence(to: id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: applicant)
        async let second = env.onboarding.addEvidence(to: id, kind: .companyInvoice, fileName: "b.pdf", bytes: Fixtures.pdf, as: applicant)
        _ = try await (first, second)
        let report = try await verify(env, subject)
        let sequences = try await entries(env, subject).map(\.sequence).sorted()
        try expect(report.isIntact && sequences == [1, 2, 3], rule, "\(report), sequences \(sequences)")
    }

    // MARK: - Helpers

    /// An application with `documents` evidence files, submitted: its audit chain.
    static func chain(in store: any RecordStore, documents: Int = 3, submit: Bool = true) async throws -> (TestEnvironment, String) {
        let env = TestEnvironment(store: store)
        let form = Fixtures.swedishForm
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await env.onboarding.createApplication(form, as: applicant)
        for number in 0..<documents {
            _ = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "evidence-\(number).pdf",
                                                     bytes: Fixtures.pdf, as: applicant)
        }
        if submit { _ = try await env.onboarding.submit(application.id, as: applicant) }
        return (env, application.id.rawValue)
    }

    static func verify(_ env: TestEnvironment, _ subject: String) async throws -> AuditChainReport {
        try await env.services.audit.verify(subject, as: TestEnvironment.reviewer)
    }

    static func entries(_ env: TestEnvironment, _ subject: String) async throws -> [AuditEntry] {
        try await env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.subject == subject }
    }

    static func expectBreak(_ env: TestEnvironment, _ subject: String, _ reason: AuditChainBreak.Reason, position: Int,
                            _ rule: String) async throws {
        let report = try await verify(env, subject)
        try expect(report.firstBreak?.reason == reason && report.firstBreak?.position == position, rule,
                   "expected \(reason) at \(position), the verifier reported \(String(describing: report.firstBreak))")
        let all = try await env.services.audit.verifyAll(as: TestEnvironment.reviewer)
        try expect(all.broken.map(\.subject) == [subject], rule, "verifyAll reported \(all.broken.map(\.subject)) broken")
    }

    /// Rewrites the stored payload (JSON or binary) of `subject`'s entry at `sequence` (the `skipping`-th match).
    static func tamper(_ env: TestEnvironment, _ subject: String, sequence: Int, skipping: Int = 0,
                       _ change: (inout [String: Any]) -> Void) async throws {
        let matching = try await env.store.records(AuditEntry.bySubject(subject)).filter { envelope in
            (try? PayloadCodec.foundationObject(of: envelope.payload) as? [String: Any])?["sequence"] as? Int == sequence
        }
        guard matching.count > skipping else {
            throw ConformanceFailure(rule: "R-GDPR-3", detail: "no audit entry \(sequence) of \(subject) to tamper with")
        }
        try await rewrite(env.store, matching[skipping], change)
    }

    static func rewrite(_ store: any RecordStore, _ envelope: RecordEnvelope, _ change: (inout [String: Any]) -> Void) async throws {
        guard (try? PayloadCodec.foundationObject(of: envelope.payload)) is [String: Any] else {
            throw ConformanceFailure(rule: "R-GDPR-3", detail: "\(envelope.kind) \(envelope.id) is not a keyed value")
        }
        let payload = try PayloadCodec.edited(envelope.payload, change)
        let changed = RecordEnvelope(kind: envelope.kind, id: envelope.id, version: envelope.version, payload: payload,
                                     uniqueKeys: envelope.uniqueKeys, indexKeys: envelope.indexKeys)
        _ = try await store.commit(WriteBatch([.put(changed, expectedVersion: envelope.version)]))
    }

    static func delete(_ env: TestEnvironment, _ subject: String, sequences: Set<Int>) async throws {
        let doomed = try await env.store.fetchAll(AuditEntry.self).filter { $0.record.subject == subject && sequences.contains($0.record.sequence) }
        _ = try await env.store.commit(WriteBatch(doomed.map { .delete(kind: AuditEntry.kind, id: $0.record.id, expectedVersion: $0.version) }))
    }

    static func expect(_ condition: Bool, _ rule: String, _ detail: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(rule: rule, detail: detail()) }
    }
}
