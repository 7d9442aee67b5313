import Foundation

/// A stored password hash in the PHC string format (R-ID-1): `$pbkdf2-sha256$i=600000$<salt>$<hash>`,
/// salt and hash in base64 without padding. Self-describing, so a hash made with fewer iterations
/// than the policy's is recognised and rehashed on the next successful sign-in. Pure.
///
/// The scheme ``Scheme/legacyCPS`` is the `cps` tool's credential before issue 16 (a salt and
/// 1,000 rounds of SHA-256, `SHA256(salt ‖ password)` then `SHA256(salt ‖ digest)`); it is never
/// written, only read once and replaced.
public struct PasswordHash: Sendable, Hashable {
    /// The hashing scheme.
    public enum Scheme: String, Sendable, Hashable {
        /// PBKDF2-HMAC-SHA256 (RFC 8018), PHC identifier `pbkdf2-sha256`.
        case pbkdf2SHA256 = "pbkdf2-sha256"
        /// The `cps` tool's iterated SHA-256 before issue 16; read once, then rehashed.
        case legacyCPS = "cps-sha256"
    }

    /// The scheme.
    public let scheme: Scheme
    /// Iterations (PBKDF2) or rounds (legacy).
    public let iterations: Int
    /// The salt.
    public let salt: [UInt8]
    /// The derived hash (32 bytes).
    public let hash: [UInt8]

    /// Creates a hash value.
    public init(scheme: Scheme = .pbkdf2SHA256, iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.scheme = scheme
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// The PHC string, e.g. `$pbkdf2-sha256$i=600000$c2FsdHNhbHRzYWx0c2FsdA$…`.
    public var phcString: String {
        "$\(scheme.rawValue)$i=\(iterations)$\(Self.base64(salt))$\(Self.base64(hash))"
    }

    /// Parses a PHC string; nil when it is not one this library wrote (or the legacy form).
    public init?(phcString text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, let scheme = Scheme(rawValue: String(parts[1])),
              parts[2].hasPrefix("i="), let iterations = Int(parts[2].dropFirst(2)), iterations >= 1,
              let salt = Self.bytes(base64: String(parts[3])), !salt.isEmpty,
              let hash = Self.bytes(base64: String(parts[4])), hash.count == 32 else { return nil }
        self.init(scheme: scheme, iterations: iterations, salt: salt, hash: hash)
    }

    /// `password` as the bytes that are hashed: NFC-normalised (so "é" typed as one or two code
    /// points is the same password), UTF-8.
    public static func normalizedBytes(_ password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }

    /// The legacy `cps` digest of `password` with `salt` over `rounds` rounds (R-ID-1, read only).
    public static func legacyDigest(_ password: String, salt: [UInt8], rounds: Int) -> [UInt8] {
        var digest = SHA256.hash(salt + Array(password.utf8))
        for _ in 1..<max(2, rounds) { digest = SHA256.hash(salt + digest) }
        return digest
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    private static func bytes(base64 text: String) -> [UInt8]? {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map { Array($0) }
    }
}
