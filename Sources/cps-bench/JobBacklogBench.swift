import CPSKit
import CPSKitTesting
import Foundation

/// A job over a large backlog (issue 17 item 4): the card-charge job charging one page of due
/// invoices while 1,000,000 open card invoices wait for later due days, against the same with 10,000
/// waiting. With the due-time index a run reads only the due page, so the ratio stays near 1; the
/// notes give the resident growth across the large store's runs (MB) and `nextDue` at both sizes.
enum JobBacklogBench {
    static let workload = Workload(name: "job-backlog", targetRatio: 1.5) { context in
        let small = context.size(10_000, smoke: 1_000)
        let large = context.size(1_000_000, smoke: 10_000)
        let repetitions = context.smoke ? 1 : min(context.repetitions, 5)
        let smallRun = try await measure(backlog: small, repetitions: repetitions)
        let largeRun = try await measure(backlog: large, repetitions: repetitions)
        return Comparison(ours: largeRun.pageSeconds, baseline: smallRun.pageSeconds, notes: [
            "backlog": "\(large)/\(small)",
            "page": String(largeRun.pageSize),
            "residentGrowthMB": String(format: "%.1f", Double(largeRun.residentGrowth) / 1_048_576),
            "nextDueSeconds": String(format: "%.6f/%.6f", largeRun.nextDueSeconds, smallRun.nextDueSeconds),
        ])
    }

    struct Run {
        var pageSeconds: Double
        var nextDueSeconds: Double
        var residentGrowth: Int
        var pageSize: Int
    }

    /// Builds a store with `backlog` open card invoices due later, then times `repetitions` runs of
    /// the job, each over a fresh page of invoices due today.
    static func measure(backlog: Int, repetitions: Int) async throws -> Run {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, completeRegistrations: 0, for: active.account.id)
        try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, years: 1, paymentMethod: .card,
                                                          termsVersion: Fixtures.termsVersion), as: active.principal)
        env.clock.advance(by: 3_600)
        guard let model = try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first else {
            throw BenchFailure("no invoice issued")
        }
        guard let store = env.store as? InMemoryRecordStore else { throw BenchFailure("the environment's store is not in memory") }
        let pageSize = env.context.policy.jobs.pageSize
        let dueDay = model.due.dueDay
        var written = 0
        func add(_ count: Int, dueOn day: (Int) -> CalendarDay, prefix: String) throws {
            // Each copy has its own number, purchase and RF reference: a charged invoice is written again
            // with its unique keys.
            var number = 0
            while number < count {
                var batch = WriteBatch()
                for _ in 0..<min(1_000, count - number) {
                    batch.append(.put(try copy(of: model, id: "\(prefix)-\(number)", serial: written + number, dueOn: day(number),
                                               codec: store.payloadCodec), expectedVersion: 0))
                    number += 1
                }
                try store.commitNow(batch)
            }
            written += count
        }
        // The backlog: due from the next day on, over two years.
        try add(backlog, dueOn: { dueDay.adding(days: 1 + $0 % 730) }, prefix: "later")
        env.clock.set(dueDay.start(in: env.context.policy.timeZone).addingTimeInterval(6 * 3_600))
        let job = env.cardCharges(InMemoryPaymentGateway())
        var pages: [Double] = []
        var nextDue: [Double] = []
        let before = try ProductMemoryBench.heapInUse()
        for repetition in 0..<repetitions {
            try add(pageSize, dueOn: { _ in dueDay }, prefix: "due\(repetition)")
            var charged = 0
            pages.append(try await Clock.time {
                charged = try await job.chargeDueInvoices(as: TestEnvironment.billingJob).charged.count
            })
            guard charged >= pageSize else { throw BenchFailure("charged \(charged) of a page of \(pageSize)") }
            var next: Date?
            nextDue.append(try await Clock.time { next = try await job.nextDue(after: env.clock.now) })
            guard next != nil else { throw BenchFailure("nextDue found nothing in a backlog of \(backlog)") }
        }
        let after = try ProductMemoryBench.heapInUse()
        return Run(pageSeconds: Clock.median(pages), nextDueSeconds: Clock.median(nextDue),
                   residentGrowth: max(0, after - before), pageSize: pageSize)
    }

    /// An open card invoice like `model` with its own ID, number, purchase and RF reference (`serial`),
    /// due on `day`.
    static func copy(of model: Invoice, id: String, serial: Int, dueOn day: CalendarDay, codec: PayloadCodec) throws -> RecordEnvelope {
        let invoice = Invoice(id: Invoice.ID(id), number: id, series: model.series, accountID: model.accountID,
                              purchaseID: MembershipPurchase.ID("bench-purchase-\(id)"), membershipID: model.membershipID,
                              customerName: model.customerName, customerAddress: model.customerAddress, seller: model.seller,
                              amounts: model.amounts, vatLookup: nil,
                              creditorReference: try RFCreditorReference(base: String(900_000_000 + serial)), paymentMethod: .card,
                              issuedAt: model.issuedAt, due: InvoiceDueDate(issueDay: day, dueDays: 0, timeZone: model.due.timeZone))
        return try RecordCoder.envelope(invoice, version: 0, codec: codec)
    }
}
