extension LevelPolicy {
    /// Calls `body` once for every level of the policy, individual levels first (the order of
    /// ``allLevels``), with whether the level is open at `points` and `completeRegistrations`
    /// (R-TIER-1, R-TIER-2): the same answer as ``LevelEligibility``'s
    /// ``LevelAvailability/isOpen``, without building the explanations, so it allocates nothing.
    ///
    /// For bulk evaluation, e.g. a nightly job over every account; show a user ``LevelEligibility``,
    /// which also says what is missing.
    ///
    /// ```swift
    /// var open: [CPSLevel] = []
    /// LevelPolicy.canonEurope.forEachLevel(points: 1_200, completeRegistrations: 3) { level, isOpen in
    ///     if isOpen { open.append(level) }   // [.silver, .gold]
    /// }
    /// ```
    @inlinable
    public func forEachLevel(points: Int, completeRegistrations: Int, _ body: (CPSLevel, Bool) throws -> Void) rethrows {
        // The same clamping as LevelEligibility, so both agree for every input. Every value is within
        // ±10¹², so `a >= b` is the sign bit of `a - b`: comparing by arithmetic instead of branches
        // keeps random inputs from costing a mispredicted branch per level.
        let limit = 1_000_000_000_000
        @inline(__always) func clamp(_ value: Int, _ lower: Int) -> Int { Swift.min(Swift.max(value, lower), limit) }
        @inline(__always) func atLeast(_ value: Int, _ bound: Int) -> Int { Int(truncatingIfNeeded: UInt(bitPattern: value &- bound) >> 63) ^ 1 }
        let points = clamp(points, -limit)
        let registrations = clamp(completeRegistrations, 0)
        for index in individualLevels.indices {
            try body(individualLevels[index].level, atLeast(points, clamp(individualLevels[index].minimumPoints, -limit)) != 0)
        }
        let pointsOpen = atLeast(points, clamp(businessPointsThreshold, -limit) + 1)
        for index in businessLevels.indices {
            let minimum = clamp(businessLevels[index].minimumProducts, 0)
            // No upper bound: the clamped count never exceeds `limit`.
            let maximum = businessLevels[index].maximumProducts.map { clamp($0, 0) } ?? limit
            let open = pointsOpen & atLeast(registrations, minimum) & atLeast(maximum, registrations)
            try body(businessLevels[index].level, open != 0)
        }
    }
}
