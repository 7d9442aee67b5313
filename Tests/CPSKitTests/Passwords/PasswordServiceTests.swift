import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Setting the password from the automatic e-mail (R-PWD-1…3)")
struct PasswordServiceTests {
    static let anna = Principal.applicant(try! EmailAddress("anna@ljusbild.example"))
    static let password = "Ljus-och-bild-2026"

    /// An approved application whose superuser has a password link, and the link's token.
    func approved(_ env: TestEnvironment) async throws -> String {
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: Self.anna)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: Self.anna)
        _ = try await env.onboarding.submit(application.id, as: Self.anna)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document.id,
                                                 of: application.id, as: TestEnvironment.reviewer)
        _ = try await env.review.approve(application.id, as: TestEnvironment.reviewer)
        return try #require(try await env.latestToken())
    }

    @Test("R-PWD-2: the token has at least 128 bits and only its SHA-256 digest is stored")
    func tokenShape() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        #expect(token.count >= 22) // 16 bytes in base64url; the default is 32 bytes (43 characters)
        #expect(token.count == 43)
        let stored = try #require(try await env.store.fetchAll(PasswordToken.self).first?.record)
        #expect(stored.digest == SHA256.hexDigest(Array(token.utf8)))
        #expect(!String(decoding: try #require(try await env.store.record(kind: PasswordToken.kind, id: stored.id)).payload,
                        as: UTF8.self).contains(token))
    }

    @Test("R-PWD-1, R-PWD-3: the link sets the password; the account is active and the user can sign in")
    func setsPassword() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        let user = try await env.passwords.setPassword(token: token, newPassword: Self.password)
        #expect(user.status == .active)
        #expect(try await env.store.fetchAll(BusinessAccount.self).first?.record.status == .active)
        #expect(try await env.passwords.signIn(email: "ANNA@ljusbild.example", password: Self.password).principal == .accountUser(user.id))
        await #expect(throws: PasswordError.self) { try await env.passwords.signIn(email: "anna@ljusbild.example", password: "wrong-0000x") }
    }

    @Test("R-PWD-2: a token works once; the second use is refused and changes nothing")
    func singleUse() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        try await env.passwords.setPassword(token: token, newPassword: Self.password)
        let error = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: token, newPassword: "Another-pass-99") }
        #expect(error?.reason == .tokenUsed)
        _ = try await env.passwords.signIn(email: "anna@ljusbild.example", password: Self.password)
    }

    @Test("R-PWD-2: a token is refused from the instant it expires (72 h by default)")
    func expiry() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        env.clock.advance(by: 72 * 3_600 - 1)
        let stillValid = TestEnvironment() // the same journey in a second environment, one second later
        let token2 = try await approved(stillValid)
        stillValid.clock.advance(by: 72 * 3_600 - 1)
        try await stillValid.passwords.setPassword(token: token2, newPassword: Self.password)
        env.clock.advance(by: 1)
        let error = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: token, newPassword: Self.password) }
        #expect(error?.reason == .tokenExpired)
    }

    @Test("R-PWD-2: a new token voids the older one")
    func newerVoidsOlder() async throws {
        let env = TestEnvironment()
        let first = try await approved(env)
        #expect(try await env.passwords.requestPasswordReset(email: "anna@ljusbild.example") == .mailSentIfAccountExists)
        let second = try #require(try await env.latestToken("passwordReset"))
        #expect(first != second)
        let error = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: first, newPassword: Self.password) }
        #expect(error?.reason == .tokenReplaced)
        try await env.passwords.setPassword(token: second, newPassword: Self.password)
    }

    @Test("R-PWD-2: made-up, cut-off and empty tokens are refused alike", arguments: ["", "abc", String(repeating: "A", count: 43), "x\u{0}y"])
    func invalidTokens(_ token: String) async throws {
        let env = TestEnvironment()
        _ = try await approved(env)
        let error = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: token, newPassword: Self.password) }
        #expect(error?.reason == .invalidToken)
    }

    @Test("R-PWD-2: the password is checked against the policy; a refusal keeps the token usable", arguments: [
        ("short1", ["tooShort"]),
        ("onlyletterslong", ["needsLetterAndDigit"]),
        ("anna-2026-secret", ["containsEmail"]),
        (String(repeating: "a1", count: 65), ["tooLong"]),
    ])
    func passwordRules(_ password: String, _ broken: [String]) async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        let error = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: token, newPassword: password) }
        #expect(error?.rules == broken)
        try await env.passwords.setPassword(token: token, newPassword: Self.password)
    }

    @Test("R-PWD-1: before approval there is no token; a reset request gets the same answer and is refused internally")
    func resetBeforeAccount() async throws {
        let env = TestEnvironment()
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: Self.anna)
        let answers = [
            try await env.passwords.requestPasswordReset(email: "anna@ljusbild.example"),
            try await env.passwords.requestPasswordReset(email: "nobody@example.com"),
            try await env.passwords.requestPasswordReset(email: "not an address"),
        ]
        #expect(Set(answers) == [.mailSentIfAccountExists])
        #expect(try await env.sentMails().isEmpty)
        #expect(try await env.store.fetchAll(PasswordToken.self).isEmpty)
        #expect(try await env.store.auditTrail(of: application.id).last?.action == "password.resetRefused")
    }

    @Test("R-PWD-2: if the identity system fails, the token stays usable and the account stays inactive")
    func identityFailure() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        var failing = env.context
        failing.identity = FailingIdentity()
        await #expect(throws: IdentityError.self) { try await PasswordService(failing).setPassword(token: token, newPassword: Self.password) }
        #expect(try await env.store.fetchAll(BusinessAccount.self).first?.record.status == .awaitingPassword)
        try await env.passwords.setPassword(token: token, newPassword: Self.password)
    }

    @Test("R-PWD-2: the same token used twice at once → exactly one success")
    func concurrentUse() async throws {
        let env = TestEnvironment()
        let token = try await approved(env)
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 { group.addTask { (try? await env.passwords.setPassword(token: token, newPassword: Self.password)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }
}

/// An identity system that is down.
struct FailingIdentity: IdentityProvider {
    func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        throw IdentityError("connection refused")
    }
    func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool { false }
    func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool { false }
    func credentialVersion(userID: String) async throws(IdentityError) -> Int? { throw IdentityError("connection refused") }
}
