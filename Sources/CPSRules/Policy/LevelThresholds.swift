/// A ``LevelPolicy``'s levels flattened for evaluation (R-TIER-1, R-TIER-2): the terms as written,
/// and every threshold clamped once into two contiguous integer tables, so that
/// ``LevelEligibility`` decides which levels are open with a few integer comparisons and no
/// allocation. Built when the policy is made or one of its levels changes; immutable after that,
/// so an eligibility can keep it (one reference) to explain its verdicts later, on demand.
///
/// The one algorithm: a level's bit in ``verdict(points:completeRegistrations:)`` (straight-line for up to
/// four levels of each kind, else ``openMask(points:completeRegistrations:)``), its verdict past
/// the 64th level (``individualIsOpen(_:points:)``, ``businessIsOpen(_:points:completeRegistrations:)``)
/// and its shortfalls in ``LevelEligibility`` are the same ``atLeast(_:_:)`` comparisons over the
/// same clamped tables (`LevelEligibilityVerdictTests` checks them against the rules written out).
///
/// Tables are interned by value (``interned(individualLevels:businessLevels:businessPointsThreshold:)``):
/// every policy with the same levels shares one table, which lives as long as the process. An
/// eligibility then holds it without reference counting, so making and dropping one in a bulk loop
/// touches no shared memory. Past ``internLimit`` distinct tables (a host that builds policies from
/// ever-changing input), new tables are ordinary, reference-counted objects, so memory stays bounded.
@usableFromInline
final class LevelThresholds: Sendable {
    /// At most this many distinct tables are interned in a process.
    static let internLimit = 256
    /// The interned tables, by their levels.
    private static let registry = InternRegistry()

    /// Whether this table is interned: kept for the life of the process.
    @usableFromInline let isInterned: Bool
    /// The bound every value is clamped to, so that no difference below can overflow
    /// (`±10¹²`; differences stay far inside `Int`).
    @usableFromInline static let limit = 1_000_000_000_000

    /// The policy's individual levels, in order.
    @usableFromInline let individualLevels: [LevelPolicy.IndividualLevel]
    /// The policy's business groups, in order.
    @usableFromInline let businessLevels: [LevelPolicy.BusinessLevel]
    /// The policy's threshold, as written (the switch uses it unclamped, R-TIER-3).
    @usableFromInline let businessPointsThreshold: Int
    /// Per individual level: the clamped minimum points.
    @usableFromInline let minimumPoints: ContiguousArray<Int>
    /// The clamped threshold + 1: the fewest points a business group needs.
    @usableFromInline let businessRequiredPoints: Int
    /// Per business group: the clamped fewest and most complete registrations (no upper bound: the limit).
    @usableFromInline let productBounds: ContiguousArray<Int>
    /// Whether the policy fits ``fixedSlots`` levels of each kind, so that
    /// ``verdict(points:completeRegistrations:)`` is straight-line code (the common case: the
    /// default policy has 3 + 3).
    @usableFromInline let fitsFixedSlots: Bool
    /// ``minimumPoints`` in fixed slots; an unused slot needs more points than any clamped value
    /// (`limit + 1`), so it is never open.
    @usableFromInline let fixedMinimumPoints: (Int, Int, Int, Int)
    /// ``productBounds`` in fixed slots (fewest, most per group); an unused slot needs more
    /// registrations than any clamped value, so it is never open.
    @usableFromInline let fixedProductBounds: (Int, Int, Int, Int, Int, Int, Int, Int)
    /// The number of individual levels: where the business groups' bits start in the mask.
    @usableFromInline let individualCount: Int

    /// Levels of each kind that fit the fixed slots.
    @usableFromInline static let fixedSlots = 4

    /// The interned table of these levels (made and interned on first use), or a table of its own
    /// past ``internLimit``.
    static func interned(individualLevels: [LevelPolicy.IndividualLevel], businessLevels: [LevelPolicy.BusinessLevel],
                         businessPointsThreshold: Int) -> LevelThresholds {
        registry.table(for: InternRegistry.Key(individualLevels: individualLevels, businessLevels: businessLevels,
                                               businessPointsThreshold: businessPointsThreshold))
    }

    init(individualLevels: [LevelPolicy.IndividualLevel], businessLevels: [LevelPolicy.BusinessLevel],
         businessPointsThreshold: Int, isInterned: Bool) {
        self.isInterned = isInterned
        let limit = Self.limit
        self.individualLevels = individualLevels
        self.businessLevels = businessLevels
        self.businessPointsThreshold = businessPointsThreshold
        minimumPoints = ContiguousArray(individualLevels.map { Self.clamp($0.minimumPoints, -limit) })
        businessRequiredPoints = Self.clamp(businessPointsThreshold, -limit) + 1
        var bounds = ContiguousArray<Int>()
        bounds.reserveCapacity(businessLevels.count * 2)
        for terms in businessLevels {
            bounds.append(Self.clamp(terms.minimumProducts, 0))
            bounds.append(terms.maximumProducts.map { Self.clamp($0, 0) } ?? limit)
        }
        productBounds = bounds
        individualCount = individualLevels.count
        fitsFixedSlots = individualLevels.count <= Self.fixedSlots && businessLevels.count <= Self.fixedSlots
        let never = limit + 1
        let minimumTable = minimumPoints
        let minimums = (0..<Self.fixedSlots).map { $0 < minimumTable.count ? minimumTable[$0] : never }
        fixedMinimumPoints = (minimums[0], minimums[1], minimums[2], minimums[3])
        let bands = (0..<(2 * Self.fixedSlots)).map { $0 < bounds.count ? bounds[$0] : ($0 % 2 == 0 ? never : limit) }
        fixedProductBounds = (bands[0], bands[1], bands[2], bands[3], bands[4], bands[5], bands[6], bands[7])
    }

