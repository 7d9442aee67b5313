/// Why the onboarding or review services refused a request (R-ACC-1…4, R-DOC-5, R-VAL-1). Nothing
/// was changed.
public struct ApplicationError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The company's country does not take part in CPS (R-ACC-3).
        public static let countryNotParticipating = Reason("countryNotParticipating")
        /// An open application or account already has this VAT number (R-ACC-4).
        public static let duplicateVATNumber = Reason("duplicateVATNumber")
        /// An open application or account already uses this e-mail (R-ACC-4).
        public static let duplicateEmail = Reason("duplicateEmail")
        /// The applicant did not attest being authorised (R-ACC-1).
        public static let attestationMissing = Reason("attestationMissing")
        /// No evidence file was attached (R-VAL-1).
        public static let noEvidence = Reason("noEvidence")
        /// The application cannot be changed or decided in its current status (R-VAL-1).
        public static let wrongStatus = Reason("wrongStatus")
        /// Approval needs every evidence requirement satisfied (R-VAL-1).
        public static let evidenceIncomplete = Reason("evidenceIncomplete")
        /// No such application (or not the caller's).
        public static let notFound = Reason("notFound")
        /// No such document on the application.
        public static let documentNotFound = Reason("documentNotFound")
        /// A rejection or request for information needs a reason.
        public static let reasonRequired = Reason("reasonRequired")
        /// A document's kind is not one the policy knows (R-DOC-1…3): refused when it is added, and
        /// an application holding one (added under another policy) cannot be submitted.
        public static let unknownEvidenceKind = Reason("unknownEvidenceKind")
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The application concerned, if any.
    public let applicationID: String?
    /// Facts for the message.
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, applicationID: String? = nil, facts: [String: String] = [:]) {
        self.reason = reason
        self.applicationID = applicationID
        self.facts = facts
    }

    public var code: String { "application.\(reason)" }
    public var textKey: TextKey { TextKey("application.error.\(reason)") }
    public var textArguments: [String: String] { facts.merging(["id": applicationID ?? ""]) { a, _ in a } }
}
