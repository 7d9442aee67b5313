
/// The reference ``IdentityProvider``: keeps a salted, iterated SHA-256 of each password in memory
/// (R-PWD-2). For tests and examples; a production host uses its identity system.
public final class InMemoryIdentityProvider: IdentityProvider {
    private struct Credential {
        let salt: [UInt8]
        let hash: [UInt8]
    }

    private let credentials = Locked<[String: Credential]>([:])
    private let random: RandomSource
    private let iterations: Int

    /// A provider salting with `random` and hashing `iterations` times.
    public init(random: RandomSource = .system, iterations: Int = 1_000) {
        self.random = random
        self.iterations = max(1, iterations)
    }

    /// Stores a salted, iterated SHA-256 of `password` for `userID` (R-PWD-2).
    public func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        let salt = random.bytes(16)
        let credential = Credential(salt: salt, hash: stretch(password, salt: salt))
        credentials.withLock { $0[userID] = credential }
    }

    /// Whether `password` matches the stored hash, compared in constant time (R-PWD-2, R-PWD-3).
    public func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
        guard let credential = credentials.withLock({ $0[userID] }) else { return false }
        return ConstantTime.equals(stretch(password, salt: credential.salt), credential.hash)
    }

    /// Whether `userID` has a password (for tests).
    public func hasPassword(userID: String) -> Bool { credentials.withLock { $0[userID] != nil } }

    private func stretch(_ password: String, salt: [UInt8]) -> [UInt8] {
        var digest = SHA256.hash(salt + Array(password.utf8))
        for _ in 1..<iterations { digest = SHA256.hash(salt + digest) }
        return digest
    }
}
