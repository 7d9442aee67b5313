@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// A record kind for the unit-of-work tests.
private struct Counter: StoredRecord, Equatable {
    static let kind = "test-counter"
    let id: String
    var value: Int
}

@Suite("One unit of work: checked reads, one retry policy, events (R-UOW-1, R-UOW-3)")
struct UnitOfWorkTests {
    private func seeded(_ env: TestEnvironment, _ ids: String...) async throws {
        var batch = WriteBatch()
        for id in ids { try batch.insert(Counter(id: id, value: 0)) }
        try await env.store.commit(batch)
    }

    /// Bumps `id` behind the unit's back, as a concurrent writer would.
    private func bump(_ env: TestEnvironment, _ id: String) async throws {
        var stored = try #require(try await env.store.fetch(Counter.self, id: id))
        stored.record.value += 1
        var batch = WriteBatch()
        try batch.update(stored)
        try await env.store.commit(batch)
    }

    @Test("R-UOW-1: the commit checks every record the unit read and did not write; a change to one makes the unit run again")
    func readsAreChecked() async throws {
        let env = TestEnvironment()
        try await seeded(env, "a", "b")
        let runs = Locked(0)
        let seen = try await env.context.transact("test.copy", as: .system("test")) { unit in
            let run = runs.withLock { $0 += 1; return $0 }
            let a = try #require(try await unit.fetch(Counter.self, id: "a"))
            if run == 1 { try await bump(env, "a") } // the decision's input changes before the commit
            var b = try #require(try await unit.fetch(Counter.self, id: "b"))
            b.record.value = a.record.value + 10
            try unit.update(b)
            return a.record.value
        }
        #expect(runs.withLock { $0 } == 2)
        #expect(seen == 1)
        #expect(try await env.store.fetch(Counter.self, id: "b")?.record.value == 11)
        #expect(env.sleeper.delays.count == 1)
        #expect(env.events.events.contains { if case .unitRetried(operation: "test.copy", attempt: 1, _, kind: Counter.kind, id: "a") = $0 { true } else { false } })
        #expect(env.events.events.contains(.unitCommitted(operation: "test.copy", attempt: 2, writes: 1, checks: 1)))
    }

    @Test("R-UOW-1: an absence is checked too: a record inserted meanwhile fails the unit")
    func absenceIsChecked() async throws {
        let env = TestEnvironment()
        try await seeded(env, "b")
        let runs = Locked(0)
        let found = try await env.context.transact("test.absent", as: .system("test")) { unit in
            let run = runs.withLock { $0 += 1; return $0 }
            let missing = try await unit.fetch(Counter.self, id: "new")
            if run == 1 {
                var batch = WriteBatch()
                try batch.insert(Counter(id: "new", value: 7))
                try await env.store.commit(batch)
            }
            var b = try #require(try await unit.fetch(Counter.self, id: "b"))
            b.record.value += 1
            try unit.update(b)
            return missing?.record.value
        }
        #expect(found == 7)
        #expect(runs.withLock { $0 } == 2)
    }

