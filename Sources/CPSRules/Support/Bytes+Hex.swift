extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hex, two digits each (digests in keys and logs). Built as ASCII bytes
    /// in one buffer (not a `String` per byte joined: the audit chain hashes several per entry).
    package var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(hexDigit(byte >> 4))
            text.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The lower-case hex digit of `nibble` (0…15).
@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}
