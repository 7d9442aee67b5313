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
/// Cheap enough for bulk use (a nightly job over every account; issue 17 item 5): making one decides
/// every level with a few branch-free integer comparisons over the policy's flattened thresholds
/// (straight-line code for up to four levels of each kind), allocates nothing and counts no
/// reference, because the thresholds of a policy are interned for the life of the process;
/// ``isOpen(_:)`` and ``openLevelCount`` read that verdict. The explanations — ``individual``,
/// ``business``, ``availability(of:)``, the shortfalls — are built only when read, from the same
/// comparisons. (A process that makes more than 256 distinct level tables gets ordinary,
/// reference-counted tables for the rest: the same verdicts, a little slower.)
///
/// ```swift
/// let eligibility = LevelEligibility(points: 2_501, completeRegistrations: 10, policy: .canonEurope)
/// eligibility.isBusinessSwitchShown                 // true
/// eligibility.isOpen(.businessA)                    // false (no allocation)
/// eligibility.availability(of: .businessA)?.shortfalls // [.tooFewProducts(missing: 15, minimum: 25)]
/// try eligibility.choose(.businessA)                // throws MembershipError (levelNotOpen)
/// ```
public struct LevelEligibility: Hashable, Codable, Sendable {
    /// The account's points (R-PTS-1).
    public let points: Int
    /// The account's number of complete product registrations.
    public let completeRegistrations: Int
    /// Whether the account has more than the business threshold, so the seed's ON/OFF switch offers a
    /// choice between the views (R-TIER-3). Both views are always available.
    public let isBusinessSwitchShown: Bool
    /// The level of the account's latest membership term, when the view is read for an account
    /// (`MembershipService.levels(of:as:)`), else `nil` (R-LIFE-2).
    public var membershipLevel: CPSLevel? {
        get { extras?.membershipLevel }
        set { extras = Self.extras(extras, level: newValue, status: membershipStatus) }
    }
    /// That term's status at the time of reading — `active`, `suspended`, `expired`, `cancelled` —
    /// so the view can say "expired" (R-LIFE-2).
    public var membershipStatus: MembershipStatus? {
        get { extras?.membershipStatus }
        set { extras = Self.extras(extras, level: membershipLevel, status: newValue) }
    }

    /// Where the explanations come from, built when one is read.
    @usableFromInline
    enum Source: Sendable {
        /// Evaluated against a policy's thresholds, with the clamped inputs.
        case policy(LevelThresholds, points: Int, completeRegistrations: Int)
        /// Decoded from an encoded eligibility: the explanations as they were written.
        case decoded(individual: [LevelAvailability], business: [LevelAvailability])
    }

    /// The policy's tables when they are interned (``LevelThresholds/isInterned``): those live as
    /// long as the process, so holding them unretained costs no reference counting — making and dropping an
    /// eligibility on the common path touches no shared memory.
    /// (`Unmanaged`, not an `unowned(unsafe)` optional: Swift 6.3's debug build corrupted values
    /// holding the latter beside a strong reference.)
    @usableFromInline let interned: Unmanaged<LevelThresholds>?
    /// Everything beyond the verdicts, when there is any (``LevelEligibilityExtras``): `nil` for an
    /// eligibility made against an interned policy and not yet given a membership.
    @usableFromInline var extras: LevelEligibilityExtras?
    /// The inputs clamped as the verdicts compared them (``LevelThresholds/clamp(_:_:)``).
    @usableFromInline let clampedPoints: Int
    @usableFromInline let clampedRegistrations: Int
    /// One bit per level (``LevelPolicy/allLevels`` order) for the first 64 levels: set when open.
    @usableFromInline let openMask: UInt64
    /// How many levels are open, of both views (R-TIER-1, R-TIER-2): decided when the eligibility is
    /// made, so reading it costs nothing.
    public let openLevelCount: Int
    /// Whether ``openMask`` holds every level (the policy has at most 64), so that the verdicts
    /// need not look at the tables.
    @usableFromInline let maskIsComplete: Bool

    /// The source of the explanations (made only when one is read).
    @usableFromInline var source: Source {
        if let thresholds = interned?.takeUnretainedValue() ?? extras?.ownThresholds {
            return .policy(thresholds, points: clampedPoints, completeRegistrations: clampedRegistrations)
        }
        return .decoded(individual: extras?.decodedViews?.individual ?? [], business: extras?.decodedViews?.business ?? [])
    }

