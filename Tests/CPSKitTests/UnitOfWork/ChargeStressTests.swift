import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The stress run of CI's `15-charge-stress` check (R-UOW-1, R-UOW-2, R-ADP-1): eight card-charge
/// runners at once over 500 due invoices on the durable file store. Runs only with `CPS_STRESS=1`
/// (it takes seconds, not milliseconds); the check fails when it did not run.
@Suite("Stress: eight charge runners over 500 invoices on the file store (R-UOW-2)")
struct ChargeStressTests {
    static let enabled = ProcessInfo.processInfo.environment["CPS_STRESS"] == "1"

    @Test("R-BIL-3, R-UOW-2: 8 runners × 500 invoices on FileRecordStore → the gateway charges exactly 500 times",
          .enabled(if: ChargeStressTests.enabled))
    func eightRunnersFiveHundredInvoices() async throws {
        let started = ContinuousClock.now
        // State set up in memory: 50 accounts with 10 card purchases each, every invoice issued and due.
        let setup = TestEnvironment()
        for n in 0..<50 {
            let active = try await setup.activeAccount(Fixtures.swedishNonVATForm(n))
            try await setup.setPoints(1_200, for: active.account.id)
            for _ in 0..<10 {
                try await setup.membership.purchase(
                    PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion), as: active.principal)
            }
        }
        setup.clock.advance(by: 3_600)
        var invoices: [Invoice] = []
        var report = InvoiceIssueReport()
        repeat {
            report = try await setup.invoicing.issueDueInvoices(as: TestEnvironment.billingJob)
            invoices += report.issued
        } while report.hasMore
        try #require(invoices.count == 500)
        let due = try #require(invoices.map(\.due.dueDay).max())
        // … copied into a file store.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-stress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try await FileRecordStore.open(directory: directory)
        let memory = try #require(setup.store as? InMemoryRecordStore)
        let all = memory.allRecords()
        for start in stride(from: 0, to: all.count, by: 1_000) {
            try await file.commit(WriteBatch(all[start..<min(start + 1_000, all.count)].map { .put($0, expectedVersion: 0) }))
        }
        let prepared = ContinuousClock.now - started

        let gateway = InMemoryPaymentGateway()
        let env = TestEnvironment(store: file, gateway: gateway, ids: .incrementing(tag: "stress"))
        env.clock.set(due.start(in: env.context.policy.timeZone).addingTimeInterval(10 * 3_600))
        let runStarted = ContinuousClock.now
        let charged = try await withThrowingTaskGroup(of: Int.self) { group in
            for runner in 0..<8 {
                group.addTask {
                    var total = 0
                    var report: ChargeRunReport
                    repeat {
                        report = try await env.cardCharges.chargeDueInvoices(as: .system("stress-\(runner)"))
                        total += report.charged.count
                    } while report.hasMore
                    return total
                }
            }
            return try await group.reduce(0, +)
        }
        let ran = ContinuousClock.now - runStarted
        #expect(charged == 500)
        #expect(gateway.charges.count == 500)
        #expect(Set(gateway.charges.map(\.request.idempotencyKey)).count == 500)
        let paid = try await file.fetchAll(AuditEntry.self).filter { $0.record.action == "invoice.paid" }.count
        #expect(paid == 500)
        #expect(try await file.fetchAll(Invoice.self).allSatisfy { $0.record.status == .paid })
        print("charge stress: 8 runners, 500 invoices on the file store: set-up \(prepared), charging \(ran), "
              + "\(gateway.charges.count) charges, \(gateway.calls) gateway calls, \(env.sleeper.delays.count) retries")
        await file.close()
    }
}
