import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// A paid first term, ready for the renewal, expiry and cancellation tests (R-LIFE-1…3).
struct LifecycleFixture {
    let billing: BillingFixture
    /// The first term, paid.
    let first: Membership

    var env: TestEnvironment { billing.env }
    var accountID: BusinessAccount.ID { billing.accountID }
    var superuser: Principal { billing.superuser }
    var tz: TimeZone { env.context.policy.timeZone }
    static let job = Principal.system("renewals")

    /// An account with `points` that bought Gold by `method` and paid its first invoice.
    static func make(method: PaymentMethod = .card, points: Int = 2_000, policy: CPSPolicy = .canonEurope) async throws -> LifecycleFixture {
        let billing = try await BillingFixture.make(points: points, policy: policy)
        let invoice = try await billing.invoice(.gold, method: method)
        if method == .card {
            billing.moveTo(invoice.due.dueDay, hour: 9)
            let report = try await billing.env.cardCharges.chargeDueInvoices(as: BillingFixture.job)
            try #require(report.charged == [invoice.id])
        } else {
            _ = try await billing.env.bankPayments.recordIncomingPayment(amount: invoice.total, reference: invoice.creditorReference.printed,
                                                                         receivedOn: invoice.due.issueDay, as: BillingFixture.job)
        }
        let first = try await billing.membership(invoice.membershipID)
        return LifecycleFixture(billing: billing, first: first)
    }

    /// The expiry date of the first term (policy time zone).
    var expiryDay: CalendarDay { first.term.expiryDay(in: tz) }
    /// The notice day of the first term under the default 30 days.
    var noticeDay: CalendarDay { first.term.renewalNoticeDay(noticeDays: env.context.policy.lifecycle.renewalNoticeDays, in: tz) }

    /// Moves the clock to `hour`:`minute` on `day` (policy time zone).
    func moveTo(_ day: CalendarDay, hour: Int = 10, minute: Int = 0) {
        env.clock.set(day.start(in: tz).addingTimeInterval(TimeInterval(hour * 3_600 + minute * 60)))
    }

    /// Runs the renewals job once.
    @discardableResult
    func runRenewals() async throws -> RenewalRunReport { try await env.renewals.run(as: Self.job) }

    /// A stored membership now.
    func membership(_ id: Membership.ID) async throws -> Membership { try await billing.membership(id) }

    /// A stored invoice now.
    func invoice(_ id: Invoice.ID) async throws -> Invoice {
        try #require(try await env.store.fetch(Invoice.self, id: id)).record
    }

    /// The audit entries with `action`.
    func audits(_ action: String) async throws -> [AuditEntry] {
        try await env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == action }
    }
}