    /// `extras` with the membership changed.
    static func extras(_ extras: LevelEligibilityExtras?, level: CPSLevel?, status: MembershipStatus?) -> LevelEligibilityExtras? {
        extras?.with(membershipLevel: level, membershipStatus: status)
            ?? LevelEligibilityExtras.make(ownThresholds: nil, decodedViews: nil, membershipLevel: level, membershipStatus: status)
    }

    /// Evaluates `points` and `completeRegistrations` against `policy` (R-TIER-1, R-TIER-2, R-TIER-3),
    /// allocating nothing: the explanations are built when read.
    @inlinable @inline(__always)
    public init(points: Int, completeRegistrations: Int, policy: LevelPolicy) {
        self.points = points
        self.completeRegistrations = completeRegistrations
        // Clamped so that no difference can overflow, whatever the caller passes.
        let thresholds = policy.thresholds
        let clampedPoints = LevelThresholds.clamp(points, -LevelThresholds.limit)
        let clampedRegistrations = LevelThresholds.clamp(completeRegistrations, 0)
        let verdict = thresholds.verdict(points: clampedPoints, completeRegistrations: clampedRegistrations)
        openMask = verdict.mask
        let complete = thresholds.count <= 64
        maskIsComplete = complete
        openLevelCount = complete ? verdict.openCount
            : Self.countOpenLevels(thresholds, mask: verdict.mask, points: clampedPoints, completeRegistrations: clampedRegistrations)
        if thresholds.isInterned {
            interned = Unmanaged.passUnretained(thresholds)
            extras = nil
        } else {
            interned = nil
            extras = LevelEligibilityExtras(ownThresholds: thresholds, decodedViews: nil, membershipLevel: nil, membershipStatus: nil)
        }
        self.clampedPoints = clampedPoints
        self.clampedRegistrations = clampedRegistrations
        isBusinessSwitchShown = points > thresholds.businessPointsThreshold
    }

    // MARK: - Verdicts (no allocation)


    /// Whether the account may choose `level`: `false` also when the policy does not know it
    /// (R-TIER-1, R-TIER-2).
    @inlinable @inline(__always)
    public func isOpen(_ level: CPSLevel) -> Bool {
        guard maskIsComplete, let thresholds = interned?.takeUnretainedValue() ?? extras?.ownThresholds else { return lookUpOpen(level) }
        for index in 0..<thresholds.count where thresholds.level(at: index) == level {
            return openMask & (1 << UInt64(index)) != 0
        }
        return false
    }

    /// ``openLevelCount`` for a policy of more than 64 levels.
    @usableFromInline
    static func countOpenLevels(_ thresholds: LevelThresholds, mask: UInt64, points: Int, completeRegistrations: Int) -> Int {
        var count = mask.nonzeroBitCount
        for index in 64..<thresholds.count where thresholds.isOpen(at: index, points: points, completeRegistrations: completeRegistrations) {
            count += 1
        }
        return count
    }

    /// ``isOpen(_:)`` for a policy of more than 64 levels, or a decoded eligibility.
    @usableFromInline
    func lookUpOpen(_ level: CPSLevel) -> Bool {
        switch source {
        case let .policy(thresholds, _, _):
            for index in 0..<thresholds.count where thresholds.level(at: index) == level {
                return isOpen(at: index, thresholds)
            }
            return false
        case let .decoded(individual, business):
            return (individual.first { $0.level == level } ?? business.first { $0.level == level })?.isOpen ?? false
        }
    }

    // MARK: - Explanations (built when read)

    /// Switch OFF: Silver, Gold, Platinum, lowest first, each with what it is missing.
    public var individual: [LevelAvailability] {
        switch source {
        case let .policy(thresholds, points, _):
            return thresholds.individualLevels.indices.map { index in
                let terms = thresholds.individualLevels[index]
                let open = isOpen(at: index, thresholds)
                return LevelAvailability(
                    level: terms.level, view: .individual, yearlyFee: terms.yearlyFee,
                    shortfalls: open ? [] : [.points(missing: thresholds.minimumPoints[index] - points,
                                                     required: terms.minimumPoints)])
            }
        case let .decoded(individual, _):
            return individual
        }
    }

