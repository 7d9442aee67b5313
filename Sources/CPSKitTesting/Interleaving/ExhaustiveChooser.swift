/// Depth-first search over all schedules by re-execution: each run replays the choices of the
/// decision stack, then takes the first allowed runner at every new decision and pushes it; after
/// the run, ``advance()`` backtracks to the deepest decision with an untried runner.
struct ExhaustiveChooser: InterleavingChooser {
    /// One decision point on the current path.
    struct Frame {
        /// The waiting steps the reduction allows, sorted by runner.
        let options: [InterleavingSchedule.Step]
        /// How many runners were waiting (before the reduction).
        let waiting: Int
        /// The option the current path takes.
        var chosen: Int
    }

    let reduction: InterleavingReduction
    private(set) var frames: [Frame] = []
    private var depth = 0
    /// Whether the current run reached a decision where the reduction allowed no runner.
    private(set) var redundant = false
    /// Runners the reduction left out at new decision points, over the whole search.
    private(set) var pruned = 0
    /// The most runners waiting at one decision, over the whole search.
    private(set) var maxWaiting = 0

    init(reduction: InterleavingReduction) { self.reduction = reduction }

    mutating func beginRun() {
        depth = 0
        redundant = false
    }

    mutating func choose(_ decision: InterleavingDecision) -> InterleavingChoice {
        defer { depth += 1 }
        maxWaiting = max(maxWaiting, decision.waiting.count)
        let options = decision.waiting.filter { reduction.allows($0, after: decision.released.last) }
        if depth < frames.count {
            let frame = frames[depth]
            guard options == frame.options else {
                return .fail(.scheduleDiverged, "re-running the same choices, decision \(depth) found "
                    + "\(options.map(\.description)) waiting instead of \(frame.options.map(\.description)): "
                    + "a runner body is not deterministic")
            }
            return .release(frame.options[frame.chosen].runner)
        }
        if redundant || options.isEmpty {
            // No least schedule of any class has this prefix: finish the run without branching.
            redundant = true
            return .release(decision.waiting[0].runner)
        }
        pruned += decision.waiting.count - options.count
        frames.append(Frame(options: options, waiting: decision.waiting.count, chosen: 0))
        return .release(options[0].runner)
    }

    /// Moves to the next path; `false` when every path was explored.
    mutating func advance() -> Bool {
        while let last = frames.last, last.chosen + 1 >= last.options.count { frames.removeLast() }
        guard !frames.isEmpty else { return false }
        frames[frames.count - 1].chosen += 1
        return true
    }
}
