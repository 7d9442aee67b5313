@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Tamper-evident audit (R-GDPR-3)")
struct AuditChainTests {
    @Test("R-GDPR-3: AuditChainConformance passes on the in-memory store")
    func inMemory() async throws {
        try await AuditChainConformance.run(makeStore: { InMemoryRecordStore() })
    }

    @Test("R-GDPR-3: AuditChainConformance passes on the file store")
    func fileStore() async throws {
        try await AuditChainConformance.run(makeStore: { try await FileRecordStore.open(directory: makeTemporaryDirectory("audit")) })
    }

    @Test("R-GDPR-3: a chain written to the file store verifies after reopening and compaction")
    func fileStoreReopened() async throws {
        let directory = makeTemporaryDirectory("audit-reopen")
        let store = try await FileRecordStore.open(directory: directory)
        try await SampleJourney.run(in: TestEnvironment(store: store))
        try await store.compact()
        await store.close()
        let reopened = TestEnvironment(store: try await FileRecordStore.open(directory: directory))
        let verification = try await reopened.services.audit.verifyAll(as: TestEnvironment.reviewer)
        #expect(verification.isIntact, "\(verification.broken)")
        #expect(verification.chains.count > 5)
    }

    @Test("R-GDPR-3: the whole sample journey leaves only intact chains, each of a real subject")
    func journeyChains() async throws {
        let env = TestEnvironment()
        try await SampleJourney.run(in: env)
        let verification = try await env.services.audit.verifyAll(as: .system("audit-check"))
        #expect(verification.isIntact, "\(verification.broken)")
        let heads = try await env.store.fetchAll(AuditChainHead.self).map(\.record)
        #expect(Set(heads.map(\.id)) == Set(verification.chains.map(\.subject)))
        for head in heads { #expect(head.id.contains("-"), "\(head.id) is not a record ID") }
    }

    @Test("R-GDPR-3/R-UOW-1: two units auditing the same subject at once: one conflicts and retries, the chain does not fork")
    func concurrentUnits() async throws {
        let barrier = CommitBarrierStore(InMemoryRecordStore()) { batch in batch.writes.contains { $0.kind == AuditChainHead.kind } }
        let env = TestEnvironment(store: barrier)
        try await env.context.transact("test.first", as: .system("test")) { unit in try unit.audit("subject-1", "test.first") }
        barrier.arm()
        async let first: Void = env.context.transact("test.a", as: .system("test")) { unit in try unit.audit("subject-1", "test.a") }
        async let second: Void = env.context.transact("test.b", as: .system("test")) { unit in try unit.audit("subject-1", "test.b") }
        _ = try await (first, second)
        let report = try await env.services.audit.verify("subject-1", as: TestEnvironment.reviewer)
        #expect(report.isIntact && report.entries == 3, "\(report)")
        let entries = try await env.store.auditTrail(of: "subject-1").sorted { $0.sequence < $1.sequence }
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(Set(entries.dropFirst().map(\.action)) == ["test.a", "test.b"])
        #expect(env.events.events.contains { if case .unitRetried = $0 { true } else { false } })
    }

    @Test("R-GDPR-3: several entries about one subject in one unit link in order; one head per subject")
    func severalInOneUnit() async throws {
        let env = TestEnvironment()
        try await env.context.transact("test.many", as: .system("test")) { unit in
            try unit.audit("subject-1", "test.a")
            try unit.audit("subject-2", "test.b")
            try unit.audit("subject-1", "test.c", reason: "why", details: ["k": "v"])
        }
        let one = try await env.store.auditTrail(of: "subject-1").sorted { $0.sequence < $1.sequence }
        #expect(one.map(\.action) == ["test.a", "test.c"])
        #expect(one[1].previousHash == one[0].hash)
        let head = try #require(try await env.store.fetch(AuditChainHead.self, id: "subject-1")?.record)
        #expect(head.sequence == 2 && head.lastHash == one[1].hash && head.keyID == env.tokenKeys.currentKeyID)
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-GDPR-3: the canonical form does not depend on the storage encoding; the commitment is salted")
    func canonicalForm() throws {
        let entry = AuditEntry(id: "audit-1", subject: "application-1", sequence: 1, previousHash: AuditEntry.genesisHash,
                               action: "application.created", actor: .system("test"), at: Date(timeIntervalSince1970: 1_790_000_000.1234),
                               salt: Array(repeating: 1, count: 16), reason: "r", details: ["a": "1", "b": "2"])
        let json = try RecordCoder.encode(entry)
        let decoded = try RecordCoder.decoder().decode(AuditEntry.self, from: json)
        #expect(decoded.hash == entry.hash && decoded == entry)
        // Reordering the JSON's keys changes nothing: the hash is over the fields, not the bytes.
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let unsorted = try JSONSerialization.data(withJSONObject: object, options: [])
        #expect(try RecordCoder.decoder().decode(AuditEntry.self, from: unsorted).hash == entry.hash)
        let otherSalt = AuditEntry(id: "audit-1", subject: "application-1", sequence: 1, previousHash: AuditEntry.genesisHash,
                                   action: "application.created", actor: .system("test"), at: entry.at,
                                   salt: Array(repeating: 2, count: 16), reason: "r", details: ["a": "1", "b": "2"])
        #expect(otherSalt.commitment != entry.commitment)
        let erased = entry.erasingPersonalPart()
        #expect(erased.hash == entry.hash && erased.reason == nil && erased.details.isEmpty && erased.personalPartMatches)
        // No field can shift into its neighbour.
        #expect(AuditCanonical.fields(["ab", "c"]) != AuditCanonical.fields(["a", "bc"]))
    }

    @Test("R-GDPR-3: an entry written before the chain existed decodes and is reported as unchained")
    func legacyEntry() throws {
        let json = Data(#"{"action":"application.created","actor":"system:x","at":1790000000,"details":{"a":"1"},"id":"audit-1","reason":"r","subject":"application-1"}"#.utf8)
        let entry = try RecordCoder.decoder().decode(AuditEntry.self, from: json)
        #expect(entry.sequence == 0 && entry.reason == "r" && entry.details == ["a": "1"])
        let report = AuditChain.verify(subject: "application-1", entries: [entry], head: nil, keys: .generated())
        #expect(report.firstBreak?.reason == .unchained)
    }

    @Test("R-GDPR-3: a head keyed with a key no longer listed is reported; a previous key still verifies")
    func headKeys() async throws {
        let old = TokenKeys.generated(seed: 1, keyID: "k1")
        let env = TestEnvironment(tokenKeys: old)
        try await env.context.transact("test.a", as: .system("test")) { unit in try unit.audit("subject-1", "test.a") }
        let entries = try await env.store.auditTrail(of: "subject-1")
        let head = try await env.store.fetch(AuditChainHead.self, id: "subject-1")?.record
        let other = TokenKeys.generated(seed: 2, keyID: "k2")
        #expect(AuditChain.verify(subject: "subject-1", entries: entries, head: head, keys: other).firstBreak?.reason == .headKeyUnknown)
        let forged = TokenKeys.generated(seed: 2, keyID: "k1")
        #expect(AuditChain.verify(subject: "subject-1", entries: entries, head: head, keys: forged).firstBreak?.reason == .headForged)
        #expect(AuditChain.verify(subject: "subject-1", entries: entries, head: head, keys: old).isIntact)
    }
}
