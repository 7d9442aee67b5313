import CPSKit
import CPSKitTesting
import Foundation
import Testing

// MARK: - A shared world and small racy examples

/// The state one schedule runs on: a fresh copy of a prepared store, wrapped for the run.
private struct World: Sendable {
    let base: InMemoryRecordStore
    let store: InterleavingStore
    let gateway: InMemoryPaymentGateway
    let payments: InterleavingPaymentGateway

    init(copying prepared: InMemoryRecordStore, controller: InterleavingController) {
        base = prepared.copy()
        store = InterleavingStore(base: base, controller: controller)
        gateway = InMemoryPaymentGateway()
        payments = InterleavingPaymentGateway(base: gateway, controller: controller)
    }
}

private struct ExampleError: Error, CustomStringConvertible {
    let description: String
}

private func envelope(_ kind: String, _ id: String, _ text: String) -> RecordEnvelope {
    RecordEnvelope(kind: kind, id: id, version: 0, payload: Data(text.utf8))
}

private func text(_ envelope: RecordEnvelope?) -> String {
    envelope.map { String(decoding: $0.payload, as: UTF8.self) } ?? "(none)"
}

private func prepared(_ records: [RecordEnvelope]) throws -> InMemoryRecordStore {
    let store = InMemoryRecordStore()
    try store.commitNow(WriteBatch(records.map { .put($0, expectedVersion: 0) }))
    return store
}

/// The read-modify-write counter: read `counter/c`, write value + 1 at the version read. On a
/// conflict, `.blindRetry` re-reads only to learn the new version and writes its stale value again
/// (the lost update); `.recompute` re-reads and adds one to the value it finds.
private enum Increment: Sendable {
    case blindRetry, recompute

    func run(on store: some RecordStore, attempts: Int = 16) async throws {
        guard let first = try await store.record(kind: "counter", id: "c"), let read = Int(text(first)) else {
            throw ExampleError(description: "no counter")
        }
        var value = read + 1
        var version = first.version
        for _ in 0..<attempts {
            do {
                try await store.commit(WriteBatch([.put(envelope("counter", "c", "\(value)"), expectedVersion: version)]))
                return
            } catch {
                guard error.reason == .conflict else { throw error }
                guard let again = try await store.record(kind: "counter", id: "c"), let now = Int(text(again)) else {
                    throw ExampleError(description: "no counter")
                }
                version = again.version
                if self == .recompute { value = now + 1 }
            }
        }
        throw ExampleError(description: "still conflicting after \(attempts) attempts")
    }
}

private let counterAtZero: @Sendable () throws -> InMemoryRecordStore = { try prepared([envelope("counter", "c", "0")]) }

/// Two doctors on duty (`duty/a`, `duty/b`); each runner takes its doctor off duty if both are on.
/// Writing only its own record at the version read lets both go (write skew); adding a `.check` of
/// the other record makes the second commit conflict, and the retry sees the other is off.
private enum OffDuty: Sendable {
    case ownRecordOnly, checkOther

    func run(on store: some RecordStore, runner: Int) async throws {
        let own = runner == 0 ? "a" : "b", other = runner == 0 ? "b" : "a"
        for _ in 0..<4 {
            guard let mine = try await store.record(kind: "duty", id: own),
                  let theirs = try await store.record(kind: "duty", id: other) else { throw ExampleError(description: "no duty") }
            guard text(mine) == "on", text(theirs) == "on" else { return }
            var writes: [RecordWrite] = [.put(envelope("duty", own, "off"), expectedVersion: mine.version)]
            if self == .checkOther { writes.append(.check(kind: "duty", id: other, expectedVersion: theirs.version)) }
            do {
                try await store.commit(WriteBatch(writes))
                return
            } catch {
                guard error.reason == .conflict else { throw error }
                continue
            }
        }
        throw ExampleError(description: "still conflicting")
    }
}

