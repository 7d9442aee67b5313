/// A window onto the working bytes of one parse: `base[start..<end]`. The bytes before `start` are
/// free room for leading zeros.
struct VATBytes {
    let base: UnsafeMutablePointer<UInt8>
    var start: Int
    var end: Int

    var count: Int { end - start }
    var isEmpty: Bool { end <= start }

    @inline(__always)
    subscript(_ offset: Int) -> UInt8 { base[start + offset] }

    /// The byte at `offset`, or `nil` past either end (Python's slicing never fails).
    @inline(__always)
    func at(_ offset: Int) -> UInt8? { offset >= 0 && offset < count ? base[start + offset] : nil }

    func allSatisfy(_ predicate: (UInt8) -> Bool) -> Bool {
        var index = start
        while index < end {
            if !predicate(base[index]) { return false }
            index += 1
        }
        return true
    }

    mutating func trim() {
        while start < end, VATNumberParser.isWhitespace(base[start]) { start += 1 }
        trimEnd()
    }

    mutating func trimEnd() {
        while end > start, VATNumberParser.isWhitespace(base[end - 1]) { end -= 1 }
    }

    /// Removes the bytes from `offset` on that match `predicate`, keeping the order of the rest.
    mutating func removeAll(from offset: Int, where predicate: (UInt8) -> Bool) {
        var write = start + offset
        var read = write
        while read < end {
            let byte = base[read]
            if !predicate(byte) {
                base[write] = byte
                write += 1
            }
            read += 1
        }
        end = write
    }

    mutating func dropFirst(_ count: Int) { start = min(start + count, end) }

    /// Puts `byte` in front; callers use it at most a few times, within the room the parse reserved.
    mutating func prepend(_ byte: UInt8) {
        start -= 1
        base[start] = byte
    }

    /// A sub-window with Python slice semantics: negative bounds count from the end, bounds clamp.
    func slice(_ lower: Int, _ upper: Int? = nil) -> VATBytes {
        func clamp(_ value: Int) -> Int {
            let resolved = value < 0 ? count + value : value
            return Swift.max(0, Swift.min(count, resolved))
        }
        let low = clamp(lower)
        let high = Swift.max(low, clamp(upper ?? count))
        return VATBytes(base: base, start: start + low, end: start + high)
    }

    /// Whether the window is non-empty and all ASCII digits (the reference's `isdigits`).
    var isDigits: Bool {
        guard start < end else { return false }
        return allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The value of the digit at `offset` (only called once the window is known to be digits).
    @inline(__always)
    func digit(_ offset: Int) -> Int { Int(base[start + offset] &- 0x30) }

    /// The decimal value of the digits (only called on short digit windows).
    var value: Int {
        var result = 0
        for offset in 0..<count { result = result &* 10 &+ digit(offset) }
        return result
    }

    /// The sum of each digit times its weight, over the shorter of the two.
    func weightedSum(_ weights: [Int]) -> Int {
        var sum = 0
        for offset in 0..<Swift.min(count, weights.count) { sum += weights[offset] * digit(offset) }
        return sum
    }

    func hasPrefix(_ ascii: StaticString) -> Bool {
        let length = ascii.utf8CodeUnitCount
        guard length <= count else { return false }
        let pointer = ascii.utf8Start
        for offset in 0..<length where pointer[offset] != self[offset] { return false }
        return true
    }

    func hasSuffix(_ ascii: StaticString) -> Bool { slice(-ascii.utf8CodeUnitCount).equals(ascii) && ascii.utf8CodeUnitCount <= count }

    func equals(_ ascii: StaticString) -> Bool { ascii.utf8CodeUnitCount == count && hasPrefix(ascii) }

    /// The prefix followed by the window's bytes, as a string.
    func string(prefixedBy prefix: (UInt8, UInt8)) -> String {
        String(unsafeUninitializedCapacity: count + 2) { output in
            output[0] = prefix.0
            output[1] = prefix.1
            for offset in 0..<count { output[offset + 2] = self[offset] }
            return count + 2
        }
    }

    var string: String {
        String(unsafeUninitializedCapacity: count) { output in
            for offset in 0..<count { output[offset] = self[offset] }
            return count
        }
    }
}
