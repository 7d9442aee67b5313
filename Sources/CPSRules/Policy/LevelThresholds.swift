/// A ``LevelPolicy``'s levels flattened for evaluation (R-TIER-1, R-TIER-2): the terms as written,
/// and every threshold clamped once into two contiguous integer tables, so that
/// ``LevelEligibility`` decides which levels are open with a few integer comparisons and no
/// allocation. Built when the policy is made or one of its levels changes; immutable after that,
/// so an eligibility can keep it (one reference) to explain its verdicts later, on demand.
///
/// The one algorithm: a level's bit in ``openMask(points:completeRegistrations:)``, its verdict past
/// the 64th level (``individualIsOpen(_:points:)``, ``businessIsOpen(_:points:completeRegistrations:)``)
/// and its shortfalls in ``LevelEligibility`` are the same ``atLeast(_:_:)`` comparisons over the
/// same clamped tables (`LevelEligibilityVerdictTests` checks them against the rules written out).
@usableFromInline
final class LevelThresholds: Sendable {
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

    @usableFromInline
    init(individualLevels: [LevelPolicy.IndividualLevel], businessLevels: [LevelPolicy.BusinessLevel],
         businessPointsThreshold: Int) {
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

    /// One bit per level (individual levels from bit 0, then business groups) for the first 64
    /// levels, set when the level is open; `points` and `completeRegistrations` already clamped.
    /// Not inlinable: with its loops the optimizer would not inline it into a caller anyway, and
    /// the init that calls it stays small enough to inline.
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
