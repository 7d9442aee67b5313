/// Runs one schedule: builds the world, starts the runners, and releases them one at a time as
/// the chooser decides, then verifies.
struct InterleavingEngine<World: Sendable, Output: Sendable> {
    /// A run that could not complete or whose verification failed.
    struct RunFailure: Error {
        let reason: InterleavingFailure.Reason
        let detail: String
        let schedule: InterleavingSchedule
        let underlying: (any Error)?
    }

    /// A completed, verified run.
    struct Outcome {
        let schedule: InterleavingSchedule
    }

    let runners: Int
    let timeout: Duration
    let watchdog: InterleavingWatchdog

    func run<Chooser: InterleavingChooser>(
        chooser: inout Chooser,
        setUp: (InterleavingController) async throws -> World,
        body: @escaping @Sendable (World, Int) async throws -> Output,
        verify: (World, [Result<Output, any Error>]) async throws -> Void
    ) async throws(RunFailure) -> Outcome {
        let controller = InterleavingController(runners: runners, timeout: timeout)
        let world: World
        do {
            world = try await setUp(controller)
        } catch {
            throw RunFailure(reason: .setUpFailed, detail: "setUp threw \(error)", schedule: [], underlying: error)
        }
        chooser.beginRun()
        watchdog.watch(controller)
        defer { watchdog.watch(nil) }
        let tasks = (0..<runners).map { runner in
            Task { () async -> Result<Output, any Error> in
                await controller.runAsRunner(runner) {
                    await controller.step("start", kind: .start)
                    let result: Result<Output, any Error>
                    do {
                        result = .success(try await body(world, runner))
                    } catch {
                        result = .failure(error)
                    }
                    controller.finish(runner)
                    return result
                }
            }
        }
        var released: [InterleavingSchedule.Step] = []
        func abandon(_ reason: InterleavingFailure.Reason, _ detail: String) -> RunFailure {
            controller.abort()
            for task in tasks { task.cancel() }
            return RunFailure(reason: reason, detail: detail, schedule: InterleavingSchedule(steps: released), underlying: nil)
        }
        decisions: while true {
            switch await controller.awaitQuiescence() {
            case .finished:
                break decisions
            case .failed(let reason, let detail):
                throw abandon(reason, detail)
            case .waiting(let waiting):
                let decision = InterleavingDecision(index: released.count, waiting: waiting, released: released)
                switch chooser.choose(decision) {
                case .fail(let reason, let detail):
                    throw abandon(reason, detail)
                case .release(let runner):
                    guard let step = waiting.first(where: { $0.runner == runner }), controller.release(runner) else {
                        throw abandon(.invalidSchedule, "runner \(runner) is not waiting")
                    }
                    released.append(step)
                }
            }
        }
        let schedule = InterleavingSchedule(steps: released)
        var results: [Result<Output, any Error>] = []
        for task in tasks { results.append(await task.value) }
        if let (reason, detail) = chooser.endRun(steps: released.count) {
            throw RunFailure(reason: reason, detail: detail, schedule: schedule, underlying: nil)
        }
        do {
            try await verify(world, results)
        } catch {
            throw RunFailure(reason: .verificationFailed, detail: String(describing: error), schedule: schedule, underlying: error)
        }
        return Outcome(schedule: schedule)
    }
}
