import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Points lost mid-term (R-LIFE-4): the level is kept to the term's end, with one notice mail.
@Suite("R-LIFE-4: points falling below the level mid-term")
struct LevelShortfallTests {
    /// An account with four complete EOS R5 (4 × 300 = 1 200 points) that bought and paid Gold (1 000).
    private func goldMember() async throws -> (BillingFixture, [ProductRegistration.ID], Membership) {
        let fixture = try await BillingFixture.make(points: 0)
        var ids: [ProductRegistration.ID] = []
        for n in 0..<4 {
            let registered = try await fixture.env.products.register(
                ProductForm(model: "EOS R5", serialNumber: "FALL\(1_000 + n)", purchaseDate: "2025-06", countryOfPurchase: "SE",
                            dealer: "Foto AB"),
                on: fixture.accountID, as: fixture.superuser)
            ids.append(registered.registration.id)
        }
        try #require(try await fixture.env.products.points(of: fixture.accountID, as: fixture.superuser).points == 1_200)
        let invoice = try await fixture.invoice(.gold, method: .bankTransfer)
        _ = try await fixture.env.bankPayments.recordIncomingPayment(amount: invoice.total, reference: invoice.creditorReference.printed,
                                                                     receivedOn: invoice.due.issueDay, as: BillingFixture.job)
        return (fixture, ids, try await fixture.membership(invoice.membershipID))
    }

    @Test("R-LIFE-4: end-of-service-life revaluation to exactly the threshold → no notice; one point below → one notice (sv), the level kept; falling further, no second")
    func noticeOnce() async throws {
        let (fixture, ids, gold) = try await goldMember()
        let products = fixture.env.products
        // 4 × 250 = 1 000, exactly Gold's threshold: still open, no notice.
        _ = try await products.revalue(model: "EOS R5", to: 250, reason: "end of service life", as: TestEnvironment.reviewer)
        #expect(try await products.points(of: fixture.accountID, as: fixture.superuser).points == 1_000)
        #expect(try await fixture.env.mails("levelShortfall").isEmpty)
        // 249 each: the first registration revalued makes 999, one point below: the notice, once.
        _ = try await products.revalue(model: "EOS R5", to: 249, reason: "end of service life", as: TestEnvironment.reviewer)
        #expect(try await products.points(of: fixture.accountID, as: fixture.superuser).points == 996)
        var mails = try await fixture.env.mails("levelShortfall")
        #expect(mails.count == 1)
        let body = try #require(mails.first?.body)
        #expect(body.contains("1 poäng till")) // what was missing when it fell (999 of 1 000), in the superuser's language
        #expect(body.contains("Gold"))
        #expect(!body.contains(gold.id.rawValue))
        let kept = try #require(try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser))
        #expect(kept.id == gold.id)
        #expect(kept.level == .gold)
        #expect(kept.status(at: fixture.env.clock.now) == .active)
        #expect(kept.levelShortfallNoticeSentAt != nil)
        // Falling further (a product sold): still below, no second notice.
        _ = try await products.remove(ids[0], from: fixture.accountID, reason: .sold, as: fixture.superuser)
        mails = try await fixture.env.mails("levelShortfall")
        #expect(mails.count == 1)
        let audits = try await fixture.env.store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == "membership.levelShortfallNotice" }
        #expect(audits.count == 1)
    }

    @Test("R-LIFE-4: points falling but staying at or above the level's threshold → no notice")
    func stillOpen() async throws {
        let fixture = try await BillingFixture.make(points: 0)
        var ids: [ProductRegistration.ID] = []
        for n in 0..<5 {
            let registered = try await fixture.env.products.register(
                ProductForm(model: "EOS R5", serialNumber: "KEEP\(1_000 + n)", purchaseDate: "2025-06", countryOfPurchase: "SE",
                            dealer: "Foto AB"),
                on: fixture.accountID, as: fixture.superuser)
            ids.append(registered.registration.id)
        }
        _ = try await fixture.invoice(.gold, method: .bankTransfer)
        // 1 500 → 1 200, still at or above Gold's 1 000.
        _ = try await fixture.env.products.remove(ids[0], from: fixture.accountID, reason: .sold, as: fixture.superuser)
        #expect(try await fixture.env.products.points(of: fixture.accountID, as: fixture.superuser).points == 1_200)
        #expect(try await fixture.env.mails("levelShortfall").isEmpty)
    }
}
