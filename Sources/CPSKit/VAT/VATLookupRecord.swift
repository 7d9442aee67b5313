import Foundation

// TEMPORARY stand-in until the VAT issue's registry adapter lands (R-VAT-2).

/// The answer of a VAT registry look-up (R-VAT-2).
public enum VATLookupOutcome: Codable, Sendable, Equatable {
    /// The registry knows the number.
    case valid(name: String?, address: String?)
    /// The registry says the number is not valid.
    case invalid
    /// The registry could not answer; never counts as invalid.
    case unavailable(reason: String)
}

/// A look-up result kept for the audit (R-VAT-2).
public struct VATLookupRecord: Codable, Sendable, Equatable {
    /// The number looked up.
    public var number: VATNumber
    /// The answer.
    public var outcome: VATLookupOutcome
    /// When it was asked.
    public var checkedAt: Date
}
