import CPSKit
import Testing

@Suite("Bulk level evaluation (R-TIER-1, R-TIER-2)")
struct LevelPolicyBulkTests {
    @Test("R-TIER-1/2: forEachLevel agrees with LevelEligibility on every threshold and at the extremes", arguments: [
        Int.min, -1_000_000_000_001, -1, 0, 499, 500, 501, 999, 1_000, 1_599, 1_600, 2_499, 2_500, 2_501, 10_000,
        1_000_000_000_001, Int.max,
    ])
    func agreesWithEligibility(points: Int) {
        for registrations in [Int.min, -1, 0, 24, 25, 74, 75, 149, 150, 250, 251, Int.max] {
            let eligibility = LevelEligibility(points: points, completeRegistrations: registrations, policy: .canonEurope)
            var seen: [(CPSLevel, Bool)] = []
            LevelPolicy.canonEurope.forEachLevel(points: points, completeRegistrations: registrations) { seen.append(($0, $1)) }
            #expect(seen.map(\.0) == LevelPolicy.canonEurope.allLevels)
            for (level, isOpen) in seen {
                #expect(eligibility.availability(of: level)?.isOpen == isOpen, "\(level) at \(points) points, \(registrations) products")
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
                policy.forEachLevel(points: points, completeRegistrations: registrations) { level, isOpen in
                    #expect(eligibility.availability(of: level)?.isOpen == isOpen)
                }
            }
        }
    }

    @Test("R-TIER-1: the documented example")
    func example() {
        var open: [CPSLevel] = []
        LevelPolicy.canonEurope.forEachLevel(points: 1_200, completeRegistrations: 3) { level, isOpen in
            if isOpen { open.append(level) }
        }
        #expect(open == [.silver, .gold])
    }
}
