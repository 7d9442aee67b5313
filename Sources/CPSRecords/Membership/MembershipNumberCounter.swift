/// The global counter of membership numbers (R-MEM-2): the first sequence value no process has
/// reserved.
///
/// A process reserves a block of values by advancing it, with its version, in a small unit of its own
/// (two reservations at once: one conflicts and retries); purchases and renewals then take values from
/// their process's reservation and never touch the counter, so they do not race each other. Gaps are
/// allowed (values reserved and never used); uniqueness is also held by the membership's unique key.
public struct MembershipNumberCounter: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "membership-number-counter"
    /// The ID of the one counter.
    public static let singletonID = "membership-numbers"

    /// Always ``singletonID``.
    public let id: String
    /// The first sequence value not reserved yet (R-MEM-2).
    public var nextSequence: Int

    /// A counter starting at `nextSequence`.
    package init(nextSequence: Int = 1) {
        id = MembershipNumberCounter.singletonID
        self.nextSequence = nextSequence
    }
}
