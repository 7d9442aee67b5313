import Foundation

/// The head of one subject's audit chain (R-GDPR-3): how many entries it has and the hash of the
/// last, keyed with the host's key so that a deleted tail — entries removed from the end, with
/// or without the head rewritten — is detected. Written in the same batch as every entry it counts.
public struct AuditChainHead: StoredRecord, Hashable {
    public static let kind = "audit-head"

    /// The subject (the chain's ``AuditEntry/subject``).
    public let id: String
    /// The ``AuditEntry/sequence`` of the chain's last entry.
    public let sequence: Int
    /// The ``AuditEntry/hash`` of the chain's last entry.
    public let lastHash: String
    /// The ID of the host key of ``mac``.
    public let keyID: String
    /// HMAC-SHA256 of ``message(subject:sequence:lastHash:)`` under a key derived from the host key,
    /// lower-case hex.
    public let mac: String

    /// Creates a head.
    package init(subject: String, sequence: Int, lastHash: String, keyID: String, mac: String) {
        id = subject
        self.sequence = sequence
        self.lastHash = lastHash
        self.keyID = keyID
        self.mac = mac
    }

    /// The bytes ``mac`` authenticates: a version tag, the subject, the sequence and the last hash.
    public static func message(subject: String, sequence: Int, lastHash: String) -> [UInt8] {
        AuditCanonical.fields(["cps-audit-head-v1", subject, String(sequence), lastHash])
    }
}
