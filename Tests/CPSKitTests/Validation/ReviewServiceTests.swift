import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Validation by a reviewer (R-VAL-1…3, R-DOC-6)")
struct ReviewServiceTests {
    static let anna = Principal.applicant(try! EmailAddress("anna@ljusbild.example"))
    static let reviewer = TestEnvironment.reviewer

    /// A submitted application with one unexamined invoice.
    func submitted(_ env: TestEnvironment) async throws -> (id: BusinessAccountApplication.ID, document: EvidenceDocument.ID) {
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: Self.anna)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: Self.anna)
        _ = try await env.onboarding.submit(application.id, as: Self.anna)
        return (application.id, document.id)
    }

    @Test("R-VAL-1: only a reviewer decides")
    func reviewerOnly() async throws {
        let env = TestEnvironment()
        let (id, _) = try await submitted(env)
        for principal in [Self.anna, Principal.accountUser("user-1"), .system("job")] {
            await #expect(throws: AuthorizationError.self) { try await env.review.approve(id, as: principal) }
            await #expect(throws: AuthorizationError.self) { try await env.review.queue(as: principal) }
        }
    }

    @Test("R-VAL-1: approval needs every requirement satisfied, and says which are not")
    func approvalNeedsEvidence() async throws {
        let env = TestEnvironment()
        let (id, document) = try await submitted(env)
        let unexamined = await #expect(throws: ApplicationError.self) { try await env.review.approve(id, as: Self.reviewer) }
        #expect(unexamined?.reason == .evidenceIncomplete)
        var fields = Fixtures.visibleFields(of: Fixtures.swedishForm)
        fields.companyName = "Ljusbild Foto GmbH"
        let evaluation = try await env.review.recordVisibleFields(fields, on: document, of: id, as: Self.reviewer)
        #expect(evaluation.errors.map(\.field) == ["companyName"])
        await #expect(throws: ApplicationError.self) { try await env.review.approve(id, as: Self.reviewer) }
        #expect(try await env.store.fetchAll(BusinessAccount.self).isEmpty)
    }

    @Test("R-VAL-3: approval creates the account and its superuser and mails one password link from donotreply@canon-europe.com")
    func approval() async throws {
        let env = TestEnvironment()
        let (id, document) = try await submitted(env)
        try await env.review.startReview(id, as: Self.reviewer)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document, of: id, as: Self.reviewer)
        let result = try await env.review.approve(id, as: Self.reviewer)
        #expect(result.application.status == .approved)
        #expect(result.account.status == .awaitingPassword)
        #expect(result.superuser.role == .superuser)
        #expect(result.superuser.email.address == "anna@ljusbild.example")
        let mails = try await env.mails("accountReady")
        #expect(mails.count == 1)
        #expect(mails.first?.from.email.address == "donotreply@canon-europe.com")
        #expect(mails.first?.subject == "Ditt företagskonto hos Canon är klart: ange ditt lösenord")
        // The outbox keeps a reference to the token, never the link (R-ID-3); delivery renders it.
        #expect(mails.first?.facts["link"] == MailMessage.passwordLinkPlaceholder)
        let token = try #require(try await env.store.fetchAll(PasswordToken.self).first?.record)
        #expect(try await env.store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byTemplate("accountReady")).first?.record.passwordTokenID
                == token.id)
        let delivered = try #require(try await env.latestToken())
        let ready = try #require(env.mailbox.messages.first { $0.template == "accountReady" })
        #expect(ready.body.contains(delivered))
        #expect(!ready.body.contains(MailMessage.passwordLinkPlaceholder))
        #expect(try await env.store.auditTrail(of: id).map(\.action) ==
                ["application.created", "evidence.added", "application.submitted", "application.inReview", "evidence.examined",
                 "application.approved"])
        // The VAT number and e-mail now belong to the account and its superuser (R-ACC-4).
        await #expect(throws: ApplicationError.self) {
            try await env.onboarding.createApplication(Fixtures.swedishForm, as: Self.anna)
        }
    }

    @Test("R-VAL-1: two reviewers approving the same application at once → one wins, one conflict, one e-mail")
    func approvalRace() async throws {
        let env = TestEnvironment()
        let (id, document) = try await submitted(env)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document, of: id, as: Self.reviewer)
        async let first: Result<ApprovalResult, any Error> = { do { return .success(try await env.review.approve(id, as: TestEnvironment.reviewer)) } catch { return .failure(error) } }()
        async let second: Result<ApprovalResult, any Error> = { do { return .success(try await env.review.approve(id, as: TestEnvironment.secondReviewer)) } catch { return .failure(error) } }()
        let results = await [first, second]
        let wins = results.filter { if case .success = $0 { true } else { false } }
        #expect(wins.count == 1)
        for case .failure(let error) in results {
            let refused = (error as? StorageError)?.reason == .conflict || (error as? ApplicationError)?.reason == .wrongStatus
            #expect(refused, "\(error)")
        }
        #expect(try await env.mails("accountReady").count == 1)
        #expect(try await env.store.fetchAll(BusinessAccount.self).count == 1)
        #expect(try await env.store.fetchAll(AccountUser.self).count == 1)
    }

    @Test("R-VAL-1: rejection with reasons is mailed and frees the VAT number; an empty reason is refused")
    func rejection() async throws {
        let env = TestEnvironment()
        let (id, _) = try await submitted(env)
        let missing = await #expect(throws: ApplicationError.self) { try await env.review.reject(id, reasons: "  ", as: Self.reviewer) }
        #expect(missing?.reason == .reasonRequired)
        try await env.review.reject(id, reasons: "Fakturan är inte företagets.", as: Self.reviewer)
        let mail = try #require(try await env.mails("applicationRejected").first)
        #expect(mail.body.contains("Fakturan är inte företagets."))
        #expect(try await env.store.auditTrail(of: id).last?.reason == "Fakturan är inte företagets.")
        _ = try await env.onboarding.createApplication(Fixtures.swedishForm, as: Self.anna) // may apply again
        await #expect(throws: ApplicationError.self) { try await env.review.approve(id, as: Self.reviewer) }
    }

    @Test("R-VAL-1/R-VAL-2: more information → back to the applicant; resubmission restarts the SLA")
    func moreInformation() async throws {
        let env = TestEnvironment() // Friday 27 November 2026
        let (id, _) = try await submitted(env)
        try await env.review.requestMoreInformation(id, message: "Skicka en faktura där momsnumret syns.", as: Self.reviewer)
        #expect(try await env.mails("moreInformation").count == 1)
        #expect(try await env.review.queue(as: Self.reviewer).isEmpty)
        env.clock.advance(days: 5) // Wednesday 2 December
        try await env.onboarding.addEvidence(to: id, kind: .companyInvoice, fileName: "ny.pdf", bytes: Fixtures.pdf, as: Self.anna)
        let receipt = try await env.onboarding.submit(id, as: Self.anna)
        #expect(receipt.deadline.submissionDay == CalendarDay(year: 2026, month: 12, day: 2))
        #expect(receipt.deadline.dueDay == CalendarDay(year: 2026, month: 12, day: 4))
        #expect(try await env.store.auditTrail(of: id).map(\.action).contains("application.resubmitted"))
    }

    @Test("R-VAL-2: the overdue list shows an application from the first instant after its due day")
    func overdue() async throws {
        let env = TestEnvironment() // Friday 27 November 2026 10:00 CET; due Tuesday 1 December
        _ = try await submitted(env)
        #expect(try await env.review.queue(as: Self.reviewer).count == 1)
        env.clock.set(try #require(ISO8601DateFormatter().date(from: "2026-12-01T23:59:59+01:00")))
        #expect(try await env.review.overdue(as: Self.reviewer).isEmpty)
        env.clock.advance(by: 1)
        let overdue = try await env.review.overdue(as: Self.reviewer)
        #expect(overdue.map(\.application.id) == ["application-1"])
        #expect(overdue.first?.dueDay == CalendarDay(year: 2026, month: 12, day: 1))
    }

    @Test("R-VAL-1: an unknown application is a clear error for a reviewer")
    func unknown() async throws {
        let error = await #expect(throws: ApplicationError.self) { try await TestEnvironment().review.startReview("application-9", as: Self.reviewer) }
        #expect(error?.reason == .notFound)
    }
}
