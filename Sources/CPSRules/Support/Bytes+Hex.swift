extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hex, two digits each (digests in keys and logs).
    package var lowercaseHex: String {
        map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
