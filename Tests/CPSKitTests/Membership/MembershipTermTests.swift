import CPSKit
import Foundation
import Testing

@Suite("Membership terms (R-MEM-1)")
struct MembershipTermTests {
    private let levels = LevelPolicy.canonEurope
    private let billing = BillingPolicy.canonEurope

    private func instant(_ iso: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: iso)) }

    @Test("A purchase starts at once and runs one year, at the level's fee")
    func purchase() throws {
        let term = try MembershipTerm.purchase(level: .gold, at: try instant("2026-03-10T10:15:00Z"),
                                               levels: levels, billing: billing)
        #expect(term.start == (try instant("2026-03-10T10:15:00Z")))
        #expect(term.end == (try instant("2027-03-10T10:15:00Z")))
        #expect(term.fee == Money(200, .eur))
        #expect(term.isActive(at: term.start) && !term.isActive(at: term.end))
        let leap = try MembershipTerm.purchase(level: .silver, at: try instant("2028-02-29T12:00:00Z"),
                                               levels: levels, billing: billing)
        #expect(leap.end == (try instant("2029-02-28T12:00:00Z")))
    }

    @Test("An early renewal runs from the current expiry; a late one from the renewal")
    func renewal() throws {
        let current = try MembershipTerm.purchase(level: .gold, at: try instant("2026-03-10T10:00:00Z"),
                                                  levels: levels, billing: billing)
        let early = try MembershipTerm.renewal(of: current, at: try instant("2027-02-01T00:00:00Z"),
                                               levels: levels, billing: billing)
        #expect(early.start == current.end)
        #expect(early.end == (try instant("2028-03-10T10:00:00Z")))
        let late = try MembershipTerm.renewal(of: current, at: try instant("2027-04-01T00:00:00Z"),
                                              levels: levels, billing: billing)
        #expect(late.start == (try instant("2027-04-01T00:00:00Z")))
        #expect(late.kind == .renewal)
    }

    @Test("An upgrade costs the new level's full fee with no credit")
    func upgrade() throws {
        let current = try MembershipTerm.purchase(level: .silver, at: try instant("2026-01-01T00:00:00Z"),
                                                  levels: levels, billing: billing)
        let upgrade = try MembershipTerm.upgrade(from: current, to: .platinum, at: try instant("2026-07-01T00:00:00Z"),
                                                 levels: levels, billing: billing)
        #expect(upgrade.fee == Money(350, .eur))
        #expect(upgrade.credit.isZero)
        #expect(upgrade.start == (try instant("2026-07-01T00:00:00Z")))
        #expect(upgrade.end == (try instant("2027-07-01T00:00:00Z")))
        #expect(throws: MembershipError.self) {
            try MembershipTerm.upgrade(from: current, to: .silver, at: try instant("2026-07-01T00:00:00Z"),
                                       levels: levels, billing: billing)
        }
    }

    @Test("A host policy may credit unused time instead")
    func creditedUpgrade() throws {
        var policy = billing
        policy.upgradeCreditsUnusedTime = true
        policy.upgradeStartsNewTerm = false
        policy.timeZone = .gmt
        let current = try MembershipTerm.purchase(level: .silver, at: try instant("2026-01-01T00:00:00Z"),
                                                  levels: levels, billing: policy)
        let upgrade = try MembershipTerm.upgrade(from: current, to: .gold, at: try instant("2026-07-02T00:00:00Z"),
                                                 levels: levels, billing: policy)
        #expect(upgrade.credit.amountText == "50.14") // 100 × 183/365 unused days
        #expect(upgrade.fee.amountText == "149.86")
        #expect(upgrade.end == current.end)
    }

    @Test("Business terms of 2–3 years are discounted; an individual 2-year term is not offered")
    func multiYear() throws {
        let term = try MembershipTerm.purchase(level: .businessB, years: 3, at: try instant("2026-01-01T00:00:00Z"),
                                               levels: levels, billing: billing)
        #expect(term.fee == Money(6_750, .eur))
        #expect(term.end == (try instant("2029-01-01T00:00:00Z")))
        #expect(throws: MembershipError.self) {
            try MembershipTerm.purchase(level: .gold, years: 2, at: try instant("2026-01-01T00:00:00Z"),
                                        levels: levels, billing: billing)
        }
    }
}
