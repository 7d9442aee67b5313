/// SHA-256 (FIPS 180-4), because Foundation on Linux has none (R-PWD-2, R-ID-1). Tested against the
/// NIST CAVP vectors. Used to store password tokens only as digests, to fingerprint evidence files,
/// and under ``HMACSHA256`` and ``PBKDF2SHA256``.
///
/// It works a 64-byte block at a time: whole blocks of the input are compressed straight from the
/// caller's bytes, and only a tail shorter than a block is buffered. `State` is the chaining value
/// between blocks, so HMAC can keep its pad states and PBKDF2 can run its inner loop on words.
public struct SHA256: Sendable {
    /// The eight chaining words between blocks (FIPS 180-4 §6.2). `package`: HMAC keeps the states
    /// after its inner and outer pad blocks and starts each MAC from them.
    package struct State: Sendable, Equatable {
        var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19

        /// The initial hash value H(0).
        init() {}

        /// Compresses one block whose sixteen big-endian words are in `w[0..<16]`; `w` has room for
        /// 64 words, and `w[16..<64]` is overwritten with the message schedule.
        mutating func compress(_ w: UnsafeMutablePointer<UInt32>) {
            for t in 16..<64 {
                let a = w[t - 15], b = w[t - 2]
                let s0 = a.rotatedRight(7) ^ a.rotatedRight(18) ^ (a >> 3)
                let s1 = b.rotatedRight(17) ^ b.rotatedRight(19) ^ (b >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            // Eight rounds a step, each naming the working variables in their rotated roles, so no
            // round moves all eight values along (FIPS 180-4 §6.2.2 step 3, unrolled): the rolled loop
            // spent half its instructions on those moves (issue 17, the journey's profile).
            SHA256.roundConstants.withUnsafeBufferPointer { k in
                var t = 0
                while t < 64 {
                    Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                    Self.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                    Self.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                    Self.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                    Self.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                    Self.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                    Self.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                    Self.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                    t += 8
                }
            }
            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }

        /// One round on the working variables in the roles `a` … `h`, with `kw` = Kₜ + Wₜ: the new
        /// `a` goes into `h`'s variable and the new `e` into `d`'s; the others keep their values and
        /// move one role along by being named one place later in the next round.
        @inline(__always)
        private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
                                  _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
            let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ kw
            let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            d = d &+ t1
            h = t1 &+ s0 &+ maj
        }

        /// Compresses the 64 bytes at `block`.
        mutating func compress(bytes block: UnsafeRawBufferPointer) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                guard let w = schedule.baseAddress else { return }
                for t in 0..<16 {
                    let i = 4 * t
                    w[t] = UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
                }
                compress(w)
            }
        }

        /// The eight words in order.
        var words: [UInt32] { [h0, h1, h2, h3, h4, h5, h6, h7] }

        /// The eight words as 32 big-endian bytes (the digest).
        var bytes: [UInt8] {
            var result: [UInt8] = []
            result.reserveCapacity(32)
            for word in words {
                result.append(UInt8(truncatingIfNeeded: word >> 24))
                result.append(UInt8(truncatingIfNeeded: word >> 16))
                result.append(UInt8(truncatingIfNeeded: word >> 8))
                result.append(UInt8(truncatingIfNeeded: word))
            }
            return result
        }
    }

    private var state = State()
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    fileprivate static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// A new hash computation.
    public init() { buffer.reserveCapacity(64) }

    /// A computation continuing from `state` after `length` bytes (whole blocks) were absorbed.
    package init(state: State, length: UInt64) {
        self.state = state
        self.length = length
        buffer.reserveCapacity(64)
    }

    /// The chaining value after the whole blocks absorbed so far; nil while a partial block is buffered.
    package var blockState: State? { buffer.isEmpty ? state : nil }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as lower-case hex.
    public static func hexDigest(_ bytes: some Sequence<UInt8>) -> String {
        hash(bytes).lowercaseHex
    }

    /// Adds `bytes` to the message: whole blocks are compressed in place, a shorter tail is kept.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ absorb(UnsafeRawBufferPointer($0)) }) != nil { return }
        let copy = Array(bytes)
        copy.withUnsafeBytes { absorb($0) }
    }

    private mutating func absorb(_ input: UnsafeRawBufferPointer) {
        length &+= UInt64(input.count)
        var offset = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, input.count)
            buffer += input[0..<take]
            offset = take
            if buffer.count == 64 {
                buffer.withUnsafeBytes { state.compress(bytes: $0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while input.count - offset >= 64 {
            state.compress(bytes: UnsafeRawBufferPointer(rebasing: input[offset..<offset + 64]))
            offset += 64
        }
        if offset < input.count { buffer += input[offset...] }
    }

    /// The digest of everything added (32 bytes).
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { all in
            for start in stride(from: 0, to: all.count, by: 64) {
                state.compress(bytes: UnsafeRawBufferPointer(rebasing: all[start..<start + 64]))
            }
        }
        return state.bytes
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
