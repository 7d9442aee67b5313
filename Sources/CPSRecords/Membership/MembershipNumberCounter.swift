/// The global counter of membership numbers (R-MEM-2): the next sequence value to try.
///
/// Updated with its version in the same batch as the membership that takes the number, so two
/// purchases at once never take the same value (one gets a conflict and retries). Gaps are allowed;
/// uniqueness is also held by the membership's unique key.
public struct MembershipNumberCounter: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "membership-number-counter"
    /// The ID of the one counter.
    public static let singletonID = "membership-numbers"

    /// Always ``singletonID``.
    public let id: String
    /// The next sequence value to try (R-MEM-2).
    public var nextSequence: Int

    /// A counter starting at `nextSequence`.
    package init(nextSequence: Int = 1) {
        id = MembershipNumberCounter.singletonID
        self.nextSequence = nextSequence
    }
}
