import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Shared set-up for the billing service tests (R-MEM-1, R-BIL-1…5): an active Swedish account with
/// points, purchases, issued invoices, and direct edits of the customer's country and VAT facts.
struct BillingFixture {
    let env: TestEnvironment
    let active: TestEnvironment.ActiveAccount

    var accountID: BusinessAccount.ID { active.account.id }
    var superuser: Principal { active.principal }
    static let job = TestEnvironment.billingJob

    /// An active account (Ljusbild Foto AB, SE, superuser writes Swedish) with `points` and `products`.
    static func make(points: Int = 2_000, products: Int = 0, policy: CPSPolicy = .canonEurope) async throws -> BillingFixture {
        let env = TestEnvironment(policy: policy)
        let active = try await env.activeAccount()
        try await env.setPoints(points, completeRegistrations: products, for: active.account.id)
        return BillingFixture(env: env, active: active)
    }

    /// Buys `level` as the superuser.
    @discardableResult
    func buy(_ level: CPSLevel = .gold, years: Int = 1, method: PaymentMethod = .bankTransfer) async throws -> PurchaseReceipt {
        try await env.membership.purchase(PurchaseRequest(accountID: accountID, level: level, years: years,
                                                          paymentMethod: method, termsVersion: Fixtures.termsVersion), as: superuser)
    }

    /// Buys `level`, moves one hour on and runs the issue-invoices job: the one invoice it issued.
    func invoice(_ level: CPSLevel = .gold, method: PaymentMethod = .bankTransfer) async throws -> Invoice {
        try await buy(level, method: method)
        env.clock.advance(by: 3_600)
        let report = try await env.invoicing.issueDueInvoices(as: Self.job)
        return try #require(report.issued.first)
    }

    /// The stored invoice now.
    func reload(_ invoice: Invoice) async throws -> Invoice {
        try #require(try await env.store.fetch(Invoice.self, id: invoice.id)).record
    }

    /// The stored membership now.
    func membership(_ id: Membership.ID) async throws -> Membership {
        try #require(try await env.store.fetch(Membership.self, id: id)).record
    }

    /// Moves the clock to `hour`:00 in the policy's time zone on `day`.
    func moveTo(_ day: CalendarDay, hour: Int = 10) {
        env.clock.set(day.start(in: env.context.policy.timeZone).addingTimeInterval(TimeInterval(hour) * 3_600))
    }

    /// Changes the customer's country, VAT status and registry look-up directly in the store (R-BIL-5).
    func setCustomer(country: CountryCode, vat: VATStatus, lookup: VATLookupOutcome?) async throws {
        var account = try #require(try await env.store.fetch(BusinessAccount.self, id: accountID))
        account.record.address.country = country
        account.record.vatStatus = vat
        account.record.vatLookup = try lookup.map { outcome in
            VATLookupRecord(number: try #require(vat.number), outcome: outcome, checkedAt: env.clock.now)
        }
        var batch = WriteBatch()
        try batch.update(account)
        try await env.store.commit(batch)
    }
}
