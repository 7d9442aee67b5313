/// An ``IdentityProvider`` that keeps each password's PBKDF2-HMAC-SHA256 hash in memory (R-ID-1):
/// for tests and examples; everything is lost when the process ends. A host on a durable store uses
/// ``RecordStoreIdentityProvider`` (Documentation/GettingStarted.md).
public final class InMemoryIdentityProvider: IdentityProvider {
    private struct Credential {
        var hash: PasswordHash
        var version: Int
    }

    private let credentials = Locked<[String: Credential]>([:])
    private let random: RandomSource
    private let hasher: PasswordHasher

    /// A provider salting with `random` and hashing with `hasher`.
    public init(random: RandomSource = .system, hasher: PasswordHasher) {
        self.random = random
        self.hasher = hasher
    }

    /// A provider salting with `random` and hashing at `policy`'s iterations (default 600,000).
    public convenience init(random: RandomSource = .system, policy: PasswordPolicy = PasswordPolicy()) {
        self.init(random: random, hasher: PasswordHasher(policy: policy))
    }

    /// Stores a new salted hash of `password` for `userID` and moves its credential version on (R-ID-1).
    public func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        let hash = await hasher.hash(password, salt: random.bytes(16))
        credentials.withLock { all in
            all[userID] = Credential(hash: hash, version: (all[userID]?.version ?? 0) + 1)
        }
    }

    /// Whether `password` matches, compared in constant time; a weaker hash is rehashed (R-ID-1).
    public func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
        let stored = credentials.withLock { $0[userID] }
        let check = await hasher.check(password, against: stored?.hash)
        if let rehashed = check.rehashed, let stored {
            credentials.withLock { all in
                if all[userID]?.version == stored.version { all[userID]?.hash = rehashed }
            }
        }
        return check.matches
    }

    /// The work of a check for a known user; false (R-ID-2).
    public func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool {
        await hasher.check(password, against: nil).matches
    }

    /// The credential version of `userID` (R-ID-2).
    public func credentialVersion(userID: String) async throws(IdentityError) -> Int? {
        credentials.withLock { $0[userID]?.version }
    }

    /// Whether `userID` has a password (for tests).
    public func hasPassword(userID: String) -> Bool { credentials.withLock { $0[userID] != nil } }

    /// The stored PHC string of `userID` (for tests).
    public func storedHash(userID: String) -> String? { credentials.withLock { $0[userID]?.hash.phcString } }
}
