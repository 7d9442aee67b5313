/// Whether a CPS membership can be used (R-MEM-1, R-BIL-3).
public enum MembershipStatus: String, Codable, Sendable, CaseIterable {
    /// Usable from the purchase on, before payment (R-MEM-1).
    case active
    /// Unpaid after the grace period: not usable until its invoice is paid (R-BIL-3, R-BIL-4).
    case suspended
    /// Replaced by an upgrade (R-MEM-1); kept on record with its number (R-MEM-2).
    case ended
}

/// Named in the reader's language (R-MSG-1, R-MEM-1).
extension MembershipStatus: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.membershipStatus.\(rawValue)") }
}
