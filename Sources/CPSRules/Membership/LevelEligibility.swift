/// Which CPS levels an account may choose, in both views of the "Available CPS levels" switch, and
/// what is missing for the others (R-TIER-1, R-TIER-2, R-TIER-3). A pure evaluation of two facts:
/// the points and the number of complete registrations.
///
/// - An individual level is open at its points or more ("with 2,000 points every individual level is
///   open"); otherwise it is short by the missing points.
/// - A business group is open with **more than** the policy's threshold (2,500: exactly 2,500 is not
///   enough) **and** a number of complete registrations within its band; otherwise the explanation
///   lists both shortfalls at once (points short by N; products short by N or too many by N).
///
/// ```swift
/// let eligibility = LevelEligibility(points: 2_501, completeRegistrations: 10, policy: .canonEurope)
/// eligibility.isBusinessSwitchShown                 // true
/// eligibility.availability(of: .businessA)?.shortfalls // [.tooFewProducts(missing: 15, minimum: 25)]
/// try eligibility.choose(.businessA)                // throws MembershipError (levelNotOpen)
/// ```
public struct LevelEligibility: Hashable, Codable, Sendable {
    /// The account's points (R-PTS-1).
    public let points: Int
    /// The account's number of complete product registrations.
    public let completeRegistrations: Int
    /// Switch OFF: Silver, Gold, Platinum, lowest first.
    public let individual: [LevelAvailability]
    /// Switch ON: the business groups.
    public let business: [LevelAvailability]
    /// Whether the account has more than the business threshold, so the seed's ON/OFF switch offers a
    /// choice between the views (R-TIER-3). Both views are always computed.
    public let isBusinessSwitchShown: Bool
    /// The level of the account's latest membership term, when the view is read for an account
    /// (`MembershipService.levels(of:as:)`), else `nil` (R-LIFE-2).
    public var membershipLevel: CPSLevel?
    /// That term's status at the time of reading — `active`, `suspended`, `expired`, `cancelled` —
    /// so the view can say "expired" (R-LIFE-2).
    public var membershipStatus: MembershipStatus?

    /// Evaluates `points` and `completeRegistrations` against `policy` (R-TIER-1, R-TIER-2, R-TIER-3).
    public init(points: Int, completeRegistrations: Int, policy: LevelPolicy) {
        self.points = points
        self.completeRegistrations = completeRegistrations
        // Clamped so that no difference below can overflow, whatever the caller passes.
        let limit = 1_000_000_000_000
        let points = min(max(points, -limit), limit)
        let completeRegistrations = min(max(completeRegistrations, 0), limit)
        individual = policy.individualLevels.map { terms in
            let missing = min(max(terms.minimumPoints, -limit), limit) - points
            return LevelAvailability(
                level: terms.level, view: .individual, yearlyFee: terms.yearlyFee,
                shortfalls: missing > 0 ? [.points(missing: missing, required: terms.minimumPoints)] : [])
        }
        let requiredPoints = min(max(policy.businessPointsThreshold, -limit), limit) + 1
        business = policy.businessLevels.map { terms in
            var shortfalls: [LevelShortfall] = []
            if points < requiredPoints {
                shortfalls.append(.points(missing: requiredPoints - points, required: requiredPoints))
            }
            let minimum = min(max(terms.minimumProducts, 0), limit)
            if completeRegistrations < minimum {
                shortfalls.append(.tooFewProducts(missing: minimum - completeRegistrations, minimum: minimum))
            } else if let maximum = terms.maximumProducts.map({ min(max($0, 0), limit) }), completeRegistrations > maximum {
                shortfalls.append(.tooManyProducts(excess: completeRegistrations - maximum, maximum: maximum))
            }
            return LevelAvailability(level: terms.level, view: .business, yearlyFee: terms.yearlyFee,
                                     shortfalls: shortfalls)
        }
        isBusinessSwitchShown = points > policy.businessPointsThreshold
    }

    /// The levels of one view of the switch (R-TIER-3).
    public func levels(in view: CPSLevelView) -> [LevelAvailability] {
        view == .business ? business : individual
    }

    /// The availability of `level`, or `nil` when the policy does not know it.
    public func availability(of level: CPSLevel) -> LevelAvailability? {
        (individual + business).first { $0.level == level }
    }

    /// Every open level, individual ones first.
    public var openLevels: [CPSLevel] { (individual + business).filter(\.isOpen).map(\.level) }

    /// The availability of `level` if the account may choose it (R-TIER-1, R-TIER-2).
    ///
    /// - Throws: ``MembershipError`` with ``MembershipError/Reason/levelNotOpen`` and the shortfalls
    ///   when the level is closed, or ``MembershipError/Reason/levelNotOffered`` when the policy does
    ///   not know it.
    public func choose(_ level: CPSLevel) throws(MembershipError) -> LevelAvailability {
        guard let availability = availability(of: level) else {
            throw MembershipError(.levelNotOffered, level: level, facts: ["code": level.rawValue])
        }
        guard availability.isOpen else {
            throw MembershipError(.levelNotOpen, level: level, shortfalls: availability.shortfalls,
                                  facts: ["points": String(points), "products": String(completeRegistrations)])
        }
        return availability
    }
}
