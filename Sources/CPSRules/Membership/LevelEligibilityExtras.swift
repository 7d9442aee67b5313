/// What a ``LevelEligibility`` holds beyond its verdicts, when it holds anything: the policy's tables
/// if they are not interned, the explanations of a decoded eligibility, and the account's membership
/// (R-TIER-1, R-TIER-2, R-LIFE-2). Immutable and boxed, so that an eligibility made against an
/// interned policy — the common, bulk path — has no reference to count: its box is `nil`.
@usableFromInline
final class LevelEligibilityExtras: Sendable {
    /// The policy's tables, when they are not interned (held strongly).
    @usableFromInline let ownThresholds: LevelThresholds?
    /// The explanations as decoded: switch OFF, then switch ON.
    @usableFromInline let decodedViews: (individual: [LevelAvailability], business: [LevelAvailability])?
    /// The level of the account's latest membership term.
    @usableFromInline let membershipLevel: CPSLevel?
    /// That term's status at the time of reading.
    @usableFromInline let membershipStatus: MembershipStatus?

    @usableFromInline
    init(ownThresholds: LevelThresholds?, decodedViews: (individual: [LevelAvailability], business: [LevelAvailability])?,
         membershipLevel: CPSLevel?, membershipStatus: MembershipStatus?) {
        self.ownThresholds = ownThresholds
        self.decodedViews = decodedViews
        self.membershipLevel = membershipLevel
        self.membershipStatus = membershipStatus
    }

    /// A box with the membership changed, or `nil` when nothing would be left in it.
    func with(membershipLevel: CPSLevel?, membershipStatus: MembershipStatus?) -> LevelEligibilityExtras? {
        Self.make(ownThresholds: ownThresholds, decodedViews: decodedViews,
                  membershipLevel: membershipLevel, membershipStatus: membershipStatus)
    }

    /// A box of these parts, or `nil` when all are absent.
    static func make(ownThresholds: LevelThresholds?, decodedViews: (individual: [LevelAvailability], business: [LevelAvailability])?,
                     membershipLevel: CPSLevel?, membershipStatus: MembershipStatus?) -> LevelEligibilityExtras? {
        if ownThresholds == nil, decodedViews == nil, membershipLevel == nil, membershipStatus == nil { return nil }
        return LevelEligibilityExtras(ownThresholds: ownThresholds, decodedViews: decodedViews,
                                      membershipLevel: membershipLevel, membershipStatus: membershipStatus)
    }
}
