import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The host's duties (R-HOST-2): escaping, CSRF, security headers, upload limits, no open redirect,
/// sessions stored only as digests.
@Suite("Portal: the host's duties (R-HOST-2)")
struct PortalSecurityTests {
    @Test("R-HOST-2: every response carries the CSP without script, no framing, nosniff, no referrer; /health and /favicon.ico answer")
    func headers() async throws {
        try await PortalFixture().run { browser in
            for path in ["/health", "/favicon.ico", "/style.css", "/sign-in", "/apply"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(path)")
            }
        }
    }

    @Test("R-HOST-2: a form post without the CSRF token, or with another browser's, is refused (403) and changes nothing")
    func csrf() async throws {
        let fixture = try await PortalFixture()
        try await fixture.run { browser in
            _ = try await browser.get("/apply")
            let refused = try await browser.postMultipart("/apply", PortalJourneyTests.applicationFields, file: PortalJourneyTests.pdf, csrf: false)
            #expect(refused.status == .forbidden)
            // A token copied from another browser does not fit this browser's cookie.
            let other = Browser(client: browser.client)
            _ = try await other.get("/apply")
            let foreign = try #require(other.csrfToken)
            let forged = try await browser.postMultipart("/apply", PortalJourneyTests.applicationFields + [("csrf", foreign)],
                                                         file: PortalJourneyTests.pdf, csrf: false)
            #expect(forged.status == .forbidden)
            let signIn = try await browser.post("/sign-in", [("email", "a@b.example"), ("password", "x")], csrf: false)
            #expect(signIn.status == .forbidden)
        }
        let applications = try await fixture.environment.store.fetchAll(BusinessAccountApplication.self)
        #expect(applications.isEmpty)
    }

    @Test("R-HOST-2, R-MSG-1: a company named <script> renders as text on every page that shows it")
    func escaping() async throws {
        try await PortalFixture().run { browser in
            _ = try await browser.get("/apply")
            var fields = PortalJourneyTests.applicationFields
            fields[0] = ("companyName", "<script>alert(\"x\")</script> & Co")
            let submitted = try await browser.postMultipart("/apply", fields, file: PortalJourneyTests.pdf)
            #expect(submitted.status == .seeOther)
            let page = try await browser.get("/application")
            #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"))
            #expect(!page.text.contains("<script"))
        }
    }

    @Test("R-HOST-2: an upload above the limit is refused by its Content-Length (413) before it is read")
    func uploadLimit() async throws {
        let fixture = try await PortalFixture()
        let limit = fixture.environment.context.policy.evidence.maximumFileBytes + 64 * 1024
        try await fixture.run { browser in
            _ = try await browser.get("/apply")
            let big = (field: "evidence", name: "big.pdf", type: "application/pdf", bytes: Data(repeating: 0x25, count: limit + 1))
            let refused = try await browser.postMultipart("/apply", PortalJourneyTests.applicationFields, file: big)
            #expect(refused.status == .contentTooLarge)
        }
        #expect(try await fixture.environment.store.fetchAll(BusinessAccountApplication.self).isEmpty)
    }

    @Test("R-HOST-2: the language switch redirects only to a path of the portal, never to another host")
    func noOpenRedirect() async throws {
        try await PortalFixture().run { browser in
            for back in ["//evil.example/x", "https://evil.example", "/\\evil.example", "evil", ""] {
                let page = try await browser.get("/language?to=sv&back=\(Browser.encode(back))")
                #expect(page.status == .seeOther)
                #expect(page.location == "/", "\(back)")
            }
            let kept = try await browser.get("/language?to=sv&back=%2Flevels")
            #expect(kept.location == "/levels")
            #expect(browser.cookies["cps_lang"] == "sv")
        }
    }

    @Test("R-HOST-2: a session is stored only as its digest; the cookie is HttpOnly and SameSite=Lax; a new one at every sign-in")
    func sessionsAtRest() async throws {
        let fixture = try await PortalFixture()
        try await fixture.run { browser in
            _ = try await browser.get("/apply")
            let first = try #require(browser.cookies["cps_browser"])
            let submitted = try await browser.postMultipart("/apply", PortalJourneyTests.applicationFields, file: PortalJourneyTests.pdf)
            let setCookie = submitted.headers[values: .setCookie].first { $0.hasPrefix("cps_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"), "\(setCookie)")
            let token = try #require(browser.cookies["cps_session"])
            #expect(token != first)
            // Applying again from the same browser rotates the session: the old one no longer exists.
            _ = try await browser.get("/apply")
            var second = PortalJourneyTests.applicationFields
            second[5] = ("vatNumber", "SE556036079301")
            second[7] = ("email", "bo@ljusbild.example")
            _ = try await browser.postMultipart("/apply", second, file: PortalJourneyTests.pdf)
            let rotated = try #require(browser.cookies["cps_session"])
            #expect(rotated != token)
            #expect(try await fixture.environment.store.fetch(PortalSession.self, id: PortalSessions.digest(of: token)) == nil)
            let stored = try await fixture.environment.store.fetch(PortalSession.self, id: PortalSessions.digest(of: rotated))
            #expect(stored != nil)
            await fixture.environment.store.close()
            // No byte of the store holds the cookie's token.
            let storeDirectory = fixture.environment.configuration.dataDirectory.appendingPathComponent("store")
            for file in try FileManager.default.contentsOfDirectory(at: storeDirectory, includingPropertiesForKeys: nil) {
                let bytes = try Data(contentsOf: file)
                #expect(bytes.range(of: Data(rotated.utf8)) == nil, "\(file.lastPathComponent)")
                #expect(bytes.range(of: Data(token.utf8)) == nil, "\(file.lastPathComponent)")
            }
        }
    }
}
