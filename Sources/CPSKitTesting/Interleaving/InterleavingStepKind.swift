/// What a step of an interleaved runner does, which decides whether two adjacent steps of different
/// runners commute under ``InterleavingReduction/readsCommute``.
///
/// A step is the point where a runner waits for the driver's permission; when released, the runner
/// performs the operation the step names and runs on to its next step (or its end). Only
/// ``start`` and ``read`` steps are treated as commuting; everything else is ordered against
/// every other step.
public enum InterleavingStepKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The first step of every runner, before its body runs: it performs nothing itself.
    case start
    /// A store read (`record(kind:id:)`, `records(kind:indexKey:)`, a page, `record(holding:)`), or a
    /// commit whose writes are all `check`s: it changes no shared state.
    case read
    /// A commit that puts or deletes at least one record.
    case commit
    /// A call to an outside system: a payment gateway charge, a mail delivery, an identity call.
    case outsideCall

    /// Whether the step changes no shared state (``start`` and ``read``), so that two such steps of
    /// different runners can be swapped without changing what either runner sees.
    public var isReadOnly: Bool {
        switch self {
        case .start, .read: true
        case .commit, .outsideCall: false
        }
    }

    public var description: String { rawValue }
}
