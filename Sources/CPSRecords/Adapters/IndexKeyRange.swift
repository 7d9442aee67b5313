/// A half-open range of index keys of records of type `Record`, in byte order: every key `k` with
/// `lower <= k < upper`, comparing the keys' UTF-8 bytes (R-ADP-1, issue 17 item 4).
///
/// Range reads are how due work is found without visiting what is not due: a record that becomes
/// due on a day holds a key ending in that day (`awaiting-due:card:2026-12-03`), so "due on or
/// before today" is one range of keys, read page by page in key order with
/// ``RecordStore/records(kind:indexKeysFrom:below:after:limit:)``. Build ranges with the record
/// type's own builders (`Invoice.awaitingPayment(by:dueOnOrBefore:)`), never from literals.
public struct IndexKeyRange<Record: StoredRecord>: Hashable, Sendable, CustomStringConvertible {
    /// The smallest key in the range.
    public let lower: String
    /// The first key after the range (not in it).
    public let upper: String

    /// The keys from `lower` up to, not including, `upper`. Call it from the record type's builders.
    public init(from lower: String, below upper: String) {
        self.lower = lower
        self.upper = upper
    }

    /// Every key that starts with `prefix` (and no other): from the prefix up to the first string
    /// after all of its extensions.
    public init(prefix: String) {
        self.init(from: prefix, below: Self.successor(ofPrefix: prefix))
    }

    /// Whether `key` lies in the range (byte order).
    public func contains(_ key: String) -> Bool {
        !key.utf8.lexicographicallyPrecedes(lower.utf8) && key.utf8.lexicographicallyPrecedes(upper.utf8)
    }

    /// `lower ..< upper`.
    public var description: String { "\(lower) ..< \(upper)" }

    /// The smallest string, in byte order, greater than every string that starts with `prefix`: the
    /// prefix with its last scalar raised by one (a scalar at the end of its range is dropped and
    /// the one before it raised). An empty prefix — or one of maximal scalars only — has no such
    /// string; U+10FFFF stands in for it, above every key a record type builds.
    static func successor(ofPrefix prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 } // skip the surrogates
            if let raised = Unicode.Scalar(next) {
                scalars.append(raised)
                var result = String.UnicodeScalarView()
                result.append(contentsOf: scalars)
                return String(result)
            }
        }
        return "\u{10FFFF}"
    }
}
