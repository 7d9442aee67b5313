import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The composition root: every adapter in the context, defined absence, a validated policy (R-UOW-1)")
struct CompositionRootTests {
    @Test("R-UOW-1: a context refuses a policy that does not validate, with the field named")
    func policyValidated() throws {
        var policy = CPSPolicy.canonEurope
        policy.retries.attempts = 0
        #expect(throws: PolicyError.self) { try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated(), policy: policy) }
        do {
            _ = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated(), policy: policy)
        } catch {
            #expect(error.field == "retries.attempts")
        }
        let context = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated())
        var bad = CPSPolicy.canonEurope
        bad.jobs.pageSize = 0
        #expect(throws: PolicyError.self) { try context.with(policy: bad) }
    }

    @Test("R-UOW-3: a policy that never retries is accepted with a warning event")
    func warning() throws {
        var policy = CPSPolicy.canonEurope
        policy.retries.attempts = 1
        let events = RecordingEventSink()
        _ = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated(), policy: policy, events: events.sink)
        #expect(events.events == [.policyWarning(field: "retries.attempts",
                                                 problem: "One attempt means a call that loses a race with another is never retried.")])
    }

    @Test("R-CAL-1: the calendars follow the policy when it changes")
    func calendarsFollowPolicy() throws {
        let context = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated())
        let midsummerEve = try #require(CalendarDay(year: 2026, month: 6, day: 19))
        #expect(context.calendars.calendar(for: "SE").isWorkingDay(midsummerEve))
        var policy = context.policy
        policy.calendar = try CPSPolicy.load(json: Data(#"{"calendar": {"customaryDays": {"SE": ["midsummerEve"]}, "closingDays": []}}"#.utf8)).calendar
        let changed = try context.with(policy: policy)
        #expect(!changed.calendars.calendar(for: "SE").isWorkingDay(midsummerEve))
    }

    @Test("R-BIL-3: without a payment gateway a card purchase is refused at purchase; bank transfer works")
    func noGateway() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_200, for: active.account.id)
        var context = env.context
        context.paymentGateway = nil
        let membership = CPSServices(context).membership
        let error = await #expect(throws: MembershipError.self) {
            try await membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion),
                                          as: active.principal)
        }
        #expect(error?.reason == .cardPaymentsUnavailable)
        #expect(error?.message(in: .swedish) == "Betalning med kort är inte möjlig här. Välj banköverföring.")
        #expect(try await env.store.fetchAll(Membership.self).isEmpty)
        _ = try await membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion),
                                          as: active.principal)
        #expect(!CPSServices(context).jobs.contains { $0.name == "cardCharges" })
        await #expect(throws: MembershipError.self) { try await CPSServices(context).cardCharges.chargeDueInvoices(as: .system("jobs")) }
    }

    @Test("R-MIG-1: without a legacy directory, migration is unavailable with its reason")
    func noLegacyDirectory() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        var context = env.context
        context.legacyDirectory = nil
        let availability = try await CPSServices(context).migration.availability(of: active.account.id, as: active.principal)
        #expect(availability.reason == .noLegacyDirectory)
        #expect(availability.explanation(in: .english).first == "MIGRATE PRODUCTS is not available: this service has no connection to the old CPS.")
        let error = await #expect(throws: MigrationError.self) {
            try await CPSServices(context).migration.migrate(active.account.id, as: active.principal)
        }
        #expect(error?.reason == .noLegacyDirectory)
    }

    @Test("R-UOW-2: the facade lists every job; each reports and says when it is due next")
    func jobs() async throws {
        let env = TestEnvironment()
        let names = env.services.jobs.map(\.name)
        #expect(names == ["passwordResets", "renewals", "invoicing", "cardCharges", "paymentFollowUp", "retention", "mailDispatch"])
        #expect(try await env.services.jobs.nextDue(after: env.clock.now) == nil)
        let active = try await env.activeAccount() // delivers its mail to read the link
        // The approved application's evidence is due for deletion in 90 days (R-GDPR-2).
        let tz = env.context.policy.timeZone
        let evidenceDue = CalendarDay(env.clock.now, in: tz).adding(days: 90).start(in: tz)
        #expect(try await env.services.jobs.nextDue(after: env.clock.now) == evidenceDue)
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        #expect(try await env.services.jobs.nextDue(after: env.clock.now) == env.clock.now) // a reset request is due
        for job in env.services.jobs { _ = try await job.runOnce(as: .system("jobs")) }
        #expect(try await env.services.jobs.nextDue(after: env.clock.now) == evidenceDue)
        try await env.setPoints(1_200, for: active.account.id)
        let receipt = try await env.membership.purchase(
            PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion), as: active.principal)
        #expect(try await env.invoicing.nextDue(after: env.clock.now) == env.clock.now)
        let report = try await env.invoicing.runOnce(as: .system("jobs"))
        #expect(report.processed == 1 && !report.hasMore)
        let invoice = try #require(report.issued.first)
        #expect(receipt.purchase.id == invoice.purchaseID)
        let chargeDay = invoice.due.dueDay.start(in: env.context.policy.timeZone)
        #expect(try await env.cardCharges.nextDue(after: env.clock.now) == chargeDay)
        await #expect(throws: AuthorizationError.self) { try await env.invoicing.runOnce(as: active.principal) }
    }

    @Test("R-UOW-2: a run does at most one page of work and says more is due")
    func onePagePerRun() async throws {
        var policy = CPSPolicy.canonEurope
        policy.jobs.pageSize = 2
        let env = TestEnvironment(policy: policy)
        var users: [AccountUser] = []
        for n in 1...3 { users.append(try await env.activeAccount(Fixtures.swedishNonVATForm(n)).superuser) } // each delivers its mail
        for user in users { _ = try await env.passwords.requestPasswordReset(email: user.email.address) }
        while try await env.services.passwordResets.runOnce(as: .system("jobs")).hasMore {}
        let pending = try await env.store.fetchAll(OutboxMail.self, indexKey: OutboxMail.pendingIndex).count
        let first = try await env.mailDispatcher.runOnce(as: .system("jobs"))
        #expect(first.processed == 2)
        #expect(first.hasMore)
        var runs = 1
        var report = first
        while report.hasMore {
            report = try await env.mailDispatcher.runOnce(as: .system("jobs"))
            runs += 1
        }
        #expect(runs == (pending + 1) / 2, "\(pending) mails")
        #expect(try await env.mailDispatcher.nextDue(after: env.clock.now) == nil)
    }
}
