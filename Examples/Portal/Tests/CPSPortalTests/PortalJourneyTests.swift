import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The seed's journey through the portal over real HTTP (R-HOST-1): apply with an uploaded PDF,
/// see the decision day, set the password from the mailed link, sign in, see the next steps and the
/// levels with their shortfalls, in Swedish.
@Suite("Portal: the journey over HTTP (R-HOST-1)")
struct PortalJourneyTests {
    static let applicationFields: [(String, String)] = [
        ("companyName", "Ljusbild Foto AB"), ("street", "Storgatan 12"), ("postalCode", "111 22"), ("city", "Stockholm"),
        ("country", "SE"), ("vatNumber", "SE556677889901"), ("contactName", "Anna Lind"), ("email", "anna@ljusbild.example"),
        ("role", "VD"), ("attests", "on"), ("evidenceKind", "companyInvoice"),
    ]
    static let pdf = (field: "evidence", name: "faktura.pdf", type: "application/pdf", bytes: Data("%PDF-1.4\n%%EOF\n".utf8))

    @Test("R-HOST-1, R-ACC-1, R-VAL-2, R-PWD-1, R-GUIDE-1, R-TIER-1: apply, review, password link, sign in, next steps, levels — in Swedish")
    func journey() async throws {
        let fixture = try await PortalFixture()
        let services = fixture.environment.services
        try await fixture.run(language: "sv-SE, sv;q=0.9, en;q=0.5") { browser in
            // The applicant's pages follow the browser's language.
            let applyPage = try await browser.get("/apply", headers: [.acceptLanguage: "sv-SE, sv;q=0.9, en;q=0.5"])
            #expect(applyPage.status == .ok)
            #expect(applyPage.text.contains("Ansök om ett företagskonto"))
            #expect(applyPage.text.contains("<label for=\"companyName\">"))

            let submitted = try await browser.postMultipart("/apply", Self.applicationFields, file: Self.pdf)
            #expect(submitted.status == .seeOther)
            #expect(submitted.location == "/application")
            let status = try await browser.get("/application")
            #expect(status.status == .ok)
            #expect(status.text.contains("Ljusbild Foto AB"))
            // Submitted on Friday 27 November 2026: two Swedish working days → Tuesday 1 December (R-VAL-2).
            #expect(status.text.contains("1 december 2026"), "\(status.text)")

            // A reviewer of the directory signs in to the back office in another browser, opens the
            // application from the queue, records what the document shows and approves (R-VAL-1, R-DOC-4).
            let rita = try await services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
            try await services.reviewers.setPassword("Granskning-2026!", forReviewer: "rita@canon-europe.example", as: .system("admin"))
            let reviewer = Browser(client: browser.client, acceptLanguage: "sv")
            _ = try await reviewer.get("/review/sign-in", headers: [.acceptLanguage: "sv"])
            let reviewerIn = try await reviewer.post("/review/sign-in", [("email", "rita@canon-europe.example"), ("password", "Granskning-2026!")])
            #expect(reviewerIn.location == "/review")
            let queue = try await reviewer.get("/review")
            #expect(queue.text.contains("Ljusbild Foto AB"))
            let application = try #require(try await services.review.queue(as: .reviewer(rita.id)).first).application
            let document = try #require(application.documents.first)
            let base = "/review/applications/\(application.id.rawValue)"
            #expect(queue.text.contains("href=\"\(base)\""))
            let detail = try await reviewer.get(base)
            #expect(detail.text.contains("faktura.pdf"))
            let download = try await reviewer.get("\(base)/documents/\(document.id.rawValue)")
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"faktura.pdf\"")
            #expect(download.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(download.text.hasPrefix("%PDF-1.4"))
            let fields = try await reviewer.post("\(base)/documents/\(document.id.rawValue)/fields",
                                                 [("companyName-\(document.id.rawValue)", "Ljusbild Foto AB"),
                                                  ("vatNumber-\(document.id.rawValue)", "SE556677889901")])
            #expect(fields.status == .seeOther, "\(fields.text)")
            _ = try await reviewer.get(base)
            let approved = try await reviewer.post("\(base)/approve", [])
            #expect(approved.location == "/review", "\(approved.text)")
            #expect(try await services.onboarding.application(application.id, as: .reviewer(rita.id)).status == .approved)
            // An applicant's session is not a reviewer's: the back office sends it to the reviewers' sign-in.
            #expect(try await browser.get("/review").location == "/review/sign-in")

            // The mailed link opens the password page; the new password signs in.
            let token = try #require(try await fixture.passwordToken(for: "anna@ljusbild.example"))
            let passwordPage = try await browser.get("/set-password?token=\(token)")
            #expect(passwordPage.text.contains("Välj ditt lösenord"))
            let saved = try await browser.post("/set-password", [("token", token), ("password", "Ljus-och-bild-2026")], csrf: false)
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Lösenordet är sparat"))

            _ = try await browser.get("/sign-in")
            let signedIn = try await browser.post("/sign-in", [("email", "anna@ljusbild.example"), ("password", "Ljus-och-bild-2026")])
            #expect(signedIn.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Poäng: 0"))
            #expect(home.text.contains("Nästa steg"))

            let levels = try await browser.get("/levels")
            #expect(levels.status == .ok)
            #expect(levels.text.contains("Tillgängliga CPS-nivåer"))
            #expect(levels.text.contains("Silver"))
            #expect(levels.text.contains("Inte tillgänglig än"))

            // Sign-out ends the session: the home page asks to sign in again.
            let out = try await browser.post("/sign-out", [])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/")
            #expect(after.location == "/sign-in")
        }
    }
}
