import CPSKit

/// A check of ``IdentityProviderConformance`` that an identity adapter failed (R-ID-1, R-ID-2).
public struct IdentityConformanceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The check that failed, e.g. `"replace keeps one password"`.
    public let check: String
    /// What was wrong.
    public let detail: String

    /// Creates a failure.
    public init(check: String, detail: String) {
        self.check = check
        self.detail = detail
    }

    /// The check and what was wrong, for test failure messages.
    public var description: String { "IdentityProviderConformance — \(check): \(detail)" }
}

/// The conformance suite every ``IdentityProvider`` runs, from any test framework, with one call
/// (R-ID-1, R-ID-2, R-PWD-2). It throws ``IdentityConformanceFailure`` naming the first check that failed.
///
/// ```swift
/// let counter = KDFCounter()
/// try await IdentityProviderConformance.run(
///     makeProvider: { RecordStoreIdentityProvider(store: InMemoryRecordStore(),
///                                                 hasher: PasswordHasher(policy: .lowCost, observer: counter.observer)) },
///     countedWork: { counter.calls },
///     makeUnavailable: { let store = InMemoryRecordStore(); await store.close()
///                        return RecordStoreIdentityProvider(store: store, policy: .lowCost) })
/// ```
///
/// `makeProvider` returns a fresh, empty provider for each check. Checks:
///
/// 1. a password that was set verifies;
/// 2. a wrong password (one character off, empty, the password with a space added) is false;
/// 3. replace keeps one password: after a second `setPassword` only the second verifies;
/// 4. users are separate: one user's password does not verify for another;
/// 5. an unknown user is false, through `verifyPassword` and `verifyUnknownUser`;
/// 6. the same work for an unknown user (when `countedWork` is given: it returns every hash
///    derivation so far, e.g. ``KDFCounter/calls``): a wrong password of a known user, any password of
///    an unknown one and `verifyUnknownUser` each add the same, non-empty derivations;
/// 7. the credential version is nil without a password and different after every `setPassword`,
///    and a check does not change it;
/// 8. two concurrent `setPassword`s of one user leave exactly one of the passwords;
/// 9. unavailable (when `makeUnavailable` is given: a provider whose system is down, e.g. over a
///    closed store): every call throws ``IdentityError`` — never another error, never a silent false.
public enum IdentityProviderConformance {
    /// Runs every check and returns their names (R-ID-1, R-ID-2).
    @discardableResult
    public static func run<P: IdentityProvider>(
        makeProvider: () async throws -> P,
        countedWork: (@Sendable () -> [Int])? = nil,
        makeUnavailable: (() async throws -> any IdentityProvider)? = nil
    ) async throws -> [String] {
        var passed: [String] = []
        func check(_ name: String, _ body: () async throws -> Void) async throws {
            do {
                try await body()
            } catch let failure as IdentityConformanceFailure {
                throw failure
            } catch {
                throw IdentityConformanceFailure(check: name, detail: "threw \(error)")
            }
            passed.append(name)
        }
        func expect(_ condition: Bool, _ name: String, _ detail: String) throws {
            if !condition { throw IdentityConformanceFailure(check: name, detail: detail) }
        }
        let email = RecordSamples.address("anna.svensson@example.se").email
        let first = "Ljus-och-bild-2026", second = "Kamera-och-ljus-2027"

        try await check("a set password verifies") {
            let provider = try await makeProvider()
            try await provider.setPassword(first, userID: "user-1", email: email)
            try expect(try await provider.verifyPassword(first, userID: "user-1"), "a set password verifies", "verifyPassword answered false")
        }
        try await check("a wrong password is false") {
            let provider = try await makeProvider()
            try await provider.setPassword(first, userID: "user-1", email: email)
            for wrong in ["Ljus-och-bild-2025", "", first + " ", String(first.dropLast())] {
                try expect(!(try await provider.verifyPassword(wrong, userID: "user-1")), "a wrong password is false",
                           "\"\(wrong)\" verified")
            }
        }
        try await check("replace keeps one password") {
            let provider = try await makeProvider()
            try await provider.setPassword(first, userID: "user-1", email: email)
            try await provider.setPassword(second, userID: "user-1", email: email)
            try expect(!(try await provider.verifyPassword(first, userID: "user-1")), "replace keeps one password",
                       "the replaced password still verifies")
            try expect(try await provider.verifyPassword(second, userID: "user-1"), "replace keeps one password",
                       "the new password does not verify")
        }
        try await check("users are separate") {
            let provider = try await makeProvider()
            try await provider.setPassword(first, userID: "user-1", email: email)
            try await provider.setPassword(second, userID: "user-2", email: RecordSamples.address("per@example.se").email)
            try expect(!(try await provider.verifyPassword(first, userID: "user-2")), "users are separate",
                       "user-1's password verifies for user-2")
        }
        try await check("an unknown user is false") {
            let provider = try await makeProvider()
            try await provider.setPassword(first, userID: "user-1", email: email)
            try expect(!(try await provider.verifyPassword(first, userID: "user-unknown")), "an unknown user is false",
                       "verifyPassword answered true for a user without a password")
            try expect(!(try await provider.verifyUnknownUser(password: first)), "an unknown user is false",
                       "verifyUnknownUser answered true")
        }
        if let countedWork {
            try await check("an unknown user costs the same work") {
                let name = "an unknown user costs the same work"
                let provider = try await makeProvider()
                try await provider.setPassword(first, userID: "user-1", email: email)
                var seen = countedWork().count
                func work(_ call: () async throws -> Bool) async throws -> [Int] {
                    _ = try await call()
                    let all = countedWork()
                    defer { seen = all.count }
                    return Array(all.dropFirst(seen))
                }
                let known = try await work { try await provider.verifyPassword("wrong-password-1", userID: "user-1") }
                let unknown = try await work { try await provider.verifyPassword("wrong-password-1", userID: "user-unknown") }
                let direct = try await work { try await provider.verifyUnknownUser(password: "wrong-password-1") }
                try expect(!known.isEmpty, name, "no derivation was counted for a known user")
                try expect(unknown == known, name, "known user \(known), unknown user \(unknown)")
                try expect(direct == known, name, "known user \(known), verifyUnknownUser \(direct)")
            }
        }
        try await check("the credential version changes on every set") {
            let name = "the credential version changes on every set"
            let provider = try await makeProvider()
            try expect(try await provider.credentialVersion(userID: "user-1") == nil, name, "a user without a password has a version")
            var versions: [Int?] = []
            for password in [first, second, first] {
                try await provider.setPassword(password, userID: "user-1", email: email)
                versions.append(try await provider.credentialVersion(userID: "user-1"))
            }
            try expect(!versions.contains(nil) && Set(versions.compactMap { $0 }).count == 3, name, "versions \(versions)")
            _ = try await provider.verifyPassword(first, userID: "user-1")
            try expect(try await provider.credentialVersion(userID: "user-1") == versions.last ?? nil, name,
                       "a check changed the version")
        }
        try await check("concurrent sets leave one password") {
            let provider = try await makeProvider()
            async let a: Void = provider.setPassword(first, userID: "user-1", email: email)
            async let b: Void = provider.setPassword(second, userID: "user-1", email: email)
            _ = try await (a, b)
            let both = [try await provider.verifyPassword(first, userID: "user-1"),
                        try await provider.verifyPassword(second, userID: "user-1")]
            try expect(both.filter { $0 }.count == 1, "concurrent sets leave one password", "verified: \(both)")
        }
        if let makeUnavailable {
            try await check("unavailable is an IdentityError") {
                let name = "unavailable is an IdentityError"
                let provider = try await makeUnavailable()
                let calls: [(String, () async throws -> Void)] = [
                    ("setPassword", { try await provider.setPassword(first, userID: "user-1", email: email) }),
                    ("verifyPassword", { _ = try await provider.verifyPassword(first, userID: "user-1") }),
                    ("credentialVersion", { _ = try await provider.credentialVersion(userID: "user-1") }),
                ]
                for (call, body) in calls {
                    do {
                        try await body()
                        throw IdentityConformanceFailure(check: name, detail: "\(call) did not throw")
                    } catch is IdentityError {
                        continue
                    } catch let failure as IdentityConformanceFailure {
                        throw failure
                    } catch {
                        throw IdentityConformanceFailure(check: name, detail: "\(call) threw \(type(of: error)), not IdentityError")
                    }
                }
            }
        }
        return passed
    }
}
