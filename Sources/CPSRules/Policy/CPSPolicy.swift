import Foundation

/// Every number, list and address the journey's rules use, as one `Codable` value (SPEC §1, "Policy
/// is data"). ``canonEurope`` is the documented default; a host can load its own with
/// ``load(json:)``. See `Documentation/PolicyReference.md` for every field.
///
/// A host's JSON may leave out whole sections (`evidence`, `validation`, …): each missing section
/// takes its default, so a policy file written today keeps loading when later versions add sections.
/// Inside a section every field is required, so a typo is an error rather than a silent default.
public struct CPSPolicy: Hashable, Codable, Sendable {
    /// A name for logs and audit ("Canon Europe").
    public var name: String
    /// Countries whose companies may apply (R-ACC-3).
    public var participatingCountries: [CountryCode]
    /// The time zone in which days are counted: SLA dates, due dates (R-VAL-2, R-BIL-2).
    public var timeZoneIdentifier: String
    /// Form field limits (R-ACC-1).
    public var fieldLimits: FieldLimits
    /// Evidence rules (R-DOC-1…5).
    public var evidence: EvidencePolicy
    /// The validation promise (R-VAL-2).
    public var validation: ValidationPolicy
    /// Sender and links of the automatic e-mails (R-VAL-3).
    public var mail: MailPolicy
    /// Password and token rules (R-PWD-1, R-PWD-2).
    public var passwords: PasswordPolicy
    /// Opt-in customary days off and company closing days on top of the national holidays (R-CAL-1).
    public var calendar: CalendarPolicy
    /// The product catalog, serial-number rules and invitation threshold (R-PRD-1, R-PRD-2, R-INV-1).
    /// The default is ``ProductPolicy/sample``: SAMPLE DATA, not Canon's official points.
    public var products: ProductPolicy
    /// The CPS levels: points, business bands, fees and term discounts (R-TIER-1, R-TIER-2).
    public var levels: LevelPolicy
    /// The billing terms: seller, VAT, invoice window and due days, card retries, reminders, grace
    /// period and membership term (R-BIL-1…5, R-MEM-1). The billing services count days in
    /// ``timeZone`` (this policy's), which replaces ``BillingPolicy/timeZone`` there, so that one
    /// policy never has two time zones.
    public var billing: BillingPolicy
    /// How a unit of work retries after a concurrent change (R-UOW-1).
    public var retries: RetryPolicy
    /// How much one job run does (R-UOW-2).
    public var jobs: JobPolicy

