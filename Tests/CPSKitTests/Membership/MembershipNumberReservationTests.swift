@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Membership numbers reserved outside the purchase (R-MEM-2, R-UOW-1)")
struct MembershipNumberReservationTests {
    /// `count` active accounts with enough points for Silver.
    private static func accounts(_ env: TestEnvironment, count: Int) async throws -> [TestEnvironment.ActiveAccount] {
        var accounts: [TestEnvironment.ActiveAccount] = []
        for n in 1...count {
            let active = try await env.activeAccount(Fixtures.swedishNonVATForm(n))
            try await env.setPoints(600, for: active.account.id)
            accounts.append(active)
        }
        return accounts
    }

    private static func buy(_ env: TestEnvironment, _ active: TestEnvironment.ActiveAccount) async throws -> MembershipNumber {
        try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .silver, paymentMethod: .card,
                                                          termsVersion: Fixtures.termsVersion), as: active.principal).membership.number
    }

    private static func retries(_ env: TestEnvironment, of operation: String) -> Int {
        env.events.events.count { event in
            if case .unitRetried(operation, _, _, _, _) = event { true } else { false }
        }
    }

    private static func counter(_ store: any RecordStore) async throws -> Int? {
        try await store.fetch(MembershipNumberCounter.self, id: MembershipNumberCounter.singletonID)?.record.nextSequence
    }

    @Test("R-MEM-2: two accounts' purchases committing at the same instant do not race: neither runs again")
    func purchasesOfTwoAccountsDoNotRace() async throws {
        let barrier = CommitBarrierStore(InMemoryRecordStore()) { batch in batch.writes.contains { $0.kind == Membership.kind } }
        let env = TestEnvironment(store: barrier)
        let accounts = try await Self.accounts(env, count: 2)
        barrier.arm(parties: 2)
        async let first = Self.buy(env, accounts[0])
        async let second = Self.buy(env, accounts[1])
        let numbers = try await [first, second]
        #expect(Set(numbers.map(\.sequence)) == [1, 2])
        // Both purchase batches were held and let through together: with the counter in the purchase
        // unit one of them would conflict and run again.
        #expect(Self.retries(env, of: "membership.purchase") == 0)
        #expect(try await Self.counter(env.store) == 3)
    }

    @Test("R-MEM-2: one process numbers its purchases 1, 2, 3 and the counter says 4")
    func sequentialWithoutGaps() async throws {
        let env = TestEnvironment()
        let accounts = try await Self.accounts(env, count: 3)
        var numbers: [Int] = []
        for active in accounts { numbers.append(try await Self.buy(env, active).sequence) }
        #expect(numbers == [1, 2, 3])
        #expect(try await Self.counter(env.store) == 4)
        #expect(try await Self.buy(env, accounts[0]) == (try MembershipNumber(sequence: 4))) // the early renewal
    }

    @Test("R-MEM-2, R-UOW-1: an attempt that lost a race or failed gives its value back; the next attempt takes it")
    func lostAttemptsGiveTheirValueBack() async throws {
        let env = TestEnvironment()
        var runs = 0
        let taken = try await env.context.transact("test.number", as: .system("test")) { unit -> Int in
            runs += 1
            let sequence = try await unit.leaseMembershipSequence()
            if runs == 1 { throw StorageError.conflict(kind: "test", id: "test", expected: 1, actual: 2) }
            return sequence
        }
        #expect(runs == 2)
        #expect(taken == 1)
        await #expect(throws: CancellationError.self) {
            try await env.context.transact("test.failing", as: .system("test")) { unit in
                _ = try await unit.leaseMembershipSequence()
                throw CancellationError()
            }
        }
        let next = try await env.context.transact("test.next", as: .system("test")) { unit in
            try await unit.leaseMembershipSequence()
        }
        #expect(next == 2) // the failed call's value 2 came back
        #expect(try await Self.counter(env.store) == 3)
    }

    @Test("R-MEM-2: two processes on one store never share a number; neither reads the other's reservation")
    func twoProcessesOnOneStore() async throws {
        let store = InMemoryRecordStore()
        let one = TestEnvironment(store: store)
        let accounts = try await Self.accounts(one, count: 4)
        let two = TestEnvironment(store: store, ids: .incrementing(tag: "two"))
        var numbers: [Int] = []
        for (index, active) in accounts.enumerated() {
            numbers.append(try await Self.buy(index.isMultiple(of: 2) ? one : two, active).sequence)
        }
        #expect(numbers == [1, 2, 3, 4])
        let held = try await store.fetchAll(Membership.self).map(\.record.number.sequence)
        #expect(Set(held).count == 4)
    }

    @Test("R-MEM-2: many purchases at once on different accounts all succeed with distinct numbers")
    func manyAtOnce() async throws {
        let env = TestEnvironment()
        let accounts = try await Self.accounts(env, count: 12)
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for active in accounts { group.addTask { try await Self.buy(env, active).sequence } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(numbers).count == 12)
        // Only the small reservation unit may have retried; the purchases themselves never race.
        #expect(Self.retries(env, of: "membership.purchase") == 0)
    }

    @Test("R-MEM-2: a contended reservation doubles the next block, up to 64; values are leased smallest first")
    func blockGrowth() {
        let reservations = MembershipNumberReservations()
        #expect(reservations.blockSize == 1)
        #expect(reservations.lease() == nil)
        reservations.add(5 ..< 8, contended: false)
        #expect(reservations.blockSize == 1)
        reservations.release([2])
        #expect([reservations.lease(), reservations.lease()] == [2, 5])
        for _ in 0..<10 { reservations.add(0 ..< 0, contended: true) }
        #expect(reservations.blockSize == MembershipNumberReservations.maximumBlock)
        #expect([reservations.lease(), reservations.lease(), reservations.lease()] == [6, 7, nil])
    }
}
