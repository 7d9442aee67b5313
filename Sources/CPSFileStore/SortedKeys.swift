#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct index keys of one kind in UTF-8 byte order, for range reads (R-ADP-1, issue 17
/// item 4): a list of sorted chunks of at most ``chunkCapacity`` keys, so that adding or removing a
/// key moves at most one chunk's worth of elements (plus, on a split or an emptied chunk, the
/// chunk list), and finding the first key of a range is two binary searches. Keys are added when
/// the first record takes them and removed when the last one leaves.
struct SortedKeys: Sendable {
    /// Keys per chunk before it splits in two.
    static let chunkCapacity = 512

    private var chunks: [[String]] = []
    private(set) var count = 0

    init() {}

    /// The keys `keys` (any order, duplicates allowed), sorted once — for a table loaded whole.
    init<S: Sequence>(_ keys: S) where S.Element == String {
        var all = Array(Set(keys))
        all.sort(by: Self.precedes)
        count = all.count
        var start = 0
        while start < all.count {
            let end = min(start + Self.chunkCapacity / 2, all.count)
            chunks.append(Array(all[start..<end]))
            start = end
        }
    }

    /// Byte order of the keys' UTF-8: one `memcmp` of their contiguous bytes (native strings are
    /// contiguous). The generic `utf8.lexicographicallyPrecedes` walked the views a byte at a time and
    /// was the one super-linear cost in callgrind's counts of the migration (issue 17 item 6).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let x = left.baseAddress, let y = right.baseAddress {
                    let order = memcmp(x, y, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// Adds `key` if it is not here yet.
    mutating func insert(_ key: String) {
        guard !chunks.isEmpty else {
            chunks = [[key]]
            count = 1
            return
        }
        let chunk = chunkIndex(for: key)
        let position = Self.firstIndex(in: chunks[chunk], notBefore: key)
        if position < chunks[chunk].count, chunks[chunk][position] == key { return }
        chunks[chunk].insert(key, at: position)
        count += 1
        if chunks[chunk].count > Self.chunkCapacity {
            let upperHalf = Array(chunks[chunk][(Self.chunkCapacity / 2)...])
            chunks[chunk].removeSubrange((Self.chunkCapacity / 2)...)
            chunks.insert(upperHalf, at: chunk + 1)
        }
    }

    /// Removes `key` if it is here.
    mutating func remove(_ key: String) {
        guard !chunks.isEmpty else { return }
        let chunk = chunkIndex(for: key)
        let position = Self.firstIndex(in: chunks[chunk], notBefore: key)
        guard position < chunks[chunk].count, chunks[chunk][position] == key else { return }
        chunks[chunk].remove(at: position)
        count -= 1
        if chunks[chunk].isEmpty { chunks.remove(at: chunk) }
    }

    /// Calls `body` with every key `k`, `lower <= k < upper`, in order, until it returns `false`.
    func forEach(from lower: String, below upper: String, _ body: (String) -> Bool) {
        guard !chunks.isEmpty else { return }
        var chunk = chunkIndex(for: lower)
        var position = Self.firstIndex(in: chunks[chunk], notBefore: lower)
        while chunk < chunks.count {
            let keys = chunks[chunk]
            while position < keys.count {
                let key = keys[position]
                guard Self.precedes(key, upper) else { return }
                guard body(key) else { return }
                position += 1
            }
            chunk += 1
            position = 0
        }
    }

    /// The chunk that holds `key` or would: the last chunk whose first key is not after it (the
    /// first chunk for a key before every key).
    private func chunkIndex(for key: String) -> Int {
        var low = 0, high = chunks.count
        while low < high {
            let middle = low + (high - low) / 2
            if Self.precedes(key, chunks[middle][0]) { high = middle } else { low = middle + 1 }
        }
        return max(0, low - 1)
    }

    private static func firstIndex(in keys: [String], notBefore key: String) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = low + (high - low) / 2
            if precedes(keys[middle], key) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
