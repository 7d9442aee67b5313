/// Runs two or more *runners* — async closures — against one shared world with the order of their
/// steps fully controlled, and explores the schedules: every one
/// (``exhaustive(runners:limit:reduction:timeout:setUp:run:verify:)``), seeded random ones
/// (``random(runners:schedules:seed:startingAt:timeout:setUp:run:verify:)``), one written by hand
/// (``run(_:runners:timeout:setUp:run:verify:)``) or one printed by a failure
/// (``replay(_:runners:timeout:setUp:run:verify:)``). See `Documentation/Interleaving.md`.
///
/// ## How a run goes
///
/// 1. `setUp` builds a fresh world for the schedule around the run's ``InterleavingController``:
///    typically an `InMemoryRecordStore.copy()` of a prepared store, wrapped in an
///    ``InterleavingStore``, and an ``InterleavingPaymentGateway``. Calls it makes pass straight through.
/// 2. Each runner's body runs in its own task, and first waits at a `start` step. Every store call
///    and wrapped outside call is a step: the runner waits there.
/// 3. The driver waits until every live runner waits at its next step (or has finished), then
///    releases exactly one, as the schedule says; it performs its step and runs on to its next step
///    or its end. So execution is serialized, and for deterministic bodies the schedule — the
///    runner chosen at each decision — determines the run completely.
/// 4. When every runner has finished, `verify` gets the world and each runner's result (success or
///    the error it threw). The default verification requires every runner to succeed.
///
/// An error of `setUp`, `verify`, or the default verification of a runner's error, ends the
/// exploration with an ``InterleavingFailure`` that prints the schedule and how to replay it. A
/// released runner that reaches neither a step nor its end within `timeout` (it awaits a real sleep,
/// a continuation, a call that is not wrapped) fails it with
/// ``InterleavingFailure/Reason/liveness`` instead of hanging; the test never sleeps, and a run that
/// makes progress is never slowed down by the timeout.
public enum Interleaving {
    /// The default bound on how long a released runner may take to reach its next step or its end:
    /// 20 seconds of time in which the process ran (see ``InterleavingController/timeout``), long
    /// enough for a runner that is merely slow under the thread sanitizer on a loaded two-core machine.
    public static let defaultTimeout: Duration = .seconds(20)

    /// Every runner's output, or an ``InterleavingRunnerError`` naming the first runner that threw:
    /// the default verification.
    public static func requireSuccess<Output>(_ results: [Result<Output, any Error>]) throws(InterleavingRunnerError) -> [Output] {
        var outputs: [Output] = []
        for (runner, result) in results.enumerated() {
            switch result {
            case .success(let output): outputs.append(output)
            case .failure(let error): throw InterleavingRunnerError(runner: runner, error: error)
            }
        }
        return outputs
    }

