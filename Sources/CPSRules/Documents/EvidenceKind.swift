/// A kind of evidence document (R-DOC-1…3). Open-ended, so a country edition in the policy can name
/// its own kinds; the seed's and the French edition's kinds are predefined.
public struct EvidenceKind: Hashable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The stable identifier, e.g. `"companyInvoice"`.
    public let rawValue: String

    /// Creates a kind.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// A VAT registration certificate (R-DOC-1).
    public static let vatRegistrationCertificate: EvidenceKind = "vatRegistrationCertificate"
    /// A company invoice (R-DOC-1, R-DOC-2).
    public static let companyInvoice: EvidenceKind = "companyInvoice"
    /// A business or professional licence (R-DOC-2).
    public static let businessLicence: EvidenceKind = "businessLicence"
    /// Articles of association (R-DOC-2).
    public static let articlesOfAssociation: EvidenceKind = "articlesOfAssociation"
    /// A tax-residence certificate (French edition, R-DOC-3).
    public static let taxResidenceCertificate: EvidenceKind = "taxResidenceCertificate"
    /// A sole-trader registration certificate (French edition, R-DOC-3).
    public static let soleTraderRegistration: EvidenceKind = "soleTraderRegistration"

    /// The six predefined kinds: the seed's and the French edition's (R-DOC-1…3).
    public static let predefined: [EvidenceKind] = [
        .vatRegistrationCertificate, .companyInvoice, .businessLicence, .articlesOfAssociation,
        .taxResidenceCertificate, .soleTraderRegistration,
    ]

    /// The catalog key of the kind's name: `evidence.kind.<rawValue>`.
    public var textKey: TextKey { TextKey("evidence.kind.\(rawValue)") }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Named in the reader's language (R-MSG-1, R-DOC-1…3).
extension EvidenceKind: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
