import Foundation

/// What kind of personal data a field holds (R-GDPR-1, R-GDPR-2).
public enum PersonalDataCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person's name.
    case name
    /// An e-mail address.
    case emailAddress
    /// A postal address (of a sole trader it is a person's).
    case postalAddress
    /// A company's name or VAT number: a person's for a sole trader.
    case companyIdentity
    /// A language or another preference.
    case preference
    /// An uploaded document's bytes (evidence).
    case document
    /// Free text a person or a reviewer wrote: reasons, notes, dealer names.
    case freeText
    /// A mail's text, addressed to a person.
    case message
    /// Amounts, invoices and payments tied to a person's account.
    case financial
    /// What a person owns (product models and serial numbers).
    case possession
    /// A keyed fingerprint (HMAC with the host key) of an address: recognisable only with the key.
    case keyedFingerprint
    /// A secret (password hash, token nonce): never exported, erased with the person.
    case credential
    /// Who did something: a principal or a user's ID.
    case actor

    /// Whether an export (R-GDPR-1) may contain the field: everything but credentials.
    public var isExported: Bool { self != .credential }
}
