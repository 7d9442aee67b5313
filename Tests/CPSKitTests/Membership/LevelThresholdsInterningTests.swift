import CPSKit
import Foundation
@testable import CPSRules
import Testing

/// The cheap path of `LevelEligibility` (issue 17 item 5, R-TIER-1, R-TIER-2): the straight-line
/// verdict for policies of up to four levels of each kind against the general loop, and the interned
/// tables an eligibility holds without reference counting — also past the intern limit, where a table
/// must outlive the policy it came from.
@Suite("Level thresholds: fixed slots and interning (R-TIER-1, R-TIER-2, issue 17 item 5)")
struct LevelThresholdsInterningTests {
    /// A policy of `individual` individual levels and `business` business groups at made-up thresholds.
    private func policy(individual: Int, business: Int, threshold: Int = 2_500, salt: Int = 0) -> LevelPolicy {
        LevelPolicy(
            individualLevels: (0..<individual).map {
                LevelPolicy.IndividualLevel(level: CPSLevel(rawValue: "i\($0)-\(salt)"), minimumPoints: 500 * ($0 + 1) + salt,
                                            yearlyFee: Money(100, .eur), provenance: .placeholder)
            },
            businessLevels: (0..<business).map {
                LevelPolicy.BusinessLevel(level: CPSLevel(rawValue: "b\($0)-\(salt)"), minimumProducts: 25 + 50 * $0,
                                          maximumProducts: $0 == business - 1 ? nil : 74 + 50 * $0, yearlyFee: Money(1_000, .eur),
                                          termDiscounts: [], provenance: .placeholder)
            },
            businessPointsThreshold: threshold, businessPointsThresholdProvenance: .placeholder)
    }

    @Test("R-TIER-1/2: the straight-line verdict equals the general loop at every boundary (499/500, 2,500/2,501, band edges)",
          arguments: [(3, 3), (4, 4), (0, 4), (4, 0), (1, 1), (5, 3), (3, 5)])
    func fixedSlotsAgreeWithLoop(individual: Int, business: Int) {
        let policy = policy(individual: individual, business: business)
        let thresholds = policy.thresholds
        #expect(thresholds.fitsFixedSlots == (individual <= 4 && business <= 4))
        let points = [Int.min, -1, 0, 499, 500, 501, 999, 1_000, 1_499, 1_500, 2_000, 2_499, 2_500, 2_501, 2_502, Int.max]
        let registrations = [Int.min, -1, 0, 24, 25, 74, 75, 124, 125, 174, 175, 224, 225, 1_000, Int.max]
        for total in points {
            for count in registrations {
                let p = LevelThresholds.clamp(total, -LevelThresholds.limit)
                let r = LevelThresholds.clamp(count, 0)
                let verdict = thresholds.verdict(points: p, completeRegistrations: r)
                let loop = thresholds.openMask(points: p, completeRegistrations: r)
                #expect(verdict.mask == loop, "\(total) points, \(count) products")
                #expect(verdict.openCount == loop.nonzeroBitCount)
                let eligibility = LevelEligibility(points: total, completeRegistrations: count, policy: policy)
                #expect(eligibility.openLevelCount == eligibility.openLevels.count)
                for level in policy.allLevels {
                    #expect(eligibility.isOpen(level) == (eligibility.availability(of: level)?.isOpen == true))
                }
            }
        }
    }

    @Test("R-TIER-1: equal policies share one interned table; the default policy's is interned")
    func equalPoliciesShareTheirTable() {
        let canon = LevelPolicy.canonEurope
        #expect(canon.thresholds.isInterned)
        // An equal policy made anew finds the interned table (also when the registry is full: the
        // test below fills it, and tests run in parallel).
        let copy = LevelPolicy(individualLevels: canon.individualLevels, businessLevels: canon.businessLevels,
                               businessPointsThreshold: canon.businessPointsThreshold,
                               businessPointsThresholdProvenance: canon.businessPointsThresholdProvenance)
        #expect(copy.thresholds === canon.thresholds)
        let a = policy(individual: 2, business: 2, salt: 7)
        let b = policy(individual: 2, business: 2, salt: 7)
        #expect(a.thresholds === b.thresholds || !a.thresholds.isInterned)
        var changed = a
        changed.businessPointsThreshold = 3_000
        #expect(changed.thresholds !== a.thresholds)
        #expect(LevelEligibility(points: 2_800, completeRegistrations: 30, policy: a).isOpen(CPSLevel(rawValue: "b0-7")))
        #expect(!LevelEligibility(points: 2_800, completeRegistrations: 30, policy: changed).isOpen(CPSLevel(rawValue: "b0-7")))
    }

    @Test("R-TIER-1/2: past the intern limit a table is held by its eligibility and outlives the policy")
    func pastTheInternLimit() {
        // More distinct policies than can be interned: the later ones keep their own tables.
        // The default policy's table is interned before the registry fills up.
        #expect(LevelPolicy.canonEurope.thresholds.isInterned)
        var eligibilities: [LevelEligibility] = []
        var sawOwnTable = false
        for salt in 1_000..<(1_000 + LevelThresholds.internLimit + 20) {
            let made = policy(individual: 3, business: 3, salt: salt)   // dropped at the end of the iteration
            sawOwnTable = sawOwnTable || !made.thresholds.isInterned
            eligibilities.append(LevelEligibility(points: 2_501 + salt, completeRegistrations: 30, policy: made))
        }
        #expect(sawOwnTable)
        for (offset, eligibility) in eligibilities.enumerated() {
            let salt = 1_000 + offset
            // The explanations are built from the table long after the policy is gone.
            #expect(eligibility.individual.count == 3)
            #expect(eligibility.isOpen(CPSLevel(rawValue: "b0-\(salt)")))
            #expect(eligibility.availability(of: CPSLevel(rawValue: "i2-\(salt)"))?.isOpen == true)
            #expect(eligibility.openLevelCount == 4)
        }
    }

    @Test("R-LIFE-2: the membership fields set on an eligibility read back, compare and survive coding")
    func membershipFields() throws {
        var eligibility = LevelEligibility(points: 1_200, completeRegistrations: 0, policy: .canonEurope)
        #expect(eligibility.membershipLevel == nil && eligibility.membershipStatus == nil)
        let plain = eligibility
        eligibility.membershipLevel = .gold
        eligibility.membershipStatus = .expired
        #expect(eligibility.membershipLevel == .gold && eligibility.membershipStatus == .expired)
        #expect(eligibility != plain)
        #expect(eligibility.isOpen(.gold) && eligibility.openLevelCount == 2)
        let decoded = try JSONDecoder().decode(LevelEligibility.self, from: JSONEncoder().encode(eligibility))
        #expect(decoded == eligibility)
        #expect(decoded.membershipStatus == .expired)
        eligibility.membershipLevel = nil
        eligibility.membershipStatus = nil
        #expect(eligibility == plain)
    }
}
