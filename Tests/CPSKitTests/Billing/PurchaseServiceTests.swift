import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Levels view and purchase (R-TIER-1…3, R-MEM-1, R-MEM-2, R-BIL-1)")
struct PurchaseServiceTests {
    @Test("R-MEM-1: only a superuser buys; a user of the account sees the levels but cannot buy")
    func onlySuperuserBuys() async throws {
        let fixture = try await BillingFixture.make(points: 2_000)
        let user = AccountUser(id: "user-plain", accountID: fixture.accountID, name: "Per",
                               email: try EmailAddress("per@ljusbild.example"), language: .english, role: .user,
                               status: .active, createdAt: fixture.env.clock.now)
        var batch = WriteBatch()
        try batch.insert(user)
        try await fixture.env.store.commit(batch)
        let request = PurchaseRequest(accountID: fixture.accountID, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion)
        let refusal = await #expect(throws: AuthorizationError.self) {
            try await fixture.env.membership.purchase(request, as: .accountUser("user-plain"))
        }
        #expect(refusal?.reason == .superuserOnly)
        for principal in [Principal.system("job"), .reviewer("r-1"), .accountUser("user-unknown")] {
            await #expect(throws: AuthorizationError.self) { try await fixture.env.membership.purchase(request, as: principal) }
        }
        let levels = try await fixture.env.membership.levels(of: fixture.accountID, as: .accountUser("user-plain"))
        #expect(levels.openLevels == [.silver, .gold, .platinum])
        #expect(try await fixture.env.store.fetchAll(Membership.self).isEmpty)
        #expect(try await fixture.env.store.fetchAll(MembershipPurchase.self).isEmpty)
    }

    @Test("R-TIER-1: 1,599 points leave Platinum closed (bought refused with the explanation); 1,600 open it",
          arguments: [(1_599, false), (1_600, true)])
    func platinumThreshold(points: Int, open: Bool) async throws {
        let fixture = try await BillingFixture.make(points: points)
        let levels = try await fixture.env.membership.levels(of: fixture.accountID, as: fixture.superuser)
        #expect(levels.availability(of: .platinum)?.isOpen == open)
        if open {
            let receipt = try await fixture.buy(.platinum)
            #expect(receipt.membership.level == .platinum)
            #expect(receipt.purchase.term.fee == Money(350, .eur))
        } else {
            let error = await #expect(throws: MembershipError.self) { try await fixture.buy(.platinum) }
            #expect(error?.reason == .levelNotOpen)
            #expect(error?.shortfalls == [.points(missing: 1, required: 1_600)])
            #expect(error?.message(in: .english).contains("1 more point (") == true)
            #expect(try await fixture.env.store.fetchAll(Membership.self).isEmpty)
        }
    }

    @Test("R-TIER-2, R-TIER-3: 2,500 points keep business levels closed, 2,501 open group A (30 products)",
          arguments: [(2_500, false), (2_501, true)])
    func businessThreshold(points: Int, open: Bool) async throws {
        let fixture = try await BillingFixture.make(points: points, products: 30)
        let levels = try await fixture.env.membership.levels(of: fixture.accountID, as: fixture.superuser)
        #expect(levels.isBusinessSwitchShown == open)
        #expect(levels.levels(in: .business).map(\.level) == [.businessA, .businessB, .businessC])
        #expect(levels.levels(in: .individual).allSatisfy { $0.isOpen })
        if open {
            #expect(try await fixture.buy(.businessA, method: .card).membership.level == .businessA)
        } else {
            let error = await #expect(throws: MembershipError.self) { try await fixture.buy(.businessA) }
            #expect(error?.shortfalls == [.points(missing: 1, required: 2_501)])
        }
    }

    @Test("R-TIER-2: 2,501 points with too few products for group A is refused with the products shortfall")
    func tooFewProducts() async throws {
        let fixture = try await BillingFixture.make(points: 2_501, products: 10)
        let error = await #expect(throws: MembershipError.self) { try await fixture.buy(.businessA) }
        #expect(error?.reason == .levelNotOpen)
        #expect(error?.shortfalls == [.tooFewProducts(missing: 15, minimum: 25)])
        #expect(error?.message(in: .swedish).isEmpty == false)
    }

    @Test("R-MEM-1, R-BIL-1: the membership starts at purchase, usable before payment, for one year; no charge; bank notice")
    func startsAtPurchase() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let now = fixture.env.clock.now
        let receipt = try await fixture.buy(.gold, method: .bankTransfer)
        let membership = receipt.membership
        #expect(membership.term.start == now)
        #expect(membership.isUsable(at: now))
        #expect(membership.status == .active)
        #expect(membership.invoiceID == nil)
        #expect(CalendarDay(membership.term.end, in: fixture.env.context.policy.timeZone) == CalendarDay(year: 2027, month: 11, day: 27))
        #expect(receipt.bankTransferNotice == InvoiceNote("billing.note.bankTransferFees"))
        #expect(receipt.invoiceExpectedBy == now.addingTimeInterval(4 * 3_600))
        #expect(receipt.purchase.indexKeys.contains(MembershipPurchase.pendingIndex.rawValue))
        #expect(MembershipNumber.isValid(membership.number.compact))
        let current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.id == membership.id)
        let card = try await fixture.buy(.silver, method: .card)
        #expect(card.bankTransferNotice == nil)
    }

    @Test("R-BIL-1: the bank-transfer notice carries the policy's estimate for the payer's country")
    func feeEstimate() async throws {
        var policy = CPSPolicy.canonEurope
        policy.billing.bankTransferFeeEstimates = [BankTransferFeeEstimate(country: "SE", fee: Money(5, .eur))]
        let fixture = try await BillingFixture.make(points: 600, policy: policy)
        let notice = try #require(try await fixture.buy(.silver).bankTransferNotice)
        #expect(notice.textKey == "billing.note.bankTransferFeesEstimate")
        #expect(notice.text(in: .swedish).contains("5,00 €")) // the superuser writes Swedish
    }

    @Test("R-TIER-2: business groups buy 2–3-year terms at the policy discount; individual levels only 1 year")
    func multiYear() async throws {
        let fixture = try await BillingFixture.make(points: 3_000, products: 30)
        let receipt = try await fixture.buy(.businessA, years: 3, method: .card)
        #expect(receipt.purchase.term.fee == Money(2_700, .eur))
        #expect(CalendarDay(receipt.membership.term.end, in: fixture.env.context.policy.timeZone) == CalendarDay(year: 2029, month: 11, day: 27))
        let error = await #expect(throws: MembershipError.self) { try await fixture.buy(.gold, years: 2) }
        #expect(error?.reason == .levelNotOffered)
    }

    @Test("R-MEM-1: an early renewal starts at the current expiry; an upgrade costs the full fee and ends the current term")
    func renewalAndUpgrade() async throws {
        let fixture = try await BillingFixture.make(points: 2_000)
        let first = try await fixture.buy(.gold).membership
        fixture.env.clock.advance(days: 100)
        let renewal = try await fixture.buy(.gold).membership
        #expect(renewal.term.kind == .renewal)
        #expect(renewal.term.start == first.term.end)
        let upgradeAt = fixture.env.clock.now
        let upgrade = try await fixture.buy(.platinum)
        #expect(upgrade.membership.term.kind == .upgrade)
        #expect(upgrade.membership.term.start == upgradeAt)
        #expect(upgrade.membership.term.fee == Money(350, .eur))
        #expect(upgrade.membership.term.credit == Money.zero(.eur))
        #expect(upgrade.replaced?.id == renewal.id)
        #expect(try await fixture.membership(renewal.id).status == .ended)
    }

    @Test("R-MEM-2: every term gets a new number, different from every earlier one; the old numbers stay on record")
    func newNumbers() async throws {
        struct OldCPS: PreviousMembershipNumbers {
            func previousNumbers(of accountID: BusinessAccount.ID) async throws -> [String] { ["cps-000000001-8"] }
        }
        let fixture = try await BillingFixture.make(points: 2_000)
        let service = MembershipService(fixture.env.context, previousNumbers: OldCPS())
        let request = PurchaseRequest(accountID: fixture.accountID, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion)
        let first = try await service.purchase(request, as: fixture.superuser).membership
        #expect(first.number.compact != "CPS0000000018")
        #expect(first.previousNumbers == ["CPS0000000018"])
        let second = try await service.purchase(request, as: fixture.superuser).membership
        #expect(second.number != first.number)
        #expect(Set(second.previousNumbers) == ["CPS0000000018", first.number.compact])
        let all = try await fixture.env.membership.memberships(of: fixture.accountID, as: fixture.superuser)
        #expect(all.map(\.number) == [first.number, second.number])
        let holder = try await fixture.env.store.fetch(Membership.self, holding: Membership.numberKey(first.number))
        #expect(holder?.record.id == first.id)
    }

    @Test("R-MEM-2: purchases at once never share a number")
    func concurrentNumbers() async throws {
        let fixture = try await BillingFixture.make(points: 2_000)
        let numbers = try await withThrowingTaskGroup(of: MembershipNumber.self) { group in
            for _ in 0..<6 { group.addTask { try await fixture.buy(.silver, method: .card).membership.number } }
            return try await group.reduce(into: [MembershipNumber]()) { $0.append($1) }
        }
        #expect(Set(numbers).count == 6)
    }
}