    @Test("R-UOW-1: a unit that keeps losing gives up after the policy's attempts with one ConflictError, nothing written")
    func givesUp() async throws {
        var policy = CPSPolicy.canonEurope
        policy.retries = RetryPolicy(attempts: 4, baseDelayMilliseconds: 10, maximumDelayMilliseconds: 25)
        let env = TestEnvironment(policy: policy)
        try await seeded(env, "a", "b")
        let error = await #expect(throws: ConflictError.self) {
            try await env.context.transact("test.hopeless", as: .system("test")) { unit in
                _ = try await unit.fetch(Counter.self, id: "a")
                try await bump(env, "a")
                var b = try #require(try await unit.fetch(Counter.self, id: "b"))
                b.record.value = 99
                try unit.update(b)
            }
        }
        #expect(error?.attempts == 4)
        #expect(error?.code == "conflict.retriesExhausted")
        #expect(error?.message(in: .swedish).contains("Försök igen") == true)
        #expect(try await env.store.fetch(Counter.self, id: "b")?.record.value == 0)
        let delays = env.sleeper.delays
        #expect(delays.count == 3)
        for (index, delay) in delays.enumerated() {
            #expect(delay <= .milliseconds([10, 20, 25][index]))
        }
        #expect(env.events.events.contains(.conflictGivenUp(operation: "test.hopeless", attempts: 4, kind: Counter.kind, id: "a")))
    }

    @Test("R-UOW-1: the backoff doubles from its base up to its cap; the jitter comes from the context's randomness")
    func backoff() {
        let retries = RetryPolicy(attempts: 10, baseDelayMilliseconds: 2, maximumDelayMilliseconds: 200)
        #expect((1...9).map { retries.delayBound(afterAttempt: $0) } == [2, 4, 8, 16, 32, 64, 128, 200, 200])
        #expect(retries.delay(afterAttempt: 3, unit: 0) == .zero)
        #expect(retries.delay(afterAttempt: 3, unit: 0.5) == .milliseconds(4))
        #expect(retries.delay(afterAttempt: 60, unit: 0.999_999) <= .milliseconds(200))
    }

    @Test("R-UOW-1: cancelling the task ends the wait between attempts")
    func cancellationEndsTheWait() async throws {
        let store = InMemoryRecordStore()
        var batch = WriteBatch()
        try batch.insert(Counter(id: "a", value: 0))
        try await store.commit(batch)
        let context = try CPSContext(store: store, identity: InMemoryIdentityProvider(policy: .lowCost), sleeper: .system)
        let task = Task {
            try await context.transact("test.cancel", as: .system("test")) { unit in
                var a = try #require(try await unit.fetch(Counter.self, id: "a"))
                var other = a
                other.record.value = -1
                var bump = WriteBatch()
                try bump.update(other)
                try await store.commit(bump)
                a.record.value += 1
                try unit.update(a)
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("R-UOW-1: other errors end the call at once, nothing written and no retry")
    func otherErrorsDoNotRetry() async throws {
        let env = TestEnvironment()
        try await seeded(env, "a")
        let runs = Locked(0)
        await #expect(throws: InputError.self) {
            try await env.context.transact("test.refused", as: .system("test")) { unit in
                runs.withLock { $0 += 1 }
                var a = try #require(try await unit.fetch(Counter.self, id: "a"))
                a.record.value = 5
                try unit.update(a)
                throw InputError(.missing, field: "name", value: "")
            }
        }
        #expect(runs.withLock { $0 } == 1)
        #expect(try await env.store.fetch(Counter.self, id: "a")?.record.value == 0)
    }

    @Test("R-UOW-1: a unit may not write one record twice; a read-only unit commits nothing")
    func batchShape() async throws {
        let env = TestEnvironment()
        try await seeded(env, "a")
        await #expect(throws: StorageError.self) {
            try await env.context.transact("test.twice", as: .system("test")) { unit in
                let a = try #require(try await unit.fetch(Counter.self, id: "a"))
                try unit.update(a)
                try unit.update(a)
            }
        }
        env.events.removeAll()
        try await env.context.transact("test.read", as: .system("test")) { unit in
            _ = try await unit.fetch(Counter.self, id: "a")
        }
        #expect(env.events.events.isEmpty)
    }

    @Test("R-UOW-3: events carry IDs and counts, never an e-mail address, a name or a token")
    func eventsHoldNoPersonalData() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        _ = try await env.products.register(ProductForm(model: "EOS R5", serialNumber: "EV-0001", purchaseDate: "2025-06",
                                                        countryOfPurchase: "SE", dealer: "Foto AB"),
                                            on: active.account.id, as: active.principal)
        _ = try await env.mailDispatcher.dispatchPending()
        let text = env.events.events.map { "\($0)" }.joined(separator: "\n")
        #expect(!env.events.events.isEmpty)
        #expect(!text.contains("@"))
        #expect(!text.contains(active.superuser.name))
        #expect(!text.contains("token="))
        #expect(env.events.events.contains { if case .deliveryAttempted = $0 { true } else { false } })
    }
}
