import CPSKit
import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// A data directory written by the `cps` tool before issue 16 (Storage/Fixtures/cps-legacy-credentials,
/// see its README): its credential (1,000 rounds of SHA-256) verifies once and is rehashed (R-ID-1).
@Suite("Legacy cps credentials verify once and are rehashed (R-ID-1)")
struct LegacyCredentialFixtureTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Storage/Fixtures/cps-legacy-credentials/store", isDirectory: true)

    private func copyOfFixture() throws -> URL {
        let directory = makeTemporaryDirectory("legacy")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("journal"),
                                         to: directory.appendingPathComponent("journal"))
        return directory
    }

    @Test("R-ID-1: the old cps password signs in once through the legacy scheme, then as PBKDF2; a wrong one never")
    func verifiesAndRehashes() async throws {
        let store = try await FileRecordStore.open(directory: copyOfFixture())
        let legacy = try await store.records(kind: RecordStoreIdentityProvider.legacyCPSKind, indexKey: nil)
        #expect(legacy.count == 1)
        let userID = try #require(legacy.first?.id)
        let counter = KDFCounter()
        let policy = CPSPolicy.canonEurope.withLowCostHashing()
        let identity = RecordStoreIdentityProvider(store: store, hasher: PasswordHasher(policy: policy.passwords, observer: counter.observer))
        let context = try CPSContext(store: store, identity: identity, tokenKeys: .generated(), policy: policy,
                                     time: .fixed(Date(timeIntervalSince1970: 1_796_000_000)))
        let service = PasswordService(context)
        await #expect(throws: PasswordError(.invalidCredentials)) {
            try await service.signIn(email: "anna@ljusbild.example", password: "Ljus-och-bild-2025")
        }
        #expect(try await store.records(kind: RecordStoreIdentityProvider.legacyCPSKind, indexKey: nil).count == 1,
                "a wrong password changes nothing")
        let signedIn = try await service.signIn(email: "anna@ljusbild.example", password: "Ljus-och-bild-2026")
        #expect(signedIn.user.id.rawValue == userID)
        #expect(try await store.records(kind: RecordStoreIdentityProvider.legacyCPSKind, indexKey: nil).isEmpty)
        let credential = try #require(try await store.fetch(IdentityCredential.self, id: userID)?.record)
        #expect(credential.hash.hasPrefix("$pbkdf2-sha256$i=1000$"))
        #expect(credential.credentialVersion == 1)
        _ = try await service.signIn(email: "anna@ljusbild.example", password: "Ljus-och-bild-2026")
        #expect(counter.calls == [1_000, 1_000, 1_000], "every check: one derivation at the policy's count")
        await store.close()
    }
}