    /// The number of levels: individual ones first, then business groups.
    @inlinable var count: Int { minimumPoints.count + productBounds.count / 2 }

    /// `value` within `lower … limit`.
    @inlinable @inline(__always)
    static func clamp(_ value: Int, _ lower: Int) -> Int { Swift.min(Swift.max(value, lower), limit) }

    /// 1 when `value >= bound`, else 0. Every value is within ±(10¹² + 1), so this is the sign bit of
    /// the difference: arithmetic instead of a branch, so random inputs cost no mispredicted branch.
    @inlinable @inline(__always)
    static func atLeast(_ value: Int, _ bound: Int) -> UInt64 {
        (UInt64(bitPattern: Int64(value &- bound)) >> 63) ^ 1
    }

    /// Whether individual level `index` is open at `points` (clamped): R-TIER-1.
    @inlinable @inline(__always)
    func individualIsOpen(_ index: Int, points: Int) -> UInt64 {
        Self.atLeast(points, minimumPoints[index])
    }

    /// Whether business group `index` is open (R-TIER-2): more than the threshold **and** a number
    /// of complete registrations within its band (both clamped).
    @inlinable @inline(__always)
    func businessIsOpen(_ index: Int, points: Int, completeRegistrations: Int) -> UInt64 {
        Self.atLeast(points, businessRequiredPoints)
            & Self.atLeast(completeRegistrations, productBounds[2 &* index])
            & Self.atLeast(productBounds[2 &* index &+ 1], completeRegistrations)
    }

    /// The verdict for the first 64 levels and how many of them are open; `points` and
    /// `completeRegistrations` already clamped. Straight-line, branch-free comparisons when the
    /// policy ``fitsFixedSlots``; otherwise ``openMask(points:completeRegistrations:)``.
    @inlinable @inline(__always)
    func verdict(points: Int, completeRegistrations: Int) -> (mask: UInt64, openCount: Int) {
        guard fitsFixedSlots else {
            let mask = openMask(points: points, completeRegistrations: completeRegistrations)
            return (mask, mask.nonzeroBitCount)
        }
        // The same atLeast comparisons as individualIsOpen and businessIsOpen, slot by slot.
        let m = fixedMinimumPoints
        let i0 = Self.atLeast(points, m.0), i1 = Self.atLeast(points, m.1)
        let i2 = Self.atLeast(points, m.2), i3 = Self.atLeast(points, m.3)
        let b = fixedProductBounds
        let r = completeRegistrations
        let pointsOpen = Self.atLeast(points, businessRequiredPoints)
        let b0 = pointsOpen & Self.atLeast(r, b.0) & Self.atLeast(b.1, r)
        let b1 = pointsOpen & Self.atLeast(r, b.2) & Self.atLeast(b.3, r)
        let b2 = pointsOpen & Self.atLeast(r, b.4) & Self.atLeast(b.5, r)
        let b3 = pointsOpen & Self.atLeast(r, b.6) & Self.atLeast(b.7, r)
        let individualBits = i0 | i1 << 1 | i2 << 2 | i3 << 3
        let businessBits = b0 | b1 << 1 | b2 << 2 | b3 << 3
        let count = i0 &+ i1 &+ i2 &+ i3 &+ b0 &+ b1 &+ b2 &+ b3
        return (individualBits | businessBits << UInt64(truncatingIfNeeded: individualCount), Int(truncatingIfNeeded: count))
    }

    /// One bit per level (individual levels from bit 0, then business groups) for the first 64
    /// levels, set when the level is open; `points` and `completeRegistrations` already clamped.
    /// The general form of ``verdict(points:completeRegistrations:)``, for any number of levels.
    @usableFromInline
    func openMask(points: Int, completeRegistrations: Int) -> UInt64 {
        // The same comparisons as individualIsOpen and businessIsOpen, over the tables' buffers
        // (the counts are checked once, not per element).
        var mask: UInt64 = 0
        let individualCount = Swift.min(minimumPoints.count, 64)
        minimumPoints.withUnsafeBufferPointer { minimums in
            for index in 0..<individualCount {
                mask |= Self.atLeast(points, minimums[index]) << UInt64(index)
            }
        }
        let businessCount = Swift.min(productBounds.count / 2, 64 - individualCount)
        let pointsOpen = Self.atLeast(points, businessRequiredPoints)
        productBounds.withUnsafeBufferPointer { bounds in
            for index in 0..<businessCount {
                let open = pointsOpen & Self.atLeast(completeRegistrations, bounds[2 &* index])
                    & Self.atLeast(bounds[2 &* index &+ 1], completeRegistrations)
                mask |= open << UInt64(individualCount &+ index)
            }
        }
        return mask
    }

    /// Whether level `index` (in the order of ``LevelPolicy/allLevels``) is open; for any index,
    /// also beyond the 64 of the mask.
    @inlinable
    func isOpen(at index: Int, points: Int, completeRegistrations: Int) -> Bool {
        index < minimumPoints.count
            ? individualIsOpen(index, points: points) != 0
            : businessIsOpen(index - minimumPoints.count, points: points, completeRegistrations: completeRegistrations) != 0
    }

    /// The level at `index` (individual levels first).
    @inlinable
    func level(at index: Int) -> CPSLevel {
        index < individualLevels.count ? individualLevels[index].level : businessLevels[index - individualLevels.count].level
    }
}
