import Foundation

extension InvoiceDocument {
    /// The facts of an issued invoice the document is built from; `CPSRecords` makes one from an
    /// `Invoice` and its `Membership` (R-IDOC-1).
    public struct Source: Hashable, Sendable {
        /// The invoice number.
        public var number: String
        /// The issue day and due day.
        public var due: InvoiceDueDate
        /// The company name as printed.
        public var customerName: String
        /// The customer's address as printed.
        public var customerAddress: PostalAddress
        /// The seller as invoiced.
        public var seller: InvoiceSeller
        /// Lines, VAT and totals.
        public var amounts: InvoiceAmounts
        /// The RF reference.
        public var creditorReference: RFCreditorReference
        /// Card or bank transfer.
        public var paymentMethod: PaymentMethod
        /// The buyer's reference: the membership number.
        public var buyerReference: String
        /// The membership term.
        public var supplyPeriod: SupplyPeriod
        /// Account credit already applied (`nil`: none; ignored on a credit note).
        public var prepaid: Money?
        /// Set for a credit note: the invoice it credits, the reason, the settlement (R-LIFE-5).
        public var credit: Credit?

        /// Creates the facts; with `credit` they are a credit note's (`number` its number, `due` its
        /// issue day; the due day is not used).
        public init(number: String, due: InvoiceDueDate, customerName: String, customerAddress: PostalAddress,
                    seller: InvoiceSeller, amounts: InvoiceAmounts, creditorReference: RFCreditorReference,
                    paymentMethod: PaymentMethod, buyerReference: String, supplyPeriod: SupplyPeriod,
                    prepaid: Money? = nil, credit: Credit? = nil) {
            self.number = number
            self.due = due
            self.customerName = customerName
            self.customerAddress = customerAddress
            self.seller = seller
            self.amounts = amounts
            self.creditorReference = creditorReference
            self.paymentMethod = paymentMethod
            self.buyerReference = buyerReference
            self.supplyPeriod = supplyPeriod
            self.prepaid = prepaid
            self.credit = credit
        }
    }

    /// What the account adds to the invoice: the language it reads, its Peppol address, its registration.
    public struct BuyerDetails: Hashable, Sendable {
        /// The customer's language (the receiving superuser's).
        public var language: Language
        /// The buyer's Peppol participant identifier, if it gave one; else derived from its VAT number.
        public var electronicAddress: ElectronicAddress?
        /// The buyer's company registration, if known.
        public var registration: CompanyRegistration?

        /// Creates the details.
        public init(language: Language, electronicAddress: ElectronicAddress? = nil, registration: CompanyRegistration? = nil) {
            self.language = language
            self.electronicAddress = electronicAddress
            self.registration = registration
        }
    }

    /// The first and last day of the service supplied: the membership term (Article 226(7)).
    public struct SupplyPeriod: Hashable, Sendable {
        /// The first day.
        public let start: CalendarDay
        /// The last day (inclusive).
        public let end: CalendarDay

        /// Creates a period.
        public init(start: CalendarDay, end: CalendarDay) {
            self.start = start
            self.end = max(start, end)
        }

        /// The period of a term from `start` to the first instant after it, `end`, in `timeZone`.
        public init(termStart start: Date, termEnd end: Date, timeZone: TimeZone) {
            self.init(start: CalendarDay(start, in: timeZone), end: CalendarDay(end.addingTimeInterval(-1), in: timeZone))
        }
    }

    /// A seller or buyer.
    public struct Party: Hashable, Sendable {
        /// The full name.
        public let name: String
        /// The address.
        public let address: PostalAddress
        /// The VAT number: the seller's always; the buyer's when it has one (required under reverse charge).
        public let vatNumber: VATNumber?
        /// The company registration (the seller's KvK number).
        public let registration: CompanyRegistration?
        /// The Peppol participant identifier, if known.
        public let electronicAddress: ElectronicAddress?
    }

    /// The EN 16931 VAT category (UNCL 5305) of the invoice's VAT treatment (R-BIL-5, R-IDOC-2).
    public enum VATCategory: String, Hashable, Sendable, CaseIterable {
        /// Standard rate (domestic, or an EU customer without a usable VAT number).
        case standard = "S"
        /// Reverse charge (Article 196).
        case reverseCharge = "AE"
        /// Outside the scope of EU VAT.
        case outsideScope = "O"

        /// The category of a treatment.
        public init(_ treatment: VATTreatment) {
            switch treatment {
            case .domestic, .sellerRate: self = .standard
            case .reverseCharge: self = .reverseCharge
            case .outsideScope: self = .outsideScope
            }
        }

        /// Whether VAT is charged.
        public var chargesVAT: Bool { self == .standard }

        /// The VATEX exemption reason code (BT-121): `VATEX-EU-AE`, `VATEX-EU-O`; `nil` for standard.
        public var exemptionReasonCode: String? {
            switch self {
            case .standard: nil
            case .reverseCharge: "VATEX-EU-AE"
            case .outsideScope: "VATEX-EU-O"
            }
        }
    }

    /// One line: quantity and nature of the service, unit price excluding VAT, net amount, VAT (Article 226(6), (8), (9)).
    public struct Line: Hashable, Sendable {
        /// The line number, "1", "2", … (BT-126).
        public let id: String
        /// The nature of the service.
        public let description: String
        /// The quantity.
        public let quantity: Int
        /// The unit price excluding VAT.
        public let unitPrice: Money
        /// Quantity × unit price, rounded to the minor unit.
        public let netAmount: Money
        /// The VAT category.
        public let category: VATCategory
        /// The VAT rate in percent (0 under reverse charge); `nil` outside the scope of VAT (BR-O-05).
        public let percent: Decimal?
    }

    /// The VAT of one category and rate (Article 226(8)–(10), BG-23).
    public struct VATSubtotal: Hashable, Sendable {
        /// The category.
        public let category: VATCategory
        /// The rate in percent; `nil` outside scope.
        public let percent: Decimal?
        /// The taxable amount.
        public let taxableAmount: Money
        /// The VAT.
        public let taxAmount: Money
        /// The note that gives the exemption's reason (reverse charge, outside scope); `nil` for standard.
        public let exemptionNote: InvoiceNote?
    }

    /// The document totals (BG-22).
    public struct Totals: Hashable, Sendable {
        /// The sum of the line net amounts (BT-106).
        public let lineExtension: Money
        /// The total without VAT (BT-109).
        public let taxExclusive: Money
        /// The VAT total (BT-110).
        public let vat: Money
        /// The total with VAT (BT-112).
        public let taxInclusive: Money
        /// Already paid: account credit applied (BT-113).
        public let prepaid: Money
        /// What is left to pay (BT-115).
        public let payable: Money
    }

    /// How the invoice is paid (R-BIL-1, R-BIL-3, R-BIL-4; BG-16).
    public struct Payment: Hashable, Sendable {
        /// Card or bank transfer.
        public let method: PaymentMethod
        /// The RF reference (BT-83), on every invoice.
        public let creditorReference: RFCreditorReference
        /// The account to pay to, for a bank transfer.
        public let bankAccount: BankAccount?
        /// Whether a bank transfer is a SEPA credit transfer (the currency is one of the policy's SEPA currencies).
        public let isSEPA: Bool

        /// The UNCL 4461 payment means code (BT-81): 48 card, 58 SEPA credit transfer, 30 credit transfer.
        public var meansCode: String {
            switch method {
            case .card: "48"
            case .bankTransfer: isSEPA ? "58" : "30"
            }
        }
    }
}
