import CPSKit

/// The gate every step of an interleaved run passes through: a runner calling ``step(_:kind:)``
/// waits there until the driver releases it, so that exactly one runner runs at a time and the
/// schedule alone decides the order of all steps.
///
/// ``Interleaving``'s entry points create one controller per schedule and hand it to `setUp`, which
/// builds the world around it: wrap the store in ``InterleavingStore``, the gateway in
/// ``InterleavingPaymentGateway``, the mail transport in ``InterleavingMailTransport``. Any other
/// outside call becomes a step the same way, in a wrapper that calls
/// `await controller.step("refund \(reference)", kind: .outsideCall)` before forwarding.
///
/// The runner of a call is found with a task-local value that the driver sets for each runner's
/// task (child tasks inherit it). A call from any other task — the test's set-up or verification, a
/// detached task — passes straight through, as do all calls after the driver gave up on a run.
///
/// A runner body must make its steps one at a time (sequential code, no concurrent child tasks
/// that each make steps): one runner cannot wait at two steps at once. When such a second step
/// arrives while the runner already waits, the run fails with ``InterleavingFailure/Reason/misuse``;
/// whether the two overlap depends on timing, so this is a diagnosis, not a guarantee.
public final class InterleavingController: Sendable {
    /// Which controller and runner the current task belongs to.
    struct Binding: Sendable {
        let controller: InterleavingController
        let runner: Int
    }

    /// Set by the driver for each runner's task.
    @TaskLocal static var binding: Binding?

    /// What the driver finds when it waits.
    enum Quiescence: Sendable {
        /// Every live runner waits at a step (sorted by runner).
        case waiting([InterleavingSchedule.Step])
        /// Every runner finished.
        case finished
        /// The run cannot go on.
        case failed(InterleavingFailure.Reason, String)
    }

    private enum RunnerState {
        case launching
        case running(releasedFrom: InterleavingSchedule.Step)
        case parked(InterleavingSchedule.Step, CheckedContinuation<Void, Never>)
        case finished
    }

    private struct State {
        var runners: [RunnerState]
        var driver: CheckedContinuation<Quiescence, Never>?
        var waitingSince = ContinuousClock.now
        /// The watchdog's last look at this wait.
        var lastCheck = ContinuousClock.now
        /// How long the driver has waited, as far as the watchdog could see it: a gap in which the
        /// watchdog itself was not run (a machine so loaded that no task ran) counts no more than
        /// the watchdog's own polling bound, so a starved process is not taken for a stuck runner.
        var waited: Duration = .zero
        var aborted = false
        var misuse: String?

        /// `nil` while a runner is launching or running; otherwise what the driver may act on.
        func quiescence() -> Quiescence? {
            if let misuse { return .failed(.misuse, misuse) }
            var waiting: [InterleavingSchedule.Step] = []
            for runner in runners {
                switch runner {
                case .launching, .running: return nil
                case .parked(let step, _): waiting.append(step)
                case .finished: break
                }
            }
            return waiting.isEmpty ? .finished : .waiting(waiting)
        }

        /// The driver's continuation and what to resume it with, if it waits and may go on now.
        mutating func wakeDriver() -> (CheckedContinuation<Quiescence, Never>, Quiescence)? {
            guard let driver, let quiescence = quiescence() else { return nil }
            self.driver = nil
            return (driver, quiescence)
        }
    }

    /// The number of runners.
    public let runners: Int
    /// How long the driver waits for a released runner to reach its next step or its end, counted
    /// in time the watchdog saw pass (a gap in which the process was starved counts at most twice the
    /// watchdog's polling interval).
    public let timeout: Duration
    private let state: Locked<State>

    init(runners: Int, timeout: Duration) {
        self.runners = runners
        self.timeout = timeout
        state = Locked(State(runners: Array(repeating: .launching, count: runners)))
    }

    /// The index of the runner making this call, or `nil` when the calling task is not one of this
    /// controller's runners (set-up, verification, another schedule's controller).
    public var currentRunner: Int? {
        guard let binding = Self.binding, binding.controller === self else { return nil }
        return binding.runner
    }

