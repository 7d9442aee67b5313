import CPSKit
import CPSKitTesting
import Foundation
import Synchronization
import Testing

@Suite("Mail dispatcher: outbox, at-least-once delivery, retries (R-ADP-2)")
struct MailDispatcherTests {
    private let policy = MailRetryPolicy(initialDelay: 60, multiplier: 2, maximumDelay: 300, claimDuration: 600)

    private func make(mails: Int) async throws -> (InMemoryRecordStore, InMemoryMailbox, FaultInjectingMailTransport, TestClock) {
        let store = try await MailFixtures.store(withMails: mails)
        let mailbox = InMemoryMailbox()
        return (store, mailbox, FaultInjectingMailTransport(wrapping: mailbox), TestClock(MailFixtures.start))
    }

    @Test("Every outbox mail is eventually delivered after temporary failures; nothing is lost (R-ADP-2)")
    func nothingLost() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 6)
        transport.inject(.temporary, times: 4)                                          // the first four attempts
        transport.inject(.temporary, times: 5, messageID: "<outbox-2@canon-europe.com>") // mail 2 five more times
        transport.inject(.timeoutAfterDelivery, messageID: "<outbox-5@canon-europe.com>")
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        var rounds = 0
        while try await MailFixtures.outbox(store).contains(where: { $0.status == .pending }) {
            rounds += 1
            try #require(rounds < 50, "the outbox never drained")
            _ = try await dispatcher.dispatchPending()
            clock.advance(by: policy.maximumDelay)
        }
        let outbox = try await MailFixtures.outbox(store)
        #expect(outbox.allSatisfy { $0.status == .delivered && $0.deliveredAt != nil && $0.lastError == nil })
        #expect(Set(mailbox.messages.map(\.messageID)) == Set(outbox.map(\.message.messageID)))
        #expect(mailbox.messages.count == 6)
        #expect(outbox.first { $0.id == "outbox-2" }?.attempts == 7)
    }

    @Test("A mail recorded as delivered is never sent again (R-ADP-2)")
    func noResendAfterDelivery() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 3)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        let first = try await dispatcher.dispatchPending()
        #expect(first.delivered == ["outbox-1", "outbox-2", "outbox-3"])
        for _ in 0..<5 {
            clock.advance(days: 1)
            let report = try await dispatcher.dispatchPending()
            #expect(report.isEmpty)
        }
        #expect(transport.attempts.count == 3)
        #expect(mailbox.deliveryCalls == 3)
        #expect(try await dispatcher.nextDueDate() == nil)
    }

    @Test("Every resend carries the same Message-ID (R-ADP-2)")
    func stableMessageID() async throws {
        let (store, _, transport, clock) = try await make(mails: 3)
        transport.inject(.temporary, times: 7)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        for _ in 0..<6 {
            _ = try await dispatcher.dispatchPending()
            clock.advance(by: policy.maximumDelay)
        }
        let outbox = try await MailFixtures.outbox(store)
        for mail in outbox {
            let original = try MailFixtures.message(Int(mail.id.rawValue.dropFirst("outbox-".count)) ?? 0)
            #expect(mail.message == original, "the outbox mail itself never changes")
            let attempts = transport.attempts(for: original.messageID)
            #expect(attempts.count == mail.attempts)
            #expect(attempts.allSatisfy { $0.subject == original.subject })
        }
        #expect(transport.attempts.count == 10)
        #expect(Set(transport.attempts.map(\.messageID)) == Set(outbox.map(\.message.messageID)))
    }

    @Test("A time-out after the transport delivered, then a retry: the mailbox holds one copy (R-ADP-2)")
    func timeoutAfterSend() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 1)
        transport.inject(.timeoutAfterDelivery)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        let first = try await dispatcher.dispatchPending()
        #expect(first.retrying == ["outbox-1"])
        #expect(try await MailFixtures.outbox(store).first?.lastError?.contains("timed out") == true)
        clock.advance(by: 60)
        let second = try await dispatcher.dispatchPending()
        #expect(second.delivered == ["outbox-1"])
        #expect(mailbox.deliveryCalls == 2)
        #expect(mailbox.messages.count == 1)
        #expect(transport.attempts.map(\.messageID) == ["<outbox-1@canon-europe.com>", "<outbox-1@canon-europe.com>"])
    }

    @Test("A transport that delivers twice still leaves one copy in a Message-ID honouring mailbox (R-ADP-2)")
    func duplicateDelivery() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 2)
        transport.inject(.duplicate, times: nil)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        #expect(try await dispatcher.dispatchPending().delivered.count == 2)
        #expect(mailbox.deliveryCalls == 4)
        #expect(mailbox.messages.count == 2)
    }

    @Test("Backoff doubles from the first failure and is capped; no mail is tried before it is due (R-ADP-2)")
    func backoffTiming() async throws {
        let (store, _, transport, clock) = try await make(mails: 1)
        transport.inject(.temporary, times: nil)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        var expectedAttempts = 0
        for delay in [60.0, 120, 240, 300, 300, 300] {
            let report = try await dispatcher.dispatchPending()
            expectedAttempts += 1
            let due = clock.now.addingTimeInterval(delay)
            #expect(report.entries.map(\.outcome) == [.retryScheduled(nextAttemptAt: due, error: "temporary: injected temporary failure")])
            #expect(try await MailFixtures.outbox(store).first?.nextAttemptAt == due)
            #expect(try await dispatcher.nextDueDate() == due)
            clock.advance(by: delay - 1)
            #expect(try await dispatcher.dispatchPending().isEmpty, "not yet due")
            #expect(transport.attempts.count == expectedAttempts)
            clock.advance(by: 1)
        }
        let mail = try #require(try await MailFixtures.outbox(store).first)
        #expect(mail.status == .pending, "a temporary failure never gives up")
        #expect(mail.attempts == 6)
    }

    @Test("Retry delays follow the policy", arguments: [(0, 0.0), (1, 60.0), (2, 120.0), (3, 240.0), (4, 300.0), (100, 300.0), (Int.max, 300.0)] as [(Int, Double)])
    func policyDelays(failures: Int, delay: Double) {
        #expect(policy.delay(afterFailedAttempts: failures) == delay)
    }

    @Test("A policy decodes from partial JSON, missing fields taking the standard values (R-ADP-2)")
    func policyDecoding() throws {
        let decoded = try JSONDecoder().decode(MailRetryPolicy.self, from: Data(#"{"maximumDelay": 7200}"#.utf8))
        #expect(decoded == MailRetryPolicy(maximumDelay: 7_200))
        let roundTrip = try JSONDecoder().decode(MailRetryPolicy.self, from: JSONEncoder().encode(policy))
        #expect(roundTrip == policy)
    }

    @Test("A nonsensical policy still gives finite, non-negative delays")
    func policyClamps() {
        let odd = MailRetryPolicy(initialDelay: -5, multiplier: .nan, maximumDelay: .infinity, claimDuration: -1)
        #expect(odd.delay(afterFailedAttempts: 3) == 0)
        let huge = MailRetryPolicy(initialDelay: 1, multiplier: 1e300, maximumDelay: 86_400)
        #expect(huge.delay(afterFailedAttempts: 50) == 86_400)
    }

    @Test("A permanent failure marks the mail failed, is reported, and is not retried (R-ADP-2)")
    func permanentFailure() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 3)
        transport.inject(.permanentFailure("550 no such user"), messageID: "<outbox-2@canon-europe.com>")
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        let report = try await dispatcher.dispatchPending()
        #expect(report.failed == ["outbox-2"])
        #expect(report.delivered == ["outbox-1", "outbox-3"])
        #expect(report.entries[1].outcome == .failed(error: "permanent: 550 no such user"))
        let failed = try #require(try await store.fetch(OutboxMail.self, id: "outbox-2")).record
        #expect(failed.status == .failed)
        #expect(failed.lastError == "permanent: 550 no such user")
        #expect(try await store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byStatus(.failed)).map(\.record.id) == ["outbox-2"])
        clock.advance(days: 3)
        #expect(try await dispatcher.dispatchPending().isEmpty)
        #expect(transport.attempts(for: "<outbox-2@canon-europe.com>").count == 1)
        #expect(mailbox.messages.count == 2)
    }

    @Test("Mails go out oldest first, at most `limit` per run, and only when due (R-ADP-2)")
    func orderAndLimit() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 5)
        var later = try #require(try await store.fetch(OutboxMail.self, id: "outbox-2"))
        later.record.nextAttemptAt = clock.now.addingTimeInterval(3_600)
        var batch = WriteBatch()
        try batch.update(later)
        try await store.commit(batch)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        #expect(try await dispatcher.dispatchPending(limit: 2).delivered == ["outbox-1", "outbox-3"])
        #expect(try await dispatcher.dispatchPending(limit: 0).isEmpty)
        #expect(try await dispatcher.dispatchPending(limit: 10).delivered == ["outbox-4", "outbox-5"])
        #expect(try await dispatcher.nextDueDate() == clock.now.addingTimeInterval(3_600))
        clock.advance(by: 3_600)
        #expect(try await dispatcher.dispatchPending().delivered == ["outbox-2"])
        #expect(mailbox.messages.map(\.messageID).map { $0.dropFirst(8).prefix(1) } == ["1", "3", "4", "5", "2"])
    }

    @Test("Two dispatchers running at once deliver every mail and lose none (R-ADP-2)")
    func concurrentDispatchers() async throws {
        let store = try await MailFixtures.store(withMails: 40)
        let mailbox = InMemoryMailbox()
        let transport = FaultInjectingMailTransport(wrapping: YieldingTransport(inner: mailbox))
        transport.inject(.temporary, times: 10)
        let clock = TestClock(MailFixtures.start)
        let first = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        let second = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        var delivered: [OutboxMail.ID] = []
        for _ in 0..<10 {
            async let a = first.dispatchPending()
            async let b = second.dispatchPending()
            let (ra, rb) = try await (a, b)
            delivered += ra.delivered + rb.delivered
            clock.advance(by: policy.maximumDelay)
        }
        let outbox = try await MailFixtures.outbox(store)
        #expect(outbox.allSatisfy { $0.status == .delivered })
        #expect(Set(delivered) == Set(outbox.map(\.id)))
        #expect(Set(mailbox.messages.map(\.messageID)).count == 40)
        // Claims keep the two apart: no mail reached the transport twice.
        let reached = transport.attempts.filter(\.outcome.reachedTransport).map(\.messageID)
        #expect(reached.count == Set(reached).count)
    }

    @Test("A delivery that loses a race to record itself is recorded on the fresh version (R-ADP-2)")
    func deliveryRecordedAfterConflict() async throws {
        let store = try await MailFixtures.store(withMails: 1)
        let mailbox = InMemoryMailbox()
        let clock = TestClock(MailFixtures.start)
        // While the mail is being sent, "another dispatcher" touches the record (its claim expired).
        let transport = HookTransport(inner: mailbox) { _ in
            guard var stored = try? await store.fetch(OutboxMail.self, id: "outbox-1") else { return }
            stored.record.lastError = "taken over"
            var batch = WriteBatch()
            try? batch.update(stored)
            _ = try? await store.commit(batch)
        }
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        #expect(try await dispatcher.dispatchPending().delivered == ["outbox-1"])
        let mail = try #require(try await store.fetch(OutboxMail.self, id: "outbox-1"))
        #expect(mail.record.status == .delivered)
        #expect(mail.version == 4) // insert, claim, the other dispatcher, delivered
        clock.advance(days: 1)
        #expect(try await dispatcher.dispatchPending().isEmpty)
        #expect(mailbox.deliveryCalls == 1)
    }

    @Test("A store whose commits fail loses no mail (R-ADP-2)")
    func failingStoreLosesNothing() async throws {
        let inner = try await MailFixtures.store(withMails: 3)
        let store = FailingRecordStore(inner)
        let mailbox = InMemoryMailbox()
        let transport = FaultInjectingMailTransport(wrapping: mailbox)
        let clock = TestClock(MailFixtures.start)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)

        // 1. Every commit fails: the claim fails, so nothing is sent and everything stays pending.
        store.failCommits { _ in true }
        await #expect(throws: StorageError.self) { try await dispatcher.dispatchPending() }
        #expect(transport.attempts.isEmpty)
        #expect(try await MailFixtures.outbox(inner).allSatisfy { $0.status == .pending && $0.attempts == 0 })

        // 2. Recording the delivery fails: the mail went out but stays pending, and goes out again
        //    (same Message-ID) once its claim expires; the mailbox keeps one copy.
        store.failCommits(where: FailingRecordStore.recordsDelivery)
        await #expect(throws: StorageError.self) { try await dispatcher.dispatchPending() }
        #expect(mailbox.messages.map(\.messageID) == ["<outbox-1@canon-europe.com>"])
        #expect(try await MailFixtures.outbox(inner).allSatisfy { $0.status == .pending })

        store.failCommits(where: nil)
        #expect(try await dispatcher.dispatchPending().delivered == ["outbox-2", "outbox-3"], "outbox-1 is still claimed")
        clock.advance(by: policy.claimDuration)
        #expect(try await dispatcher.dispatchPending().delivered == ["outbox-1"])
        #expect(try await MailFixtures.outbox(inner).allSatisfy { $0.status == .delivered })
        #expect(mailbox.messages.count == 3)
        #expect(transport.attempts(for: "<outbox-1@canon-europe.com>").count == 2)
        #expect(store.failedCommits == 2) // the first claim, and the first delivery record
    }

    @Test("An unreadable outbox record is reported and does not block the others (R-ADP-2)")
    func unreadableRecord() async throws {
        let (store, mailbox, transport, clock) = try await make(mails: 2)
        var batch = WriteBatch()
        batch.append(.put(RecordEnvelope(kind: OutboxMail.kind, id: "outbox-broken", version: 1, payload: Data("{".utf8),
                                         indexKeys: [OutboxMail.pendingIndex.rawValue]), expectedVersion: 0))
        try await store.commit(batch)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport, policy: policy)
        let report = try await dispatcher.dispatchPending()
        #expect(report.delivered == ["outbox-1", "outbox-2"])
        #expect(report.unreadable == ["outbox-broken"])
        #expect(mailbox.messages.count == 2)
    }
}
