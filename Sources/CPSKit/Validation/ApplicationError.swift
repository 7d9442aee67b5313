/// Why the onboarding or review services refused a request (R-ACC-1…4, R-DOC-5, R-VAL-1). Nothing
/// was changed.
public struct ApplicationError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case countryNotParticipating, excludedTerritory, vatCountryMismatch, duplicateVATNumber, duplicateEmail, attestationMissing, noEvidence, wrongStatus, evidenceIncomplete, notFound, documentNotFound, reasonRequired
            case unknownEvidenceKind
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``ApplicationError/code``.
        public var description: String { representation.rawValue }

        /// The company's country does not take part in CPS (R-ACC-3).
        public static let countryNotParticipating = Reason(.countryNotParticipating)
        /// The address lies in a territory where CPS is not offered, e.g. the Canary Islands (R-ACC-3).
        public static let excludedTerritory = Reason(.excludedTerritory)
        /// The VAT number belongs to another country than the company's (R-ACC-3, R-VAT-1).
        public static let vatCountryMismatch = Reason(.vatCountryMismatch)
        /// An open application or account already has this VAT number (R-ACC-4).
        public static let duplicateVATNumber = Reason(.duplicateVATNumber)
        /// An open application or account already uses this e-mail (R-ACC-4).
        public static let duplicateEmail = Reason(.duplicateEmail)
        /// The applicant did not attest being authorised (R-ACC-1).
        public static let attestationMissing = Reason(.attestationMissing)
        /// No evidence file was attached (R-VAL-1).
        public static let noEvidence = Reason(.noEvidence)
        /// The application cannot be changed or decided in its current status (R-VAL-1).
        public static let wrongStatus = Reason(.wrongStatus)
        /// Approval needs every evidence requirement satisfied (R-VAL-1).
        public static let evidenceIncomplete = Reason(.evidenceIncomplete)
        /// No such application (or not the caller's).
        public static let notFound = Reason(.notFound)
        /// No such document on the application.
        public static let documentNotFound = Reason(.documentNotFound)
        /// A rejection or request for information needs a reason.
        public static let reasonRequired = Reason(.reasonRequired)
        /// A document's kind is not one the policy knows (R-DOC-1…3): refused when it is added, and
        /// an application holding one (added under another policy) cannot be submitted.
        public static let unknownEvidenceKind = Reason(.unknownEvidenceKind)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The application concerned, if any; for ``Reason/duplicateEmail``, the open application that
    /// already has the e-mail (R-ACC-4), so the applicant can continue it.
    public let applicationID: BusinessAccountApplication.ID?
    /// Facts for the message.
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, applicationID: BusinessAccountApplication.ID? = nil, facts: [String: String] = [:]) {
        self.reason = reason
        self.applicationID = applicationID
        self.facts = facts
    }

    public var code: String { "application.\(reason)" }
    public var textKey: TextKey { TextKey("application.error.\(reason)") }
    /// Always `FailureCategory.refusal`.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments = MessageArgument.typed(facts, countries: ["country", "vatCountry"], terms: ["status": "application.status."])
        if let territory = facts["territory"] { arguments["territory"] = .term(TextKey("application.territory.\(territory)")) }
        if let due = facts["due"] {
            let keys = due.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            arguments["due"] = .list(keys.map { .term(TextKey("evidence.requirement.name.\($0)")) })
        }
        if let known = facts["known"] {
            // The known kinds by their names; a kind of the host's policy without a name by its identifier.
            let kinds = known.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            arguments["known"] = .list(kinds.map { kind in
                EvidenceKind.predefined.contains(EvidenceKind(kind)) ? .term(EvidenceKind(kind).textKey) : .text(kind)
            })
        }
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [ApplicationError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .countryNotParticipating: ApplicationError(.countryNotParticipating, facts: ["country": "US"])
            case .excludedTerritory: ApplicationError(.excludedTerritory, facts: ["territory": "canaryIslands", "country": "ES"])
            case .vatCountryMismatch:
                ApplicationError(.vatCountryMismatch, facts: ["vat": "DE136695976", "vatCountry": "DE", "country": "SE"])
            case .duplicateVATNumber: ApplicationError(.duplicateVATNumber, facts: ["vat": "SE556677889901"])
            case .duplicateEmail: ApplicationError(.duplicateEmail, facts: ["email": "anna@example.se"])
            case .attestationMissing: ApplicationError(.attestationMissing, applicationID: "application-1")
            case .noEvidence: ApplicationError(.noEvidence, applicationID: "application-1")
            case .wrongStatus: ApplicationError(.wrongStatus, applicationID: "application-1", facts: ["status": "moreInformationRequested"])
            case .evidenceIncomplete: ApplicationError(.evidenceIncomplete, applicationID: "application-1", facts: ["due": "vatRegistration, companyIdentity"])
            case .notFound: ApplicationError(.notFound, applicationID: "application-1")
            case .documentNotFound: ApplicationError(.documentNotFound, applicationID: "application-1", facts: ["document": "document-1"])
            case .reasonRequired: ApplicationError(.reasonRequired, applicationID: "application-1")
            case .unknownEvidenceKind: ApplicationError(.unknownEvidenceKind, facts: [
                "kind": "invoice", "known": EvidenceKind.predefined.map(\.rawValue).joined(separator: ", ")])
            }
        }
    }
}
