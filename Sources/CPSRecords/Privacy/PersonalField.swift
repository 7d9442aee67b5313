import Foundation

/// One field of a record kind that holds personal data (R-GDPR-1): its JSON path in the record and
/// its category.
public struct PersonalField: Sendable, Hashable, Codable {
    /// The field's path in the record's JSON, dots for nested fields (`message.to`, `personal.reason`).
    public let path: String
    /// What it holds.
    public let category: PersonalDataCategory

    /// Creates a field.
    public init(_ path: String, _ category: PersonalDataCategory) {
        self.path = path
        self.category = category
    }
}
