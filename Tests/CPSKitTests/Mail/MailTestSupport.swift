import CPSKit
import CPSKitTesting
import Foundation

/// Shared fixtures for the mail tests (R-ADP-2).
enum MailFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_766_400) // 2026-11-27 08:00 UTC

    static func message(_ n: Int, date: Date = start) throws -> MailMessage {
        MailMessage(
            messageID: "<outbox-\(n)@canon-europe.com>",
            from: MailAddress(try EmailAddress("donotreply@canon-europe.com"), name: "Canon"),
            to: [MailAddress(try EmailAddress("kund\(n)@example.se"), name: "Kund \(n) Åström")],
            subject: "Din ansökan \(n) är mottagen",
            body: "Hej!\n\nVi har tagit emot ansökan \(n).\n",
            language: .swedish, template: "test.received", facts: ["n": "\(n)"], date: date)
    }

    /// A context over `store` on `clock` (the dispatcher takes the context, R-ADP-2).
    static func context(_ store: any RecordStore, _ clock: TestClock) throws -> CPSContext {
        try CPSContext(store: store, identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated(), time: clock.source)
    }

    /// A store whose outbox holds mails 1…`count`, inserted in order.
    static func store(withMails count: Int) async throws -> InMemoryRecordStore {
        let store = InMemoryRecordStore()
        for n in stride(from: 1, through: count, by: 1) {
            var batch = WriteBatch()
            try batch.insert(OutboxMail(id: OutboxMail.ID("outbox-\(n)"), message: try message(n)))
            try await store.commit(batch)
        }
        return store
    }

    static func outbox(_ store: some RecordStore) async throws -> [OutboxMail] {
        try await store.fetchAll(OutboxMail.self).map(\.record)
    }
}

/// A transport that suspends before delivering, so concurrent dispatchers interleave.
struct YieldingTransport: MailTransport {
    let inner: any MailTransport
    func deliver(_ message: MailMessage) async throws(MailTransportError) {
        await Task.yield()
        try await inner.deliver(message)
        await Task.yield()
    }
}

/// A transport that runs a hook before delivering (to simulate another dispatcher acting meanwhile).
struct HookTransport: MailTransport {
    let inner: any MailTransport
    let hook: @Sendable (MailMessage) async -> Void
    func deliver(_ message: MailMessage) async throws(MailTransportError) {
        await hook(message)
        try await inner.deliver(message)
    }
}

/// A store wrapper whose commits fail on demand, to prove a failing store loses no mail.
final class FailingRecordStore: RecordStore {
    private let inner: InMemoryRecordStore
    private let rule = Locked<(@Sendable (WriteBatch) -> Bool)?>(nil)
    private let failures = Locked(0)

    init(_ inner: InMemoryRecordStore) { self.inner = inner }

    /// Fails every commit for which `shouldFail` says so (nil: none fail).
    func failCommits(where shouldFail: (@Sendable (WriteBatch) -> Bool)?) { rule.withLock { $0 = shouldFail } }

    var failedCommits: Int { failures.withLock { $0 } }

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(kind: kind, id: id)
    }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.records(kind: kind, indexKey: indexKey)
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(holding: uniqueKey)
    }

    @discardableResult
    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        if rule.withLock({ $0?(batch) ?? false }) {
            failures.withLock { $0 += 1 }
            throw StorageError(.unavailable, detail: "injected commit failure")
        }
        return try await inner.commit(batch)
    }

    /// Whether `batch` records an outbox mail as delivered.
    static func recordsDelivery(_ batch: WriteBatch) -> Bool {
        batch.writes.contains { write in
            guard case .put(let envelope, _) = write, envelope.kind == OutboxMail.kind,
                  let mail = try? RecordCoder.decode(OutboxMail.self, from: envelope) else { return false }
            return mail.record.status == .delivered
        }
    }
}
