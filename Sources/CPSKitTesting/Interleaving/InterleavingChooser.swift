/// What the driver knows at one decision of a run.
struct InterleavingDecision {
    /// The decision's number in the run, from 0.
    let index: Int
    /// The step each live runner waits at, sorted by runner.
    let waiting: [InterleavingSchedule.Step]
    /// The steps released so far, in order.
    let released: [InterleavingSchedule.Step]
}

/// What a chooser decides.
enum InterleavingChoice {
    /// Release this runner.
    case release(Int)
    /// Stop the run.
    case fail(InterleavingFailure.Reason, String)
}

/// Picks the runner to release at each decision of a run: the exhaustive explorer, a seeded random
/// generator, a plan or a replayed schedule.
protocol InterleavingChooser {
    /// Called before each run.
    mutating func beginRun()
    /// The runner to release at `decision`.
    mutating func choose(_ decision: InterleavingDecision) -> InterleavingChoice
    /// Called when every runner finished after `steps` decisions: a failure if the chooser expected
    /// a different run.
    func endRun(steps: Int) -> (InterleavingFailure.Reason, String)?
}

extension InterleavingChooser {
    mutating func beginRun() {}
    func endRun(steps: Int) -> (InterleavingFailure.Reason, String)? { nil }
}
