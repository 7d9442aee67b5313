import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-ID-2, R-ID-4: the back office's sign-in (``ReviewerService/signIn(email:password:clientKey:)``)
/// goes through the same throttle as the users' sign-in: per normalised address and per client key,
/// locked after the policy's attempts (5 within 15 minutes → 15 minutes), refused with a typed
/// `tryAgainLater` carrying `retryAt`.
@Suite("R-ID-2: reviewer sign-in is throttled")
struct ReviewerSignInThrottleTests {
    static let password = "Granska-2026-ok"

    private static func reviewer(_ env: TestEnvironment) async throws -> Reviewer {
        let rita = try await env.services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
        try await env.services.reviewers.setPassword(password, forReviewer: "rita@canon-europe.example", as: .system("admin"))
        return rita
    }

    @Test("R-ID-2: the 5th wrong password is still checked; the 6th attempt, the right password too, is tryAgainLater until the lock ends")
    func lockBoundary() async throws {
        let env = TestEnvironment()
        let rita = try await Self.reviewer(env)
        let start = env.clock.now
        // four failures, then the right password: allowed, and it clears the count
        for _ in 0..<4 {
            await #expect(throws: PasswordError(.invalidCredentials)) {
                _ = try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: "Wrong-password-1")
            }
        }
        #expect(try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password) == .reviewer(rita.id))
        // five failures: the last allowed attempt is the 5th, answered like the others
        for _ in 0..<5 {
            await #expect(throws: PasswordError(.invalidCredentials)) {
                _ = try await env.services.reviewers.signIn(email: "RITA@canon-europe.example", password: "Wrong-password-1")
            }
        }
        // the first refused one: the right password, locked
        let locked = await #expect(throws: PasswordError.self) {
            _ = try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password)
        }
        #expect(locked?.reason == .tryAgainLater)
        #expect(locked?.retryAt == start.addingTimeInterval(900))
        #expect(locked?.message(in: .swedish).contains("2026-11-27 10:15") == true)
        // expiry: one second before the end still locked, at the end open again
        env.clock.advance(by: 899)
        let still = await #expect(throws: PasswordError.self) {
            _ = try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password)
        }
        #expect(still?.reason == .tryAgainLater)
        env.clock.advance(by: 1)
        #expect(try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password) == .reviewer(rita.id))
    }

    @Test("R-ID-2: an unknown reviewer address is locked the same way, and a lock costs the same one password check")
    func unknownAddress() async throws {
        let env = TestEnvironment()
        _ = try await Self.reviewer(env)
        for _ in 0..<5 { _ = try? await env.services.reviewers.signIn(email: "nobody@canon-europe.example", password: "Wrong-password-1") }
        let error = await #expect(throws: PasswordError.self) {
            _ = try await env.services.reviewers.signIn(email: "nobody@canon-europe.example", password: "Wrong-password-1")
        }
        #expect(error?.reason == .tryAgainLater)
        let work = await env.kdf.counting {
            _ = try? await env.services.reviewers.signIn(email: "nobody@canon-europe.example", password: Self.password)
        }
        #expect(work == [PasswordPolicy.lowCostIterations], "a locked attempt costs the same work")
    }

    @Test("R-ID-2: failures from one client key lock that key for every address; another client key still signs in")
    func clientKey() async throws {
        let env = TestEnvironment()
        let rita = try await Self.reviewer(env)
        for n in 0..<5 {
            _ = try? await env.services.reviewers.signIn(email: "guess-\(n)@canon-europe.example", password: "Wrong-password-1",
                                                         clientKey: "203.0.113.9")
        }
        let error = await #expect(throws: PasswordError.self) {
            _ = try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password, clientKey: "203.0.113.9")
        }
        #expect(error?.reason == .tryAgainLater)
        #expect(try await env.services.reviewers.signIn(email: "rita@canon-europe.example", password: Self.password,
                                                        clientKey: "198.51.100.1") == .reviewer(rita.id))
    }
}