    /// Switch ON: the business groups, each with what it is missing.
    public var business: [LevelAvailability] {
        switch source {
        case let .policy(thresholds, points, registrations):
            let offset = thresholds.individualLevels.count
            return thresholds.businessLevels.indices.map { index in
                let terms = thresholds.businessLevels[index]
                var shortfalls: [LevelShortfall] = []
                if !isOpen(at: offset + index, thresholds) {
                    // Which of the verdict's comparisons failed (the same clamped values).
                    let required = thresholds.businessRequiredPoints
                    let minimum = thresholds.productBounds[2 * index]
                    let maximum = thresholds.productBounds[2 * index + 1]
                    if LevelThresholds.atLeast(points, required) == 0 {
                        shortfalls.append(.points(missing: required - points, required: required))
                    }
                    if LevelThresholds.atLeast(registrations, minimum) == 0 {
                        shortfalls.append(.tooFewProducts(missing: minimum - registrations, minimum: minimum))
                    } else if LevelThresholds.atLeast(maximum, registrations) == 0 {
                        shortfalls.append(.tooManyProducts(excess: registrations - maximum, maximum: maximum))
                    }
                }
                return LevelAvailability(level: terms.level, view: .business, yearlyFee: terms.yearlyFee,
                                         shortfalls: shortfalls)
            }
        case let .decoded(_, business):
            return business
        }
    }

    /// The verdict for level `index` of a policy source.
    private func isOpen(at index: Int, _ thresholds: LevelThresholds) -> Bool {
        if index < 64 { return openMask & (1 << UInt64(index)) != 0 }
        return thresholds.isOpen(at: index, points: clampedPoints, completeRegistrations: clampedRegistrations)
    }

    /// The levels of one view of the switch (R-TIER-3).
    public func levels(in view: CPSLevelView) -> [LevelAvailability] {
        view == .business ? business : individual
    }

    /// The availability of `level`, or `nil` when the policy does not know it.
    public func availability(of level: CPSLevel) -> LevelAvailability? {
        individual.first { $0.level == level } ?? business.first { $0.level == level }
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

// MARK: - Equality and Codable (the explanations, as before the evaluation became lazy)

extension LevelEligibility {
    private enum CodingKeys: String, CodingKey {
        case points, completeRegistrations, individual, business, isBusinessSwitchShown, membershipLevel, membershipStatus
    }

    /// Decodes an encoded eligibility; its explanations are kept as written.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decode(Int.self, forKey: .points)
        completeRegistrations = try container.decode(Int.self, forKey: .completeRegistrations)
        let individual = try container.decode([LevelAvailability].self, forKey: .individual)
        let business = try container.decode([LevelAvailability].self, forKey: .business)
        isBusinessSwitchShown = try container.decode(Bool.self, forKey: .isBusinessSwitchShown)
        let membershipLevel = try container.decodeIfPresent(CPSLevel.self, forKey: .membershipLevel)
        let membershipStatus = try container.decodeIfPresent(MembershipStatus.self, forKey: .membershipStatus)
        var mask: UInt64 = 0
        for (index, level) in (individual + business).prefix(64).enumerated() where level.isOpen {
            mask |= 1 << UInt64(index)
        }
        openMask = mask
        maskIsComplete = individual.count + business.count <= 64
        openLevelCount = (individual + business).filter(\.isOpen).count
        interned = nil
        extras = LevelEligibilityExtras(ownThresholds: nil, decodedViews: (individual, business),
                                        membershipLevel: membershipLevel, membershipStatus: membershipStatus)
        clampedPoints = LevelThresholds.clamp(points, -LevelThresholds.limit)
        clampedRegistrations = LevelThresholds.clamp(completeRegistrations, 0)
    }

    /// Encodes the facts and both views with every explanation.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(completeRegistrations, forKey: .completeRegistrations)
        try container.encode(individual, forKey: .individual)
        try container.encode(business, forKey: .business)
        try container.encode(isBusinessSwitchShown, forKey: .isBusinessSwitchShown)
        try container.encodeIfPresent(membershipLevel, forKey: .membershipLevel)
        try container.encodeIfPresent(membershipStatus, forKey: .membershipStatus)
    }

    /// Equal when the facts and both views with their explanations are.
    public static func == (lhs: LevelEligibility, rhs: LevelEligibility) -> Bool {
        lhs.points == rhs.points && lhs.completeRegistrations == rhs.completeRegistrations
            && lhs.isBusinessSwitchShown == rhs.isBusinessSwitchShown
            && lhs.membershipLevel == rhs.membershipLevel && lhs.membershipStatus == rhs.membershipStatus
            && lhs.individual == rhs.individual && lhs.business == rhs.business
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(points)
        hasher.combine(completeRegistrations)
        hasher.combine(isBusinessSwitchShown)
        hasher.combine(membershipLevel)
        hasher.combine(membershipStatus)
        hasher.combine(individual)
        hasher.combine(business)
    }
}
