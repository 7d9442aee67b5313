/// HMAC-SHA256 (RFC 2104, with SHA-256 as H; tested against RFC 4231's vectors) (R-ID-1, R-ID-3).
///
/// The states after the key's inner (`ipad`) and outer (`opad`) blocks are computed once, in
/// ``init(key:)``; every MAC starts from them, so a key used many times (a password in
/// ``PBKDF2SHA256``) costs two compressions per short message instead of four.
public struct HMACSHA256: Sendable {
    /// The SHA-256 state after the block `key ⊕ ipad`.
    package let innerState: SHA256.State
    /// The SHA-256 state after the block `key ⊕ opad`.
    package let outerState: SHA256.State

    /// Prepares a MAC with `key` (of any length: a key longer than 64 bytes is hashed first, RFC 2104 §3).
    public init(key: some Sequence<UInt8>) {
        var block = Array(key)
        if block.count > 64 { block = SHA256.hash(block) }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256.State(), outer = SHA256.State()
        (block.map { $0 ^ 0x36 }).withUnsafeBytes { inner.compress(bytes: $0) }
        (block.map { $0 ^ 0x5c }).withUnsafeBytes { outer.compress(bytes: $0) }
        innerState = inner
        outerState = outer
    }

    /// The 32-byte MAC of `message`.
    public func authenticationCode(for message: some Sequence<UInt8>) -> [UInt8] {
        var inner = SHA256(state: innerState, length: 64)
        inner.update(message)
        var outer = SHA256(state: outerState, length: 64)
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The 32-byte MAC of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        HMACSHA256(key: key).authenticationCode(for: message)
    }

    /// HMAC of a 32-byte message given as eight big-endian words, into `out`: the inner loop of
    /// PBKDF2 (one block each for the inner and the outer hash, no allocation). `w` has room for 64 words.
    @inline(__always)
    package func authenticate(words message: UnsafePointer<UInt32>, into out: UnsafeMutablePointer<UInt32>,
                              schedule w: UnsafeMutablePointer<UInt32>) {
        var inner = innerState
        for t in 0..<8 { w[t] = message[t] }
        Self.padThirtyTwoBytes(w)
        inner.compress(w)
        var outer = outerState
        w[0] = inner.h0; w[1] = inner.h1; w[2] = inner.h2; w[3] = inner.h3
        w[4] = inner.h4; w[5] = inner.h5; w[6] = inner.h6; w[7] = inner.h7
        Self.padThirtyTwoBytes(w)
        outer.compress(w)
        out[0] = outer.h0; out[1] = outer.h1; out[2] = outer.h2; out[3] = outer.h3
        out[4] = outer.h4; out[5] = outer.h5; out[6] = outer.h6; out[7] = outer.h7
    }

    /// The padding of a 32-byte message after a 64-byte pad block: 0x80, zeros, length 96 × 8 bits.
    @inline(__always)
    private static func padThirtyTwoBytes(_ w: UnsafeMutablePointer<UInt32>) {
        w[8] = 0x8000_0000
        for t in 9..<15 { w[t] = 0 }
        w[15] = (64 + 32) * 8
    }
}
