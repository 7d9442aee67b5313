/// An interleaved run that failed, with the schedule that made it fail: every error of
/// ``Interleaving``'s entry points is one of these.
///
/// Its ``description`` shows the reason, the labelled schedule, the replayable choices and, for a
/// random exploration, the seed and index:
///
/// ```text
/// Interleaving failed (exhaustive exploration, schedule #2, 2 runners): verification failed: counter is 1, expected 2
///   schedule: 0:start → 0:fetch counter/c → 1:start → 1:fetch counter/c → 0:commit put counter/c@1 → …
///   replay:   Interleaving.replay(InterleavingSchedule(parsing: "0 0 1 1 0 1 1 1"), runners: 2, …)
/// ```
///
/// Re-run exactly that schedule with ``Interleaving/replay(_:runners:timeout:setUp:run:verify:)``,
/// passing ``schedule`` (or the printed text parsed with ``InterleavingSchedule/init(parsing:)``).
public struct InterleavingFailure: Error, CustomStringConvertible {
    /// Why the run failed.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The verification closure threw (the default verification throws an
        /// ``InterleavingRunnerError`` when a runner body threw); see ``InterleavingFailure/underlying``.
        case verificationFailed
        /// The `setUp` closure threw before any runner started.
        case setUpFailed
        /// A released runner did not reach its next step, nor its end, within the timeout: it awaits
        /// something that is not a step (a sleep, a continuation, a lock, an unwrapped call).
        case liveness
        /// The exhaustive exploration needed more runs than its limit.
        case limitExceeded(limit: Int)
        /// A replayed schedule, or the prefix the exhaustive explorer re-runs, did not find the same
        /// runners waiting at the same steps: a runner body is not deterministic, or the schedule
        /// belongs to another test.
        case scheduleDiverged
        /// A plan or replayed schedule chose a runner that is not waiting, or ran out of choices, or
        /// held every waiting runner.
        case invalidSchedule
        /// A runner made a step while it was already waiting at one (its body runs store calls from
        /// concurrent child tasks), or after it finished (from an escaped task).
        case misuse

        public var description: String {
            switch self {
            case .verificationFailed: "verification failed"
            case .setUpFailed: "set-up failed"
            case .liveness: "a runner never reached its next step"
            case .limitExceeded(let limit): "more than \(limit) schedules"
            case .scheduleDiverged: "the schedule diverged"
            case .invalidSchedule: "invalid schedule"
            case .misuse: "a runner misused the controller"
            }
        }
    }

    /// Where the failing schedule came from.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        /// Schedule number `index` (from 0) of an exhaustive exploration.
        case exhaustive(index: Int)
        /// Schedule number `index` (from 0) of a random exploration with `seed`.
        case random(seed: UInt64, index: Int)
        /// A fixed plan.
        case plan
        /// A replayed schedule.
        case replay

        public var description: String {
            switch self {
            case .exhaustive(let index): "exhaustive exploration, schedule #\(index)"
            case .random(let seed, let index): "random exploration, seed \(seed), schedule #\(index)"
            case .plan: "fixed plan"
            case .replay: "replay"
            }
        }
    }

    /// Why the run failed.
    public let reason: Reason
    /// Where the schedule came from (for random explorations: the seed and index that re-create it).
    public let source: Source
    /// The number of runners.
    public let runners: Int
    /// The steps released before the failure (the whole schedule when a verification failed).
    public let schedule: InterleavingSchedule
    /// What went wrong, in words.
    public let detail: String
    /// The error thrown by `setUp` or the verification, if any.
    public let underlying: (any Error)?

    /// A failure; the explorer creates these.
    public init(reason: Reason, source: Source, runners: Int, schedule: InterleavingSchedule,
                detail: String, underlying: (any Error)? = nil) {
        self.reason = reason
        self.source = source
        self.runners = runners
        self.schedule = schedule
        self.detail = detail
        self.underlying = underlying
    }

    public var description: String {
        var lines = ["Interleaving failed (\(source), \(runners) runners): \(reason): \(detail)"]
        lines.append("  schedule: \(schedule)")
        lines.append("  replay:   Interleaving.replay(InterleavingSchedule(parsing: \"\(schedule.replayText)\"), runners: \(runners), …)")
        if case .random(let seed, let index) = source {
            lines.append("  re-run:   Interleaving.random(runners: \(runners), schedules: 1, seed: \(seed), startingAt: \(index), …)")
        }
        return lines.joined(separator: "\n")
    }
}
