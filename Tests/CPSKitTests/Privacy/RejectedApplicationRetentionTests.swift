import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Retention of rejected applications' personal data (R-GDPR-2, R-UOW-1, R-UOW-2)")
struct RejectedApplicationRetentionTests {
    static let job = Principal.system("retention")

    /// A rejected application of Erik Berg (Fotograf Berg), rejected on 2026-11-27 in Amsterdam.
    static func rejected(_ env: TestEnvironment) async throws -> BusinessAccountApplication.ID {
        try await ErasureTests.rejected(env)
    }

    static func date(_ iso: String) -> Date { EvidenceRetentionJobTests.date(iso) }

    @Test("R-GDPR-2: rejected on day D, the personal data is there on day D + 179 and pseudonymised from the start of day D + 180; twice does nothing more")
    func dayBoundary() async throws {
        let env = TestEnvironment(start: "2026-11-27T10:00:00+01:00")
        let id = try await Self.rejected(env)
        env.clock.set(Self.date("2027-05-25T23:59:59+02:00")) // day 179 in Europe/Amsterdam
        let early = try await env.services.retention.run(as: Self.job)
        #expect(early.deleted == [id] && early.pseudonymised.isEmpty) // the evidence went on day 90
        #expect(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record.contactName == "Erik Berg")
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == Self.date("2027-05-26T00:00:00+02:00"))

        env.clock.set(Self.date("2027-05-26T00:00:00+02:00")) // day 180
        let report = try await env.services.retention.run(as: Self.job)
        #expect(report.pseudonymised == [id] && report.processed == 1 && !report.hasMore)
        let application = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record)
        #expect(application.contactName.hasPrefix("erased-") && application.companyName == application.contactName)
        #expect(application.contactEmail.address.hasSuffix("@erased.invalid") && application.personalDataErasedAt == env.clock.now)
        #expect(!application.indexKeys.contains(where: BusinessAccountApplication.rejectedRetainedByDecisionDay.contains))
        let mails = try await env.store.fetchAll(OutboxMail.self).map(\.record.message)
        #expect(!mails.contains { $0.to.contains { $0.email.key == "erik@berg.example" } || $0.body.contains("Erik Berg") })
        let trail = try await env.store.auditTrail(of: id)
        #expect(trail.filter { !$0.isErased }.map(\.action) == ["application.erased"])
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == nil)
    }

    @Test("R-GDPR-2: the policy's rejectedApplicationDays sets the period; 1…3650 days, default 180")
    func policy() async throws {
        #expect(CPSPolicy.canonEurope.retention.rejectedApplicationDays == 180)
        #expect(try CPSPolicy.load(json: Data(#"{"retention": {"rejectedApplicationDays": 30}}"#.utf8)).retention.rejectedApplicationDays == 30)
        for days in [0, 3_651] {
            #expect(throws: PolicyError.self) {
                try CPSPolicy.load(json: Data(#"{"retention": {"rejectedApplicationDays": \#(days)}}"#.utf8))
            }
        }
        var policy = CPSPolicy.canonEurope
        policy.retention.rejectedApplicationDays = 30
        let env = TestEnvironment(policy: policy)
        let id = try await Self.rejected(env)
        env.clock.advance(days: 29)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised.isEmpty)
        env.clock.advance(days: 1)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised == [id])
    }

    @Test("R-GDPR-2: a legal hold stops the pseudonymisation (reported held); an approved application is never pseudonymised by the job")
    func heldAndApproved() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let id = try await Self.rejected(env)
        try await env.services.privacy.placeLegalHold(on: id, reason: "Ärende 9", as: TestEnvironment.reviewer)
        env.clock.advance(days: 400)
        let report = try await env.services.retention.run(as: Self.job)
        #expect(report.pseudonymised.isEmpty && report.held == [id])
        #expect(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record.contactName == "Erik Berg")
        #expect(try await env.store.fetch(BusinessAccountApplication.self, id: active.account.applicationID)?.record.contactName == "Anna Lind")
        try await env.services.privacy.liftLegalHold(on: id, as: TestEnvironment.reviewer)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised == [id])
    }

    @Test("R-GDPR-2: an address that is also a user's keeps its mails and that user's audit; only the rejected application's own data goes")
    func sharedAddress() async throws {
        let env = TestEnvironment()
        let id = try await Self.rejected(env)
        let active = try await env.activeAccount(Fixtures.swedishNonVATForm) // Erik applies again and is approved
        env.clock.advance(days: 181)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised == [id])
        #expect(try await env.store.fetch(AccountUser.self, id: active.superuser.id)?.record.name == "Erik Berg")
        #expect(try await env.store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byRecipient(try EmailAddress("erik@berg.example"))).count >= 1)
        let approved = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: active.account.applicationID)?.record)
        #expect(approved.contactName == "Erik Berg")
        #expect(try await env.store.auditTrail(of: approved.id).allSatisfy { !$0.isErased })
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-GDPR-2, R-UOW-1: two retention runners over one rejected application past its period, every schedule → pseudonymised once, one privacy.erased, chains intact")
    func twoRunners() async throws {
        let env = TestEnvironment(ids: .incrementing(tag: "prep"))
        let id = try await Self.rejected(env)
        env.clock.advance(days: 90)
        _ = try await env.services.retention.run(as: Self.job) // the evidence first, so the race is over the personal data
        env.clock.advance(days: 90)
        let prepared = try #require(env.store as? InMemoryRecordStore)
        let now = env.clock.now
        let sampled = ProcessInfo.processInfo.environment["CPS_RACE_SAMPLE"] != nil
        let setUp: (InterleavingController) -> (TestEnvironment, InMemoryRecordStore) = { controller in
            let store = prepared.copy()
            let world = TestEnvironment(store: InterleavingStore(base: store, controller: controller), ids: .incrementing(tag: "race"))
            world.clock.set(now)
            return (world, store)
        }
        let run: @Sendable ((TestEnvironment, InMemoryRecordStore), Int) async throws -> RetentionReport = { world, runner in
            try await world.0.services.retention.run(as: .system("retention-\(runner)"))
        }
        let verify: ((TestEnvironment, InMemoryRecordStore), [Result<RetentionReport, any Error>]) async throws -> Void = { world, results in
            let reports = try Interleaving.requireSuccess(results)
            #expect(reports.flatMap(\.pseudonymised) == [id])
            let application = try #require(try await world.1.fetch(BusinessAccountApplication.self, id: id)?.record)
            #expect(application.personalDataErasedAt != nil && application.contactName.hasPrefix("erased-"))
            let erased = try await world.1.fetchAll(AuditEntry.self).filter { $0.record.action == "privacy.erased" }
            #expect(erased.count == 1)
            let context = world.0.context
            var plain = context
            plain.store = world.1
            #expect(try await CPSServices(plain).audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
        }
        let report = sampled
            ? try await Interleaving.random(runners: 2, schedules: 50, seed: 20, setUp: setUp, run: run, verify: verify)
            : try await Interleaving.exhaustive(runners: 2, limit: 200_000, setUp: setUp, run: run, verify: verify)
        #expect(report.schedules > 1)
        print("two retention runners: \(report)")
    }
}
