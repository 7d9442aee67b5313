import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The delivered mail's password link (R-VAL-3, R-PWD-1, R-ADP-2)")
struct PasswordLinkTests {
    @Test("R-VAL-3: the account-ready mail a transport receives carries its link and token; setting the password works with it")
    func deliveredLink() async throws {
        let env = TestEnvironment()
        let applicant = Principal.applicant(try EmailAddress(Fixtures.swedishForm.contactEmail))
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        _ = try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document.id,
                                                     of: application.id, as: TestEnvironment.reviewer)
        _ = try await env.review.approve(application.id, as: TestEnvironment.reviewer)
        _ = try await env.mailDispatcher.dispatchPending()
        let delivered = env.mailbox.messages(to: try EmailAddress("anna@ljusbild.example"))
        #expect(delivered.first?.passwordLink == nil)   // the application receipt has no link
        let ready = try #require(delivered.last)
        let link = try #require(ready.passwordLink)
        #expect(ready.links == [link.url])
        #expect(link.url.absoluteString == "https://portal.example.invalid/set-password?token=" + link.token)
        #expect(link.token.count >= 22)                  // 128 bits as URL-safe base64 (R-PWD-2)
        #expect(ready.body.contains(link.url.absoluteString))
        let user = try await env.passwords.setPassword(token: link.token, newPassword: "Ljus-och-bild-2026")
        #expect(user.status == .active)
    }

    @Test("R-PWD-1: a host's template with the token in the path gives the same token back")
    func hostTemplate() async throws {
        var policy = CPSPolicy.canonEurope
        policy.mail.passwordLinkTemplate = "https://cps.example.com/konto/{token}/losenord"
        let env = TestEnvironment(policy: policy)
        let a = try await env.activeAccount()       // sets the password from the mailed link
        _ = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example", as: a.principal)
        _ = try await env.mailDispatcher.dispatchPending()
        let link = try #require(env.mailbox.messages(to: try EmailAddress("per@ljusbild.example")).last?.passwordLink)
        #expect(link.url.absoluteString == "https://cps.example.com/konto/\(link.token)/losenord")
        #expect(!link.token.contains("/"))
        try await env.passwords.setPassword(token: link.token, newPassword: "Holm-kamera-2026")
    }

    @Test("R-PWD-1: a link is read from the template, or else from its token query item; anything else is no link", arguments: [
        ("https://a.example/set?token=abc", nil as String?, "abc" as String?),
        ("https://a.example/set?x=1&token=abc", nil, "abc"),
        ("https://a.example/k/abc/pw", "https://a.example/k/{token}/pw", "abc"),
        ("https://a.example/k//pw", "https://a.example/k/{token}/pw", nil),
        ("https://b.example/k/abc/pw", "https://a.example/k/{token}/pw", nil),
        ("https://a.example/set", nil, nil),
        ("https://a.example/set?token=", nil, nil),
        ("", nil, nil),
    ])
    func parsing(_ text: String, _ template: String?, _ token: String?) {
        #expect(PasswordLink(text, template: template)?.token == token)
    }

    @Test("R-ADP-2: a mail without a link has no links and no password link")
    func noLink() throws {
        let mail = MailMessage(messageID: "<m@x>", from: MailAddress(try EmailAddress("a@b.example")), to: [],
                               subject: "s", body: "token=abc", language: .english, template: "x", date: Date(timeIntervalSince1970: 0))
        #expect(mail.links.isEmpty)
        #expect(mail.passwordLink == nil)
    }
}
