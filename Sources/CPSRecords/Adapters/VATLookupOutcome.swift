/// What a VAT registry said about a number (R-VAT-2).
///
/// Only ``invalid`` means the number is not registered. ``unavailable(reason:)`` means the registry
/// could not answer and **never counts as invalid**: callers keep the number and may ask again.
public enum VATLookupOutcome: Hashable, Codable, Sendable {
    /// The registry knows the number; name and address as it returned them, `nil` when withheld.
    case valid(name: String?, address: String?)
    /// The registry says the number is not registered.
    case invalid
    /// The registry could not answer (outage, timeout, rate limit, member-state service down).
    case unavailable(reason: String)

    /// True only for ``invalid`` (R-VAT-2: an unavailable registry never counts as invalid).
    public var countsAsInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    /// True only for ``valid(name:address:)``.
    public var isConfirmed: Bool {
        if case .valid = self { return true }
        return false
    }
}
