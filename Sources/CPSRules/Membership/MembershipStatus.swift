/// Whether a CPS membership can be used (R-MEM-1, R-BIL-3, R-LIFE-2, R-LIFE-3).
///
/// A record stores `active`, `suspended` or `ended`; `scheduled`, `expired` and `cancelled` are
/// derived at an instant by `Membership.status(at:)` from the term and the cancellation (R-LIFE-2).
public enum MembershipStatus: String, Codable, Sendable, CaseIterable {
    /// Usable from the purchase on, before payment (R-MEM-1).
    case active
    /// Unpaid after the grace period: not usable until its invoice is paid (R-BIL-3, R-BIL-4).
    case suspended
    /// Replaced by an upgrade (R-MEM-1); kept on record with its number (R-MEM-2).
    case ended
    /// Derived: a renewal term that has not begun yet; it starts at the current term's expiry (R-LIFE-1).
    case scheduled
    /// Derived: the term ended without a paid or pending renewal (R-LIFE-2); buying again starts a new
    /// term with a new number.
    case expired
    /// Derived: the term ended after the superuser cancelled it at period end (R-LIFE-3).
    case cancelled

    /// Whether the member can use CPS in this state (only `active`).
    public var isUsable: Bool { self == .active }
}

/// Named in the reader's language (R-MSG-1, R-MEM-1).
extension MembershipStatus: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.membershipStatus.\(rawValue)") }
}
