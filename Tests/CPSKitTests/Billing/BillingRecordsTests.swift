import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Billing records and policy sections (R-ADP-1, R-BIL-2, R-MEM-1)")
struct BillingRecordsTests {
    @Test("R-ADP-1: every billing record kind round-trips through the record coder")
    func roundTrip() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let gateway = InMemoryPaymentGateway()
        let invoice = try await fixture.invoice(.gold, method: .card)
        fixture.moveTo(invoice.due.dueDay)
        try await fixture.env.cardCharges(gateway).chargeDueInvoices(as: BillingFixture.job)
        try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(10, .eur), reference: invoice.creditorReference.electronic, receivedOn: invoice.due.dueDay,
            as: BillingFixture.job)
        try await check(Membership.self, fixture.env.store)
        try await check(MembershipNumberCounter.self, fixture.env.store)
        try await check(MembershipPurchase.self, fixture.env.store)
        try await check(Invoice.self, fixture.env.store)
        try await check(InvoiceSeriesCounter.self, fixture.env.store)
        try await check(ChargeAttempt.self, fixture.env.store)
        try await check(IncomingPayment.self, fixture.env.store)
        try await check(AccountCredit.self, fixture.env.store)
    }

    private func check<R: StoredRecord & Equatable>(_ type: R.Type, _ store: any RecordStore) async throws {
        let records = try await store.fetchAll(R.self)
        #expect(!records.isEmpty, "\(R.kind)")
        for stored in records {
            let envelope = try RecordCoder.envelope(stored.record, version: stored.version)
            #expect(try RecordCoder.decode(R.self, from: envelope).record == stored.record, "\(R.kind)")
        }
    }

    @Test("R-TIER-1, R-BIL-2: a policy without levels and billing sections takes the defaults; bad values are refused")
    func policySections() throws {
        let policy = try CPSPolicy.load(json: Data(#"{"name":"Host"}"#.utf8))
        #expect(policy.levels == .canonEurope)
        #expect(policy.billing == .canonEurope)
        var bad = CPSPolicy.canonEurope
        bad.billing.invoiceDueDays = 400
        #expect(throws: PolicyError.self) { try bad.validate() }
        let encoded = try JSONEncoder().encode(CPSPolicy.canonEurope)
        #expect(try CPSPolicy.load(json: encoded) == .canonEurope)
    }
}
