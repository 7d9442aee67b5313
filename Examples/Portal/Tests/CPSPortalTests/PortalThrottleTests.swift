import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// R-ID-2, R-HOST-2: sign-in throttling through the library with the socket peer as client key —
/// `X-Forwarded-For` only counts when the peer is a configured trusted proxy, and then only the
/// rightmost address that is not itself a proxy. The back office's sign-in is throttled too.
@Suite("Portal: sign-in throttling, the client key and trusted proxies (R-ID-2)")
struct PortalThrottleTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Five wrong passwords for five different addresses, each from `forwarded` (a header value per attempt).
    static func fail(_ browser: Browser, _ path: String, forwarded: (Int) -> String) async throws {
        for n in 0..<5 {
            _ = try await browser.get(path)
            let page = try await browser.post(path, [("email", "guess-\(n)@ljusbild.example"), ("password", "Wrong-password-1")],
                                              headers: [forwardedFor: forwarded(n)])
            #expect(page.status == .unauthorized, "attempt \(n + 1)")
        }
    }

    @Test("R-ID-2: from an untrusted peer a spoofed X-Forwarded-For is ignored: five failures lock the peer, the right password gets 429")
    func spoofedHeaderIgnored() async throws {
        let fixture = try PortalFixture()
        _ = try await fixture.approvedAccount()
        try await fixture.run(language: "sv") { browser in
            try await Self.fail(browser, "/sign-in") { "198.51.100.\($0 + 1)" }
            _ = try await browser.get("/sign-in")
            let refused = try await browser.post("/sign-in", [("email", "anna@ljusbild.example"), ("password", "Ljus-och-bild-2026")],
                                                 headers: [Self.forwardedFor: "203.0.113.77"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "900")
            #expect(refused.text.contains("role=\"alert\""))
            #expect(refused.text.contains("2026-11-27 10:15"), "\(refused.text)")
            #expect(refused.headers[.setCookie]?.contains("cps_session") != true)
        }
    }

    @Test("R-ID-2: through a trusted proxy the rightmost untrusted X-Forwarded-For address is the key: another client signs in, a spoofed left part does not escape")
    func trustedProxy() async throws {
        let fixture = try PortalFixture(trustedProxies: ["127.0.0.1", "::1", "10.0.0.2"])
        _ = try await fixture.approvedAccount()
        try await fixture.run(language: "sv") { browser in
            // The attacker at 198.51.100.7 puts a different address in front of each attempt; the
            // proxies (10.0.0.2, then the peer) append what they saw on the right.
            try await Self.fail(browser, "/sign-in") { "192.0.2.\($0 + 1), 198.51.100.7, 10.0.0.2" }
            _ = try await browser.get("/sign-in")
            let locked = try await browser.post("/sign-in", [("email", "anna@ljusbild.example"), ("password", "Ljus-och-bild-2026")],
                                                headers: [Self.forwardedFor: "203.0.113.1, 198.51.100.7"])
            #expect(locked.status == .tooManyRequests, "the attacker's own address is locked, whatever it claims on the left")
            _ = try await browser.get("/sign-in")
            let other = try await browser.post("/sign-in", [("email", "anna@ljusbild.example"), ("password", "Ljus-och-bild-2026")],
                                               headers: [Self.forwardedFor: "198.51.100.8"])
            #expect(other.status == .seeOther, "another client behind the same proxy is not locked: \(other.text)")
        }
    }

    @Test("R-ID-2, R-ID-4: the back office's sign-in is throttled: five failures, then 429 with Retry-After for the right password")
    func reviewerThrottled() async throws {
        let fixture = try PortalFixture()
        let services = fixture.environment.services
        _ = try await services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
        try await services.reviewers.setPassword("Granskning-2026!", forReviewer: "rita@canon-europe.example", as: .system("admin"))
        try await fixture.run(language: "sv") { browser in
            for _ in 0..<5 {
                _ = try await browser.get("/review/sign-in")
                let page = try await browser.post("/review/sign-in", [("email", "rita@canon-europe.example"), ("password", "Fel-losenord-1")])
                #expect(page.status == .unauthorized)
            }
            _ = try await browser.get("/review/sign-in")
            let refused = try await browser.post("/review/sign-in", [("email", "rita@canon-europe.example"), ("password", "Granskning-2026!")])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "900")
            #expect(refused.text.contains("Logga in som granskare"))
            #expect(refused.location == nil)
        }
    }

    @Test("R-HOST-2: addresses are compared normalised; an untrusted peer's header is ignored")
    func normalisation() {
        #expect(ClientAddress.normalized("::FFFF:7F00:1") == "::ffff:127.0.0.1")
        #expect(ClientAddress.normalized("[2001:DB8::1]") == "2001:db8::1")
        #expect(ClientAddress.normalized(" 192.0.2.1 ") == "192.0.2.1")
        #expect(ClientAddress.normalized("example.com") == nil)
        #expect(ClientAddress.clientKey(peer: "192.0.2.9", forwardedFor: ["198.51.100.1"], trustedProxies: ["10.0.0.1"]) == "192.0.2.9")
        #expect(ClientAddress.clientKey(peer: "10.0.0.1", forwardedFor: ["198.51.100.1, 10.0.0.3", "10.0.0.2"],
                                        trustedProxies: ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) == "198.51.100.1")
        #expect(ClientAddress.clientKey(peer: "2001:db8::1", forwardedFor: ["2001:DB8::2"], trustedProxies: ["2001:db8::1"]) == "2001:db8::2")
        #expect(ClientAddress.clientKey(peer: "10.0.0.1", forwardedFor: [], trustedProxies: ["10.0.0.1"]) == "10.0.0.1")
    }
}