    /// A step named `label`: called by a runner, it waits until the driver releases it (the driver
    /// releases one runner at a time, by the schedule); called from outside any runner of this
    /// controller, or after the run was abandoned, it returns at once.
    ///
    /// Wrappers call it **before** performing the operation, so the released runner performs it and
    /// runs on to its next step. `label` appears in printed schedules (`fetch invoice/invoice-1`,
    /// `charge INV-1`), and `kind` decides what commutes (see ``InterleavingReduction``): use
    /// ``InterleavingStepKind/read`` only for operations that change no shared state.
    public func step(_ label: String, kind: InterleavingStepKind) async {
        guard let binding = Self.binding, binding.controller === self else { return }
        let runner = binding.runner
        let step = InterleavingSchedule.Step(runner: runner, label: label, kind: kind)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (passThrough, wake) = state.withLock { state -> (Bool, (CheckedContinuation<Quiescence, Never>, Quiescence)?) in
                if state.aborted { return (true, nil) }
                switch state.runners[runner] {
                case .launching, .running:
                    state.runners[runner] = .parked(step, continuation)
                    return (false, state.wakeDriver())
                case .parked(let waiting, _):
                    state.misuse = state.misuse ?? "runner \(runner) reached step '\(label)' while it was already "
                        + "waiting at '\(waiting.label ?? "")': its body makes steps from concurrent child tasks"
                    return (true, state.wakeDriver())
                case .finished:
                    state.misuse = state.misuse ?? "runner \(runner) reached step '\(label)' after it finished: "
                        + "a task it started outlived it"
                    return (true, state.wakeDriver())
                }
            }
            if passThrough { continuation.resume() }
            if let (driver, quiescence) = wake { driver.resume(returning: quiescence) }
        }
    }

    /// Runs `operation` as runner `runner` of this controller.
    func runAsRunner<Result: Sendable>(_ runner: Int, _ operation: () async -> Result) async -> Result {
        await Self.$binding.withValue(Binding(controller: self, runner: runner)) { await operation() }
    }

    /// Marks `runner` finished (its body returned or threw).
    func finish(_ runner: Int) {
        let wake = state.withLock { state in
            state.runners[runner] = .finished
            return state.wakeDriver()
        }
        if let (driver, quiescence) = wake { driver.resume(returning: quiescence) }
    }

    /// Waits until every live runner waits at a step or every runner finished, or the run failed.
    func awaitQuiescence() async -> Quiescence {
        await withCheckedContinuation { (driver: CheckedContinuation<Quiescence, Never>) in
            let ready = state.withLock { state -> Quiescence? in
                if let quiescence = state.quiescence() { return quiescence }
                state.driver = driver
                state.waitingSince = .now
                state.waited = .zero
                return nil
            }
            if let ready { driver.resume(returning: ready) }
        }
    }

    /// Lets `runner` perform the step it waits at; `false` if it does not wait.
    @discardableResult
    func release(_ runner: Int) -> Bool {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.runners.indices.contains(runner), case .parked(let step, let continuation) = state.runners[runner] else {
                return nil
            }
            state.runners[runner] = .running(releasedFrom: step)
            return continuation
        }
        continuation?.resume()
        return continuation != nil
    }

    /// Gives up on the run: every waiting runner goes on, and every later step passes straight through.
    func abort() {
        let parked = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.aborted = true
            var parked: [CheckedContinuation<Void, Never>] = []
            for index in state.runners.indices {
                if case .parked(let step, let continuation) = state.runners[index] {
                    state.runners[index] = .running(releasedFrom: step)
                    parked.append(continuation)
                }
            }
            return parked
        }
        for continuation in parked { continuation.resume() }
    }

    /// Whether the driver waits for the runners now (for the watchdog's own tests).
    var isDriverWaiting: Bool { state.withLock { $0.driver != nil } }

    /// Fails the driver's wait with ``InterleavingFailure/Reason/liveness`` if it has waited longer
    /// than ``timeout`` at `now`. The watchdog calls it each poll: the time since its previous look
    /// counts at most `maximumCredit`, so time in which the whole process was starved (a loaded
    /// machine, the thread sanitizer, every cooperative thread busy elsewhere) does not count as
    /// waiting for a runner.
    func checkTimeout(now: ContinuousClock.Instant, maximumCredit: Duration) {
        let fired = state.withLock { state -> (CheckedContinuation<Quiescence, Never>, Quiescence)? in
            let previous = state.lastCheck
            state.lastCheck = now
            guard let driver = state.driver else { return nil }
            let since = max(previous, state.waitingSince)
            if now > since { state.waited += min(now - since, maximumCredit) }
            guard state.waited >= timeout else { return nil }
            state.driver = nil
            var stuck: [String] = []
            for (index, runner) in state.runners.enumerated() {
                switch runner {
                case .launching: stuck.append("runner \(index) never reached its start step")
                case .running(let step): stuck.append("runner \(index), released from '\(step)', never reached its next step or its end")
                case .parked, .finished: break
                }
            }
            let detail = stuck.joined(separator: "; ") + " within \(timeout): it awaits something that is not a step "
                + "(a sleep, a continuation, a lock, an outside call that is not wrapped)"
            return (driver, .failed(.liveness, detail))
        }
        if let (driver, quiescence) = fired { driver.resume(returning: quiescence) }
    }
}