    /// The policy's time zone (UTC if the identifier is unknown, which ``validate()`` refuses).
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0) ?? .current }

    /// Canon Europe as of the seed: the participating countries of R-ACC-3 (CH included), time zone
    /// Europe/Amsterdam (the seller's, Canon Europa N.V.), the Swedish evidence edition by default and
    /// the French one for FR, 2 working days in the applicant's country, mail from
    /// `donotreply@canon-europe.com`, 72-hour tokens.
    public static let canonEurope = CPSPolicy(
        name: "Canon Europe",
        participatingCountries: ["AT", "BE", "CZ", "DE", "DK", "ES", "FI", "FR", "HU", "IE", "IT", "LU", "NL", "NO",
                                 "PL", "PT", "SE", "SK", "GB", "CH"],
        timeZoneIdentifier: "Europe/Amsterdam",
        fieldLimits: FieldLimits(),
        evidence: .canonEurope,
        validation: ValidationPolicy(),
        mail: MailPolicy(
            sender: EmailAddress(unchecked: "donotreply@canon-europe.com"),
            senderName: "Canon",
            passwordLinkTemplate: "https://portal.example.invalid/set-password?token={token}"),
        passwords: PasswordPolicy(),
        calendar: .canonEurope,
        products: .sample,
        levels: .canonEurope,
        billing: .canonEurope,
        retries: RetryPolicy(),
        jobs: JobPolicy())

    /// Creates a policy from its sections.
    public init(name: String, participatingCountries: [CountryCode], timeZoneIdentifier: String, fieldLimits: FieldLimits,
                evidence: EvidencePolicy, validation: ValidationPolicy, mail: MailPolicy, passwords: PasswordPolicy,
                calendar: CalendarPolicy = .canonEurope, products: ProductPolicy = .sample,
                levels: LevelPolicy = .canonEurope, billing: BillingPolicy = .canonEurope,
                retries: RetryPolicy = RetryPolicy(), jobs: JobPolicy = JobPolicy()) {
        self.name = name
        self.participatingCountries = participatingCountries
        self.timeZoneIdentifier = timeZoneIdentifier
        self.fieldLimits = fieldLimits
        self.evidence = evidence
        self.validation = validation
        self.mail = mail
        self.passwords = passwords
        self.calendar = calendar
        self.products = products
        self.levels = levels
        self.billing = billing
        self.retries = retries
        self.jobs = jobs
    }

    /// Whether companies from `country` may apply (R-ACC-3).
    public func isParticipating(_ country: CountryCode) -> Bool { participatingCountries.contains(country) }

    // MARK: - Loading

    /// Decodes a host's policy from JSON and checks its values; the error names the field.
    /// A document that is not valid UTF-8 is refused as a whole (nothing is repaired with U+FFFD).
    public static func load(json data: Data) throws(PolicyError) -> CPSPolicy {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw PolicyError(field: "", problem: "the document is not valid UTF-8 text")
        }
        let policy: CPSPolicy
        do {
            policy = try JSONDecoder().decode(CPSPolicy.self, from: data)
        } catch let error as DecodingError {
            throw PolicyError.from(error)
        } catch {
            throw PolicyError(field: "", problem: "\(error)")
        }
        try policy.validate()
        return policy
    }

    /// Checks values that decode but make no sense (a negative SLA, an unknown time zone, …).
    public func validate() throws(PolicyError) {
        if TimeZone(identifier: timeZoneIdentifier) == nil {
            throw PolicyError(field: "timeZoneIdentifier", problem: "unknown time zone \"\(timeZoneIdentifier)\"")
        }
        if participatingCountries.isEmpty { throw PolicyError(field: "participatingCountries", problem: "must not be empty") }
        if !(0...30).contains(validation.slaWorkingDays) {
            throw PolicyError(field: "validation.slaWorkingDays", problem: "must be between 0 and 30")
        }
        if let hour = validation.cutoffHour, !(0...23).contains(hour) {
            throw PolicyError(field: "validation.cutoffHour", problem: "must be an hour from 0 to 23")
        }
        if passwords.tokenBytes < 16 { throw PolicyError(field: "passwords.tokenBytes", problem: "must be at least 16 (128 bits)") }
        if passwords.tokenLifetimeHours < 1 { throw PolicyError(field: "passwords.tokenLifetimeHours", problem: "must be at least 1") }
        if passwords.minimumLength < 8 || passwords.maximumLength < passwords.minimumLength {
            throw PolicyError(field: "passwords.minimumLength", problem: "must be at least 8 and at most maximumLength")
        }
        if !mail.passwordLinkTemplate.contains("{token}") {
            throw PolicyError(field: "mail.passwordLinkTemplate", problem: "must contain {token}")
        }
        if evidence.maximumFileBytes < 1 { throw PolicyError(field: "evidence.maximumFileBytes", problem: "must be positive") }
        if evidence.editions[evidence.defaultEdition] == nil {
            throw PolicyError(field: "evidence.defaultEdition", problem: "names no edition in evidence.editions")
        }
        for (country, edition) in evidence.editionByCountry where evidence.editions[edition] == nil {
            throw PolicyError(field: "evidence.editionByCountry.\(country)", problem: "names no edition \"\(edition)\"")
        }
        try products.validate()
        try validateLevelsAndBilling()
        try retries.validate()
        try jobs.validate()
    }

    /// Values that validate but do not suit production, reported as ``CPSEvent/policyWarning(field:problem:)``
    /// when a context is made with the policy.
    public var warnings: [PolicyWarning] {
        var warnings: [PolicyWarning] = []
        if retries.attempts == 1 {
            warnings.append(PolicyWarning(field: "retries.attempts", problem: "1 means a call that loses a race is never retried"))
        }
        return warnings
    }

    // MARK: - Codable with per-section defaults

    private enum CodingKeys: String, CodingKey {
        case name, participatingCountries, timeZoneIdentifier, fieldLimits, evidence, validation, mail, passwords, calendar, products
        case levels, billing, retries, jobs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CPSPolicy.canonEurope
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        participatingCountries = try c.decodeIfPresent([CountryCode].self, forKey: .participatingCountries) ?? d.participatingCountries
        timeZoneIdentifier = try c.decodeIfPresent(String.self, forKey: .timeZoneIdentifier) ?? d.timeZoneIdentifier
        fieldLimits = try c.decodeIfPresent(FieldLimits.self, forKey: .fieldLimits) ?? d.fieldLimits
        evidence = try c.decodeIfPresent(EvidencePolicy.self, forKey: .evidence) ?? d.evidence
        validation = try c.decodeIfPresent(ValidationPolicy.self, forKey: .validation) ?? d.validation
        mail = try c.decodeIfPresent(MailPolicy.self, forKey: .mail) ?? d.mail
        passwords = try c.decodeIfPresent(PasswordPolicy.self, forKey: .passwords) ?? d.passwords
        calendar = try c.decodeIfPresent(CalendarPolicy.self, forKey: .calendar) ?? d.calendar
        products = try c.decodeIfPresent(ProductPolicy.self, forKey: .products) ?? d.products
        levels = try c.decodeIfPresent(LevelPolicy.self, forKey: .levels) ?? d.levels
        billing = try c.decodeIfPresent(BillingPolicy.self, forKey: .billing) ?? d.billing
        retries = try c.decodeIfPresent(RetryPolicy.self, forKey: .retries) ?? d.retries
        jobs = try c.decodeIfPresent(JobPolicy.self, forKey: .jobs) ?? d.jobs
    }

    /// The checks of the `levels` and `billing` sections (R-TIER-1, R-TIER-2, R-BIL-1…5, R-MEM-1).
    private func validateLevelsAndBilling() throws(PolicyError) {
        if levels.individualLevels.isEmpty && levels.businessLevels.isEmpty {
            throw PolicyError(field: "levels", problem: "must offer at least one level")
        }
        let fees = levels.individualLevels.map(\.yearlyFee) + levels.businessLevels.map(\.yearlyFee)
        if fees.contains(where: { $0.currency != billing.currency || $0.isNegative }) {
            throw PolicyError(field: "levels", problem: "every fee must be positive and in \(billing.currency.code)")
        }
        if !(1...72).contains(billing.invoiceIssueWindowHours) {
            throw PolicyError(field: "billing.invoiceIssueWindowHours", problem: "must be between 1 and 72")
        }
        if !(0...365).contains(billing.invoiceDueDays) {
            throw PolicyError(field: "billing.invoiceDueDays", problem: "must be between 0 and 365")
        }
        if !(0...365).contains(billing.suspensionGraceDays) {
            throw PolicyError(field: "billing.suspensionGraceDays", problem: "must be between 0 and 365")
        }
        if !(1...120).contains(billing.termMonths) {
            throw PolicyError(field: "billing.termMonths", problem: "must be between 1 and 120")
        }
        if (billing.cardChargeRetryDaysAfterDue + billing.bankTransferReminderDaysAfterDue).contains(where: { !(1...365).contains($0) }) {
            throw PolicyError(field: "billing.cardChargeRetryDaysAfterDue", problem: "days must be between 1 and 365")
        }
        if billing.vatRate(for: billing.seller.country) == nil {
            throw PolicyError(field: "billing.vatRates", problem: "must have a rate for the seller's country \(billing.seller.country.code)")
        }
    }
}

extension PolicyError {
    /// A `DecodingError` turned into a message naming the field's dotted path.
    static func from(_ error: DecodingError) -> PolicyError {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (keys + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return PolicyError(field: path(context.codingPath, key), problem: "is missing")
        case .typeMismatch(let type, let context):
            return PolicyError(field: path(context.codingPath), problem: "has the wrong type (expected \(type))")
        case .valueNotFound(let type, let context):
            return PolicyError(field: path(context.codingPath), problem: "is null (expected \(type))")
        case .dataCorrupted(let context):
            return PolicyError(field: path(context.codingPath),
                               problem: context.codingPath.isEmpty ? "is not valid JSON" : context.debugDescription)
        @unknown default:
            return PolicyError(field: "", problem: "\(error)")
        }
    }
}
