@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Claim → call → record for `setPassword` (R-PWD-1, R-UOW-1, issue 16 item 7): a failure or a crash
/// at any step leaves either the link usable or the password set, and the user can finish.
@Suite("Setting a password survives a failure or a crash at every step (R-PWD-1, R-UOW-1)")
struct PasswordSettingCrashTests {
    static let password = "Ljus-och-bild-2026"

    /// An approved application's superuser and the password link's token, with no password yet.
    func approved(_ env: TestEnvironment) async throws -> (token: String, email: String) {
        let form = Fixtures.swedishForm
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await env.onboarding.createApplication(form, as: applicant)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: form), on: document.id, of: application.id,
                                                 as: TestEnvironment.reviewer)
        _ = try await env.review.approve(application.id, as: TestEnvironment.reviewer)
        return (try #require(try await env.latestToken()), form.contactEmail)
    }

    /// An identity adapter whose `setPassword` never returns — the process "dies" there — after
    /// writing the password to `inner` if `writeFirst`.
    final class Stalls: IdentityProvider {
        let inner: InMemoryIdentityProvider
        let writeFirst: Bool
        let reached = Locked(false)
        init(inner: InMemoryIdentityProvider, writeFirst: Bool) {
            self.inner = inner
            self.writeFirst = writeFirst
        }
        func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
            if writeFirst { try await inner.setPassword(password, userID: userID, email: email) }
            reached.withLock { $0 = true }
            while true {
                do { try await Task.sleep(nanoseconds: 1_000_000) } catch { throw IdentityError("the process died") }
                if Task.isCancelled { throw IdentityError("the process died") }
            }
        }
        func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
            try await inner.verifyPassword(password, userID: userID)
        }
        func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool { try await inner.verifyUnknownUser(password: password) }
        func credentialVersion(userID: String) async throws(IdentityError) -> Int? { try await inner.credentialVersion(userID: userID) }
    }

    @Test("R-PWD-1: the adapter fails before or after writing → the link works again at once; the user finishes and signs in",
          arguments: [FaultInjectingIdentityProvider.Fault.failBeforeWrite, .failAfterWrite])
    func adapterFails(_ fault: FaultInjectingIdentityProvider.Fault) async throws {
        let env = TestEnvironment()
        let (token, email) = try await approved(env)
        var context = env.context
        context.identity = FaultInjectingIdentityProvider([fault], inner: env.identity)
        let service = PasswordService(context)
        await #expect(throws: IdentityError.self) { try await service.setPassword(token: token, newPassword: Self.password) }
        #expect(try await env.store.fetchAll(PasswordToken.self).first?.record.state == .active)
        #expect(try await env.store.fetchAll(PasswordTokenClaim.self).isEmpty)
        #expect(try await env.store.fetchAll(BusinessAccount.self).first?.record.status == .awaitingPassword)
        let user = try await service.setPassword(token: token, newPassword: Self.password)
        #expect(user.status == .active)
        _ = try await service.signIn(email: email, password: Self.password)
    }

    @Test("R-PWD-1: a crash after the claim (before or after the identity write): the link is held, then works once the hold has passed",
          arguments: [false, true])
    func crashInsideTheCall(_ writeFirst: Bool) async throws {
        let env = TestEnvironment()
        let (token, email) = try await approved(env)
        var crashing = env.context
        let stalls = Stalls(inner: env.identity, writeFirst: writeFirst)
        crashing.identity = stalls
        let dying = crashing
        let doomed = Task { try await PasswordService(dying).setPassword(token: token, newPassword: "Erst-losenord-2026") }
        for _ in 0..<20_000 where !stalls.reached.withLock({ $0 }) { try await Task.sleep(nanoseconds: 1_000_000) }
        #expect(stalls.reached.withLock { $0 }, "the call to the identity adapter was reached")
        // "restart": a new service on the same store and identity system; the dead process never records
        #expect(try await env.store.fetchAll(PasswordToken.self).first?.record.state == .active, "the link is not burnt")
        #expect(env.identity.hasPassword(userID: try #require(try await env.store.fetchAll(AccountUser.self).first?.record.id).rawValue) == writeFirst)
        let busy = await #expect(throws: PasswordError.self) { try await env.passwords.setPassword(token: token, newPassword: Self.password) }
        #expect(busy?.reason == .tokenBusy)
        env.clock.advance(by: TimeInterval(env.context.policy.passwords.claimHoldSeconds) - 1)
        await #expect(throws: PasswordError(.tokenBusy)) { try await env.passwords.setPassword(token: token, newPassword: Self.password) }
        env.clock.advance(by: 1)
        let user = try await env.passwords.setPassword(token: token, newPassword: Self.password)
        #expect(user.status == .active)
        _ = try await env.passwords.signIn(email: email, password: Self.password)
        // the dead process wakes (cancelled): its late answer finds its claim gone and changes nothing
        doomed.cancel()
        _ = await doomed.result
        _ = try await env.passwords.signIn(email: email, password: Self.password)
        #expect(try await env.store.fetchAll(PasswordToken.self).first?.record.state == .used)
    }

    @Test("R-PWD-1: a second use while the first is inside the identity call is refused (tokenBusy), so only one password is ever handed over")
    func secondUseWhileHeld() async throws {
        let env = TestEnvironment()
        let (token, _) = try await approved(env)
        let counter = KDFCounter()
        var context = env.context
        let inner = InMemoryIdentityProvider(hasher: PasswordHasher(policy: context.policy.passwords, observer: counter.observer))
        let stalls = Stalls(inner: inner, writeFirst: false)
        context.identity = stalls
        let held = context
        let first = Task { try await PasswordService(held).setPassword(token: token, newPassword: "Erst-losenord-2026") }
        for _ in 0..<20_000 where !stalls.reached.withLock({ $0 }) { try await Task.sleep(nanoseconds: 1_000_000) }
        await #expect(throws: PasswordError(.tokenBusy)) { try await PasswordService(context).setPassword(token: token, newPassword: Self.password) }
        first.cancel()
        _ = await first.result
        #expect(try await env.store.fetchAll(PasswordTokenClaim.self).isEmpty, "the failed call released its claim")
        #expect(counter.calls.isEmpty)
    }
}
