import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The guidance steps of the membership after the first purchase (R-LIFE-1, R-LIFE-5, R-GUIDE-1).
@Suite("R-LIFE-1, R-LIFE-5: guidance for renewal due and credit issued")
struct LifecycleGuidanceTests {
    private func steps(_ fixture: LifecycleFixture, in language: Language? = nil) async throws -> [GuidanceStep] {
        try await fixture.env.guidance.nextSteps(forAccount: fixture.accountID, as: fixture.superuser, in: language)
    }

    @Test("R-LIFE-1: no renewal step the second before the notice day; from its start, renewing by card (sv and en); cancelled → only the ends-at-term-end step")
    func renewalDueCard() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        fixture.env.clock.set(fixture.noticeDay.start(in: fixture.tz).addingTimeInterval(-1))
        #expect(!(try await steps(fixture)).contains { $0.code == .renewalDue })
        fixture.moveTo(fixture.noticeDay, hour: 0)
        #expect(try await steps(fixture).first { $0.code == .renewalDue }?.facts["outcome"] == "notRenewing") // the job has not run yet
        try await fixture.runRenewals()
        let due = try #require(try await steps(fixture).first { $0.code == .renewalDue })
        #expect(due.facts["outcome"] == "renewing.card")
        #expect(due.text.contains("kort debiteras"))
        let english = try #require(try await steps(fixture, in: .english).first { $0.code == .renewalDue })
        #expect(english.text.contains("your card is charged"))
        #expect(!english.text.contains(fixture.first.id.rawValue))
        _ = try await fixture.env.membership.cancelAtPeriodEnd(of: fixture.accountID, reason: .notUsed, as: fixture.superuser)
        let cancelled = try await steps(fixture)
        #expect(!cancelled.contains { $0.code == .renewalDue })
        #expect(cancelled.contains { $0.code == .membershipEndsAtTermEnd })
    }

    @Test("R-LIFE-1: a bank renewal says pay the renewal invoice by the expiry date, next to the invoice's own step")
    func renewalDueBank() async throws {
        let fixture = try await LifecycleFixture.make(method: .bankTransfer)
        fixture.moveTo(fixture.noticeDay)
        try await fixture.runRenewals()
        let all = try await steps(fixture, in: .english)
        let due = try #require(all.first { $0.code == .renewalDue })
        #expect(due.facts["outcome"] == "renewing.bankTransfer")
        #expect(due.text.contains("pay the renewal invoice"))
        #expect(all.contains { $0.code == .payByBankTransfer })
    }

    @Test("R-LIFE-5: credit issued → a step with the amount (sv/en); refunded → the step is gone")
    func creditIssued() async throws {
        let fixture = try await LifecycleFixture.make(method: .card)
        #expect(!(try await steps(fixture)).contains { $0.code == .creditIssued })
        let invoiceID = try #require(fixture.first.invoiceID)
        let line = InvoiceLine(description: "Goodwill", unitPrice: Money(40, .eur))
        let note = try await fixture.env.invoicing.issueCreditNote(for: invoiceID, lines: [line], reason: "goodwill",
                                                                  as: TestEnvironment.reviewer)
        let step = try #require(try await steps(fixture, in: .english).first { $0.code == .creditIssued })
        #expect(step.facts["amount"] == note.credited.description)
        #expect(step.text.contains("credit on your account"))
        #expect(try await steps(fixture).first { $0.code == .creditIssued }?.text.contains("tillgodohavande") == true)
        _ = try await fixture.env.services.refunds.refund(note.id, as: TestEnvironment.reviewer)
        #expect(!(try await steps(fixture)).contains { $0.code == .creditIssued })
    }
}
