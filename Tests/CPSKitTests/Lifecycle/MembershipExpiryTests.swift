import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Expiry (R-LIFE-2): the exclusive end of a term, the derived status, and what the account sees.
@Suite("R-LIFE-2: expiry — the exclusive term end, derived status, current membership, levels view, guidance")
struct MembershipExpiryTests {
    private let amsterdam = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    private func instant(_ iso: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: iso)) }

    private func billing() -> BillingPolicy {
        var billing = BillingPolicy.canonEurope
        billing.timeZone = amsterdam
        return billing
    }

    @Test("R-LIFE-2: active at end − 1 s, expired at end; the end is the same clock time a year later")
    func exclusiveEnd() throws {
        let start = try instant("2026-03-10T09:30:00Z")
        let term = try MembershipTerm.purchase(level: .gold, at: start, levels: .canonEurope, billing: billing())
        #expect(term.end == (try instant("2027-03-10T09:30:00Z")))
        #expect(term.isActive(at: term.end.addingTimeInterval(-1)))
        #expect(!term.isActive(at: term.end))
        #expect(term.expiryDay(in: amsterdam) == CalendarDay(year: 2027, month: 3, day: 10))
        #expect(term.renewalNoticeDay(noticeDays: 30, in: amsterdam) == CalendarDay(year: 2027, month: 2, day: 8))
    }

    @Test("R-LIFE-2: 29 February ends on 28 February of the next year, at the same clock time")
    func leapDay() throws {
        let term = try MembershipTerm.purchase(level: .silver, at: try instant("2028-02-29T08:15:00Z"), levels: .canonEurope,
                                               billing: billing())
        #expect(term.end == (try instant("2029-02-28T08:15:00Z")))
    }

    @Test("R-LIFE-2: bought on a DST-change day, the term ends at the same wall-clock time a year later", arguments: [
        ("2026-03-29T10:00:00+02:00", "2027-03-29T10:00:00+02:00"), // spring forward: 29 March 2026 (Amsterdam)
        ("2026-10-25T10:00:00+01:00", "2027-10-25T10:00:00+02:00"), // fall back: 25 October 2026; 2027 is still summer time
        ("2026-03-10T10:00:00+01:00", "2027-03-10T10:00:00+01:00"), // winter time to winter time
        ("2026-07-01T10:00:00+02:00", "2027-07-01T10:00:00+02:00"), // summer time to summer time
    ])
    func dstDays(start: String, end: String) throws {
        let term = try MembershipTerm.purchase(level: .gold, at: try instant(start), levels: .canonEurope, billing: billing())
        #expect(term.end == (try instant(end)))
        #expect(term.isActive(at: term.end.addingTimeInterval(-1)))
        #expect(!term.isActive(at: term.end))
    }

    @Test("R-LIFE-2: bought at 02:30 on the spring-forward day (a time that exists), the next year's 02:30 exists too")
    func dstGap() throws {
        // 2026-03-29 02:30 does not exist in Amsterdam; 01:30 UTC is 03:30 CEST that day.
        let start = try instant("2026-03-29T01:30:00Z")
        let term = try MembershipTerm.purchase(level: .gold, at: start, levels: .canonEurope, billing: billing())
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = amsterdam
        let a = calendar.dateComponents([.hour, .minute], from: start)
        let b = calendar.dateComponents([.hour, .minute, .year], from: term.end)
        #expect(a.hour == b.hour && a.minute == b.minute)
        #expect(b.year == 2027)
    }

    @Test("R-LIFE-2: the derived status — scheduled, active, expired at end, cancelled, ended when renewed")
    func derivedStatus() async throws {
        let fixture = try await BillingFixture.make()
        let receipt = try await fixture.buy(.gold)
        var membership = receipt.membership
        let end = membership.term.end
        #expect(membership.status(at: membership.term.start.addingTimeInterval(-1)) == .scheduled)
        #expect(membership.status(at: end.addingTimeInterval(-1)) == .active)
        #expect(membership.isUsable(at: end.addingTimeInterval(-1)))
        #expect(membership.status(at: end) == .expired)
        #expect(!membership.isUsable(at: end))
        membership.status = .suspended
        #expect(membership.status(at: end.addingTimeInterval(-1)) == .suspended)
        #expect(membership.status(at: end) == .expired)
    }

    @Test("R-LIFE-2: after the end, currentMembership, the levels view and the guidance say expired; buying again starts a new term with a new number")
    func expiredEverywhere() async throws {
        let fixture = try await BillingFixture.make()
        let receipt = try await fixture.buy(.gold)
        let end = receipt.membership.term.end
        fixture.env.clock.set(end.addingTimeInterval(-1))
        var current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.status(at: fixture.env.clock.now) == .active)
        fixture.env.clock.set(end)
        current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.id == receipt.membership.id)
        #expect(current?.status(at: fixture.env.clock.now) == .expired)
        let levels = try await fixture.env.membership.levels(of: fixture.accountID, as: fixture.superuser)
        #expect(levels.membershipStatus == .expired)
        #expect(levels.membershipLevel == .gold)
        let steps = try await fixture.env.guidance.nextSteps(forAccount: fixture.accountID, as: fixture.superuser)
        let expired = try #require(steps.first { $0.code == .membershipExpired })
        #expect(expired.text.contains("gick ut"))
        #expect(!steps.contains { $0.code == .membershipActive })
        // Buying again: a new term from now, a new number.
        let again = try await fixture.buy(.gold)
        #expect(again.membership.term.kind == .purchase)
        #expect(again.membership.term.start == end)
        #expect(again.membership.number != receipt.membership.number)
        current = try await fixture.env.membership.currentMembership(of: fixture.accountID, as: fixture.superuser)
        #expect(current?.id == again.membership.id)
        #expect(current?.isUsable(at: fixture.env.clock.now) == true)
    }
}
