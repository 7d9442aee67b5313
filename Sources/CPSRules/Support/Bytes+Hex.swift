extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hex, two digits each (digests in keys and logs). Built as ASCII bytes
    /// in one buffer (not a `String` per byte joined: the audit chain hashes several per entry).
    package var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self { appendHex(byte, to: &text) }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// ``Swift/Sequence/lowercaseHex`` of an array, which is what every caller has (digests, salts,
    /// MACs): concrete, because the generic one is not specialised across modules and walked the
    /// bytes through protocol witnesses at about 500 instructions a byte.
    package var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for byte in self { appendHex(byte, to: &text) }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Appends the two lower-case hex digits of `byte`.
@inline(__always)
private func appendHex(_ byte: UInt8, to text: inout [UInt8]) {
    text.append(hexDigit(byte >> 4))
    text.append(hexDigit(byte & 0x0F))
}

/// The lower-case hex digit of `nibble` (0…15).
@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}
