/// Records in first-insertion order (R-ADP-1): the `(sequence, id)` of every record that joined a list
/// (a kind, or the holders of one index key), sorted by insertion sequence, for ordered reads and pages
/// that cost the page, not the kind.
///
/// Leaving is lazy: a record deleted, or updated so that it no longer holds the index key, keeps its
/// slot, which the owner (``RecordTable``) recognises as stale (the record is gone, has another
/// sequence, or lacks the key) and skips. The list counts its stale slots and is pruned when more than
/// half of it is stale, so a read walks at most about twice the live records it passes. A record's
/// sequence never changes while it lives, so a record that rejoins (an update that gives an index key
/// back) finds its old slot by binary search instead of adding a second one.
struct SequenceList: Sendable {
    struct Slot: Sendable {
        let sequence: UInt64
        let id: String
    }

    /// The slots, by ascending sequence; some may be stale.
    private(set) var slots: [Slot] = []
    /// How many of ``slots`` are stale.
    private(set) var staleCount = 0

    init() {}

    /// A list of `slots` sorted by sequence, none stale.
    init(sortedSlots: [Slot]) { slots = sortedSlots }

    /// The slots that are not stale.
    var liveCount: Int { slots.count - staleCount }

    /// Adds the record `id` at `sequence`: appended when it is the newest (every insert), otherwise
    /// inserted in place, or its stale slot revived.
    mutating func add(sequence: UInt64, id: String) {
        if let last = slots.last, last.sequence >= sequence {
            let position = firstIndex(atOrAfter: sequence)
            if position < slots.count, slots[position].sequence == sequence {
                // The record's own slot, stale since it left.
                staleCount = max(0, staleCount - 1)
                return
            }
            slots.insert(Slot(sequence: sequence, id: id), at: position)
        } else {
            slots.append(Slot(sequence: sequence, id: id))
        }
    }

    /// Notes that one slot became stale; whether the list should now be pruned.
    mutating func markStale() -> Bool {
        staleCount = min(slots.count, staleCount + 1)
        return staleCount > 32 && staleCount * 2 > slots.count
    }

    /// Drops every slot for which `isLive` is false.
    mutating func prune(_ isLive: (Slot) -> Bool) {
        slots.removeAll { !isLive($0) }
        staleCount = 0
    }

    /// The position of the first slot whose sequence is greater than `sequence`.
    func firstIndex(after sequence: UInt64) -> Int {
        sequence == .max ? slots.count : firstIndex(atOrAfter: sequence + 1)
    }

    /// The position of the first slot whose sequence is `sequence` or greater (binary search).
    private func firstIndex(atOrAfter sequence: UInt64) -> Int {
        var low = 0, high = slots.count
        while low < high {
            let middle = low + (high - low) / 2
            if slots[middle].sequence < sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