    /// Runs every schedule of `runners` runners (up to the `reduction`'s equivalence), each on a
    /// fresh world from `setUp`, by depth-first search with re-execution.
    ///
    /// - Parameters:
    ///   - runners: How many runners; each runs `run(world, index)` with its index from 0.
    ///   - limit: At most this many runs (schedules and redundant runs); an exploration that needs
    ///     more fails with ``InterleavingFailure/Reason/limitExceeded(limit:)``.
    ///   - reduction: ``InterleavingReduction/readsCommute`` (default) explores one order of adjacent
    ///     reads of different runners; ``InterleavingReduction/none`` explores every order.
    ///   - timeout: How long a released runner may take to reach its next step or its end.
    ///   - setUp: Builds the schedule's world around its controller.
    ///   - run: A runner's body.
    ///   - verify: Checks the world and the runners' results after every schedule.
    /// - Returns: What ran; every schedule passed.
    /// - Throws: ``InterleavingFailure`` for the first failing schedule.
    public static func exhaustive<World: Sendable, Output: Sendable>(
        runners: Int,
        limit: Int = 50_000,
        reduction: InterleavingReduction = .readsCommute,
        timeout: Duration = defaultTimeout,
        setUp: (InterleavingController) async throws -> World,
        run body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void = { _, results in _ = try Interleaving.requireSuccess(results) }
    ) async throws(InterleavingFailure) -> ExplorationReport {
        let watchdog = InterleavingWatchdog(timeout: timeout)
        defer { watchdog.stop() }
        let engine = InterleavingEngine<World, Output>(runners: runners, timeout: timeout, watchdog: watchdog)
        var chooser = ExhaustiveChooser(reduction: reduction)
        var tally = Tally()
        var redundant = 0
        repeat {
            if tally.runs == limit {
                throw InterleavingFailure(
                    reason: .limitExceeded(limit: limit), source: .exhaustive(index: tally.runs), runners: runners,
                    schedule: tally.last,
                    detail: "the exhaustive space of \(runners) runners needs more than \(limit) runs (\(tally.runs - redundant) "
                        + "schedules and \(redundant) redundant runs so far): give the runners fewer steps, keep the "
                        + "reduction on, raise the limit, or use Interleaving.random")
            }
            do {
                let outcome = try await engine.run(chooser: &chooser, setUp: setUp, body: body, verify: verify)
                tally.add(outcome.schedule)
                if chooser.redundant { redundant += 1 }
            } catch {
                throw InterleavingFailure(reason: error.reason, source: .exhaustive(index: tally.runs), runners: runners,
                                          schedule: error.schedule, detail: error.detail, underlying: error.underlying)
            }
        } while chooser.advance()
        return ExplorationReport(runners: runners, schedules: tally.runs - redundant, redundantRuns: redundant,
                                 maxSteps: tally.maxSteps, totalSteps: tally.totalSteps, maxWaiting: chooser.maxWaiting,
                                 prunedChoices: chooser.pruned, fingerprint: tally.fingerprint, recorded: [])
    }

    /// Runs `schedules` random schedules of `runners` runners, each on a fresh world from `setUp`:
    /// at every decision a waiting runner is picked uniformly (no reduction) from a generator seeded
    /// with `seed` and the schedule's index. The same seed runs the same schedules on every machine;
    /// a failure prints its seed and index, and `startingAt:` re-runs from that index.
    ///
    /// - Parameters:
    ///   - runners: How many runners (8 and more are fine: the cost is linear in the steps).
    ///   - schedules: How many schedules to run.
    ///   - seed: The exploration's seed.
    ///   - startingAt: The index of the first schedule (0 by default); schedule `n` is the same
    ///     whatever the start.
    ///   - timeout: How long a released runner may take to reach its next step or its end.
    ///   - setUp: Builds the schedule's world around its controller.
    ///   - run: A runner's body.
    ///   - verify: Checks the world and the runners' results after every schedule.
    /// - Returns: What ran, with every schedule in ``ExplorationReport/recorded``.
    /// - Throws: ``InterleavingFailure`` for the first failing schedule.
    public static func random<World: Sendable, Output: Sendable>(
        runners: Int,
        schedules: Int,
        seed: UInt64,
        startingAt first: Int = 0,
        timeout: Duration = defaultTimeout,
        setUp: (InterleavingController) async throws -> World,
        run body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void = { _, results in _ = try Interleaving.requireSuccess(results) }
    ) async throws(InterleavingFailure) -> ExplorationReport {
        let watchdog = InterleavingWatchdog(timeout: timeout)
        defer { watchdog.stop() }
        let engine = InterleavingEngine<World, Output>(runners: runners, timeout: timeout, watchdog: watchdog)
        var tally = Tally()
        var recorded: [InterleavingSchedule] = []
        var maxWaiting = 0
        for index in first..<(first + max(schedules, 0)) {
            var chooser = RandomChooser(seed: seed, index: index)
            do {
                let outcome = try await engine.run(chooser: &chooser, setUp: setUp, body: body, verify: verify)
                tally.add(outcome.schedule)
                recorded.append(outcome.schedule)
                maxWaiting = max(maxWaiting, chooser.maxWaiting)
            } catch {
                throw InterleavingFailure(reason: error.reason, source: .random(seed: seed, index: index), runners: runners,
                                          schedule: error.schedule, detail: error.detail, underlying: error.underlying)
            }
        }
        return ExplorationReport(runners: runners, schedules: tally.runs, redundantRuns: 0, maxSteps: tally.maxSteps,
                                 totalSteps: tally.totalSteps, maxWaiting: maxWaiting, prunedChoices: 0,
                                 fingerprint: tally.fingerprint, recorded: recorded)
    }

