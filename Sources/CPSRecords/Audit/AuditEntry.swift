import Foundation

/// One line of the audit trail: who did what to which record, when and why (R-VAL-1). Written in
/// the same batch as the change it records, never edited.
public struct AuditEntry: StoredRecord, Hashable {
    public static let kind = "audit"

    /// The entry's ID.
    public let id: String
    /// The record the entry is about, e.g. `application-1`.
    public let subject: String
    /// What happened, a stable code such as `application.submitted`.
    public let action: String
    /// Who did it (``Principal/description``).
    public let actor: String
    /// When.
    public let at: Date
    /// Why, when a reason was given (rejection reasons, requests for information).
    public let reason: String?
    /// Further facts (old and new status, due date, …).
    public let details: [String: String]

    /// Creates an entry.
    package init(id: String, subject: String, action: String, actor: Principal, at: Date,
                reason: String? = nil, details: [String: String] = [:]) {
        self.id = id
        self.subject = subject
        self.action = action
        self.actor = actor.description
        self.at = at
        self.reason = reason
        self.details = details
    }

    public var indexKeys: [String] { ["subject:\(subject)"] }
}
