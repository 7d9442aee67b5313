import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Evidence retention and legal holds (R-GDPR-2, R-UOW-2)")
struct EvidenceRetentionJobTests {
    static let job = Principal.system("retention")

    static func date(_ iso: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: iso) else { preconditionFailure(iso) }
        return date
    }

    /// An approved application decided at `decision`, and its evidence files.
    static func decided(at decision: String = "2026-11-27T10:00:00+01:00") async throws
        -> (TestEnvironment, BusinessAccountApplication.ID) {
        let env = TestEnvironment(start: decision)
        let active = try await env.activeAccount()
        let files = try await env.store.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(active.account.applicationID))
        #expect(files.count == 1)
        return (env, active.account.applicationID)
    }

    static func files(_ env: TestEnvironment, _ id: BusinessAccountApplication.ID) async throws -> Int {
        try await env.store.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(id)).count
    }

    @Test("R-GDPR-2: decided on day D, the evidence is there at the last second of day D + 89 and gone at the first of day D + 90")
    func dayBoundary() async throws {
        let (env, id) = try await Self.decided()
        env.clock.set(Self.date("2027-02-24T23:59:59+01:00")) // day 89 in Europe/Amsterdam
        let early = try await env.services.retention.run(as: Self.job)
        #expect(early.deleted.isEmpty && early.processed == 0)
        #expect(try await Self.files(env, id) == 1)
        env.clock.set(Self.date("2027-02-25T00:00:00+01:00")) // day 90
        let report = try await env.services.retention.run(as: Self.job)
        #expect(report.deleted == [id] && report.filesDeleted == 1 && !report.hasMore)
        #expect(try await Self.files(env, id) == 0)
        let application = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record)
        #expect(application.evidenceDeletedAt == env.clock.now)
        #expect(!application.indexKeys.contains(where: BusinessAccountApplication.evidenceRetainedByDecisionDay.contains))
        let entry = try #require(try await env.store.auditTrail(of: id).max { $0.sequence < $1.sequence })
        #expect(entry.action == "evidence.deleted" && entry.details["files"] == "1" && entry.details["decisionDay"] == "2026-11-27")
        #expect(try await env.services.audit.verify(id, as: TestEnvironment.reviewer).isIntact)
        // Twice: nothing more.
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
    }

    @Test("R-GDPR-2: the days count in the policy's time zone: a decision at 00:30 in Amsterdam (23:30 UTC) is that Amsterdam day's")
    func policyTimeZone() async throws {
        let (env, id) = try await Self.decided(at: "2026-11-27T23:30:00Z") // 2026-11-28 00:30 in Amsterdam
        env.clock.set(Self.date("2027-02-25T23:59:59+01:00")) // day 89 of 2026-11-28
        #expect(try await env.services.retention.run(as: Self.job).deleted.isEmpty)
        #expect(try await Self.files(env, id) == 1)
        env.clock.set(Self.date("2027-02-26T00:00:00+01:00"))
        #expect(try await env.services.retention.run(as: Self.job).deleted == [id])
    }

    @Test("R-GDPR-2: the policy's evidenceDays sets the period; a rejected application's evidence goes the same way")
    func policyDaysAndRejection() async throws {
        var policy = CPSPolicy.canonEurope
        policy.retention.evidenceDays = 30
        let env = TestEnvironment(policy: policy)
        let form = Fixtures.swedishForm
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await env.onboarding.createApplication(form, as: applicant)
        _ = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        _ = try await env.review.reject(application.id, reasons: "Fakturan är inte företagets.", as: TestEnvironment.reviewer)
        env.clock.advance(days: 29)
        #expect(try await env.services.retention.run(as: Self.job).deleted.isEmpty)
        env.clock.advance(days: 1)
        #expect(try await env.services.retention.nextDue(after: env.clock.now).map { $0 <= env.clock.now } == true)
        #expect(try await env.services.retention.run(as: Self.job).deleted == [application.id])
        #expect(try await Self.files(env, application.id) == 0)
        // What is due next is the rejected application's personal data, 180 days after the rejection (R-GDPR-2).
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == Self.date("2027-05-26T00:00:00+02:00"))
    }

    @Test("R-GDPR-2: undecided applications keep their evidence whatever their age")
    func undecided() async throws {
        let env = TestEnvironment()
        let form = Fixtures.swedishForm
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await env.onboarding.createApplication(form, as: applicant)
        _ = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        env.clock.advance(days: 400)
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == nil)
        #expect(try await Self.files(env, application.id) == 1)
    }

    @Test("R-GDPR-2: a legal hold keeps the evidence past its day (reported as held, audited); lifted, the next run deletes it")
    func legalHold() async throws {
        let (env, id) = try await Self.decided()
        let hold = try await env.services.privacy.placeLegalHold(on: id, reason: "Ärende 2026/123", as: TestEnvironment.reviewer)
        #expect(hold.reason == "Ärende 2026/123" && hold.placedBy == TestEnvironment.reviewer.description)
        #expect(try await env.services.privacy.legalHolds(as: .system("host")) == [hold])
        env.clock.set(Self.date("2027-03-01T12:00:00+01:00"))
        let held = try await env.services.retention.run(as: Self.job)
        #expect(held.held == [id] && held.deleted.isEmpty)
        #expect(try await Self.files(env, id) == 1)
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == nil)
        try await env.services.privacy.liftLegalHold(on: id, as: TestEnvironment.secondReviewer)
        #expect(try await env.services.privacy.legalHolds(as: .system("host")).isEmpty)
        #expect(try await env.services.retention.run(as: Self.job).deleted == [id])
        let actions = try await env.store.auditTrail(of: id).sorted { $0.sequence < $1.sequence }.map(\.action).suffix(3)
        #expect(Array(actions) == ["legalHold.placed", "legalHold.lifted", "evidence.deleted"])
        let placed = try #require(try await env.store.auditTrail(of: id).first { $0.action == "legalHold.placed" })
        #expect(placed.reason == "Ärende 2026/123" && placed.actor == TestEnvironment.reviewer.description)
    }

    @Test("R-GDPR-2: hold errors are typed and change nothing: twice, lift without one, no reason, not a reviewer")
    func holdErrors() async throws {
        let (env, id) = try await Self.decided()
        let before = try await env.store.fetchAll(AuditEntry.self).count
        await #expect(throws: PrivacyError(.holdReasonRequired, applicationID: id)) {
            try await env.services.privacy.placeLegalHold(on: id, reason: "  ", as: TestEnvironment.reviewer)
        }
        await #expect(throws: PrivacyError(.noLegalHold, applicationID: id)) {
            try await env.services.privacy.liftLegalHold(on: id, as: TestEnvironment.reviewer)
        }
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.placeLegalHold(on: id, reason: "x", as: .system("host"))
        }
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.placeLegalHold(on: id, reason: "x", as: .applicant(try EmailAddress(Fixtures.swedishForm.contactEmail)))
        }
        #expect(try await env.store.fetchAll(AuditEntry.self).count == before)
        try await env.services.privacy.placeLegalHold(on: id, reason: "Case 1", as: TestEnvironment.reviewer)
        do {
            try await env.services.privacy.placeLegalHold(on: id, reason: "Case 2", as: TestEnvironment.reviewer)
            Issue.record("a second hold was placed")
        } catch let error as PrivacyError {
            #expect(error.reason == .onLegalHold && error.facts["since"] == "2026-11-27")
            #expect(error.message(in: .swedish).contains("bevarandeplikt"))
            #expect(error.message(in: .english).contains("legal hold since"))
        }
        #expect(try await env.services.privacy.legalHolds(as: TestEnvironment.reviewer).map(\.reason) == ["Case 1"])
    }

    @Test("R-GDPR-2/R-UOW-2: two runs at once delete each file once")
    func concurrentRuns() async throws {
        let (env, id) = try await Self.decided()
        env.clock.set(Self.date("2027-02-25T00:00:00+01:00"))
        async let first = env.services.retention.run(as: Self.job)
        async let second = env.services.retention.run(as: Self.job)
        let reports = try await [first, second]
        #expect(reports.flatMap(\.deleted) == [id])
        #expect(reports.map(\.filesDeleted).reduce(0, +) == 1)
        #expect(try await env.store.auditTrail(of: id).filter { $0.action == "evidence.deleted" }.count == 1)
        #expect(try await env.services.audit.verify(id, as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-GDPR-2/R-UOW-1: a hold placed while a run deletes: either the run saw it and kept the files, or the files went first")
    func holdRacingTheJob() async throws {
        let barrier = CommitBarrierStore(InMemoryRecordStore()) { batch in
            batch.writes.contains { $0.kind == LegalHold.kind || $0.kind == EvidenceFile.kind }
        }
        let env = TestEnvironment(start: "2026-11-27T10:00:00+01:00", store: barrier)
        let active = try await env.activeAccount()
        let id = active.account.applicationID
        env.clock.set(Self.date("2027-02-25T00:00:00+01:00"))
        barrier.arm()
        async let run = env.services.retention.run(as: Self.job)
        async let hold = env.services.privacy.placeLegalHold(on: id, reason: "Case 7", as: TestEnvironment.reviewer)
        let (report, _) = try await (run, hold)
        let left = try await Self.files(env, id)
        if report.deleted == [id] {
            #expect(left == 0)
        } else {
            #expect(report.held == [id] && left == 1, "\(report), \(left) files left")
        }
        #expect(try await env.services.privacy.legalHolds(as: TestEnvironment.reviewer).count == 1)
        #expect(try await env.services.audit.verify(id, as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-UOW-2: only the system runs the job; it is one of CPSServices.jobs and names itself retention")
    func shape() async throws {
        let env = TestEnvironment()
        await #expect(throws: AuthorizationError.self) { try await env.services.retention.run(as: TestEnvironment.reviewer) }
        #expect(env.services.jobs.map(\.name).contains("retention"))
    }

    @Test("R-GDPR-2: the policy's retention section: default 90, decoded when absent, 1…3650 days")
    func policy() throws {
        #expect(CPSPolicy.canonEurope.retention.evidenceDays == 90)
        #expect(try CPSPolicy.load(json: Data("{}".utf8)).retention.evidenceDays == 90)
        #expect(try CPSPolicy.load(json: Data(#"{"retention": {"evidenceDays": 30}}"#.utf8)).retention.evidenceDays == 30)
        for days in [0, 3651] {
            var policy = CPSPolicy.canonEurope
            policy.retention.evidenceDays = days
            #expect(throws: PolicyError.self) { try policy.validate() }
        }
        let rule = RetentionPolicy()
        let day = try #require(CalendarDay(iso: "2026-11-27"))
        #expect(rule.evidenceDeletionDay(decidedOn: day).description == "2027-02-25")
    }
}
