/// The membership-number sequence values this process has reserved from the global counter and not
/// used yet (R-MEM-2).
///
/// A purchase or a renewal never reads or writes ``MembershipNumberCounter`` in its own unit: that
/// would make every purchase of every account race every other one, and under load the last of many
/// concurrent purchases could lose every attempt the retry policy allows. Instead a unit *leases* a
/// value from here; when none is free, a small unit of its own advances the counter by a block
/// (``CPSContext/reserveMembershipNumbers(as:)``) — the way a database sequence hands out values
/// outside the transaction that uses them. A lease is given back when its unit wrote nothing (it
/// lost a race or failed before its commit), so the next purchase of this process takes the same
/// value and a single process numbers without gaps. Values still free when the process ends are
/// never used: gaps are allowed, uniqueness is held by the counter and by the membership's unique key.
///
/// The block starts at one value, so a quiet store advances the counter exactly as it numbers; each
/// reservation that had to retry (another process or task reserved at the same time) doubles the
/// next block, up to ``maximumBlock``.
final class MembershipNumberReservations: Sendable {
    /// The largest block one reservation takes.
    static let maximumBlock = 64

    private struct State {
        /// Reserved and not leased, ascending.
        var free: [Int] = []
        /// The size of the next reservation.
        var blockSize = 1
    }

    private let state = Locked(State())

    /// The size the next reservation should take.
    var blockSize: Int { state.withLock { $0.blockSize } }

    /// Leases the smallest free value, if any.
    func lease() -> Int? {
        state.withLock { state in state.free.isEmpty ? nil : state.free.removeFirst() }
    }

    /// Adds the values of a new reservation; `contended` (it had to retry) doubles the next block.
    func add(_ values: Range<Int>, contended: Bool) {
        state.withLock { state in
            state.free = (state.free + values).sorted()
            if contended { state.blockSize = min(state.blockSize * 2, Self.maximumBlock) }
        }
    }

    /// Gives leased values back: their unit wrote nothing.
    func release(_ values: [Int]) {
        guard !values.isEmpty else { return }
        state.withLock { state in state.free = (state.free + values).sorted() }
    }
}
