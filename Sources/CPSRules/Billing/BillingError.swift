/// Why a billing rule refused its input (R-BIL-2, R-BIL-4, R-BIL-5), in words for people and a code
/// for programs.
///
/// A struct around a reason, so that adding a reason later breaks no client's `switch`: compare
/// ``reason`` with the static members (`error.reason == .mixedCurrencies`). Every refusal is thrown
/// before anything changes (SPEC §12).
public struct BillingError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        /// The reason's name, as in ``code``.
        public var description: String { name }

        /// Arithmetic or comparison on amounts in two different currencies (R-BIL-2).
        public static let mixedCurrencies = Reason("mixedCurrencies")
        /// A currency code that is not ISO 4217 or not known to CPSKit (R-BIL-2).
        public static let unknownCurrency = Reason("unknownCurrency")
        /// An amount that is not a plain decimal number such as `12.34` (R-BIL-2).
        public static let invalidAmount = Reason("invalidAmount")
        /// An amount with more decimals than the currency's minor unit allows (R-BIL-2).
        public static let tooManyDecimals = Reason("tooManyDecimals")
        /// An RF creditor reference that is malformed or whose check digits do not match (R-BIL-4).
        public static let invalidCreditorReference = Reason("invalidCreditorReference")
        /// An invoice state change that the invoice life cycle does not allow (R-BIL-2).
        public static let illegalInvoiceTransition = Reason("illegalInvoiceTransition")
        /// The policy has no VAT rate for a country it needs one for (R-BIL-5).
        public static let missingVATRate = Reason("missingVATRate")
        /// An invoice without lines, or a line with a quantity below one (R-BIL-2).
        public static let invalidInvoiceLine = Reason("invalidInvoiceLine")
        /// An invoice number that does not follow the policy's series format (R-BIL-2).
        public static let invalidInvoiceNumber = Reason("invalidInvoiceNumber")
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
    /// The facts of the refusal.
    public var textArguments: [String: String] { facts }
}
