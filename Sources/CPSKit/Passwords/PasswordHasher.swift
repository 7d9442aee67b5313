import Foundation

/// How the bundled identity adapters hash and check passwords (R-ID-1, R-ID-2): PBKDF2-HMAC-SHA256
/// at the policy's iterations with a random 16-byte salt, stored as a PHC string, compared in
/// constant time, on dedicated threads (`HashWorkers`) with bounded concurrency.
///
/// Every check costs one derivation at the policy's iterations, whatever it finds:
///
/// | stored | work | on a match |
/// | --- | --- | --- |
/// | PBKDF2 at the policy's count | one derivation | — |
/// | PBKDF2 at a smaller count | one derivation at the policy's count; the smaller count's value falls out of the same pass | rehash (same salt) |
/// | legacy `cps` SHA-256 rounds | the rounds, then one derivation at the policy's count | rehash (same salt) |
/// | nothing (unknown user) | one derivation at the policy's count, on a fixed salt | never matches |
///
/// `observer` sees the iteration count of every derivation: the test kit counts them to show that
/// a known and an unknown user cost the same.
public struct PasswordHasher: Sendable {
    /// PBKDF2 iterations for new hashes and the work of every check.
    public let iterations: Int
    /// The longest password considered, in characters (the policy's maximum length): a longer one is
    /// never accepted, and only this many characters of it are hashed.
    public let maximumLength: Int
    private let workers: HashWorkers
    private let observer: (@Sendable (_ iterations: Int) -> Void)?

    /// A hasher with the policy's iterations and maximum length. `maximumConcurrency` derivations run
    /// at once (default: the number of processors); `observer` is told each derivation's count.
    public init(policy: PasswordPolicy, maximumConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                observer: (@Sendable (_ iterations: Int) -> Void)? = nil) {
        iterations = max(1, policy.hashIterations)
        maximumLength = policy.maximumLength
        workers = HashWorkers(width: maximumConcurrency)
        self.observer = observer
    }

    /// The result of a check.
    public struct Check: Sendable, Equatable {
        /// Whether the password matched.
        public let matches: Bool
        /// A new hash at the policy's iterations when the password matched a weaker stored hash.
        public let rehashed: PasswordHash?
    }

    /// A new hash of `password` with `salt` (16 random bytes from the caller's source).
    public func hash(_ password: String, salt: [UInt8]) async -> PasswordHash {
        let bytes = bytes(of: password), iterations = self.iterations
        observer?(iterations)
        let derived = await workers.run { PBKDF2SHA256.derive(password: bytes, salt: salt, iterations: iterations) }
        return PasswordHash(iterations: iterations, salt: salt, hash: derived)
    }

    /// Checks `password` against `stored`; nil (no credential) does the same work and never matches.
    public func check(_ password: String, against stored: PasswordHash?) async -> Check {
        let bytes = bytes(of: password), iterations = self.iterations
        let tooLong = password.count > maximumLength
        guard let stored else {
            observer?(iterations)
            _ = await workers.run { PBKDF2SHA256.derive(password: bytes, salt: Self.dummySalt, iterations: iterations) }
            return Check(matches: false, rehashed: nil)
        }
        switch stored.scheme {
        case .pbkdf2SHA256 where stored.iterations < iterations:
            observer?(iterations)
            let both = await workers.run {
                PBKDF2SHA256.derive(password: bytes, salt: stored.salt, iterations: iterations, checkpoint: stored.iterations)
            }
            let matches = ConstantTime.equals(both.atCheckpoint, stored.hash) && !tooLong
            return Check(matches: matches,
                         rehashed: matches ? PasswordHash(iterations: iterations, salt: stored.salt, hash: both.final) : nil)
        case .pbkdf2SHA256:
            observer?(stored.iterations)
            let derived = await workers.run {
                PBKDF2SHA256.derive(password: bytes, salt: stored.salt, iterations: stored.iterations)
            }
            return Check(matches: ConstantTime.equals(derived, stored.hash) && !tooLong, rehashed: nil)
        case .legacyCPS:
            observer?(iterations)
            let (legacy, derived) = await workers.run {
                (PasswordHash.legacyDigest(password, salt: stored.salt, rounds: stored.iterations),
                 PBKDF2SHA256.derive(password: bytes, salt: stored.salt, iterations: iterations))
            }
            let matches = ConstantTime.equals(legacy, stored.hash) && !tooLong
            return Check(matches: matches,
                         rehashed: matches ? PasswordHash(iterations: iterations, salt: stored.salt, hash: derived) : nil)
        }
    }

    /// The bytes hashed: the first ``maximumLength`` characters, NFC-normalised, UTF-8.
    private func bytes(of password: String) -> [UInt8] {
        PasswordHash.normalizedBytes(String(password.precomposedStringWithCanonicalMapping.prefix(maximumLength)))
    }

    /// The salt of the derivation made for an unknown user (its result is thrown away).
    private static let dummySalt = [UInt8](repeating: 0x5a, count: 16)
}
