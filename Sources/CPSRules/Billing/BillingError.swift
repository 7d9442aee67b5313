/// Why a billing rule refused its input (R-BIL-2, R-BIL-4, R-BIL-5), in words for people and a code
/// for programs.
///
/// A struct around a reason, so that adding a reason later breaks no client's `switch`: compare
/// ``reason`` with the static members (`error.reason == .mixedCurrencies`). Every refusal is thrown
/// before anything changes (SPEC §12).
public struct BillingError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case mixedCurrencies, unknownCurrency, invalidAmount, tooManyDecimals, invalidCreditorReference, illegalInvoiceTransition, missingVATRate, invalidInvoiceLine, invalidInvoiceNumber
            case chargeInProgress, unknownInvoice, missingVoidReason, voidInstead, creditExceedsInvoice
            case unknownCreditNote, nothingToRefund, notPaidByCard, refundExceedsCaptured, refundInProgress, missingBankRefundReference
            case paidWithAccountCredit, creditAlreadyUsed, refundRefused, chargebackNotPossible
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``BillingError/code``.
        public var description: String { representation.rawValue }

        /// Arithmetic or comparison on amounts in two different currencies (R-BIL-2).
        public static let mixedCurrencies = Reason(.mixedCurrencies)
        /// A currency code that is not ISO 4217 or not known to CPSKit (R-BIL-2).
        public static let unknownCurrency = Reason(.unknownCurrency)
        /// An amount that is not a plain decimal number such as `12.34` (R-BIL-2).
        public static let invalidAmount = Reason(.invalidAmount)
        /// An amount with more decimals than the currency's minor unit allows (R-BIL-2).
        public static let tooManyDecimals = Reason(.tooManyDecimals)
        /// An RF creditor reference that is malformed or whose check digits do not match (R-BIL-4).
        public static let invalidCreditorReference = Reason(.invalidCreditorReference)
        /// An invoice state change that the invoice life cycle does not allow (R-BIL-2).
        public static let illegalInvoiceTransition = Reason(.illegalInvoiceTransition)
        /// The policy has no VAT rate for a country it needs one for (R-BIL-5).
        public static let missingVATRate = Reason(.missingVATRate)
        /// An invoice without lines, or a line with a quantity below one (R-BIL-2).
        public static let invalidInvoiceLine = Reason(.invalidInvoiceLine)
        /// An invoice number that does not follow the policy's series format (R-BIL-2).
        public static let invalidInvoiceNumber = Reason(.invalidInvoiceNumber)
        /// A card charge of the invoice has been claimed or made: it cannot be voided now (R-LIFE-5).
        public static let chargeInProgress = Reason(.chargeInProgress)
        /// No invoice has that ID (R-LIFE-5).
        public static let unknownInvoice = Reason(.unknownInvoice)
        /// Voiding needs a reason in words (R-LIFE-5).
        public static let missingVoidReason = Reason(.missingVoidReason)
        /// A credit note for an open invoice nothing of which is paid: void it instead (R-LIFE-5).
        public static let voidInstead = Reason(.voidInstead)
        /// The credit notes would credit more than the invoice's total (R-LIFE-5).
        public static let creditExceedsInvoice = Reason(.creditExceedsInvoice)
        /// There is no such credit note (R-LIFE-5).
        public static let unknownCreditNote = Reason(.unknownCreditNote)
        /// The credit note has no credited part to refund: all of it reduced what was due (R-LIFE-5).
        public static let nothingToRefund = Reason(.nothingToRefund)
        /// The invoice was not paid by a card charge: record a bank refund instead (R-LIFE-5).
        public static let notPaidByCard = Reason(.notPaidByCard)
        /// The refunds of the invoice's charge would total more than it captured (R-LIFE-5).
        public static let refundExceedsCaptured = Reason(.refundExceedsCaptured)
        /// The credit note is refunded already, or its refund is being made another way (R-LIFE-5).
        public static let refundInProgress = Reason(.refundInProgress)
        /// A bank refund needs the reference of the transfer made (R-LIFE-5).
        public static let missingBankRefundReference = Reason(.missingBankRefundReference)
        /// The invoice was paid wholly with account credit: nothing was captured on a card, so the
        /// credit stays account credit (R-LIFE-5).
        public static let paidWithAccountCredit = Reason(.paidWithAccountCredit)
        /// The credit note's credit has been applied to a later invoice (or refunded): the account
        /// holds less than the refund (R-LIFE-5).
        public static let creditAlreadyUsed = Reason(.creditAlreadyUsed)
        /// The payment gateway refused the card refund: nothing was refunded, the amount is account
        /// credit again, and the refund can be asked for again (R-LIFE-5).
        public static let refundRefused = Reason(.refundRefused)
        /// A chargeback for an invoice that is not a paid card invoice, for more than its card charge
        /// captured and was not refunded, or a second, different chargeback (R-LIFE-5).
        public static let chargebackNotPossible = Reason(.chargebackNotPossible)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The facts that fill the message, e.g. `["left": "EUR", "right": "SEK"]`.
    public let facts: [String: String]

    /// Creates an error with the facts its message needs.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts.mapValues { String($0.prefix(200)) }
    }

    /// `billing.<reason>`, e.g. `billing.mixedCurrencies`.
    public var code: String { "billing.\(reason)" }

    // MARK: - LocalizedFailure

    /// `billing.error.<reason>` (R-BIL-2, R-BIL-4, R-BIL-5).
    public var textKey: TextKey { TextKey("billing.error.\(reason)") }
    /// A refusal, except a policy without a needed VAT rate: a configuration error.
    public var category: FailureCategory {
        reason == .missingVATRate ? .configuration : .refusal
    }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts, counts: ["digits", "line"], countries: ["country"],
                              terms: ["from": "billing.invoiceStatus.", "to": "billing.invoiceStatus."])
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [BillingError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .mixedCurrencies: BillingError(.mixedCurrencies, facts: ["left": "EUR", "right": "SEK"])
            case .unknownCurrency: BillingError(.unknownCurrency, facts: ["currency": "XYZ"])
            case .invalidAmount: BillingError(.invalidAmount, facts: ["amount": "12,3,4", "currency": "EUR"])
            case .tooManyDecimals: BillingError(.tooManyDecimals, facts: ["amount": "12.345", "digits": "2", "currency": "EUR"])
            case .invalidCreditorReference: BillingError(.invalidCreditorReference, facts: ["reference": "RF00 1234"])
            case .illegalInvoiceTransition: BillingError(.illegalInvoiceTransition, facts: ["from": "paid", "to": "open"])
            case .missingVATRate: BillingError(.missingVATRate, facts: ["country": "FR"])
            case .invalidInvoiceLine: BillingError(.invalidInvoiceLine, facts: ["line": "2"])
            case .invalidInvoiceNumber: BillingError(.invalidInvoiceNumber, facts: ["number": "INV-X"])
            case .chargeInProgress: BillingError(.chargeInProgress, facts: ["number": "CPS-2026-000001"])
            case .unknownInvoice: BillingError(.unknownInvoice)
            case .missingVoidReason: BillingError(.missingVoidReason)
            case .voidInstead: BillingError(.voidInstead, facts: ["number": "CPS-2026-000001"])
            case .creditExceedsInvoice: BillingError(.creditExceedsInvoice, facts: ["number": "CPS-2026-000001", "left": "EUR 20.00"])
            case .unknownCreditNote: BillingError(.unknownCreditNote)
            case .nothingToRefund: BillingError(.nothingToRefund, facts: ["number": "CN-CPS-2026-000001"])
            case .notPaidByCard: BillingError(.notPaidByCard, facts: ["number": "CPS-2026-000001"])
            case .refundExceedsCaptured: BillingError(.refundExceedsCaptured, facts: ["number": "CPS-2026-000001", "left": "EUR 20.00"])
            case .refundInProgress: BillingError(.refundInProgress, facts: ["number": "CN-CPS-2026-000001"])
            case .missingBankRefundReference: BillingError(.missingBankRefundReference)
            case .paidWithAccountCredit: BillingError(.paidWithAccountCredit, facts: ["number": "CPS-2026-000001"])
            case .creditAlreadyUsed: BillingError(.creditAlreadyUsed, facts: ["number": "CN-CPS-2026-000001", "left": "EUR 20.00"])
            case .refundRefused: BillingError(.refundRefused, facts: ["number": "CN-CPS-2026-000001", "amount": "EUR 20.00"])
            case .chargebackNotPossible: BillingError(.chargebackNotPossible, facts: ["number": "CPS-2026-000001"])
            }
        }
    }
}