/// An invoice-charging job: `.chargeThenRecord` charges whatever it finds due, with its own key,
/// then records the payment; `.claimFirst` claims the invoice in a commit first (a loser's claim
/// conflicts and it stops), then charges, then records (R-UOW-1: claim, call, record).
private enum ChargeJob: Sendable {
    case chargeThenRecord, claimFirst

    func run(in world: World, runner: Int) async throws {
        guard let invoice = try await world.store.record(kind: "invoice", id: "i1") else { throw ExampleError(description: "no invoice") }
        guard text(invoice) == "due" else { return }
        var version = invoice.version
        if self == .claimFirst {
            do {
                try await world.store.commit(WriteBatch([.put(envelope("invoice", "i1", "charging"), expectedVersion: version)]))
            } catch {
                guard error.reason == .conflict else { throw error }
                return
            }
            version += 1
        }
        let request = ChargeRequest(accountID: "acc", amount: Money(100, .eur), reference: "INV-1",
                                    idempotencyKey: "i1-runner-\(runner)")
        _ = try await world.payments.charge(request)
        do {
            try await world.store.commit(WriteBatch([.put(envelope("invoice", "i1", "paid"), expectedVersion: version)]))
        } catch {
            guard error.reason == .conflict else { throw error }
            return
        }
    }
}

private func verifyCounter(_ world: World, expected: Int) async throws {
    let value = text(try await world.store.record(kind: "counter", id: "c"))  // outside a runner: passes through
    guard value == "\(expected)" else { throw ExampleError(description: "counter is \(value), expected \(expected)") }
}

// MARK: - Counting schedules independently of the kit

/// The number of complete interleavings of runners whose steps have `kinds` (the start included)
/// that the rule allows: with `.readsCommute`, no read-only step of runner j directly followed by one
/// of a runner i < j.
private func expectedSchedules(_ kinds: [[InterleavingStepKind]], reduction: InterleavingReduction) -> Int {
    var counter = ScheduleCounter(kinds: kinds, reduction: reduction)
    return counter.count(Array(repeating: 0, count: kinds.count), previous: nil)
}

/// Counts the allowed completions of a prefix (the runners' positions and the runner released last), memoized.
private struct ScheduleCounter {
    let kinds: [[InterleavingStepKind]]
    let reduction: InterleavingReduction
    var memo: [[Int]: Int] = [:]

    init(kinds: [[InterleavingStepKind]], reduction: InterleavingReduction) {
        self.kinds = kinds
        self.reduction = reduction
    }

    mutating func count(_ positions: [Int], previous: Int?) -> Int {
        if positions.indices.allSatisfy({ positions[$0] == kinds[$0].count }) { return 1 }
        let key = positions + [previous ?? -1]
        if let known = memo[key] { return known }
        var total = 0
        for runner in positions.indices where positions[runner] < kinds[runner].count {
            if reduction == .readsCommute, let previous, previous > runner,
               kinds[previous][positions[previous] - 1].isReadOnly, kinds[runner][positions[runner]].isReadOnly {
                continue
            }
            var next = positions
            next[runner] += 1
            total += count(next, previous: runner)
        }
        memo[key] = total
        return total
    }
}

private func binomial(_ n: Int, _ k: Int) -> Int {
    guard k >= 0, k <= n else { return 0 }
    var result = 1
    for i in 0..<k { result = result * (n - i) / (i + 1) }
    return result
}

/// Runner bodies with a fixed sequence of store operations on their own record `r<index>`.
private enum Operation: Sendable { case read, commit }

private func perform(_ operations: [Operation], runner: Int, on store: some RecordStore) async throws {
    var version: UInt64 = 0
    for operation in operations {
        switch operation {
        case .read:
            _ = try await store.record(kind: "r", id: "\(runner)")
        case .commit:
            try await store.commit(WriteBatch([.put(envelope("r", "\(runner)", "\(version)"), expectedVersion: version)]))
            version += 1
        }
    }
}

