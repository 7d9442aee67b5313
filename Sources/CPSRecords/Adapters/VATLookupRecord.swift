import Foundation

/// One registry answer kept for the audit (R-VAT-2): which number was looked up, what the registry
/// said, and when.
///
/// An ``VATLookupOutcome/unavailable(reason:)`` record documents that a check was attempted; it never
/// counts as invalid (``countsAsInvalid`` is true only for ``VATLookupOutcome/invalid``).
public struct VATLookupRecord: Hashable, Codable, Sendable {
    /// The number looked up, in its compact form (R-VAT-1).
    public let number: VATNumber
    /// What the registry said.
    public let outcome: VATLookupOutcome
    /// When the registry answered (from the injected ``TimeSource``, R-ADP-3).
    public let checkedAt: Date

    /// Creates a record.
    public init(number: VATNumber, outcome: VATLookupOutcome, checkedAt: Date) {
        self.number = number
        self.outcome = outcome
        self.checkedAt = checkedAt
    }

    /// True only when the registry said the number is not registered (R-VAT-2).
    public var countsAsInvalid: Bool { outcome.countsAsInvalid }
}
