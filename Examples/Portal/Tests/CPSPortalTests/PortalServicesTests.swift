import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import MetricsTestKit
import Testing

/// The portal's services beside the server (R-HOST-1, R-UOW-2, R-UOW-3): the jobs service delivers
/// the mail an approval leaves in the outbox and is safe to run twice; the development mailbox shows
/// the delivered password link; library events reach the metrics.
@Suite("Portal: jobs, development mailbox, telemetry (R-HOST-1)", .serialized)
struct PortalServicesTests {
    @Test("R-HOST-1, R-UOW-2: a jobs round delivers the password mail of an approval once; a second round delivers nothing more")
    func jobsRound() async throws {
        let fixture = try await PortalFixture()
        let services = fixture.environment.services
        let form = ApplicationForm(companyName: "Ljusbild Foto AB", street: "Storgatan 12", postalCode: "111 22", city: "Stockholm",
                                   country: "SE", vatNumber: "SE556677889901", contactName: "Anna Lind",
                                   contactEmail: "anna@ljusbild.example", contactLanguage: "sv", applicantRole: "VD", attestsAuthority: true)
        let applicant = Principal.applicant(try EmailAddress("anna@ljusbild.example"))
        let application = try await services.onboarding.createApplication(form, as: applicant)
        let document = try await services.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                                 bytes: Data("%PDF-1.4\n%%EOF\n".utf8), as: applicant)
        _ = try await services.onboarding.submit(application.id, as: applicant)
        let rita = try await services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
        _ = try await services.review.recordVisibleFields(VisibleFields(companyName: "Ljusbild Foto AB", vatNumber: "SE556677889901"),
                                                          on: document.id, of: application.id, as: .reviewer(rita.id))
        _ = try await services.review.approve(application.id, as: .reviewer(rita.id))

        let jobs = JobsService(services: services, time: fixture.environment.context.time, logger: Logger(label: "test"))
        await jobs.runRound()
        let new = fixture.environment.configuration.mailDirectory.appendingPathComponent("new")
        let afterFirst = try FileManager.default.contentsOfDirectory(atPath: new.path).count
        #expect(afterFirst >= 2, "the receipt and the password mail")
        await jobs.runRound()
        #expect(try FileManager.default.contentsOfDirectory(atPath: new.path).count == afterFirst)
        #expect(try await fixture.passwordToken(for: "anna@ljusbild.example") != nil)
    }

    @Test("R-HOST-1: with --dev-mailbox, /dev/mailbox lists the delivered mail with its password link (loopback); without it, 404")
    func developmentMailbox() async throws {
        let plain = try await PortalFixture()
        try await plain.run { browser in
            let page = try await browser.get("/dev/mailbox")
            #expect(page.status == .notFound)
        }
        let fixture = try await PortalFixture(devMailbox: true)
        let reviewer = try await fixture.portal.makeDevelopmentReviewer()
        #expect(reviewer.email == "dev-reviewer@cps-portal.invalid")
        let signedIn = try await fixture.environment.services.reviewers.signIn(email: reviewer.email, password: reviewer.password)
        guard case .reviewer = signedIn else { Issue.record("the printed credentials do not sign in: \(signedIn)"); return }
        _ = try await fixture.approvedAccount()
        try await fixture.run { browser in
            let page = try await browser.get("/dev/mailbox")
            #expect(page.status == .ok)
            #expect(page.text.contains("/set-password?token="))
        }
    }

    @Test("R-UOW-3: library events become swift-metrics counters (units committed, job runs)")
    func telemetry() async throws {
        let metrics = TestMetrics()
        MetricsSystem.bootstrap(metrics)  // the only test in this process that bootstraps metrics
        let sink = PortalTelemetry.eventSink(logger: Logger(label: "test"))
        sink.emit(.unitCommitted(operation: "membership.purchase", attempt: 1, writes: 3, checks: 1))
        sink.emit(.jobRun(job: "invoicing", processed: 2, hasMore: false))
        let committed = try metrics.expectCounter("cps_units_committed_total", [("operation", "membership.purchase")])
        #expect(committed.totalValue == 1)
        let items = try metrics.expectCounter("cps_job_items_total", [("job", "invoicing")])
        #expect(items.totalValue == 2)
    }
}
