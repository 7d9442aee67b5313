import CPSKit
import Foundation
import Testing

/// The allocation-free verdicts of `LevelEligibility` (`isOpen(_:)`, `openLevelCount`) against the
/// rules written out, and against its own explanations, which are built later from the same comparisons.
@Suite("Level verdicts and explanations agree (R-TIER-1, R-TIER-2)")
struct LevelEligibilityVerdictTests {
    /// R-TIER-1 and R-TIER-2 for `LevelPolicy.canonEurope`, written out.
    private func expectedOpen(points: Int, registrations: Int) -> [CPSLevel] {
        var open: [CPSLevel] = []
        if points >= 500 { open.append(.silver) }
        if points >= 1_000 { open.append(.gold) }
        if points >= 1_600 { open.append(.platinum) }
        if points > 2_500 {
            if (25...74).contains(registrations) { open.append(.businessA) }
            if (75...149).contains(registrations) { open.append(.businessB) }
            if (150...250).contains(registrations) { open.append(.businessC) }
        }
        return open
    }

    @Test("R-TIER-1/2: the verdicts match the rules and the explanations on every threshold and at the extremes", arguments: [
        Int.min, -1_000_000_000_001, -1, 0, 499, 500, 501, 999, 1_000, 1_599, 1_600, 2_499, 2_500, 2_501, 10_000,
        1_000_000_000_001, Int.max,
    ])
    func verdictsAgree(points: Int) {
        for registrations in [Int.min, -1, 0, 24, 25, 74, 75, 149, 150, 250, 251, Int.max] {
            let eligibility = LevelEligibility(points: points, completeRegistrations: registrations, policy: .canonEurope)
            let expected = expectedOpen(points: points, registrations: registrations)
            #expect(eligibility.openLevels == expected, "\(points) points, \(registrations) products")
            #expect(eligibility.openLevelCount == expected.count)
            for level in LevelPolicy.canonEurope.allLevels {
                #expect(eligibility.isOpen(level) == expected.contains(level))
                #expect(eligibility.availability(of: level)?.isOpen == expected.contains(level))
            }
        }
    }

    @Test("R-TIER-2: a policy with an open-ended business group and extreme thresholds agrees too")
    func agreesOnUnusualPolicy() {
        var policy = LevelPolicy.canonEurope
        policy.businessPointsThreshold = Int.max
        policy.businessLevels = [LevelPolicy.BusinessLevel(level: .businessA, minimumProducts: -5, maximumProducts: nil,
                                                           yearlyFee: Money(1, .eur), termDiscounts: [], provenance: .placeholder)]
        for points in [Int.min, 0, 2_501, Int.max] {
            for registrations in [0, 1, Int.max] {
                let eligibility = LevelEligibility(points: points, completeRegistrations: registrations, policy: policy)
                #expect(eligibility.isOpen(.businessA) == (eligibility.availability(of: .businessA)?.isOpen == true))
                // The clamped threshold + 1 (10¹² + 1) is more than any clamped total: never open.
                #expect(!eligibility.isOpen(.businessA))
                #expect(eligibility.openLevelCount == eligibility.openLevels.count)
            }
        }
    }

    @Test("R-TIER-2: changing a policy's levels changes the verdicts (the thresholds are rebuilt)")
    func changedPolicy() throws {
        var policy = LevelPolicy.canonEurope
        #expect(LevelEligibility(points: 2_400, completeRegistrations: 30, policy: policy).isOpen(.businessA) == false)
        policy.businessPointsThreshold = 2_000
        #expect(LevelEligibility(points: 2_400, completeRegistrations: 30, policy: policy).isOpen(.businessA))
        policy.individualLevels.removeFirst()
        let eligibility = LevelEligibility(points: 600, completeRegistrations: 0, policy: policy)
        #expect(!eligibility.isOpen(.silver))
        #expect(eligibility.individual.map(\.level) == [.gold, .platinum])
        #expect(policy != .canonEurope)
        #expect(try JSONDecoder().decode(LevelPolicy.self, from: JSONEncoder().encode(policy)) == policy)
    }

    @Test("R-TIER-1: a policy of more than 64 levels decides every one")
    func manyLevels() {
        let levels = (0..<70).map {
            LevelPolicy.IndividualLevel(level: CPSLevel(rawValue: "level\($0)"), minimumPoints: $0 * 10,
                                        yearlyFee: Money(1, .eur), provenance: .placeholder)
        }
        let policy = LevelPolicy(individualLevels: levels, businessLevels: [], businessPointsThreshold: 0,
                                 businessPointsThresholdProvenance: .placeholder)
        let eligibility = LevelEligibility(points: 665, completeRegistrations: 0, policy: policy)
        #expect(eligibility.openLevelCount == 67)
        #expect(eligibility.isOpen(CPSLevel(rawValue: "level66")))
        #expect(!eligibility.isOpen(CPSLevel(rawValue: "level67")))
        #expect(eligibility.openLevels.count == 67)
        #expect(eligibility.availability(of: CPSLevel(rawValue: "level69"))?.shortfalls == [.points(missing: 25, required: 690)])
    }

    @Test("R-TIER-3: an encoded eligibility decodes with the same views and verdicts")
    func codable() throws {
        var eligibility = LevelEligibility(points: 2_501, completeRegistrations: 10, policy: .canonEurope)
        eligibility.membershipLevel = .gold
        eligibility.membershipStatus = .active
        let data = try JSONEncoder().encode(eligibility)
        let decoded = try JSONDecoder().decode(LevelEligibility.self, from: data)
        #expect(decoded == eligibility)
        #expect(decoded.hashValue == eligibility.hashValue)
        #expect(decoded.openLevelCount == 3)
        #expect(decoded.isOpen(.platinum) && !decoded.isOpen(.businessA))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["points", "completeRegistrations", "individual", "business", "isBusinessSwitchShown",
                                     "membershipLevel", "membershipStatus"])
    }

    @Test("R-TIER-1: the documented example")
    func example() {
        let eligibility = LevelEligibility(points: 1_200, completeRegistrations: 3, policy: .canonEurope)
        #expect(eligibility.openLevels == [.silver, .gold])
        #expect(eligibility.openLevelCount == 2)
        #expect(eligibility.isOpen(.gold) && !eligibility.isOpen(.platinum))
        #expect(!eligibility.isOpen(CPSLevel(rawValue: "diamond")))
    }
}
