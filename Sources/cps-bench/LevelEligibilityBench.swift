import CPSKit

/// Level eligibility (R-TIER-1…3) for many point totals: how many levels are open, through
/// `LevelEligibility` itself (generic over any policy; its explanations are lazy), against a
/// hand-written if-chain over the thresholds of `LevelPolicy.canonEurope` answering the same
/// question. Reading every explanation (both views, every shortfall) is timed once more as a note.
enum LevelEligibilityBench {
    static let workload = Workload(name: "level-eligibility", targetRatio: 2) { context in
        let count = context.size(1_000_000, smoke: 10_000)
        // Deterministic point totals and registration counts over the whole interesting range.
        var generator = SplitMix(seed: 42)
        let points = (0..<count).map { _ in Int(generator.next() % 4_000) }
        let registrations = (0..<count).map { _ in Int(generator.next() % 300) }
        let policy = LevelPolicy.canonEurope
        var oursSum = 0
        var baselineSum = 0
        let (ours, baseline) = Clock.compare(repetitions: context.repetitions, ours: {
            Clock.time {
                var sum = 0
                for index in 0..<count {
                    sum &+= LevelEligibility(points: points[index], completeRegistrations: registrations[index],
                                             policy: policy).openLevelCount
                }
                oursSum = sum
                blackHole(sum)
            }
        }, baseline: {
            Clock.time {
                var sum = 0
                for index in 0..<count {
                    sum &+= directOpenLevelCount(points: points[index], registrations: registrations[index])
                }
                baselineSum = sum
                blackHole(sum)
            }
        })
        // The full evaluation with explanations, as the services show it (for the notes).
        var explainedSum = 0
        let explained = Clock.time {
            for index in 0..<count {
                let eligibility = LevelEligibility(points: points[index], completeRegistrations: registrations[index],
                                                   policy: policy)
                for level in eligibility.individual where level.isOpen { explainedSum &+= 1 }
                for level in eligibility.business where level.isOpen { explainedSum &+= 1 }
            }
        }
        guard oursSum == baselineSum, explainedSum == baselineSum else {
            throw BenchFailure("open levels counted: \(oursSum) (openLevelCount), \(explainedSum) (LevelEligibility), \(baselineSum) (if-chain)")
        }
        return Comparison(ours: ours, baseline: baseline,
                          notes: ["totals": String(count), "withExplanations": Format.value(explained, .seconds),
                                  "withExplanationsRatio": Format.ratio(explained / baseline)])
    }

    /// The thresholds of `LevelPolicy.canonEurope`, written out by hand.
    @inline(never)
    static func directOpenLevelCount(points: Int, registrations: Int) -> Int {
        var open = 0
        if points >= 500 { open += 1 }
        if points >= 1_000 { open += 1 }
        if points >= 1_600 { open += 1 }
        if points > 2_500 {
            if registrations >= 25 && registrations <= 74 { open += 1 }
            if registrations >= 75 && registrations <= 149 { open += 1 }
            if registrations >= 150 && registrations <= 250 { open += 1 }
        }
        return open
    }
}

/// A small deterministic generator for inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
