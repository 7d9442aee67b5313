/// A privacy operation was refused (R-GDPR-1, R-GDPR-2): a legal hold placed twice, lifted when
/// there is none, or placed without a reason; an export or erasure of nobody; an erasure while a
/// legal hold applies, of an open application or of an account's only superuser; a rectification
/// that changes nothing. Nothing was changed.
///
/// A struct around a reason, so adding a reason breaks no client: compare ``reason`` with the static
/// members (`error.reason == .onLegalHold`).
public struct PrivacyError: LocalizedFailure, Equatable {
    /// What was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case onLegalHold, noLegalHold, holdReasonRequired, nothingToExport, nothingToErase, applicationOpen, onlySuperuser
            case nothingToRectify
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``PrivacyError/code``.
        public var description: String { representation.rawValue }

        /// The application is on legal hold: its data is kept (and a second hold is refused).
        public static let onLegalHold = Reason(.onLegalHold)
        /// The application is not on legal hold: there is nothing to lift.
        public static let noLegalHold = Reason(.noLegalHold)
        /// A legal hold needs a reason (a case reference, the authority's request).
        public static let holdReasonRequired = Reason(.holdReasonRequired)
        /// No account with this ID, or no application or user with this e-mail address: nothing to export.
        public static let nothingToExport = Reason(.nothingToExport)
        /// No account user or application with this e-mail address: nothing to erase.
        public static let nothingToErase = Reason(.nothingToErase)
        /// An application of the person awaits its decision: it is erased once decided.
        public static let applicationOpen = Reason(.applicationOpen)
        /// The user is the account's only active superuser: another superuser is needed first (or the
        /// whole account is closed).
        public static let onlySuperuser = Reason(.onlySuperuser)
        /// A rectification that names no field, or only values the record already holds.
        public static let nothingToRectify = Reason(.nothingToRectify)
    }

    /// What was refused.
    public let reason: Reason
    /// The application concerned.
    public let applicationID: BusinessAccountApplication.ID?
    /// Facts for the message (the date the hold was placed).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, applicationID: BusinessAccountApplication.ID? = nil, facts: [String: String] = [:]) {
        self.reason = reason
        self.applicationID = applicationID
        self.facts = facts
    }

    public var code: String { "privacy.\(reason)" }
    public var textKey: TextKey { TextKey("privacy.error.\(reason)") }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// The facts of the message (`since`: a day; `subject`, for logs only: the account or address).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts.filter { $0.key == "since" }, days: ["since"])
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [PrivacyError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .onLegalHold: PrivacyError(.onLegalHold, applicationID: "application-1", facts: ["since": "2026-12-01"])
            case .noLegalHold: PrivacyError(.noLegalHold, applicationID: "application-1")
            case .holdReasonRequired: PrivacyError(.holdReasonRequired, applicationID: "application-1")
            case .nothingToExport: PrivacyError(.nothingToExport, facts: ["subject": "anna@example.se"])
            case .nothingToErase: PrivacyError(.nothingToErase, facts: ["subject": "anna@example.se"])
            case .applicationOpen: PrivacyError(.applicationOpen, applicationID: "application-1")
            case .onlySuperuser: PrivacyError(.onlySuperuser)
            case .nothingToRectify: PrivacyError(.nothingToRectify)
            }
        }
    }
}
