import CPSKit
import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// The durable identity adapter (R-ID-1): PHC strings, salts, NFC, rehash on a raised policy, a
/// restart of a host on the file store.
@Suite("RecordStoreIdentityProvider: durable PBKDF2 credentials (R-ID-1)")
struct RecordStoreIdentityProviderTests {
    let email = RecordSamples.address("anna@ljusbild.example").email

    @Test("R-ID-1: the stored credential is a PHC string with the policy's iterations, a 16-byte salt and no password")
    func storedForm() async throws {
        let store = InMemoryRecordStore()
        let identity = RecordStoreIdentityProvider(store: store, policy: .lowCost,
                                                   random: RandomSource(SeededRandomNumberGenerator(seed: 1)))
        try await identity.setPassword("Ljus-och-bild-2026", userID: "user-1", email: email)
        try await identity.setPassword("Ljus-och-bild-2026", userID: "user-2", email: email)
        let first = try #require(try await store.fetch(IdentityCredential.self, id: "user-1")?.record)
        let second = try #require(try await store.fetch(IdentityCredential.self, id: "user-2")?.record)
        #expect(first.hash.hasPrefix("$pbkdf2-sha256$i=1000$"))
        let parsed = try #require(PasswordHash(phcString: first.hash))
        #expect(parsed.salt.count == 16 && parsed.hash.count == 32 && parsed.iterations == 1_000)
        #expect(parsed.phcString == first.hash)
        #expect(PasswordHash(phcString: second.hash)?.salt != parsed.salt, "every password has its own salt")
        #expect(first.hash != second.hash)
        let raw = try #require(try await store.record(kind: IdentityCredential.kind, id: "user-1"))
        #expect(!String(decoding: raw.payload, as: UTF8.self).contains("Ljus-och-bild"))
    }

    @Test("R-ID-1: a password is NFC-normalised: é as one code point or as e + combining accent is the same")
    func normalised() async throws {
        let identity = RecordStoreIdentityProvider(store: InMemoryRecordStore(), policy: .lowCost)
        try await identity.setPassword("Caf\u{E9}-och-bild-2026", userID: "user-1", email: email)
        #expect(try await identity.verifyPassword("Cafe\u{301}-och-bild-2026", userID: "user-1"))
        #expect(!(try await identity.verifyPassword("Cafe-och-bild-2026", userID: "user-1")))
    }

    @Test("R-ID-1: a raised policy rehashes on the next successful check, in one derivation; a wrong password rehashes nothing")
    func rehashOnRaisedPolicy() async throws {
        let store = InMemoryRecordStore()
        try await RecordStoreIdentityProvider(store: store, policy: .lowCost).setPassword("Ljus-och-bild-2026", userID: "user-1", email: email)
        var raised = PasswordPolicy.lowCost
        raised.hashIterations = 2_000
        let counter = KDFCounter()
        let identity = RecordStoreIdentityProvider(store: store, hasher: PasswordHasher(policy: raised, observer: counter.observer))
        #expect(!(try await identity.verifyPassword("Ljus-och-bild-2025", userID: "user-1")))
        #expect(try await store.fetch(IdentityCredential.self, id: "user-1")?.record.hash.hasPrefix("$pbkdf2-sha256$i=1000$") == true)
        #expect(try await identity.verifyPassword("Ljus-och-bild-2026", userID: "user-1"))
        let after = try #require(try await store.fetch(IdentityCredential.self, id: "user-1")?.record)
        #expect(after.hash.hasPrefix("$pbkdf2-sha256$i=2000$"))
        #expect(after.credentialVersion == 1, "a rehash is not a reset")
        #expect(counter.calls == [2_000, 2_000], "each check is one derivation at the policy's count")
        #expect(try await identity.verifyPassword("Ljus-och-bild-2026", userID: "user-1"))
        #expect(counter.calls == [2_000, 2_000, 2_000])
    }

    @Test("R-ID-1: a password longer than the policy's maximum never verifies, even if it was stored before a policy change")
    func maximumLength() async throws {
        var policy = PasswordPolicy.lowCost
        policy.maximumLength = 12
        let identity = RecordStoreIdentityProvider(store: InMemoryRecordStore(), policy: policy)
        try await identity.setPassword("abcdefghij12", userID: "user-1", email: email)
        #expect(try await identity.verifyPassword("abcdefghij12", userID: "user-1"))
        #expect(!(try await identity.verifyPassword("abcdefghij123", userID: "user-1")))
    }

    @Test("R-ID-1, R-PWD-3: a host on the file store restarts and its user signs in (set, close, reopen, sign in)")
    func restart() async throws {
        let directory = makeTemporaryDirectory("restart")
        let store = try await FileRecordStore.open(directory: directory)
        let env = TestEnvironment(store: store)
        let active = try await env.activeAccount()
        let identity = RecordStoreIdentityProvider(store: store, policy: env.context.policy.passwords)
        var durable = env.context
        durable.identity = identity
        // set the password through the durable adapter with a reset link
        _ = try await PasswordService(durable).requestPasswordReset(email: active.superuser.email.address)
        let token = try #require(try await env.latestToken("passwordReset"))
        try await PasswordService(durable).setPassword(token: token, newPassword: "Nytt-losenord-2027")
        await store.close()

        let reopened = try await FileRecordStore.open(directory: directory)
        let policy = CPSPolicy.canonEurope.withLowCostHashing()
        let context = try CPSContext(store: reopened, identity: RecordStoreIdentityProvider(store: reopened, policy: policy.passwords), tokenKeys: .generated(),
                                     policy: policy, time: env.clock.source)
        let signedIn = try await PasswordService(context).signIn(email: active.superuser.email.address, password: "Nytt-losenord-2027")
        #expect(signedIn.user.id == active.superuser.id)
        #expect(signedIn.account.id == active.account.id)
        #expect(signedIn.credentialVersion == 1)
        await reopened.close()
    }
}
