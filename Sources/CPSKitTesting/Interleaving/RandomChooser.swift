/// Releases a uniformly chosen waiting runner at each decision, from a generator seeded with the
/// exploration's seed and the schedule's index, so schedule `n` of seed `s` is the same on every
/// machine and can be re-run alone.
struct RandomChooser: InterleavingChooser {
    private var generator: SeededRandomNumberGenerator
    /// The most runners waiting at one decision.
    private(set) var maxWaiting = 0

    /// The chooser for schedule `index` of the exploration seeded with `seed`.
    init(seed: UInt64, index: Int) {
        // Mix the index in through one SplitMix64 step, so neighbouring seeds and indices give
        // unrelated streams.
        var mixer = SeededRandomNumberGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
        generator = SeededRandomNumberGenerator(seed: mixer.next())
    }

    mutating func choose(_ decision: InterleavingDecision) -> InterleavingChoice {
        maxWaiting = max(maxWaiting, decision.waiting.count)
        let pick = Int(truncatingIfNeeded: generator.next() % UInt64(decision.waiting.count))
        return .release(decision.waiting[pick].runner)
    }
}
