/// One country edition of the evidence rules (R-DOC-3): what a VAT-registered and a not
/// VAT-registered company must provide.
public struct EvidenceEdition: Hashable, Codable, Sendable {
    /// The edition's name, e.g. "SE (seed)".
    public var name: String
    /// The requirement for a VAT-registered company (R-DOC-1).
    public var vatRegistered: EvidenceRequirementRule
    /// The requirement for a company that is not VAT-registered (R-DOC-2).
    public var notVATRegistered: EvidenceRequirementRule

    /// Creates an edition.
    public init(name: String, vatRegistered: EvidenceRequirementRule, notVATRegistered: EvidenceRequirementRule) {
        self.name = name
        self.vatRegistered = vatRegistered
        self.notVATRegistered = notVATRegistered
    }

    /// The seed's (Swedish) edition, the default (R-DOC-1, R-DOC-2): a VAT certificate or a company
    /// invoice showing VAT number and name; or, without VAT registration, ONE of company invoice,
    /// business or professional licence, articles of association showing name and address.
    public static let swedish = EvidenceEdition(
        name: "SE",
        vatRegistered: EvidenceRequirementRule(
            code: "vatRegistration",
            accepted: [AcceptedDocument(.vatRegistrationCertificate), AcceptedDocument(.companyInvoice)],
            requiredFields: [.companyName, .vatNumber]),
        notVATRegistered: EvidenceRequirementRule(
            code: "companyIdentity",
            accepted: [AcceptedDocument(.companyInvoice), AcceptedDocument(.businessLicence),
                       AcceptedDocument(.articlesOfAssociation)],
            requiredFields: [.companyName, .address]))

    /// Canon's French edition (R-DOC-3, *[public]*): for a company without VAT registration, a
    /// business invoice no older than 3 months, a tax-residence certificate or a sole-trader
    /// registration certificate.
    public static let french = EvidenceEdition(
        name: "FR",
        vatRegistered: swedish.vatRegistered,
        notVATRegistered: EvidenceRequirementRule(
            code: "companyIdentity",
            accepted: [AcceptedDocument(.companyInvoice, maximumAgeMonths: 3),
                       AcceptedDocument(.taxResidenceCertificate), AcceptedDocument(.soleTraderRegistration)],
            requiredFields: [.companyName, .address]))
}

/// One evidence requirement: any ONE accepted document on which every required field is visible and
/// matches the application satisfies it (R-DOC-1…4).
public struct EvidenceRequirementRule: Hashable, Codable, Sendable {
    /// The requirement's stable code (`vatRegistration`, `companyIdentity`), as in `currently_due`.
    public var code: String
    /// The kinds of document that can satisfy it, each with an optional maximum age.
    public var accepted: [AcceptedDocument]
    /// The fields that must be visible and match.
    public var requiredFields: [VisibleField]

    /// Creates a rule.
    public init(code: String, accepted: [AcceptedDocument], requiredFields: [VisibleField]) {
        self.code = code
        self.accepted = accepted
        self.requiredFields = requiredFields
    }

    /// The accepted entry for `kind`, if the kind is accepted.
    public func acceptance(of kind: EvidenceKind) -> AcceptedDocument? { accepted.first { $0.kind == kind } }
}

/// A kind of document a requirement accepts, with an optional maximum age counted back from the
/// submission date to the document's issue date (R-DOC-3).
public struct AcceptedDocument: Hashable, Codable, Sendable {
    /// The kind.
    public var kind: EvidenceKind
    /// The maximum age in months, or `nil` for no limit.
    public var maximumAgeMonths: Int?

    /// Creates an entry.
    public init(_ kind: EvidenceKind, maximumAgeMonths: Int? = nil) {
        self.kind = kind
        self.maximumAgeMonths = maximumAgeMonths
    }
}
