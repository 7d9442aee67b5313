/// Which schedules ``Interleaving/exhaustive(runners:limit:reduction:timeout:setUp:run:verify:)``
/// may leave out because they are equivalent to one it explores (a partial-order reduction).
///
/// ## The rule
///
/// With ``readsCommute``, the explorer never releases a runner `i`'s pending read-only step
/// (``InterleavingStepKind/isReadOnly``: a start or a read) right after it released a read-only step
/// of a runner `j > i`. All other choices are explored.
///
/// ## Why it is sound
///
/// Call two steps of different runners *independent* when both are read-only. Swapping two adjacent
/// independent steps gives an equivalent run: neither changes the store, so each reads the same
/// values in either order, each runner then does the same thing up to its next step, and every later
/// step sees the same state. Repeated swaps partition the schedules into classes of equivalent runs
/// (Mazurkiewicz traces), and a bug shows in every run of a class or in none. Take the
/// lexicographically least schedule of a class (compare the runner indices chosen, decision by
/// decision). It never has a read-only step of runner `j` directly followed by a read-only step of a
/// runner `i < j`, since swapping that pair would give a smaller schedule of the same class. So that
/// schedule obeys the rule at every decision, the explorer reaches it, and every class is explored
/// at least once. The explorer may still run two schedules of one class; it never misses a class.
///
/// The rule only constrains a choice against the step released just before it, whose kind and the
/// pending step's kind are both known at the decision, so no look-ahead is needed. When the rule
/// leaves no runner to choose (the runner released last finished after a read, and every other
/// runner waits at a read with a lower index), the run is a prefix no least schedule has: the
/// explorer finishes it without branching, verifies it as usual and counts it in
/// ``ExplorationReport/redundantRuns`` rather than ``ExplorationReport/schedules``.
///
/// ## What it assumes
///
/// - Runner bodies are deterministic, and they share state only through steps: the wrapped store,
///   the wrapped outside calls, or ``InterleavingController/step(_:kind:)`` calls made by the test.
///   Code between two steps touches only the runner's own values.
/// - A step marked ``InterleavingStepKind/read`` really changes no shared state. Commits and outside
///   calls are ordered against everything (conservative; two commits to unrelated records are still
///   explored in both orders).
public enum InterleavingReduction: String, Hashable, Sendable, CaseIterable {
    /// Every order of every step: for two runners with `k` steps each (their start included),
    /// `C(2k, k)` schedules.
    case none
    /// Adjacent read-only steps of different runners are explored in one order only (see above).
    case readsCommute

    /// Whether `candidate` may be released right after `previous` (the step released at the decision
    /// before; `nil` at the first decision).
    func allows(_ candidate: InterleavingSchedule.Step, after previous: InterleavingSchedule.Step?) -> Bool {
        guard self == .readsCommute, let previous, previous.runner > candidate.runner else { return true }
        let bothReadOnly = (previous.kind?.isReadOnly ?? false) && (candidate.kind?.isReadOnly ?? false)
        return !bothReadOnly
    }
}
