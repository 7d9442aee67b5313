@testable import CPSFileStore
import CPSKit
import CPSKitTesting
import Foundation
import Synchronization
import Testing

/// The due-time index (issue 17 item 4, R-ADP-1 guarantee 11): range reads over ordered index keys,
/// the key builders of invoices and memberships, the jobs reading only what is due, and `reindex`.
@Suite("Due-time index (R-ADP-1, R-BIL-3, R-BIL-4, R-LIFE-1, R-GDPR-2)")
struct DueTimeIndexTests {
    private func day(_ month: Int, _ day: Int, year: Int = 2026) throws -> CalendarDay {
        try #require(CalendarDay(year: year, month: month, day: day))
    }

    @Test("R-ADP-1: the sorted key set agrees with a sorted reference through 20,000 random inserts and removals, across chunk splits")
    func sortedKeysAgainstReference() {
        var generator = SeededRandomNumberGenerator(seed: 5)
        var keys = SortedKeys()
        var reference = Set<String>()
        for step in 0..<20_000 {
            let key = "k:\(Int.random(in: 0..<3_000, using: &generator))" + (step % 7 == 0 ? "\u{E9}" : "")
            if Bool.random(using: &generator) || reference.count < 100 {
                keys.insert(key)
                reference.insert(key)
            } else {
                keys.remove(key)
                reference.remove(key)
            }
        }
        let sorted = reference.sorted(by: SortedKeys.precedes)
        #expect(sorted == reference.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "memcmp order is UTF-8 byte order")
        #expect(SortedKeys.precedes("due:", "due:a") && !SortedKeys.precedes("due:a", "due:") && !SortedKeys.precedes("", ""))
        #expect(SortedKeys.precedes("due:B", "due:a") && SortedKeys.precedes("due:z", "due:\u{E9}"))
        var all: [String] = []
        keys.forEach(from: "", below: "\u{10FFFF}") { all.append($0); return true }
        #expect(all == sorted && keys.count == reference.count)
        var part: [String] = []
        keys.forEach(from: "k:1", below: "k:2") { part.append($0); return true }
        #expect(part == sorted.filter { !SortedKeys.precedes($0, "k:1") && SortedKeys.precedes($0, "k:2") })
        var first: [String] = []
        keys.forEach(from: "k:5", below: "k:6") { first.append($0); return first.count < 3 }
        #expect(first == Array(sorted.filter { $0.hasPrefix("k:5") }.prefix(3)))
        let loaded = SortedKeys(sorted.shuffled(using: &generator) + sorted.prefix(10))
        var reloaded: [String] = []
        loaded.forEach(from: "", below: "\u{10FFFF}") { reloaded.append($0); return true }
        #expect(reloaded == sorted)
    }

    @Test("R-BIL-3, R-BIL-4: an invoice's due key lies in the range of its due day and every later day, never an earlier one, and one method's range holds no other method's keys")
    func invoiceDueRangeBoundaries() throws {
        let due = try day(12, 31)
        let key = Invoice.awaitingPayment(by: .card, dueOn: due).rawValue
        #expect(Invoice.awaitingPayment(by: .card, dueOnOrBefore: due).contains(key))
        #expect(Invoice.awaitingPayment(by: .card, dueOnOrBefore: try day(1, 1, year: 2027)).contains(key))
        #expect(!Invoice.awaitingPayment(by: .card, dueOnOrBefore: try day(12, 30)).contains(key))
        #expect(!Invoice.awaitingPayment(by: .bankTransfer, dueOnOrBefore: due).contains(key))
        #expect(Invoice.awaitingPaymentByDueDay(by: .card).contains(key))
        #expect(!Invoice.awaitingPaymentByDueDay(by: .bankTransfer).contains(key))
        // The years around the retention horizon (R-GDPR-2).
        let retained = Invoice.buyerRetained(issuedIn: 2019).rawValue
        #expect(Invoice.buyerRetained(issuedInOrBefore: 2019).contains(retained))
        #expect(!Invoice.buyerRetained(issuedInOrBefore: 2018).contains(retained))
        #expect(Invoice.buyerRetainedByIssueYear.contains(retained))
    }

