import Foundation

/// A legal hold on an application (R-GDPR-2): while it exists, the retention job keeps the
/// application's evidence files past their period. Placed and lifted by a reviewer, each audited;
/// lifting deletes the record (its history is the audit trail).
public struct LegalHold: StoredRecord, Hashable {
    public static let kind = "legal-hold"
    /// Index key of every hold.
    public static let allIndex = IndexKey<LegalHold>("legal-hold:all")

    /// The held application's ID (one hold per application).
    public let id: BusinessAccountApplication.ID
    /// Why (a case reference, a request of an authority): free text of the reviewer.
    public let reason: String
    /// Who placed it (``Principal/description``).
    public let placedBy: String
    /// When.
    public let placedAt: Date

    /// Creates a hold.
    package init(applicationID: BusinessAccountApplication.ID, reason: String, placedBy: Principal, placedAt: Date) {
        id = applicationID
        self.reason = reason
        self.placedBy = placedBy.description
        self.placedAt = placedAt
    }

    public var indexKeys: [String] { [Self.allIndex.rawValue] }
}