private func kinds(_ operations: [Operation]) -> [InterleavingStepKind] {
    [.start] + operations.map { $0 == .read ? .read : .commit }
}

private func explore(_ operations: [[Operation]], reduction: InterleavingReduction,
                     limit: Int = 50_000) async throws(InterleavingFailure) -> ExplorationReport {
    let empty = InMemoryRecordStore()
    return try await Interleaving.exhaustive(
        runners: operations.count, limit: limit, reduction: reduction,
        setUp: { controller in World(copying: empty, controller: controller) },
        run: { world, runner in try await perform(operations[runner], runner: runner, on: world.store) })
}

// MARK: - Tests

@Suite("Interleaving kit: serialized runners, schedule exploration, replay (issue 13, R-UOW-2)")
struct InterleavingTests {
    @Test("The exhaustive explorer finds the lost update of a blind retry and prints the failing schedule")
    func findsLostUpdate() async throws {
        let start = try counterAtZero()
        let failure = await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.exhaustive(
                runners: 2,
                setUp: { controller in World(copying: start, controller: controller) },
                run: { world, _ in try await Increment.blindRetry.run(on: world.store) },
                verify: { world, results in
                    _ = try Interleaving.requireSuccess(results)
                    try await verifyCounter(world, expected: 2)
                })
        }
        let found = try #require(failure)
        #expect(found.reason == .verificationFailed)
        #expect(found.schedule.description.hasPrefix("0:start → 0:fetch counter/c → 1:start → 1:fetch counter/c → 0:commit put counter/c@1"))
        #expect(found.description.contains("counter is 1, expected 2"))
        #expect(found.description.contains("replay:   Interleaving.replay(InterleavingSchedule(parsing: \"\(found.schedule.replayText)\")"))
        #expect(found.description.contains("exhaustive exploration, schedule #"))
        #expect(found.underlying is ExampleError)
    }

    @Test("Recomputing after a conflict passes every schedule of 2 and 3 runners")
    func versionedUpdatePasses() async throws {
        let start = try counterAtZero()
        for runners in [2, 3] {
            let report = try await Interleaving.exhaustive(
                runners: runners,
                setUp: { controller in World(copying: start, controller: controller) },
                run: { world, _ in try await Increment.recompute.run(on: world.store) },
                verify: { world, results in
                    _ = try Interleaving.requireSuccess(results)
                    try await verifyCounter(world, expected: runners)
                })
            #expect(report.schedules > 1)
            #expect(report.maxWaiting == runners)
        }
    }

    @Test("Write skew: without a check write both doctors leave; with .check every schedule keeps one on duty")
    func checkWritePreventsWriteSkew() async throws {
        let start = try prepared([envelope("duty", "a", "on"), envelope("duty", "b", "on")])
        func explore(_ variant: OffDuty) async throws(InterleavingFailure) -> ExplorationReport {
            try await Interleaving.exhaustive(
                runners: 2,
                setUp: { controller in World(copying: start, controller: controller) },
                run: { world, runner in try await variant.run(on: world.store, runner: runner) },
                verify: { world, results in
                    _ = try Interleaving.requireSuccess(results)
                    let a = text(try await world.base.record(kind: "duty", id: "a"))
                    let b = text(try await world.base.record(kind: "duty", id: "b"))
                    guard a == "on" || b == "on" else { throw ExampleError(description: "nobody on duty") }
                })
        }
        let failure = await #expect(throws: InterleavingFailure.self) { try await explore(.ownRecordOnly) }
        #expect(failure?.description.contains("nobody on duty") == true)
        let report = try await explore(.checkOther)
        #expect(report.schedules > 1)
    }

    @Test("Outside calls are steps: charging before claiming charges twice, claiming first charges once")
    func outsideCallsAreSteps() async throws {
        let start = try prepared([envelope("invoice", "i1", "due")])
        func explore(_ job: ChargeJob) async throws(InterleavingFailure) -> ExplorationReport {
            try await Interleaving.exhaustive(
                runners: 2,
                setUp: { controller in World(copying: start, controller: controller) },
                run: { world, runner in try await job.run(in: world, runner: runner) },
                verify: { world, results in
                    _ = try Interleaving.requireSuccess(results)
                    guard world.gateway.charges.count == 1 else {
                        throw ExampleError(description: "\(world.gateway.charges.count) charges")
                    }
                })
        }
        let failure = try #require(await #expect(throws: InterleavingFailure.self) { try await explore(.chargeThenRecord) })
        #expect(failure.description.contains("2 charges"))
        #expect(failure.schedule.steps.contains { $0.label == "charge INV-1 key i1-runner-1" && $0.kind == .outsideCall })
        let report = try await explore(.claimFirst)
        #expect(report.schedules > 1)
    }

    @Test("Two runners with k commit steps: C(2k, k) schedules, and C(2k, k) - C(2k-2, k-1) with the reduction")
    func commitCounts() async throws {
        for commits in 0...4 {
            let operations = Array(repeating: [Operation](repeating: .commit, count: commits), count: 2)
            let k = commits + 1  // the start is a step
            let full = try await explore(operations, reduction: .none)
            let reduced = try await explore(operations, reduction: .readsCommute)
            #expect(full.schedules == binomial(2 * k, k))
            #expect(full.redundantRuns == 0)
            #expect(full.maxSteps == 2 * k)
            #expect(reduced.schedules == binomial(2 * k, k) - binomial(2 * k - 2, k - 1))
        }
    }

    @Test("Two runners with k read steps: C(2k, k) schedules, and exactly one with the reduction")
    func readCounts() async throws {
        for reads in 0...4 {
            let operations = Array(repeating: [Operation](repeating: .read, count: reads), count: 2)
            let k = reads + 1
            let full = try await explore(operations, reduction: .none)
            let reduced = try await explore(operations, reduction: .readsCommute)
            #expect(full.schedules == binomial(2 * k, k))
            #expect(reduced.schedules == 1)
            #expect(reduced.schedules + reduced.redundantRuns < full.schedules || k == 1)
        }
    }

    @Test("Three runners and mixed steps: the counts match an independent enumeration of the rule")
    func mixedCounts() async throws {
        let cases: [[[Operation]]] = [
            [[.commit, .commit], [.commit, .commit], [.commit, .commit]],  // 9!/(3!3!3!) without reduction
            [[.read, .commit, .read], [.read, .read, .commit]],
            [[.read, .read, .commit], [.commit], [.read, .read]],
        ]
        for operations in cases {
            for reduction in InterleavingReduction.allCases {
                let report = try await explore(operations, reduction: reduction)
                #expect(report.schedules == expectedSchedules(operations.map(kinds), reduction: reduction),
                        "\(operations) \(reduction)")
            }
        }
        #expect(expectedSchedules(Array(repeating: kinds([.commit, .commit]), count: 3), reduction: .none) == 1680)
    }

    @Test("An exhaustive space larger than the limit fails clearly instead of running on")
    func limit() async throws {
        let operations = Array(repeating: [Operation](repeating: .commit, count: 3), count: 2)
        let failure = try #require(await #expect(throws: InterleavingFailure.self) {
            try await explore(operations, reduction: .none, limit: 10)
        })
        #expect(failure.reason == .limitExceeded(limit: 10))
        #expect(failure.description.contains("more than 10 runs"))
        let exact = try await explore(operations, reduction: .none, limit: binomial(8, 4))
        #expect(exact.schedules == 70)
    }

    @Test("A printed schedule replays the failure exactly; a sequential plan passes; a hold reproduces the race")
    func replayAndPlans() async throws {
        let start = try counterAtZero()
        let setUp: (InterleavingController) async throws -> World = { World(copying: start, controller: $0) }
        let body: @Sendable (World, Int) async throws -> Void = { world, _ in try await Increment.blindRetry.run(on: world.store) }
        let verify: (World, [Result<Void, any Error>]) async throws -> Void = { world, _ in try await verifyCounter(world, expected: 2) }
        let found = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.exhaustive(runners: 2, setUp: setUp, run: body, verify: verify)
        })

        // The labelled text and the bare choices both parse back and fail the same way.
        for printed in [found.schedule.description, found.schedule.replayText, "[\(found.schedule.choices.map(String.init).joined(separator: ", "))]"] {
            let schedule = try #require(InterleavingSchedule(parsing: printed))
            #expect(schedule.choices == found.schedule.choices)
            let again = try #require(await #expect(throws: InterleavingFailure.self) {
                try await Interleaving.replay(schedule, runners: 2, setUp: setUp, run: body, verify: verify)
            })
            #expect(again.reason == .verificationFailed)
            #expect(again.source == .replay)
            #expect(again.schedule == found.schedule)
        }
        #expect(InterleavingSchedule(parsing: "0 x 1") == nil)

        // A schedule from another test diverges instead of silently running something else.
        let wrong = try #require(InterleavingSchedule(parsing: "0:start → 0:fetch counter/d"))
        let diverged = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.replay(wrong, runners: 2, setUp: setUp, run: body, verify: verify)
        })
        #expect(diverged.reason == .scheduleDiverged)

        // Fixed schedules: lowest first passes; "runner 0 holds at its commit until runner 1 has read" fails.
        let sequential = try await Interleaving.run(.sequential, runners: 2, setUp: setUp, run: body, verify: verify)
        #expect(sequential.choices == [0, 0, 0, 1, 1, 1])
        let held = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.run(InterleavingPlan().holding(0, at: .commit, until: 1, passes: .label("fetch")),
                                       runners: 2, setUp: setUp, run: body, verify: verify)
        })
        #expect(held.schedule.description.hasPrefix("0:start → 0:fetch counter/c → 1:start → 1:fetch counter/c → 0:commit"))
        let chosen = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.run(.choices([0, 0, 1, 1]), runners: 2, setUp: setUp, run: body, verify: verify)
        })
        #expect(chosen.schedule == held.schedule)
        let invalid = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.run(.choices([1, 1, 1, 1]), runners: 2, setUp: setUp, run: body, verify: verify)
        })
        #expect(invalid.reason == .invalidSchedule)
    }

    @Test("Random exploration of 8 runners is reproducible by seed, and a failure names its seed and index")
    func randomBySeed() async throws {
        let start = try counterAtZero()
        let setUp: (InterleavingController) async throws -> World = { World(copying: start, controller: $0) }
        func explore(seed: UInt64) async throws(InterleavingFailure) -> ExplorationReport {
            try await Interleaving.random(
                runners: 8, schedules: 20, seed: seed, setUp: setUp,
                run: { world, _ in try await Increment.recompute.run(on: world.store) },
                verify: { world, results in
                    _ = try Interleaving.requireSuccess(results)
                    try await verifyCounter(world, expected: 8)
                })
        }
        let first = try await explore(seed: 1)
        let again = try await explore(seed: 1)
        let other = try await explore(seed: 2)
        #expect(first.schedules == 20)
        #expect(first.maxWaiting == 8)
        #expect(first == again)
        #expect(first.recorded.count == 20)
        #expect(first.fingerprint != other.fingerprint)

        let blind: @Sendable (World, Int) async throws -> Void = { world, _ in try await Increment.blindRetry.run(on: world.store) }
        let verify: (World, [Result<Void, any Error>]) async throws -> Void = { world, results in
            _ = try Interleaving.requireSuccess(results)
            try await verifyCounter(world, expected: 3)
        }
        let failure = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.random(runners: 3, schedules: 50, seed: 7, setUp: setUp, run: blind, verify: verify)
        })
        guard case .random(let seed, let index) = failure.source else {
            Issue.record("source \(failure.source)")
            return
        }
        #expect(seed == 7)
        #expect(failure.description.contains("seed 7, schedule #\(index)"))
        #expect(failure.description.contains("startingAt: \(index)"))
        let rerun = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.random(runners: 3, schedules: 1, seed: 7, startingAt: index, setUp: setUp, run: blind, verify: verify)
        })
        #expect(rerun.schedule == failure.schedule)
        #expect(rerun.source == failure.source)
    }

    @Test("A runner that throws is reported with its error; a verification can accept it")
    func throwingRunner() async throws {
        let start = try counterAtZero()
        let setUp: (InterleavingController) async throws -> World = { World(copying: start, controller: $0) }
        let body: @Sendable (World, Int) async throws -> Int = { world, runner in
            _ = try await world.store.record(kind: "counter", id: "c")
            if runner == 1 { throw ExampleError(description: "runner one gives up") }
            return runner
        }
        let failure = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.exhaustive(runners: 2, setUp: setUp, run: body)
        })
        #expect(failure.reason == .verificationFailed)
        let runnerError = try #require(failure.underlying as? InterleavingRunnerError)
        #expect(runnerError.runner == 1)
        #expect(failure.description.contains("runner 1 threw runner one gives up"))

        let report = try await Interleaving.exhaustive(runners: 2, setUp: setUp, run: body, verify: { _, results in
            guard case .success(0) = results[0], case .failure(let error) = results[1], error is ExampleError else {
                throw ExampleError(description: "unexpected results \(results)")
            }
        })
        #expect(report.schedules >= 1)
    }

    @Test("A runner that awaits something that is not a step fails with the liveness error instead of hanging")
    func liveness() async throws {
        let start = try counterAtZero()
        let began = ContinuousClock.now
        let failure = try #require(await #expect(throws: InterleavingFailure.self) {
            try await Interleaving.exhaustive(
                // 10 s: long enough that runner 0, merely slow under ThreadSanitizer on a loaded machine,
                // is never taken for stuck; short beside the hour runner 1 awaits.
                runners: 2, timeout: .seconds(10),
                setUp: { World(copying: start, controller: $0) },
                run: { world, runner in
                    _ = try await world.store.record(kind: "counter", id: "c")
                    if runner == 1 { try await Task.sleep(for: .seconds(3600)) }  // never a step
                })
        })
        #expect(ContinuousClock.now - began < .seconds(600)) // not the hour the runner awaits (a bound, not a timing)
        #expect(failure.reason == .liveness)
        #expect(failure.description.contains("runner 1, released from '1:fetch counter/c', never reached its next step"))
        #expect(failure.schedule.steps.last?.runner == 1)
    }

    @Test("Calls outside the runners pass straight through; each runner sees its own index")
    func passThroughAndIdentity() async throws {
        let start = try counterAtZero()
        let report = try await Interleaving.exhaustive(
            runners: 2,
            setUp: { controller in
                let world = World(copying: start, controller: controller)
                #expect(controller.currentRunner == nil)
                try await world.store.commit(WriteBatch([.put(envelope("counter", "d", "5"), expectedVersion: 0)]))
                return world
            },
            run: { world, runner in
                #expect(world.store.controller.currentRunner == runner)
                return try await world.store.record(kind: "counter", id: "d")?.version
            },
            verify: { world, results in
                let versions = try Interleaving.requireSuccess(results)
                let counters = try await world.store.records(kind: "counter", indexKey: nil)
                #expect(versions == [1, 1])
                #expect(counters.count == 2)
            })
        #expect(report.schedules == 1)  // start, fetch for each: all reads commute
        #expect(report.maxSteps == 4)
    }
}
