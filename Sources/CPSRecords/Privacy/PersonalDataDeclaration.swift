import Foundation

/// What one record kind holds of people (R-GDPR-1, R-GDPR-2): its personal fields, why it keeps
/// them and for how long. A kind without personal data declares no fields and says so.
public struct PersonalDataDeclaration: Sendable, Hashable {
    /// The record kind (``StoredRecord/kind``).
    public let kind: String
    /// The fields with personal data; empty when the kind holds none.
    public let fields: [PersonalField]
    /// Why the data is kept.
    public let purpose: String
    /// How long it is kept.
    public let retention: String

    /// A declaration for `type`.
    public init<R: StoredRecord>(_ type: R.Type, fields: [PersonalField], purpose: String, retention: String) {
        kind = R.kind
        self.fields = fields
        self.purpose = purpose
        self.retention = retention
    }

    /// Whether the kind holds personal data.
    public var holdsPersonalData: Bool { !fields.isEmpty }
}