    /// Runs one schedule written as a plan (explicit choices, holds, then lowest index first).
    ///
    /// ```swift
    /// // Runner 0 waits at its commit until runner 1 has read: the lost update, every time.
    /// try await Interleaving.run(InterleavingPlan().holding(0, at: .commit, until: 1, passes: .label("fetch")),
    ///                            runners: 2, setUp: { … }, run: { … }, verify: { … })
    /// ```
    ///
    /// - Returns: The schedule the plan produced.
    /// - Throws: ``InterleavingFailure`` if the run or its verification failed.
    @discardableResult
    public static func run<World: Sendable, Output: Sendable>(
        _ plan: InterleavingPlan,
        runners: Int,
        timeout: Duration = defaultTimeout,
        setUp: (InterleavingController) async throws -> World,
        run body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void = { _, results in _ = try Interleaving.requireSuccess(results) }
    ) async throws(InterleavingFailure) -> InterleavingSchedule {
        var chooser = PlanChooser(plan: plan)
        return try await single(&chooser, source: .plan, runners: runners, timeout: timeout,
                                setUp: setUp, body: body, verify: verify)
    }

    /// Runs exactly `schedule` — typically one printed by an ``InterleavingFailure``, parsed with
    /// ``InterleavingSchedule/init(parsing:)`` — so a failure can be reproduced and debugged alone.
    /// Every choice must find its runner waiting (at the printed label, if the schedule has labels)
    /// and the run must end with the schedule, or it fails with
    /// ``InterleavingFailure/Reason/scheduleDiverged``.
    ///
    /// - Returns: The schedule run, with labels.
    /// - Throws: ``InterleavingFailure`` if the run or its verification failed.
    @discardableResult
    public static func replay<World: Sendable, Output: Sendable>(
        _ schedule: InterleavingSchedule,
        runners: Int,
        timeout: Duration = defaultTimeout,
        setUp: (InterleavingController) async throws -> World,
        run body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void = { _, results in _ = try Interleaving.requireSuccess(results) }
    ) async throws(InterleavingFailure) -> InterleavingSchedule {
        var chooser = ReplayChooser(schedule: schedule)
        return try await single(&chooser, source: .replay, runners: runners, timeout: timeout,
                                setUp: setUp, body: body, verify: verify)
    }

    private static func single<World: Sendable, Output: Sendable, Chooser: InterleavingChooser>(
        _ chooser: inout Chooser, source: InterleavingFailure.Source, runners: Int, timeout: Duration,
        setUp: (InterleavingController) async throws -> World,
        body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void
    ) async throws(InterleavingFailure) -> InterleavingSchedule {
        let watchdog = InterleavingWatchdog(timeout: timeout)
        defer { watchdog.stop() }
        let engine = InterleavingEngine<World, Output>(runners: runners, timeout: timeout, watchdog: watchdog)
        do {
            return try await engine.run(chooser: &chooser, setUp: setUp, body: body, verify: verify).schedule
        } catch {
            throw InterleavingFailure(reason: error.reason, source: source, runners: runners, schedule: error.schedule,
                                      detail: error.detail, underlying: error.underlying)
        }
    }

    /// Counts of the runs of one exploration.
    private struct Tally {
        var runs = 0
        var maxSteps = 0
        var totalSteps = 0
        var fingerprint: UInt64 = 0xCBF2_9CE4_8422_2325
        var last: InterleavingSchedule = []

        mutating func add(_ schedule: InterleavingSchedule) {
            runs += 1
            maxSteps = max(maxSteps, schedule.count)
            totalSteps += schedule.count
            last = schedule
            // FNV-1a over the choices, each run closed by a separator.
            for value in schedule.choices.map({ UInt64(truncatingIfNeeded: $0) }) + [UInt64.max] {
                fingerprint = (fingerprint ^ value) &* 0x0000_0100_0000_01B3
            }
        }
    }
}
