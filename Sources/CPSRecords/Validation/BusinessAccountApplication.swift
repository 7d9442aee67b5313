import Foundation

/// A company's application for a Canon business account (R-ACC-1…4, R-VAL-1…3), with its evidence
/// documents, status, SLA dates and decision.
public struct BusinessAccountApplication: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<BusinessAccountApplication>

    public static let kind = "application"
    /// Index key of the applications awaiting a reviewer's decision.
    public static let awaitingDecisionIndex = IndexKey<BusinessAccountApplication>("application:awaiting-decision")

    /// The application's ID.
    public let id: ID
    /// Where it stands (R-VAL-1).
    public var status: ApplicationStatus
    /// The company's legal name.
    public var companyName: String
    /// The registered address.
    public var address: PostalAddress
    /// VAT registration.
    public var vatStatus: VATStatus
    /// The contact person's name.
    public var contactName: String
    /// The contact person's e-mail (the future superuser's login).
    public var contactEmail: EmailAddress
    /// The contact's preferred language.
    public var language: Language
    /// The applicant's role in the company.
    public var applicantRole: String
    /// When the applicant attested being authorised, or `nil` if not (then it cannot be submitted).
    public var attestedAt: Date?
    /// The old CPS account's e-mail, if given (R-ACC-2).
    public var oldCPSEmail: EmailAddress?
    /// The evidence documents, in the order added.
    public var documents: [EvidenceDocument]
    /// When it was created.
    public let createdAt: Date
    /// When it was (last) submitted.
    public var submittedAt: Date?
    /// The day the SLA counts from (R-VAL-2).
    public var submissionDay: CalendarDay?
    /// The day by whose end a decision is due (R-VAL-2).
    public var decisionDueDay: CalendarDay?
    /// The country whose calendar counted the SLA.
    public var slaCountry: CountryCode?
    /// The reviewer's reasons (rejection) or request (more information), latest first.
    public var decisionNote: String?
    /// When it was decided (approved or rejected).
    public var decidedAt: Date?
    /// The business account created on approval (R-VAL-3).
    public var accountID: BusinessAccount.ID?
    /// The VAT registry look-up made at submission, kept for the audit (R-VAT-2).
    public var vatLookup: VATLookupRecord?
    /// When the retention job deleted the evidence files (R-GDPR-2); `nil` while they are kept.
    public var evidenceDeletedAt: Date?
    /// When the application's personal data was erased or pseudonymised (R-GDPR-2): on the person's
    /// request, or by the retention job a policy period after a rejection; `nil` while it is kept.
    public var personalDataErasedAt: Date?

    /// Creates an application.
    package init(id: ID, status: ApplicationStatus, companyName: String, address: PostalAddress, vatStatus: VATStatus,
                contactName: String, contactEmail: EmailAddress, language: Language, applicantRole: String,
                attestedAt: Date?, oldCPSEmail: EmailAddress?, createdAt: Date) {
        self.id = id
        self.status = status
        self.companyName = companyName
        self.address = address
        self.vatStatus = vatStatus
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.language = language
        self.applicantRole = applicantRole
        self.attestedAt = attestedAt
        self.oldCPSEmail = oldCPSEmail
        self.documents = []
        self.createdAt = createdAt
    }

    /// The unique-key claim of a contact e-mail (R-ACC-4), shared with account users.
    public static func emailKey(_ email: EmailAddress) -> String { "email:\(email.key)" }
    /// The unique-key claim of a VAT number in canonical form (R-ACC-4), shared with accounts.
    public static func vatKey(_ number: VATNumber) -> String { "vat:\(number.canonical)" }

    /// An open application holds its e-mail and VAT number against duplicates (R-ACC-4); a decided
    /// one does not (on approval the account and its superuser take them over).
    public var uniqueKeys: [String] {
        guard status.isOpen else { return [] }
        var keys = [Self.emailKey(contactEmail)]
        if let number = vatStatus.number { keys.append(Self.vatKey(number)) }
        return keys
    }

    /// The index key of the applications in `status`.
    public static func byStatus(_ status: ApplicationStatus) -> IndexKey<BusinessAccountApplication> {
        IndexKey("application:status:\(status.rawValue)")
    }
    /// The index key of the applications whose contact is `email` (its normalised key).
    public static func byContact(_ email: EmailAddress) -> IndexKey<BusinessAccountApplication> { IndexKey("contact:\(email.key)") }

    public var indexKeys: [String] {
        var keys = [Self.byStatus(status).rawValue, Self.byContact(contactEmail).rawValue]
        if status.awaitsDecision { keys.append(Self.awaitingDecisionIndex.rawValue) }
        if let decidedAt, evidenceDeletedAt == nil {
            keys.append(Self.evidenceRetained(decidedOn: Self.utcDay(of: decidedAt)).rawValue)
        }
        if let decidedAt, status == .rejected, personalDataErasedAt == nil {
            keys.append(Self.rejectedRetained(decidedOn: Self.utcDay(of: decidedAt)).rawValue)
        }
        return keys
    }

    // MARK: - The due-time index of the retention job (R-GDPR-2; issue 17 item 4)
    //
    // The keys end in the decision day in UTC as `YYYY-MM-DD`, so their UTF-8 byte order is day
    // order. The record does not know the policy's time zone; its decision day there is the UTC
    // day or one next to it (every zone is less than a day from UTC), so the job reads one day more
    // than the policy's days need and checks each application's day exactly (`RetentionPolicy`).

    /// Index key of the applications decided (approved or rejected) on `day` (UTC) whose evidence
    /// files the retention job has not yet deleted (R-GDPR-2).
    public static func evidenceRetained(decidedOn day: CalendarDay) -> IndexKey<BusinessAccountApplication> {
        IndexKey(evidenceRetainedPrefix + day.description)
    }

    /// The decided applications whose evidence files are kept, decided (UTC) on `day` or before, in
    /// decision-day order (R-GDPR-2).
    public static func evidenceRetained(decidedOnOrBefore day: CalendarDay) -> IndexKeyRange<BusinessAccountApplication> {
        IndexKeyRange(from: evidenceRetainedPrefix,
                      below: IndexKeyRange<BusinessAccountApplication>.successor(ofPrefix: evidenceRetained(decidedOn: day).rawValue))
    }

    /// Every decided application whose evidence files are kept, in decision-day order (R-GDPR-2).
    public static let evidenceRetainedByDecisionDay = IndexKeyRange<BusinessAccountApplication>(prefix: evidenceRetainedPrefix)

    /// Index key of the applications rejected on `day` (UTC) whose personal data the retention job
    /// has not yet pseudonymised (R-GDPR-2).
    public static func rejectedRetained(decidedOn day: CalendarDay) -> IndexKey<BusinessAccountApplication> {
        IndexKey(rejectedRetainedPrefix + day.description)
    }

    /// The rejected applications whose personal data is kept, rejected (UTC) on `day` or before, in
    /// decision-day order (R-GDPR-2).
    public static func rejectedRetained(decidedOnOrBefore day: CalendarDay) -> IndexKeyRange<BusinessAccountApplication> {
        IndexKeyRange(from: rejectedRetainedPrefix,
                      below: IndexKeyRange<BusinessAccountApplication>.successor(ofPrefix: rejectedRetained(decidedOn: day).rawValue))
    }

    /// Every rejected application whose personal data is kept, in decision-day order (R-GDPR-2).
    public static let rejectedRetainedByDecisionDay = IndexKeyRange<BusinessAccountApplication>(prefix: rejectedRetainedPrefix)

    private static let evidenceRetainedPrefix = "application:evidence-retained:"
    private static let rejectedRetainedPrefix = "application:rejected-retained:"

    /// The day of `instant` in UTC — the day in an ``evidenceRetained(decidedOn:)`` and a
    /// ``rejectedRetained(decidedOn:)`` key.
    public static func utcDay(of instant: Date) -> CalendarDay {
        CalendarDay(instant, in: TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current)
    }

    /// The facts documents are compared with (R-DOC-4).
    public var evidenceApplicant: EvidenceEvaluator.Applicant {
        .init(companyName: companyName, address: address, vatNumber: vatStatus.number)
    }
}
