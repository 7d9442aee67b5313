import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// A prepared world for the race tests (R-UOW-1, R-UOW-2): state set up once in memory, then each
/// schedule runs on its own copy, through the interleaving kit's store and gateway.
struct RaceFixture: Sendable {
    /// The store as prepared; never written by a schedule.
    let prepared: InMemoryRecordStore
    /// The instant the schedules run at.
    let now: Date
    /// The account the state belongs to.
    let active: TestEnvironment.ActiveAccount
    /// The due invoices, if any.
    let invoices: [Invoice]

    /// One schedule's world.
    struct World: Sendable {
        let env: TestEnvironment
        let gateway: InMemoryPaymentGateway
        let store: InMemoryRecordStore
    }

    /// `count` card invoices of one account, all due at `now`.
    static func dueCardInvoices(_ count: Int, policy: CPSPolicy = .canonEurope) async throws -> RaceFixture {
        let env = TestEnvironment(policy: policy)
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        for _ in 0..<count {
            try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion),
                                              as: active.principal)
        }
        env.clock.advance(by: 3_600)
        var invoices: [Invoice] = []
        var report = try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob)
        invoices += report.issued
        while report.hasMore {
            report = try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob)
            invoices += report.issued
        }
        try #require(invoices.count == count)
        let latest = try #require(invoices.map(\.due.dueDay).max())
        env.clock.set(latest.start(in: env.context.policy.timeZone).addingTimeInterval(10 * 3_600))
        return RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now, active: active,
                           invoices: invoices)
    }

    /// An account with complete products worth exactly `points` (each `pointsEach`), for races on levels.
    static func productsWorth(_ count: Int, model: String = "EOS R5") async throws -> RaceFixture {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        for n in 0..<count {
            _ = try await env.products.register(
                ProductForm(model: model, serialNumber: "RACE\(1_000 + n)", purchaseDate: "2025-06", countryOfPurchase: "SE",
                            dealer: "Foto AB"),
                on: active.account.id, as: active.principal)
        }
        return RaceFixture(prepared: try #require(env.store as? InMemoryRecordStore), now: env.clock.now, active: active,
                           invoices: [])
    }

    /// A fresh world for one schedule: a copy of the prepared store behind `controller`.
    func world(_ controller: InterleavingController, policy: CPSPolicy = .canonEurope) -> World {
        let store = prepared.copy()
        let gateway = InMemoryPaymentGateway()
        let env = TestEnvironment(store: InterleavingStore(base: store, controller: controller), policy: policy,
                                  gateway: InterleavingPaymentGateway(base: gateway, controller: controller),
                                  ids: .incrementing(tag: "race"))
        env.clock.set(now)
        return World(env: env, gateway: gateway, store: store)
    }

    /// A world without the interleaving kit (real concurrency, or the stress run).
    func plainWorld(store: (any RecordStore)? = nil) -> World {
        let copy = prepared.copy()
        let gateway = InMemoryPaymentGateway()
        let env = TestEnvironment(store: store ?? copy, gateway: gateway, ids: .incrementing(tag: "plain"))
        env.clock.set(now)
        return World(env: env, gateway: gateway, store: copy)
    }
}

extension RaceFixture.World {
    /// The audit entries of `action`, in insertion order.
    func audits(_ action: String) async throws -> [AuditEntry] {
        try await store.fetchAll(AuditEntry.self).map(\.record).filter { $0.action == action }
    }

    /// Checks the money invariants: one charge per invoice, one `invoice.paid` per invoice, every invoice paid.
    func expectEachInvoicePaidOnce(_ invoices: [Invoice]) async throws {
        let keys = gateway.charges.map(\.request.idempotencyKey)
        #expect(keys.count == invoices.count, "charges: \(keys)")
        #expect(Set(gateway.charges.map(\.request.reference)).count == invoices.count)
        let paid = try await audits("invoice.paid").map(\.subject)
        #expect(paid.sorted() == invoices.map(\.id.rawValue).sorted(), "invoice.paid entries: \(paid)")
        for invoice in invoices {
            #expect(try await store.fetch(Invoice.self, id: invoice.id)?.record.status == .paid)
        }
    }
}
