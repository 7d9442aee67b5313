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
    /// How long personal data is kept (R-GDPR-2): the evidence files' days after the decision.
    public var retention: RetentionPolicy = RetentionPolicy()
    /// Territories of participating countries where CPS is not offered, by country code, recognised
    /// by postal code (R-ACC-3). Default ``ExcludedTerritory/canonEurope``.
    public var excludedTerritories: [String: [ExcludedTerritory]] = ExcludedTerritory.canonEurope
    /// Renewal notice days, automatic card renewal and the terms version (R-LIFE-1, R-LIFE-6).
    public var lifecycle: LifecyclePolicy = LifecyclePolicy()

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
                retries: RetryPolicy = RetryPolicy(), jobs: JobPolicy = JobPolicy(),
                retention: RetentionPolicy = RetentionPolicy()) {
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
        self.retention = retention
    }

    /// Whether companies from `country` may apply (R-ACC-3).
    public func isParticipating(_ country: CountryCode) -> Bool { participatingCountries.contains(country) }

    /// The excluded territory `address` lies in, if any (R-ACC-3).
    public func excludedTerritory(of address: PostalAddress) -> ExcludedTerritory? {
        excludedTerritories[address.country.code]?.first { $0.contains(postalCode: address.postalCode) }
    }

    // MARK: - Loading

    /// Decodes a host's policy from JSON and checks its values; the error names the field.
    /// A document that is not valid UTF-8 is refused as a whole (nothing is repaired with U+FFFD).
    public static func load(json data: Data) throws(PolicyError) -> CPSPolicy {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw PolicyError(.notJSON, field: "", detail: "the document is not valid UTF-8 text (RFC 8259 JSON is UTF-8)")
        }
        let policy: CPSPolicy
        do {
            policy = try JSONDecoder().decode(CPSPolicy.self, from: data)
        } catch let error as DecodingError {
            throw PolicyError.from(error)
        } catch {
            throw PolicyError(.notJSON, field: "", detail: "\(error)")
        }
        try policy.validate()
        return policy
    }

    /// Checks values that decode but make no sense (a negative SLA, an unknown time zone, …).
    public func validate() throws(PolicyError) {
        if TimeZone(identifier: timeZoneIdentifier) == nil {
            throw PolicyError(.unknownTimeZone, field: "timeZoneIdentifier", value: timeZoneIdentifier)
        }
        if participatingCountries.isEmpty { throw PolicyError(.empty, field: "participatingCountries") }
        if !(0...30).contains(validation.slaWorkingDays) {
            throw PolicyError(.outOfRange, field: "validation.slaWorkingDays", minimum: .number(0), maximum: .number(30))
        }
        if let hour = validation.cutoffHour, !(0...23).contains(hour) {
            throw PolicyError(.outOfRange, field: "validation.cutoffHour", minimum: .number(0), maximum: .number(23))
        }
        if passwords.tokenBytes < 16 { throw PolicyError(.belowMinimum, field: "passwords.tokenBytes", minimum: .number(16)) }
        if passwords.tokenLifetimeHours < 1 { throw PolicyError(.belowMinimum, field: "passwords.tokenLifetimeHours", minimum: .number(1)) }
        if passwords.minimumLength < 8 || passwords.maximumLength < passwords.minimumLength {
            throw PolicyError(.outOfRange, field: "passwords.minimumLength", minimum: .number(8),
                              maximum: .text("passwords.maximumLength"))
        }
        if passwords.hashIterations < 1 {
            throw PolicyError(.belowMinimum, field: "passwords.hashIterations", minimum: .number(1))
        }
        if !(1...3_600).contains(passwords.claimHoldSeconds) {
            throw PolicyError(.outOfRange, field: "passwords.claimHoldSeconds", minimum: .number(1), maximum: .number(3_600))
        }
        let throttle = passwords.throttle
        for (name, value) in [("attempts", throttle.attempts), ("windowSeconds", throttle.windowSeconds),
                              ("lockSeconds", throttle.lockSeconds)] where value < 1 {
            throw PolicyError(.belowMinimum, field: "passwords.throttle.\(name)", minimum: .number(1))
        }
        if !(1...1_000_000).contains(throttle.buckets) {
            throw PolicyError(.outOfRange, field: "passwords.throttle.buckets", minimum: .number(1), maximum: .number(1_000_000))
        }
        if !(1...1_000).contains(throttle.entriesPerBucket) {
            throw PolicyError(.outOfRange, field: "passwords.throttle.entriesPerBucket", minimum: .number(1), maximum: .number(1_000))
        }
        if !mail.passwordLinkTemplate.contains("{token}") {
            throw PolicyError(.missingPlaceholder, field: "mail.passwordLinkTemplate", value: "{token}")
        }
        if evidence.maximumFileBytes < 1 { throw PolicyError(.belowMinimum, field: "evidence.maximumFileBytes", minimum: .number(1)) }
        if evidence.editions[evidence.defaultEdition] == nil {
            throw PolicyError(.unknownEdition, field: "evidence.defaultEdition", value: evidence.defaultEdition)
        }
        for (country, edition) in evidence.editionByCountry where evidence.editions[edition] == nil {
            throw PolicyError(.unknownEdition, field: "evidence.editionByCountry.\(country)", value: edition)
        }
        try products.validate()
        try validateLevelsAndBilling()
        try retries.validate()
        try jobs.validate()
        try retention.validate()
        try lifecycle.validate()
    }

    /// Values that validate but do not suit production, reported as ``CPSEvent/policyWarning(field:problem:)``
    /// when a context is made with the policy.
    public var warnings: [PolicyWarning] {
        var warnings: [PolicyWarning] = []
        if retries.attempts == 1 {
            warnings.append(PolicyWarning(field: "retries.attempts", textKey: "policy.warning.singleAttempt"))
        }
        if passwords.hashIterations < PasswordPolicy.warningHashIterations {
            warnings.append(PolicyWarning(field: "passwords.hashIterations", textKey: "policy.warning.lowHashIterations",
                                          arguments: ["count": .number(passwords.hashIterations),
                                                      "production": .number(PasswordPolicy.defaultHashIterations)]))
        }
        return warnings
    }

    // MARK: - Codable with per-section defaults

    private enum CodingKeys: String, CodingKey {
        case name, participatingCountries, timeZoneIdentifier, fieldLimits, evidence, validation, mail, passwords, calendar, products
        case levels, billing, retries, jobs, excludedTerritories, retention, lifecycle
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
        retention = try c.decodeIfPresent(RetentionPolicy.self, forKey: .retention) ?? d.retention
        excludedTerritories = try c.decodeIfPresent([String: [ExcludedTerritory]].self, forKey: .excludedTerritories)
            ?? d.excludedTerritories
        lifecycle = try c.decodeIfPresent(LifecyclePolicy.self, forKey: .lifecycle) ?? d.lifecycle
    }

    /// The checks of the `levels` and `billing` sections (R-TIER-1, R-TIER-2, R-BIL-1…5, R-MEM-1).
    private func validateLevelsAndBilling() throws(PolicyError) {
        if levels.individualLevels.isEmpty && levels.businessLevels.isEmpty {
            throw PolicyError(.noLevels, field: "levels")
        }
        let fees = levels.individualLevels.map(\.yearlyFee) + levels.businessLevels.map(\.yearlyFee)
        if fees.contains(where: { $0.currency != billing.currency || $0.isNegative }) {
            throw PolicyError(.feeNotPositiveOrWrongCurrency, field: "levels", value: billing.currency.code)
        }
        if !(1...72).contains(billing.invoiceIssueWindowHours) {
            throw PolicyError(.outOfRange, field: "billing.invoiceIssueWindowHours", minimum: .number(1), maximum: .number(72))
        }
        if !(0...365).contains(billing.invoiceDueDays) {
            throw PolicyError(.outOfRange, field: "billing.invoiceDueDays", minimum: .number(0), maximum: .number(365))
        }
        if !(0...365).contains(billing.suspensionGraceDays) {
            throw PolicyError(.outOfRange, field: "billing.suspensionGraceDays", minimum: .number(0), maximum: .number(365))
        }
        if !(1...120).contains(billing.termMonths) {
            throw PolicyError(.outOfRange, field: "billing.termMonths", minimum: .number(1), maximum: .number(120))
        }
        if (billing.cardChargeRetryDaysAfterDue + billing.bankTransferReminderDaysAfterDue).contains(where: { !(1...365).contains($0) }) {
            throw PolicyError(.outOfRange, field: "billing.cardChargeRetryDaysAfterDue", minimum: .number(1), maximum: .number(365))
        }
        if billing.vatRate(for: billing.seller.country) == nil {
            throw PolicyError(.missingSellerVATRate, field: "billing.vatRates", value: billing.seller.country.code)
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
            return PolicyError(.missing, field: path(context.codingPath, key))
        case .typeMismatch(let type, let context):
            return PolicyError(.wrongType, field: path(context.codingPath), detail: "expected \(type)")
        case .valueNotFound(let type, let context):
            return PolicyError(.null, field: path(context.codingPath), detail: "expected \(type)")
        case .dataCorrupted(let context):
            return PolicyError(context.codingPath.isEmpty ? .notJSON : .unreadableValue, field: path(context.codingPath),
                               detail: context.debugDescription)
        @unknown default:
            return PolicyError(.notJSON, field: "", detail: "\(error)")
        }
    }
}
