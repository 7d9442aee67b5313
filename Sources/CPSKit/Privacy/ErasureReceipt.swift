import Foundation

/// What an erasure did (R-GDPR-2), without the erased data: the records by ID and counts. Its ``id``
/// is the audit subject of the erasure (`AuditService.trail(of: receipt.id, as:)`), the look-up that
/// replaces the erased e-mail address.
public struct ErasureReceipt: Equatable, Sendable, Codable {
    /// Why the data was erased.
    public enum Reason: String, Equatable, Sendable, Codable {
        /// The person asked (``PrivacyService/erase(email:as:)``).
        case request
        /// The retention period of a rejected application ended (``EvidenceRetentionJob``).
        case retention
    }

    /// The receipt's ID (`erasure-…`): the audit subject of `privacy.erased`.
    public let id: String
    /// Why.
    public let reason: Reason
    /// When.
    public let erasedAt: Date
    /// The users pseudonymised and removed.
    public var users: [AccountUser.ID] = []
    /// The applications whose contact (and, without an account, company) was pseudonymised.
    public var applications: [BusinessAccountApplication.ID] = []
    /// How many mails were pseudonymised.
    public var mails = 0
    /// How many audit entries lost their personal part.
    public var auditEntries = 0
    /// How many evidence files were deleted.
    public var evidenceFiles = 0

    /// An empty receipt.
    public init(id: String, reason: Reason, erasedAt: Date) {
        self.id = id
        self.reason = reason
        self.erasedAt = erasedAt
    }

    /// The facts of the `privacy.erased` audit entry: IDs and counts, no personal data.
    var auditFacts: [String: String] {
        ["reason": reason.rawValue, "users": users.map(\.rawValue).joined(separator: ","),
         "applications": applications.map(\.rawValue).joined(separator: ","), "mails": String(mails),
         "auditEntries": String(auditEntries), "evidenceFiles": String(evidenceFiles)]
    }
}
