/// Why a VAT number was refused (R-VAT-1), in words for people and a code for programs.
public struct VATNumberError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The input is empty after removing formatting.
        case empty
        /// The prefix names no supported country.
        case unknownCountry
        /// The number has the wrong length for its country.
        case wrongLength
        /// The number has characters its country does not allow where they stand.
        case badPattern
        /// The national check digit does not match.
        case badCheckDigit
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The input as given.
    public let input: String

    /// Creates an error.
    public init(_ reason: Reason, input: String) {
        self.reason = reason
        self.input = input
    }

    /// `vat.<reason>`, e.g. `vat.badCheckDigit` (R-VAT-1).
    public var code: String { "vat.\(reason.rawValue)" }
    /// The catalog key `vat.error.<reason>`.
    public var textKey: TextKey { TextKey("vat.error.\(reason.rawValue)") }
    /// The input, for the `{input}` placeholder.
    public var textArguments: [String: String] { ["input": input] }
}
