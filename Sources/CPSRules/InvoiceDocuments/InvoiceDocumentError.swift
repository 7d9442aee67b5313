/// Why an invoice document could not be built or rendered (R-IDOC-1, R-IDOC-2), in words for people
/// and a code for programs. A struct around a reason, like every CPSKit error.
public struct InvoiceDocumentError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case missingBuyerVATNumber, missingBuyerEndpoint, unprintableCharacter, mixedCurrencies, invoiceNotFound, creditNoteNotFound,
                 invalidElectronicAddress
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``InvoiceDocumentError/code``.
        public var description: String { representation.rawValue }

        /// A reverse-charge invoice without the customer's VAT number (Article 226(4); BR-AE-02).
        public static let missingBuyerVATNumber = Reason(.missingBuyerVATNumber)
        /// No Peppol electronic address for the buyer: none given and none derivable from its VAT
        /// number (BR-63, R-IDOC-2).
        public static let missingBuyerEndpoint = Reason(.missingBuyerEndpoint)
        /// A character the PDF's fonts cannot show (R-IDOC-1): never printed as "?".
        public static let unprintableCharacter = Reason(.unprintableCharacter)
        /// Amounts of the invoice in more than one currency.
        public static let mixedCurrencies = Reason(.mixedCurrencies)
        /// No such invoice in the account (or it is not the account's).
        public static let invoiceNotFound = Reason(.invoiceNotFound)
        /// No such credit note in the account (or it is not the account's; R-LIFE-5).
        public static let creditNoteNotFound = Reason(.creditNoteNotFound)
        /// A Peppol electronic address that is not `scheme:identifier` with a four-digit scheme (R-IDOC-2).
        public static let invalidElectronicAddress = Reason(.invalidElectronicAddress)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The facts that fill the message.
    public let facts: [String: String]

    /// Creates an error with the facts its message needs.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts.mapValues { String($0.prefix(200)) }
    }

    /// `invoiceDocument.<reason>`.
    public var code: String { "invoiceDocument.\(reason)" }
    /// `invoiceDocument.error.<reason>`.
    public var textKey: TextKey { TextKey("invoiceDocument.error.\(reason)") }
    /// A refusal of the input.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts, countries: ["country"])
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [InvoiceDocumentError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .missingBuyerVATNumber: InvoiceDocumentError(.missingBuyerVATNumber, facts: ["number": "CPS-2026-000001"])
            case .missingBuyerEndpoint: InvoiceDocumentError(.missingBuyerEndpoint, facts: ["country": "FR"])
            case .unprintableCharacter: InvoiceDocumentError(.unprintableCharacter, facts: ["character": "Ω", "codePoint": "U+03A9"])
            case .mixedCurrencies: InvoiceDocumentError(.mixedCurrencies, facts: ["left": "EUR", "right": "SEK"])
            case .invoiceNotFound: InvoiceDocumentError(.invoiceNotFound)
            case .creditNoteNotFound: InvoiceDocumentError(.creditNoteNotFound)
            case .invalidElectronicAddress: InvoiceDocumentError(.invalidElectronicAddress, facts: ["text": "SE5560360793"])
            }
        }
    }
}
