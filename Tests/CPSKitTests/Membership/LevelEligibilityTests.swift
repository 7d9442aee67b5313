import CPSKit
import Foundation
import Testing

@Suite("CPS levels and the Available CPS levels switch (R-TIER-1, R-TIER-2, R-TIER-3)")
struct LevelEligibilityTests {
    private func evaluate(_ points: Int, products: Int = 0) -> LevelEligibility {
        LevelEligibility(points: points, completeRegistrations: products, policy: .canonEurope)
    }

    @Test("R-TIER-1: individual thresholds at 500 / 1,000 / 1,600 points", arguments: [
        (0, [CPSLevel]()), (499, []), (500, [.silver]), (999, [.silver]), (1_000, [.silver, .gold]),
        (1_599, [.silver, .gold]), (1_600, [.silver, .gold, .platinum]), (2_000, [.silver, .gold, .platinum]),
    ])
    func individualThresholds(points: Int, open: [CPSLevel]) {
        let eligibility = evaluate(points)
        #expect(eligibility.levels(in: .individual).filter(\.isOpen).map(\.level) == open)
    }

    @Test("R-TIER-1: a closed individual level says how many points are missing", arguments: [
        (499, CPSLevel.silver, 1, 500), (999, .gold, 1, 1_000), (1_599, .platinum, 1, 1_600), (880, .gold, 120, 1_000),
    ])
    func pointsShort(points: Int, level: CPSLevel, missing: Int, required: Int) throws {
        let availability = try #require(evaluate(points).availability(of: level))
        #expect(availability.shortfalls == [.points(missing: missing, required: required)])
        // R-MSG-1: the count agrees in number, the requirement has its digit groups.
        let points = missing == 1 ? "1 more point" : "\(missing) more points"
        #expect(availability.shortfalls.first?.text(in: .english) == "\(points) needed (\(required >= 1_000 ? "\(required / 1_000),\(String(format: "%03d", required % 1_000))" : "\(required)") required).")
    }

    @Test("R-TIER-1: fees are €100 / €200 / €350 a year")
    func fees() {
        let fees = evaluate(2_000).individual.map(\.yearlyFee)
        #expect(fees == [Money(100, .eur), Money(200, .eur), Money(350, .eur)])
    }

    @Test("R-TIER-2: 2,500 points is not enough, 2,501 is", arguments: [(2_500, false), (2_501, true), (10_000, true)])
    func businessThreshold(points: Int, open: Bool) throws {
        let eligibility = evaluate(points, products: 30)
        let groupA = try #require(eligibility.availability(of: .businessA))
        #expect(groupA.isOpen == open)
        #expect(eligibility.isBusinessSwitchShown == open)
        if !open { #expect(groupA.shortfalls == [.points(missing: 2_501 - points, required: 2_501)]) }
    }

    @Test("R-TIER-2: 2,501 points with too few products for group A")
    func tooFewProductsForA() throws {
        let eligibility = evaluate(2_501, products: 10)
        let groupA = try #require(eligibility.availability(of: .businessA))
        #expect(!groupA.isOpen)
        #expect(groupA.shortfalls == [.tooFewProducts(missing: 15, minimum: 25)])
        #expect(eligibility.business.allSatisfy { !$0.isOpen })
        #expect(eligibility.individual.allSatisfy { $0.isOpen })
    }

    @Test("R-TIER-2: both shortfalls at once, and too many products", arguments: [
        (2_000, 10, CPSLevel.businessA, [LevelShortfall.points(missing: 501, required: 2_501), .tooFewProducts(missing: 15, minimum: 25)]),
        (2_000, 80, .businessA, [.points(missing: 501, required: 2_501), .tooManyProducts(excess: 6, maximum: 74)]),
        (3_000, 80, .businessA, [.tooManyProducts(excess: 6, maximum: 74)]),
        (3_000, 80, .businessB, []),
        (3_000, 80, .businessC, [.tooFewProducts(missing: 70, minimum: 150)]),
        (3_000, 251, .businessC, [.tooManyProducts(excess: 1, maximum: 250)]),
        (3_000, 250, .businessC, []),
        (3_000, 25, .businessA, []),
        (3_000, 74, .businessA, []),
    ])
    func businessBands(points: Int, products: Int, level: CPSLevel, shortfalls: [LevelShortfall]) throws {
        let availability = try #require(evaluate(points, products: products).availability(of: level))
        #expect(availability.shortfalls == shortfalls)
        #expect(availability.view == .business)
    }

    @Test("R-TIER-3: both views are offered; the switch ON is business")
    func views() {
        let eligibility = evaluate(2_600, products: 100)
        #expect(eligibility.levels(in: CPSLevelView(switchOn: true)).map(\.level) == [.businessA, .businessB, .businessC])
        #expect(eligibility.levels(in: CPSLevelView(switchOn: false)).map(\.level) == [.silver, .gold, .platinum])
        #expect(eligibility.openLevels == [.silver, .gold, .platinum, .businessB])
    }

    @Test("Choosing a closed level throws a localized error with the explanation")
    func choosingClosed() throws {
        let eligibility = evaluate(880)
        #expect(try eligibility.choose(.silver).level == .silver)
        do { _ = try eligibility.choose(.gold); Issue.record("accepted") } catch {
            #expect(error.reason == .levelNotOpen)
            #expect(error.shortfalls == [.points(missing: 120, required: 1_000)])
            #expect(error.message(in: .english) == "Gold is not open to you yet: you need 120 more points (1,000 required).")
            #expect(error.message(in: .swedish).contains("120 poäng till"))
        }
        do { _ = try evaluate(2_000, products: 10).choose(.businessA); Issue.record("accepted") } catch {
            #expect(error.textKey == "billing.error.levelNotOpen.pointsAndTooFewProducts")
            let message = error.message(in: .english)
            #expect(message.contains("501 more points") && message.contains("15 more complete product registrations"))
            #expect(!error.message(in: .swedish).contains("{"))
        }
        do { _ = try evaluate(3_000, products: 300).choose(.businessC); Issue.record("accepted") } catch {
            #expect(error.textKey == "billing.error.levelNotOpen.tooManyProducts")
            #expect(error.message(in: .english).contains("50 complete product registrations more"))
        }
        do { _ = try eligibility.choose(CPSLevel(rawValue: "diamond")); Issue.record("accepted") } catch {
            #expect(error.reason == .levelNotOffered)
        }
    }

    @Test("Extreme inputs give explanations, never a trap (SPEC §12)")
    func extremes() {
        let low = LevelEligibility(points: Int.min, completeRegistrations: Int.min, policy: .canonEurope)
        #expect(low.openLevels.isEmpty)
        let high = LevelEligibility(points: Int.max, completeRegistrations: Int.max, policy: .canonEurope)
        #expect(high.openLevels == [.silver, .gold, .platinum])
    }

    @Test("Level policy: Codable, provenance, multi-year business fees")
    func policy() throws {
        let policy = LevelPolicy.canonEurope
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(LevelPolicy.self, from: data) == policy)
        #expect(policy.individualLevels.allSatisfy { $0.provenance == .sourced })
        #expect(policy.businessLevels.allSatisfy { $0.provenance == .placeholder })
        #expect(policy.businessPointsThresholdProvenance == .sourced)
        #expect(policy.fee(for: .businessA, years: 2) == Money(1_900, .eur))
        #expect(policy.fee(for: .businessA, years: 3) == Money(2_700, .eur))
        #expect(policy.fee(for: .gold, years: 2) == nil)
        #expect(policy.fee(for: CPSLevel(rawValue: "diamond")) == nil)
    }
}
