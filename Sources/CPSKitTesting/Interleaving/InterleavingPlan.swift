/// A fixed schedule written by hand, for ``Interleaving/run(_:runners:timeout:setUp:run:verify:)``:
/// an optional list of explicit choices, then holds, then "the lowest-index runner that may go".
///
/// At each decision the driver releases:
/// 1. the next runner of ``choices``, while any are left (it must be waiting, or the run fails with
///    ``InterleavingFailure/Reason/invalidSchedule``);
/// 2. otherwise the lowest-index waiting runner that no ``holds`` entry holds back. If every waiting
///    runner is held, the run fails with ``InterleavingFailure/Reason/invalidSchedule``.
///
/// ```swift
/// // Runner 0 reads, then waits at its commit until runner 1 has read too: the lost update.
/// let plan = InterleavingPlan()
///     .holding(0, at: .commit, until: 1, passes: .label("fetch"))
/// // The same as explicit choices: 0 start, 0 fetch, 1 start, 1 fetch, then lowest first.
/// let same = InterleavingPlan.choices([0, 0, 1, 1])
/// ```
public struct InterleavingPlan: Hashable, Sendable {
    /// Which steps a hold refers to.
    public struct StepMatch: Hashable, Sendable, CustomStringConvertible {
        let kind: InterleavingStepKind?
        let labelPrefix: String?

        /// Steps of `kind`.
        public static func kind(_ kind: InterleavingStepKind) -> StepMatch { StepMatch(kind: kind, labelPrefix: nil) }

        /// Steps whose label starts with `prefix` (`"fetch"`, `"commit put counter/c"`, `"charge"`).
        public static func label(_ prefix: String) -> StepMatch { StepMatch(kind: nil, labelPrefix: prefix) }

        /// Commits that change the store.
        public static let commit = StepMatch.kind(.commit)

        /// Reads (including check-only commits).
        public static let read = StepMatch.kind(.read)

        /// Calls to outside systems.
        public static let outsideCall = StepMatch.kind(.outsideCall)

        /// Every step.
        public static let any = StepMatch(kind: nil, labelPrefix: nil)

        /// Whether `step` is one of these.
        func matches(_ step: InterleavingSchedule.Step) -> Bool {
            if let kind, step.kind != kind { return false }
            if let labelPrefix, !(step.label ?? "").hasPrefix(labelPrefix) { return false }
            return true
        }

        public var description: String {
            switch (kind, labelPrefix) {
            case (nil, nil): "any step"
            case (let kind?, nil): "a \(kind) step"
            case (nil, let prefix?): "a step labelled \"\(prefix)…\""
            case (let kind?, let prefix?): "a \(kind) step labelled \"\(prefix)…\""
            }
        }
    }

    /// "`runner` waits at a step matching `step` until `other` has been released from a step
    /// matching `passes` (or has finished)."
    public struct Hold: Hashable, Sendable {
        /// The runner held back.
        public let runner: Int
        /// The steps at which it is held.
        public let step: StepMatch
        /// The runner it waits for.
        public let other: Int
        /// The step of `other` that lifts the hold once released (so once performed).
        public let passes: StepMatch
    }

    /// Runners to release first, one per decision, before the holds and the lowest-first rule apply.
    public var choices: [Int]
    /// The holds, applied after ``choices`` are used up.
    public var holds: [Hold]

    /// A plan with explicit `choices` first (none by default), then holds, then lowest first.
    public init(choices: [Int] = [], holds: [Hold] = []) {
        self.choices = choices
        self.holds = holds
    }

    /// A plan releasing `choices` in order, then the lowest-index waiting runner at each decision.
    public static func choices(_ choices: [Int]) -> InterleavingPlan { InterleavingPlan(choices: choices) }

    /// Every runner to its end in index order: runner 0 alone, then runner 1, and so on.
    public static let sequential = InterleavingPlan()

    /// This plan, plus: `runner` waits at any step matching `step` until runner `other` has been
    /// released from a step matching `passes` (or has finished, so that a hold never waits forever).
    public func holding(_ runner: Int, at step: StepMatch, until other: Int, passes: StepMatch) -> InterleavingPlan {
        var plan = self
        plan.holds.append(Hold(runner: runner, step: step, other: other, passes: passes))
        return plan
    }

    /// Whether `pending` (runner `pending.runner`'s next step) is held, given the steps released so
    /// far and the runners still waiting.
    func isHeld(_ pending: InterleavingSchedule.Step, released: [InterleavingSchedule.Step], waiting: Set<Int>) -> Bool {
        holds.contains { hold in
            guard hold.runner == pending.runner, hold.step.matches(pending) else { return false }
            let otherFinished = !waiting.contains(hold.other)
            let otherPassed = released.contains { $0.runner == hold.other && hold.passes.matches($0) }
            return !(otherFinished || otherPassed)
        }
    }
}