    @Test("R-LIFE-1: a term's key lies in the range of terms ending before an instant exactly when it ends before it (the last second is in, the end itself is not)")
    func membershipEndRangeBoundaries() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let receipt = try await fixture.buy(.gold, method: .bankTransfer)
        let record = try await fixture.membership(receipt.membership.id)
        let key = try #require(record.indexKeys.first { $0.hasPrefix("lifecycle-end:") })
        let ends = record.term.end
        #expect(Membership.lifecycleOpen(endingBefore: ends.addingTimeInterval(1)).contains(key))
        #expect(!Membership.lifecycleOpen(endingBefore: ends).contains(key))
        #expect(!Membership.lifecycleOpen(endingBefore: ends.addingTimeInterval(-1)).contains(key))
        #expect(Membership.lifecycleOpenByEnd.contains(key))
        // A term that has ended for good leaves the index.
        var ended = record
        ended.status = .ended
        #expect(!ended.indexKeys.contains { $0.hasPrefix("lifecycle-end:") })
    }

    @Test("R-BIL-3: the card-charge job reads only the invoices due by today, however many are due later, and nextDue finds the next due day without reading the rest")
    func chargeJobReadsOnlyDueInvoices() async throws {
        let store = CountingStore()
        let env = TestEnvironment(store: store)
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, completeRegistrations: 0, for: active.account.id)
        let fixture = BillingFixture(env: env, active: active)
        let invoice = try await fixture.invoice(.gold, method: .card)
        // 300 open card invoices due from a month later on, one a day (written directly: the job reads
        // them as any other).
        let later = invoice.due.dueDay.adding(days: 30)
        var writes: [RecordWrite] = []
        for n in 0..<300 {
            let copy = Invoice(id: Invoice.ID("future-\(n)"), number: "F-\(n)", series: invoice.series, accountID: invoice.accountID,
                               purchaseID: invoice.purchaseID, membershipID: invoice.membershipID,
                               customerName: invoice.customerName, customerAddress: invoice.customerAddress,
                               seller: invoice.seller, amounts: invoice.amounts, vatLookup: nil,
                               creditorReference: invoice.creditorReference, paymentMethod: .card, issuedAt: invoice.issuedAt,
                               due: InvoiceDueDate(issueDay: later.adding(days: n), dueDays: 0, timeZone: invoice.due.timeZone))
            var envelope = try RecordCoder.envelope(copy, version: 0, codec: store.payloadCodec)
            envelope.uniqueKeys = ["test-future-invoice:\(n)"]
            writes.append(.put(envelope, expectedVersion: 0))
        }
        try await store.commit(WriteBatch(writes))
        fixture.moveTo(invoice.due.dueDay, hour: 6)
        let job = env.cardCharges(InMemoryPaymentGateway())
        store.reset()
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
        #expect(store.invoicesRead < 20, "the run read \(store.invoicesRead) invoice envelopes; 300 are due later")
        store.reset()
        let next = try await job.nextDue(after: env.clock.now)
        #expect(next == later.start(in: env.context.policy.timeZone))
        #expect(store.invoicesRead <= env.context.policy.jobs.pageSize + 5, "nextDue read \(store.invoicesRead)")
        // Day by day the range takes them in: on the 11th later day, the first 11.
        let range = Invoice.awaitingPayment(by: .card, dueOnOrBefore: later.adding(days: 10))
        let due = try await store.records(range, after: nil, limit: 100)
        #expect(due.records.map(\.id) == (0..<11).map { "future-\($0)" } && due.next == nil)
    }

    @Test("R-ADP-1: reindex rewrites the records whose stored keys a release changed, once, keeping their payload, and the jobs then find them")
    func reindexRewritesOutdatedKeys() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold, method: .card)
        let stored = try #require(try await fixture.env.store.record(kind: Invoice.kind, id: invoice.id.rawValue))
        var old = stored
        old.indexKeys = ["account:\(invoice.accountID)", "status:open", "awaiting:card"] // what the last release wrote
        try await fixture.env.store.commit(WriteBatch([.put(old, expectedVersion: stored.version)]))
        fixture.moveTo(invoice.due.dueDay, hour: 6)
        let job = fixture.env.cardCharges(InMemoryPaymentGateway())
        #expect(try await job.nextDue(after: fixture.env.clock.now) == nil)
        #expect(try await fixture.env.store.reindex(Invoice.self) == 1)
        #expect(try await fixture.env.store.reindex(Invoice.self) == 0)
        let after = try #require(try await fixture.env.store.record(kind: Invoice.kind, id: invoice.id.rawValue))
        #expect(after.payload == stored.payload && after.version == stored.version + 2 && after.indexKeys == invoice.indexKeys)
        #expect(try await job.chargeDueInvoices(as: BillingFixture.job).charged == [invoice.id])
    }

    @Test("R-ADP-1: two reindex runs at once rewrite each outdated record once between them")
    func reindexTwiceAtOnce() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold, method: .card)
        let stored = try #require(try await fixture.env.store.record(kind: Invoice.kind, id: invoice.id.rawValue))
        var old = stored
        old.indexKeys = ["awaiting:card"]
        try await fixture.env.store.commit(WriteBatch([.put(old, expectedVersion: stored.version)]))
        let store = fixture.env.store
        async let first = store.reindex(Invoice.self)
        async let second = store.reindex(Invoice.self)
        let total = try await first + second
        #expect(total == 1)
        #expect(try await store.record(kind: Invoice.kind, id: invoice.id.rawValue)?.version == stored.version + 2)
    }
}

/// The in-memory store, counting the invoice envelopes its reads return.
private final class CountingStore: RecordStore {
    private let inner = InMemoryRecordStore()
    private let counted = Atomic<Int>(0)

    var invoicesRead: Int { counted.load(ordering: .relaxed) }
    func reset() { counted.store(0, ordering: .relaxed) }
    var payloadCodec: PayloadCodec { inner.payloadCodec }

    private func count(_ records: [RecordEnvelope]) -> [RecordEnvelope] {
        counted.add(records.filter { $0.kind == Invoice.kind }.count, ordering: .relaxed)
        return records
    }

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(kind: kind, id: id)
    }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        count(try await inner.records(kind: kind, indexKey: indexKey))
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(holding: uniqueKey)
    }

    func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) async throws(StorageError) -> RecordPage {
        let page = try await inner.records(kind: kind, indexKey: indexKey, after: cursor, limit: limit)
        _ = count(page.records)
        return page
    }

    func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                 limit: Int) async throws(StorageError) -> RecordPage {
        let page = try await inner.records(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit)
        _ = count(page.records)
        return page
    }

    @discardableResult
    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.commit(batch)
    }
}
