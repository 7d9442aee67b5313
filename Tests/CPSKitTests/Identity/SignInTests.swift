import CPSKit
import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Sign-in that gives nothing away, and its throttling (R-ID-2, R-PWD-3).
@Suite("Sign-in: the same work and answer on every refusal; throttling in the store (R-ID-2)")
struct SignInTests {
    static let password = "Ljus-och-bild-2026"

    /// An active account with a second user who was invited (no password yet) and a third who was removed.
    func setUp(_ env: TestEnvironment) async throws -> (TestEnvironment.ActiveAccount, invited: String, removed: String) {
        let active = try await env.activeAccount()
        _ = try await env.accounts.addUser(to: active.account.id, name: "Per Holm", email: "per@ljusbild.example", as: active.principal)
        let removed = try await env.accounts.addUser(to: active.account.id, name: "Eva Ek", email: "eva@ljusbild.example",
                                                     as: active.principal)
        try await env.accounts.removeUser(removed.id, from: active.account.id, as: active.principal)
        return (active, "per@ljusbild.example", "eva@ljusbild.example")
    }

    @Test("R-ID-2, R-PWD-3: a successful sign-in returns the user, the account and the credential version")
    func success() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let signedIn = try await env.passwords.signIn(email: " ANNA@Ljusbild.example ", password: Self.password)
        #expect(signedIn.user == active.superuser)
        #expect(signedIn.account.id == active.account.id && signedIn.account.status == .active)
        #expect(signedIn.credentialVersion == 1)
        #expect(signedIn.principal == active.principal)
    }

    @Test("R-ID-2: every refusal — wrong password, unknown, invited, removed, malformed, too long — is one derivation at the policy's count and the same error")
    func sameWorkSameAnswer() async throws {
        let env = TestEnvironment()
        let (active, invited, removed) = try await setUp(env)
        let attempts: [(String, String)] = [
            (active.superuser.email.address, "Wrong-password-1"),
            ("nobody@ljusbild.example", "Wrong-password-1"),
            ("nobody@ljusbild.example", Self.password),
            (invited, Self.password),
            (removed, Self.password),
            ("not an address", Self.password),
            (active.superuser.email.address, Self.password + String(repeating: "x", count: 200)),
        ]
        var messages: Set<String> = []
        for (email, password) in attempts {
            let work = try await env.kdf.counting {
                let error = await #expect(throws: PasswordError.self) { try await env.passwords.signIn(email: email, password: password) }
                #expect(error == PasswordError(.invalidCredentials), "\(email)")
                messages.insert(try #require(error).message(in: .english))
            }
            #expect(work == [PasswordPolicy.lowCostIterations], "\(email): \(work)")
        }
        #expect(messages.count == 1)
        let success = try await env.kdf.counting { _ = try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password) }
        #expect(success == [PasswordPolicy.lowCostIterations])
    }

    @Test("R-ID-1, R-ID-2: a known user with an older iteration count and a wrong password costs one derivation at the policy's count")
    func olderIterationCount() async throws {
        let store = InMemoryRecordStore()
        let env = TestEnvironment(store: store)
        let active = try await env.activeAccount()
        // put a credential with 500 iterations behind the durable adapter
        try await RecordStoreIdentityProvider(store: store, policy: PasswordPolicy(hashIterations: 500))
            .setPassword(Self.password, userID: active.superuser.id.rawValue, email: active.superuser.email)
        let counter = KDFCounter()
        var context = env.context
        context.identity = RecordStoreIdentityProvider(store: store, hasher: PasswordHasher(policy: context.policy.passwords,
                                                                                             observer: counter.observer))
        let service = PasswordService(context)
        await #expect(throws: PasswordError(.invalidCredentials)) {
            try await service.signIn(email: active.superuser.email.address, password: "Wrong-password-1")
        }
        await #expect(throws: PasswordError(.invalidCredentials)) {
            try await service.signIn(email: "nobody@ljusbild.example", password: "Wrong-password-1")
        }
        #expect(counter.calls == [1_000, 1_000])
        _ = try await service.signIn(email: active.superuser.email.address, password: Self.password)
        #expect(try await store.fetch(IdentityCredential.self, id: active.superuser.id.rawValue)?.record.hash.hasPrefix("$pbkdf2-sha256$i=1000$") == true)
    }

    @Test("R-ID-2: the 5th failure within the window locks the address, known or not, with the same answer; the lock ends at its instant")
    func lockAfterAttempts() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let start = env.clock.now
        for email in [active.superuser.email.address, "nobody@ljusbild.example"] {
            for _ in 0..<4 {
                await #expect(throws: PasswordError(.invalidCredentials)) { try await env.passwords.signIn(email: email, password: "Wrong-password-1") }
            }
        }
        // the 4th failure does not lock: the right password still works, and clears the count
        _ = try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password)
        var errors: [PasswordError] = []
        for email in [active.superuser.email.address, "nobody@ljusbild.example"] {
            let attempts = email == "nobody@ljusbild.example" ? 1 : 5
            for _ in 0..<attempts {
                await #expect(throws: PasswordError(.invalidCredentials)) { try await env.passwords.signIn(email: email, password: "Wrong-password-1") }
            }
            let locked = await #expect(throws: PasswordError.self) {
                try await env.passwords.signIn(email: email, password: email == "nobody@ljusbild.example" ? "x" : Self.password)
            }
            errors.append(try #require(locked))
        }
        #expect(errors[0] == errors[1], "a lock says nothing about whether the address has an account")
        #expect(errors[0].reason == .tryAgainLater)
        #expect(errors[0].retryAt == start.addingTimeInterval(900))
        #expect(errors[0].message(in: .english).contains("2026-11-27 10:15"))
        #expect(errors[0].message(in: .swedish).contains("2026-11-27 10:15"))
        let work = await env.kdf.counting {
            _ = try? await env.passwords.signIn(email: active.superuser.email.address, password: Self.password)
        }
        #expect(work == [PasswordPolicy.lowCostIterations], "a locked attempt costs the same work")
        env.clock.advance(by: 899)
        await #expect(throws: PasswordError.self) { try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password) }
        env.clock.advance(by: 1)
        _ = try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password)
    }

    @Test("R-ID-2: failures older than the window do not count (4 failures, the window passes, 4 more: no lock)")
    func windowBoundary() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let email = active.superuser.email.address
        for _ in 0..<4 { _ = try? await env.passwords.signIn(email: email, password: "Wrong-password-1") }
        env.clock.advance(by: 900)
        for _ in 0..<4 { _ = try? await env.passwords.signIn(email: email, password: "Wrong-password-1") }
        _ = try await env.passwords.signIn(email: email, password: Self.password)
    }

    @Test("R-ID-2: a client key that fails against many addresses is locked for every address")
    func clientKey() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        for n in 0..<5 {
            _ = try? await env.passwords.signIn(email: "guess-\(n)@ljusbild.example", password: "Wrong-password-1", clientKey: "203.0.113.9")
        }
        let error = await #expect(throws: PasswordError.self) {
            try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password, clientKey: "203.0.113.9")
        }
        #expect(error?.reason == .tryAgainLater)
        _ = try await env.passwords.signIn(email: active.superuser.email.address, password: Self.password, clientKey: "198.51.100.1")
    }

    @Test("R-ID-2: a reset request does not lift a lock; setting a new password with the reset link does")
    func resetLiftsLock() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let email = active.superuser.email.address
        for _ in 0..<5 { _ = try? await env.passwords.signIn(email: email, password: "Wrong-password-1") }
        _ = try await env.passwords.requestPasswordReset(email: email)
        let still = await #expect(throws: PasswordError.self) { try await env.passwords.signIn(email: email, password: Self.password) }
        #expect(still?.reason == .tryAgainLater)
        let token = try #require(try await env.latestToken("passwordReset"))
        try await env.passwords.setPassword(token: token, newPassword: "Nytt-losenord-2027")
        let signedIn = try await env.passwords.signIn(email: email, password: "Nytt-losenord-2027")
        #expect(signedIn.credentialVersion == 2, "the reset moved the credential version on")
    }

    @Test("R-ID-2: the throttle state is in the store: a lock survives reopening the file store with a new context")
    func survivesRestart() async throws {
        let directory = makeTemporaryDirectory("throttle")
        let store = try await FileRecordStore.open(directory: directory)
        let env = TestEnvironment(store: store)
        for _ in 0..<5 { _ = try? await env.passwords.signIn(email: "nobody@ljusbild.example", password: "Wrong-password-1") }
        await store.close()
        let reopened = try await FileRecordStore.open(directory: directory)
        let again = TestEnvironment(store: reopened, ids: .incrementing(tag: "b"))
        let error = await #expect(throws: PasswordError.self) {
            try await again.passwords.signIn(email: "NOBODY@ljusbild.example", password: "Wrong-password-1")
        }
        #expect(error?.reason == .tryAgainLater)
        await reopened.close()
    }

    @Test("R-ID-2: the state is bounded: one bucket of 3 keeps at most 3 keys, locked ones last to go, and nothing in clear text")
    func bounded() async throws {
        var policy = CPSPolicy.canonEurope
        policy.passwords.throttle = SignInThrottlePolicy(attempts: 2, buckets: 1, entriesPerBucket: 3)
        let env = TestEnvironment(policy: policy)
        for _ in 0..<2 { _ = try? await env.passwords.signIn(email: "locked@ljusbild.example", password: "Wrong-password-1") }
        for n in 0..<10 { _ = try? await env.passwords.signIn(email: "guess-\(n)@ljusbild.example", password: "Wrong-password-1") }
        let buckets = try await env.store.fetchAll(SignInThrottleBucket.self)
        #expect(buckets.count == 1)
        #expect(buckets.first?.record.entries.count == 3)
        let error = await #expect(throws: PasswordError.self) {
            try await env.passwords.signIn(email: "locked@ljusbild.example", password: "Wrong-password-1")
        }
        #expect(error?.reason == .tryAgainLater, "the locked key outlived the unlocked ones")
        let raw = try #require(try await env.store.record(kind: SignInThrottleBucket.kind, id: "signin-throttle-0"))
        let payload = String(decoding: raw.payload, as: UTF8.self)
        #expect(!payload.contains("ljusbild"))
        // R-ID-3: the keys are keyed digests, so a guess hashed without the host key matches none
        for guess in ["locked@ljusbild.example", "email:locked@ljusbild.example", "throttle-email:locked@ljusbild.example"] {
            #expect(!payload.contains(SHA256.hexDigest(Array(guess.utf8))), "a plain SHA-256 of \(guess) is stored")
        }
        // expiry: after window and lock, the next write drops every old entry
        env.clock.advance(by: 901)
        _ = try? await env.passwords.signIn(email: "late@ljusbild.example", password: "Wrong-password-1")
        #expect(try await env.store.fetchAll(SignInThrottleBucket.self).first?.record.entries.count == 1)
    }

    @Test("R-ID-1: the low-cost policy validates with a policy warning below 100,000 iterations; 100,000 has none; 0 is refused")
    func lowCostPolicyWarning() throws {
        #expect(CPSPolicy.canonEurope.withLowCostHashing().warnings.map(\.field) == ["passwords.hashIterations"])
        var policy = CPSPolicy.canonEurope
        policy.passwords.hashIterations = 99_999
        #expect(policy.warnings.map(\.field) == ["passwords.hashIterations"])
        policy.passwords.hashIterations = 100_000
        #expect(policy.warnings.isEmpty)
        #expect(CPSPolicy.canonEurope.passwords.hashIterations == 600_000)
        policy.passwords.hashIterations = 0
        #expect(throws: PolicyError.self) { try policy.validate() }
        let events = RecordingEventSink()
        _ = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(policy: .lowCost), tokenKeys: .generated(),
                           policy: CPSPolicy.canonEurope.withLowCostHashing(), events: events.sink)
        #expect(events.events.contains { if case .policyWarning(field: "passwords.hashIterations", _) = $0 { true } else { false } })
    }
}
