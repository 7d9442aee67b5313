import Foundation

/// A cancellation at the end of the term (R-LIFE-3): the membership stays usable until its term ends
/// and does not renew; the superuser may undo it until then. Nothing is refunded for the current term.
public struct MembershipCancellation: Hashable, Codable, Sendable {
    /// The reason from the fixed list.
    public let reason: CancellationReason
    /// The superuser's own words (at most 500 characters), if any.
    public let note: String?
    /// When it was cancelled.
    public let cancelledAt: Date
    /// Who cancelled, as ``Principal/description``.
    public let cancelledBy: String

    /// A cancellation by `principal` at `instant`.
    package init(reason: CancellationReason, note: String?, cancelledAt: Date, cancelledBy: Principal) {
        self.reason = reason
        self.note = note.map { String($0.prefix(500)) }
        self.cancelledAt = cancelledAt
        self.cancelledBy = cancelledBy.description
    }
}
