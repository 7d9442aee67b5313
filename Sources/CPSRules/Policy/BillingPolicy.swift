import Foundation

/// The billing terms as data (SPEC §1 "Policy is data"; R-BIL-1…5, R-MEM-1): the seller and VAT
/// rates, the invoice's issue window, due days and number series, the card and bank-transfer follow-up,
/// and the membership term.
///
/// ``canonEurope`` is the default as of the seed; ``provenance`` says for every field whether its
/// default is sourced (seed, specification, Canon's public pages) or a placeholder. A host loads its
/// own with `JSONDecoder`. See `Documentation/PolicyReference-LevelsAndBilling.md`.
public struct BillingPolicy: Hashable, Codable, Sendable {
    /// The company that issues the invoices (R-BIL-5).
    public var seller: InvoiceSeller
    /// The invoicing currency (R-BIL-2).
    public var currency: Currency
    /// The time zone in which instants become calendar days: issue date, due date, overdue (R-BIL-2).
    public var timeZone: TimeZone
    /// The EU member states, for VAT (R-BIL-5). Northern Ireland (`XI`) is not listed: it is in the EU
    /// VAT area for goods only, and CPS sells services, so an `XI` customer is treated as GB.
    public var euMemberStates: [CountryCode]
    /// The standard VAT rate of each member state; only the seller's is charged today (R-BIL-5).
    public var vatRates: [VATRate]
    /// The latest issue time of the invoice after the purchase, in hours ("within a few hours", R-BIL-2).
    public var invoiceIssueWindowHours: Int
    /// Due date = issue date + this many calendar days (R-BIL-2).
    public var invoiceDueDays: Int
    /// The invoice number series (R-BIL-2).
    public var invoiceNumberFormat: InvoiceNumberFormat
    /// Days after the due date on which a declined card charge is retried, ascending (R-BIL-3).
    public var cardChargeRetryDaysAfterDue: [Int]
    /// Days after the last declined charge (card) or after the due date (bank) until the membership is
    /// suspended if still unpaid (R-BIL-3).
    public var suspensionGraceDays: Int
    /// Days after the due date on which an unpaid bank-transfer invoice gets a reminder (R-BIL-4).
    public var bankTransferReminderDaysAfterDue: [Int]
    /// Estimated local bank fees by payer country, shown with the bank-transfer notice (R-BIL-1).
    public var bankTransferFeeEstimates: [BankTransferFeeEstimate]
    /// The membership term in months (R-MEM-1).
    public var termMonths: Int
    /// Whether an early renewal runs from the current expiry (`true`) or from the renewal (R-MEM-1).
    public var earlyRenewalFromCurrentExpiry: Bool
    /// Whether an upgrade is credited with the unused part of the current term (R-MEM-1: no).
    public var upgradeCreditsUnusedTime: Bool
    /// Whether an upgrade starts a new term at the upgrade (`true`) or keeps the current expiry (R-MEM-1).
    public var upgradeStartsNewTerm: Bool
    /// Whether each field's default is sourced or a placeholder, by field name (SPEC §1).
    public var provenance: [String: PolicyProvenance]

    /// Creates a policy; every field is stated.
    public init(seller: InvoiceSeller, currency: Currency, timeZone: TimeZone, euMemberStates: [CountryCode],
                vatRates: [VATRate], invoiceIssueWindowHours: Int, invoiceDueDays: Int,
                invoiceNumberFormat: InvoiceNumberFormat, cardChargeRetryDaysAfterDue: [Int],
                suspensionGraceDays: Int, bankTransferReminderDaysAfterDue: [Int],
                bankTransferFeeEstimates: [BankTransferFeeEstimate], termMonths: Int,
                earlyRenewalFromCurrentExpiry: Bool, upgradeCreditsUnusedTime: Bool, upgradeStartsNewTerm: Bool,
                provenance: [String: PolicyProvenance]) {
        self.seller = seller
        self.currency = currency
        self.timeZone = timeZone
        self.euMemberStates = euMemberStates
        self.vatRates = vatRates
        self.invoiceIssueWindowHours = invoiceIssueWindowHours
        self.invoiceDueDays = invoiceDueDays
        self.invoiceNumberFormat = invoiceNumberFormat
        self.cardChargeRetryDaysAfterDue = cardChargeRetryDaysAfterDue
        self.suspensionGraceDays = suspensionGraceDays
        self.bankTransferReminderDaysAfterDue = bankTransferReminderDaysAfterDue
        self.bankTransferFeeEstimates = bankTransferFeeEstimates
        self.termMonths = termMonths
        self.earlyRenewalFromCurrentExpiry = earlyRenewalFromCurrentExpiry
        self.upgradeCreditsUnusedTime = upgradeCreditsUnusedTime
        self.upgradeStartsNewTerm = upgradeStartsNewTerm
        self.provenance = provenance
    }

    // MARK: - Look-ups

    /// Whether `country` is an EU member state for VAT on services (R-BIL-5).
    public func isEUMember(_ country: CountryCode) -> Bool { euMemberStates.contains(country) }

