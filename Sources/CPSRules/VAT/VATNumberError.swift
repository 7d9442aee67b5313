/// Why a VAT number was refused (R-VAT-1), in words for people and a code for programs.
///
/// A struct around a reason, so that adding a reason later breaks no client: compare ``reason`` with
/// the static members (`error.reason == .badCheckDigit`). Every reason is a refusal.
public struct VATNumberError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case empty, unknownCountry, wrongLength, badPattern, badCheckDigit
            case missingCountryPrefix, swedishWithout01, norwegianWithoutMVA, swissWithoutSuffix
            case dutchWithoutB01, austrianWithoutU, belgianNineDigits
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``VATNumberError/code``.
        public var description: String { representation.rawValue }

        /// The input is empty after removing formatting.
        public static let empty = Reason(.empty)
        /// The prefix names no supported country.
        public static let unknownCountry = Reason(.unknownCountry)
        /// The number has the wrong length for its country.
        public static let wrongLength = Reason(.wrongLength)
        /// The number has characters its country does not allow where they stand.
        public static let badPattern = Reason(.badPattern)
        /// The national check digit does not match.
        public static let badCheckDigit = Reason(.badCheckDigit)

        /// Digits only: the country prefix is missing (`556677889901`).
        public static let missingCountryPrefix = Reason(.missingCountryPrefix)
        /// `SE` and the 10-digit organisation number without the `01` that makes it a VAT number.
        public static let swedishWithout01 = Reason(.swedishWithout01)
        /// `NO` and 9 digits without the `MVA` suffix.
        public static let norwegianWithoutMVA = Reason(.norwegianWithoutMVA)
        /// `CHE` and 9 digits without `MWST`, `TVA` or `IVA`.
        public static let swissWithoutSuffix = Reason(.swissWithoutSuffix)
        /// `NL` and 9 digits without `B01` (B and two digits).
        public static let dutchWithoutB01 = Reason(.dutchWithoutB01)
        /// `AT` and 8 digits without the `U`.
        public static let austrianWithoutU = Reason(.austrianWithoutU)
        /// `BE` and 9 digits that do not make a valid number with the leading 0.
        public static let belgianNineDigits = Reason(.belgianNineDigits)

        /// Every reason, for tests and documentation.
        public static var allCases: [Reason] { Representation.allCases.map(Reason.init) }
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The input as given.
    public let input: String

    /// Creates an error.
    public init(_ reason: Reason, input: String) {
        self.reason = reason
        self.input = String(input.prefix(200))
    }

    /// `vat.<reason>`, e.g. `vat.badCheckDigit` (R-VAT-1).
    public var code: String { "vat.\(reason)" }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// The catalog key `vat.error.<reason>`.
    public var textKey: TextKey { TextKey("vat.error.\(reason)") }
    /// The input, for the `{input}` placeholder.
    public var messageArguments: [String: MessageArgument] { ["input": .text(input)] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [VATNumberError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .empty: VATNumberError(.empty, input: " ")
            case .unknownCountry: VATNumberError(.unknownCountry, input: "QQ123456789")
            case .wrongLength: VATNumberError(.wrongLength, input: "DE12345")
            case .badPattern: VATNumberError(.badPattern, input: "FRAB123456789")
            case .badCheckDigit: VATNumberError(.badCheckDigit, input: "SE556677889902")
            case .missingCountryPrefix: VATNumberError(.missingCountryPrefix, input: "556677889901")
            case .swedishWithout01: VATNumberError(.swedishWithout01, input: "SE5566778899")
            case .norwegianWithoutMVA: VATNumberError(.norwegianWithoutMVA, input: "NO917313008")
            case .swissWithoutSuffix: VATNumberError(.swissWithoutSuffix, input: "CHE-100.155.212")
            case .dutchWithoutB01: VATNumberError(.dutchWithoutB01, input: "NL004495445")
            case .austrianWithoutU: VATNumberError(.austrianWithoutU, input: "AT13585627")
            case .belgianNineDigits: VATNumberError(.belgianNineDigits, input: "BE403019262")
            }
        }
    }
}
