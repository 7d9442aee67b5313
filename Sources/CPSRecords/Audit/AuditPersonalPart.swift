import Foundation

/// The erasable part of an ``AuditEntry`` (R-GDPR-2, R-GDPR-3): what may name a person — the reason
/// and the facts — with the random salt of its commitment.
public struct AuditPersonalPart: Codable, Sendable, Hashable {
    /// The commitment's salt, lower-case hex.
    public let salt: String
    /// The entry's reason.
    public let reason: String?
    /// The entry's facts.
    public let details: [String: String]

    /// Creates a part.
    public init(salt: String, reason: String?, details: [String: String]) {
        self.salt = salt
        self.reason = reason
        self.details = details
    }

    /// SHA-256 (hex) of a version tag, the salt, the reason (absent and empty differ) and the facts
    /// sorted by key, each field length-prefixed.
    public var commitment: String {
        var fields = ["cps-audit-personal-v1", salt, reason == nil ? "-" : "+", reason ?? "", String(details.count)]
        for key in details.keys.sorted() { fields += [key, details[key] ?? ""] }
        return SHA256.hexDigest(AuditCanonical.fields(fields))
    }
}
