/// What an exploration ran: every schedule of it passed.
public struct ExplorationReport: Hashable, Sendable, CustomStringConvertible {
    /// The number of runners.
    public let runners: Int
    /// Schedules run and verified (for an exhaustive exploration: not counting redundant runs).
    public let schedules: Int
    /// Exhaustive runs whose prefix the reduction rules out, finished without branching and verified
    /// (see ``InterleavingReduction``); 0 for random explorations.
    public let redundantRuns: Int
    /// The most steps (decisions) of one schedule.
    public let maxSteps: Int
    /// The steps of all runs together.
    public let totalSteps: Int
    /// The most runners waiting at one decision.
    public let maxWaiting: Int
    /// Waiting runners the reduction left out at decision points (0 without a reduction).
    public let prunedChoices: Int
    /// A hash of every run's choices in order: equal for explorations that ran the same schedules.
    public let fingerprint: UInt64
    /// For a random exploration, every schedule it ran, in order (empty for an exhaustive one).
    public let recorded: [InterleavingSchedule]

    /// A report; the explorer creates these.
    public init(runners: Int, schedules: Int, redundantRuns: Int, maxSteps: Int, totalSteps: Int, maxWaiting: Int,
                prunedChoices: Int, fingerprint: UInt64, recorded: [InterleavingSchedule]) {
        self.runners = runners
        self.schedules = schedules
        self.redundantRuns = redundantRuns
        self.maxSteps = maxSteps
        self.totalSteps = totalSteps
        self.maxWaiting = maxWaiting
        self.prunedChoices = prunedChoices
        self.fingerprint = fingerprint
        self.recorded = recorded
    }

    public var description: String {
        "\(schedules) schedules of \(runners) runners (+\(redundantRuns) redundant runs), at most \(maxSteps) steps, "
            + "\(totalSteps) steps in all, at most \(maxWaiting) waiting, \(prunedChoices) choices pruned"
    }
}
