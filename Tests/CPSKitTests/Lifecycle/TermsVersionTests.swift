import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The version of the membership terms (R-LIFE-6).
@Suite("R-LIFE-6: terms version on purchases and renewals")
struct TermsVersionTests {
    @Test("R-LIFE-6: a purchase naming old terms, or none, is refused and nothing changes", arguments: [nil, "2025-1", ""] as [String?])
    func refused(version: String?) async throws {
        let fixture = try await BillingFixture.make()
        let request = PurchaseRequest(accountID: fixture.accountID, level: .gold, paymentMethod: .card, termsVersion: version)
        let error = await #expect(throws: MembershipError.self) {
            try await fixture.env.membership.purchase(request, as: fixture.superuser)
        }
        #expect(error?.reason == .termsNotCurrent)
        #expect(error?.message(in: .english).contains("2026-1") == true)
        #expect(try await fixture.env.store.fetchAll(Membership.self).isEmpty)
        #expect(try await fixture.env.store.fetchAll(MembershipPurchase.self).isEmpty)
    }

    @Test("R-LIFE-6: the purchase records who accepted which version when")
    func recorded() async throws {
        let fixture = try await BillingFixture.make()
        let receipt = try await fixture.buy(.gold)
        #expect(receipt.purchase.termsVersion == "2026-1")
        #expect(receipt.purchase.termsAcceptedBy == fixture.superuser.description)
        #expect(receipt.purchase.termsAcceptedAt == fixture.env.clock.now)
        #expect(receipt.membership.termsVersion == "2026-1")
    }

    @Test("R-LIFE-6: terms changed since the superuser accepted them → no automatic charge, the notice says so; accepting the new version by buying renews from the expiry")
    func changedTerms() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        var policy = CPSPolicy.canonEurope
        policy.lifecycle.termsVersion = "2027-1"
        let changed = TestEnvironment(store: fixture.env.store, policy: policy, ids: .incrementing(tag: "changed"))
        fixture.moveTo(fixture.noticeDay)
        changed.clock.set(fixture.env.clock.now)
        let report = try await changed.renewals.run(as: LifecycleFixture.job)
        #expect(report.notRenewed[fixture.first.id] == .termsChanged)
        #expect(report.renewalInvoices.isEmpty)
        let notice = try #require(try await changed.mails("renewalNotice").first)
        #expect(notice.body.contains("2027-1"))
        #expect(notice.body.contains("inget debiteras automatiskt"))
        // The old version is refused now; the new one is accepted (an early renewal from the expiry).
        await #expect(throws: MembershipError.self) {
            try await changed.membership.purchase(PurchaseRequest(accountID: fixture.accountID, level: .gold, paymentMethod: .card,
                                                                  termsVersion: "2026-1"), as: fixture.superuser)
        }
        let receipt = try await changed.membership.purchase(
            PurchaseRequest(accountID: fixture.accountID, level: .gold, paymentMethod: .card, termsVersion: "2027-1"),
            as: fixture.superuser)
        #expect(receipt.membership.term.start == fixture.first.term.end)
        #expect(receipt.purchase.termsVersion == "2027-1")
    }

    @Test("R-LIFE-6: an automatic renewal records the version the superuser last accepted")
    func renewalCarriesVersion() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.moveTo(fixture.noticeDay)
        let invoiceID = try #require(try await fixture.runRenewals().renewalInvoices.first)
        let invoice = try await fixture.invoice(invoiceID)
        let purchase = try #require(try await fixture.env.store.fetch(MembershipPurchase.self, id: invoice.purchaseID)).record
        #expect(purchase.termsVersion == "2026-1")
        #expect(purchase.termsAcceptedBy == fixture.superuser.description)
        #expect(purchase.purchasedBy == LifecycleFixture.job.description)
    }
}
