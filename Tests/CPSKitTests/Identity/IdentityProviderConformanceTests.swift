@testable import CPSKit
import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// The bundled identity adapters pass `IdentityProviderConformance`, and the suite catches broken
/// ones (R-ID-1, R-ID-2).
@Suite("IdentityProviderConformance: the bundled adapters pass, broken ones fail (R-ID-1, R-ID-2)")
struct IdentityProviderConformanceTests {
    @Test("R-ID-1, R-ID-2: InMemoryIdentityProvider passes every check, with the counted work")
    func inMemory() async throws {
        let counter = KDFCounter()
        let passed = try await IdentityProviderConformance.run(
            makeProvider: { InMemoryIdentityProvider(hasher: PasswordHasher(policy: .lowCost, observer: counter.observer)) },
            countedWork: { counter.calls })
        #expect(passed.count == 8)
        #expect(Set(counter.calls) == [PasswordPolicy.lowCostIterations])
    }

    @Test("R-ID-1, R-ID-2: RecordStoreIdentityProvider over the in-memory store passes every check, unavailable included")
    func durableInMemory() async throws {
        let counter = KDFCounter()
        let passed = try await IdentityProviderConformance.run(
            makeProvider: { RecordStoreIdentityProvider(store: InMemoryRecordStore(),
                                                        hasher: PasswordHasher(policy: .lowCost, observer: counter.observer)) },
            countedWork: { counter.calls },
            makeUnavailable: {
                let store = InMemoryRecordStore()
                await store.close()
                return RecordStoreIdentityProvider(store: store, policy: .lowCost)
            })
        #expect(passed.count == 9)
    }

    @Test("R-ID-1: RecordStoreIdentityProvider over the file store passes every check, unavailable included")
    func durableFileStore() async throws {
        let counter = KDFCounter()
        try await IdentityProviderConformance.run(
            makeProvider: {
                RecordStoreIdentityProvider(store: try await FileRecordStore.open(directory: makeTemporaryDirectory("identity")),
                                            hasher: PasswordHasher(policy: .lowCost, observer: counter.observer))
            },
            countedWork: { counter.calls },
            makeUnavailable: {
                let store = try await FileRecordStore.open(directory: makeTemporaryDirectory("identity-closed"))
                await store.close()
                return RecordStoreIdentityProvider(store: store, policy: .lowCost)
            })
    }

    /// Keeps every password it was given: replace does not replace.
    final class KeepsEveryPassword: IdentityProvider {
        let passwords = Locked<[String: [String]]>([:])
        func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
            passwords.withLock { $0[userID, default: []].append(password) }
        }
        func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
            passwords.withLock { $0[userID]?.contains(password) ?? false }
        }
        func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool { false }
        func credentialVersion(userID: String) async throws(IdentityError) -> Int? {
            passwords.withLock { $0[userID]?.count }
        }
    }

    /// Hashes for a known user only: an unknown one answers at once.
    struct SkipsWorkForUnknown: IdentityProvider {
        let inner: InMemoryIdentityProvider
        func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
            try await inner.setPassword(password, userID: userID, email: email)
        }
        func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
            inner.hasPassword(userID: userID) ? try await inner.verifyPassword(password, userID: userID) : false
        }
        func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool { false }
        func credentialVersion(userID: String) async throws(IdentityError) -> Int? { try await inner.credentialVersion(userID: userID) }
    }

    /// Swallows a store failure and answers false.
    struct HidesUnavailability: IdentityProvider {
        func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {}
        func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool { false }
        func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool { false }
        func credentialVersion(userID: String) async throws(IdentityError) -> Int? { nil }
    }

    @Test("R-ID-1: an adapter that keeps the replaced password fails 'replace keeps one password'")
    func catchesReplace() async throws {
        let failure = await #expect(throws: IdentityConformanceFailure.self) {
            try await IdentityProviderConformance.run(makeProvider: { KeepsEveryPassword() })
        }
        #expect(failure?.check == "replace keeps one password")
    }

    @Test("R-ID-2: an adapter that skips the work for an unknown user fails the counted-work check")
    func catchesUnequalWork() async throws {
        let counter = KDFCounter()
        let failure = await #expect(throws: IdentityConformanceFailure.self) {
            try await IdentityProviderConformance.run(
                makeProvider: { SkipsWorkForUnknown(inner: InMemoryIdentityProvider(hasher: PasswordHasher(policy: .lowCost,
                                                                                                           observer: counter.observer))) },
                countedWork: { counter.calls })
        }
        #expect(failure?.check == "an unknown user costs the same work")
    }

    @Test("R-PWD-2: an adapter that hides an outage fails 'unavailable is an IdentityError'")
    func catchesHiddenOutage() async throws {
        let failure = await #expect(throws: IdentityConformanceFailure.self) {
            try await IdentityProviderConformance.run(makeProvider: { InMemoryIdentityProvider(policy: .lowCost) },
                                                      makeUnavailable: { HidesUnavailability() })
        }
        #expect(failure?.check == "unavailable is an IdentityError")
    }
}