    /// The standard VAT rate of `country`, if the policy has one (R-BIL-5).
    public func vatRate(for country: CountryCode) -> VATRate? { vatRates.first { $0.country == country } }

    /// The latest time by which the invoice for a purchase at `purchase` is issued (R-BIL-2).
    public func latestIssueTime(afterPurchaseAt purchase: Date) -> Date {
        purchase.addingTimeInterval(TimeInterval(invoiceIssueWindowHours) * 3_600)
    }

    /// The due date of an invoice issued at `issuedAt` (R-BIL-2).
    public func dueDate(issuedAt: Date) -> InvoiceDueDate { InvoiceDueDate(issuedAt: issuedAt, policy: self) }

    /// The notice shown when a payer in `country` chooses bank transfer: "a bank transfer may bring
    /// local extra fees", with the policy's estimate for the country when it has one (R-BIL-1).
    public func bankTransferNotice(for country: CountryCode, language: Language = .english) -> InvoiceNote {
        if let estimate = bankTransferFeeEstimates.first(where: { $0.country == country }) {
            return InvoiceNote("billing.note.bankTransferFeesEstimate",
                               arguments: ["fee": estimate.fee.formatted(in: language), "country": country.code])
        }
        return InvoiceNote("billing.note.bankTransferFees")
    }
}

// MARK: - Canon Europe default

extension BillingPolicy {
    /// The EU-27 member states (as of 2026), sourced.
    public static let euMemberStates27: [CountryCode] = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// The standard VAT rates of the EU-27 as known for 2026 (R-BIL-5). NL 21 % is the rate charged
    /// by the default seller and is sourced; rates that changed in 2024–2025 (EE, FI, RO, SK) are
    /// marked placeholder until checked against the European Commission's table for 2026.
    public static let euStandardVATRates2026: [VATRate] = {
        let sourced: [(CountryCode, Decimal)] = [
            ("AT", 20), ("BE", 21), ("BG", 20), ("CY", 19), ("CZ", 21), ("DE", 19), ("DK", 25),
            ("ES", 21), ("FR", 20), ("GR", 24), ("HR", 25), ("HU", 27), ("IE", 23), ("IT", 22),
            ("LT", 21), ("LU", 17), ("LV", 21), ("MT", 18), ("NL", 21), ("PL", 23), ("PT", 23),
            ("SE", 25), ("SI", 22),
        ]
        let toCheck: [(CountryCode, Decimal)] = [
            ("EE", 24), ("FI", Decimal(255) / 10), ("RO", 21), ("SK", 23),
        ]
        return (sourced.map { VATRate($0.0, percent: $0.1, provenance: .sourced) }
            + toCheck.map { VATRate($0.0, percent: $0.1, provenance: .placeholder) })
            .sorted { $0.country < $1.country }
    }()

    /// The default as of the seed: Canon Europa N.V. (NL) invoicing in EUR from the Netherlands' time
    /// zone, 30 days to pay, one-year terms (R-BIL-1…5, R-MEM-1). ``provenance`` marks each field.
    public static let canonEurope = BillingPolicy(
        seller: .canonEuropa,
        currency: .eur,
        timeZone: TimeZone(identifier: "Europe/Amsterdam") ?? .gmt,
        euMemberStates: euMemberStates27,
        vatRates: euStandardVATRates2026,
        invoiceIssueWindowHours: 4,
        invoiceDueDays: 30,
        invoiceNumberFormat: .canonEurope,
        cardChargeRetryDaysAfterDue: [3, 5, 7],
        suspensionGraceDays: 14,
        bankTransferReminderDaysAfterDue: [7, 14],
        bankTransferFeeEstimates: [],
        termMonths: 12,
        earlyRenewalFromCurrentExpiry: true,
        upgradeCreditsUnusedTime: false,
        upgradeStartsNewTerm: true,
        provenance: [
            "seller": .sourced,                            // [public] Canon Europa N.V., NL005916343B01
            "currency": .sourced,                          // [public] fees are in euro
            "timeZone": .placeholder,                      // the seller's country; not stated
            "euMemberStates": .sourced,                    // EU-27
            "vatRates": .sourced,                          // per entry; see VATRate.provenance
            "invoiceIssueWindowHours": .placeholder,       // seed: "within a few hours"
            "invoiceDueDays": .sourced,                    // seed: "usually within 30 days"
            "invoiceNumberFormat": .placeholder,
            "cardChargeRetryDaysAfterDue": .placeholder,
            "suspensionGraceDays": .sourced,               // SPEC R-BIL-3 default 14 days
            "bankTransferReminderDaysAfterDue": .placeholder,
            "bankTransferFeeEstimates": .placeholder,      // none known
            "termMonths": .sourced,                        // seed/[public]: one year
            "earlyRenewalFromCurrentExpiry": .sourced,     // [public]
            "upgradeCreditsUnusedTime": .sourced,          // [public]: full fee, no credit
            "upgradeStartsNewTerm": .placeholder,
        ])
}
