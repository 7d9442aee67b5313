import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-VAL-1, R-ID-4: reviewers are people of a directory, never a party to the application they review.
@Suite("R-ID-4: reviewers are people")
struct ReviewerDirectoryTests {
    private static func submitted(_ env: TestEnvironment) async throws -> (BusinessAccountApplication.ID, EvidenceDocument.ID) {
        let applicant = Principal.applicant(try EmailAddress(Fixtures.swedishForm.contactEmail))
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        return (application.id, document.id)
    }

    private static func reason(_ body: () async throws -> Void) async -> AuthorizationError.Reason? {
        do {
            try await body()
            return nil
        } catch let error as AuthorizationError {
            return error.reason
        } catch {
            return nil
        }
    }

    @Test("R-ID-4: a reviewer ID not in the directory, or removed, is refused; a stored one reviews")
    func directory() async throws {
        let env = TestEnvironment()
        let (id, _) = try await Self.submitted(env)
        #expect(await Self.reason { _ = try await env.review.queue(as: .reviewer("anyone")) } == .unknownReviewer)
        let rita = try await env.services.reviewers.add(name: "Rita", email: "Rita@Canon-Europe.example", as: .system("admin"))
        #expect(try await env.review.queue(as: .reviewer(rita.id)).map(\.application.id) == [id])
        await #expect(throws: ReviewerError(.emailInUse, facts: ["email": "rita@canon-europe.example"])) {
            _ = try await env.services.reviewers.add(name: "Rita 2", email: "rita@canon-europe.example", as: .system("admin"))
        }
        #expect(await Self.reason {
            _ = try await env.services.reviewers.add(name: "X", email: "x@canon-europe.example", as: .reviewer(rita.id))
        } == .wrongPrincipal)
        try await env.services.reviewers.remove(email: "RITA@canon-europe.example", as: .system("admin"))
        #expect(await Self.reason { _ = try await env.review.queue(as: .reviewer(rita.id)) } == .unknownReviewer)
        #expect(try await env.services.reviewers.list(as: .system("admin")).map(\.status) == [.removed])
    }

    @Test("R-VAL-1, R-ID-4: the applicant's own e-mail as reviewer — any case — is refused on every decision")
    func applicantIsNoReviewer() async throws {
        let env = TestEnvironment()
        let (id, document) = try await Self.submitted(env)
        let selfReviewer = try await env.services.reviewers.add(name: "Anna", email: "ANNA@LJUSBILD.example", as: .system("admin"))
        let principal = Principal.reviewer(selfReviewer.id)
        #expect(try await env.review.queue(as: principal).count == 1) // a reviewer of other applications
        let attempts: [() async throws -> Void] = [
            { _ = try await env.review.startReview(id, as: principal) },
            { _ = try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document, of: id, as: principal) },
            { _ = try await env.review.approve(id, as: principal) },
            { _ = try await env.review.reject(id, reasons: "no", as: principal) },
            { _ = try await env.review.requestMoreInformation(id, message: "more", as: principal) },
            { _ = try await env.review.evidenceFile(document, of: id, as: principal) },
        ]
        for attempt in attempts { #expect(await Self.reason(attempt) == .reviewerIsParty) }
        #expect(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record.status == .submitted)
        // The old CPS e-mail is the applicant too; an address that merely contains it is not.
        let old = try await env.services.reviewers.add(name: "Old", email: Fixtures.swedishForm.oldCPSEmail ?? "", as: .system("admin"))
        #expect(await Self.reason { _ = try await env.review.startReview(id, as: .reviewer(old.id)) } == .reviewerIsParty)
        let lookalike = try await env.services.reviewers.add(name: "Look", email: "xanna@ljusbild.example", as: .system("admin"))
        try await env.review.startReview(id, as: .reviewer(lookalike.id))
    }

    @Test("R-ID-4: a reviewer who is a user of the account is refused on it; the messages say so in sv and en")
    func accountUserIsNoReviewer() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        _ = try await env.accounts.addUser(to: active.account.id, name: "Erik", email: "erik@ljusbild.example", as: active.principal)
        let erik = try await env.services.reviewers.add(name: "Erik", email: "Erik@ljusbild.example", as: .system("admin"))
        let applicationID = active.account.applicationID
        #expect(await Self.reason { _ = try await env.review.startReview(applicationID, as: .reviewer(erik.id)) } == .reviewerIsParty)
        let error = AuthorizationError(.reviewerIsParty, principal: .reviewer(erik.id))
        #expect(error.message(in: .english).contains("part of"))
        #expect(error.message(in: .swedish).contains("part i"))
    }

    @Test("R-ID-4: a reviewer gets a password through the identity adapter and signs in as a reviewer")
    func credentials() async throws {
        let env = TestEnvironment()
        let rita = try await env.services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
        try await env.services.reviewers.setPassword("Granska-2026-ok", forReviewer: "rita@canon-europe.example", as: .system("admin"))
        #expect(try await env.services.reviewers.signIn(email: "RITA@canon-europe.example", password: "Granska-2026-ok") == .reviewer(rita.id))
        await #expect(throws: PasswordError(.invalidCredentials)) {
            _ = try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: "wrong-password-1")
        }
        await #expect(throws: PasswordError.self) {
            try await env.services.reviewers.setPassword("short", forReviewer: "rita@canon-europe.example", as: .system("admin"))
        }
    }
}
