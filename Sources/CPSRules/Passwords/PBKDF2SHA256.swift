/// PBKDF2 with HMAC-SHA256 as the PRF (RFC 8018 §5.2; tested against RFC 7914 §11's vectors)
/// (R-ID-1). Pure: the caller chooses where the work runs (CPSKit runs it off the Swift concurrency
/// pool).
///
/// The password's HMAC pad states are computed once per derivation (``HMACSHA256``) and the
/// iterations run on words in one reused block, so 600,000 iterations cost 1.2 million SHA-256
/// compressions and nothing else.
public enum PBKDF2SHA256 {
    /// The derived key of `length` bytes (1 … 32 × (2³² − 1)) from `password` and `salt` with
    /// `iterations` (≥ 1; smaller values count as 1).
    public static func derive(password: some Sequence<UInt8>, salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        let prf = HMACSHA256(key: password)
        var key: [UInt8] = []
        var block: UInt32 = 1
        while key.count < max(0, length) {
            key += deriveBlock(prf, salt: salt, block: block, iterations: iterations, checkpoint: nil).final
            block &+= 1
        }
        return Array(key.prefix(max(0, length)))
    }

    /// The first 32-byte block of the key at `iterations`, and also at `checkpoint` iterations
    /// (1 … `iterations`) when asked: PBKDF2's block is the XOR of U₁ … U_c, so the value at a smaller
    /// count falls out of the same pass. CPSKit verifies a password hashed with an older, smaller
    /// count and rehashes it at the policy's count in one derivation (R-ID-1, R-ID-2).
    public static func derive(password: some Sequence<UInt8>, salt: [UInt8], iterations: Int,
                              checkpoint: Int) -> (final: [UInt8], atCheckpoint: [UInt8]) {
        let result = deriveBlock(HMACSHA256(key: password), salt: salt, block: 1, iterations: iterations, checkpoint: checkpoint)
        return (result.final, result.atCheckpoint ?? result.final)
    }

    private static func deriveBlock(_ prf: HMACSHA256, salt: [UInt8], block: UInt32, iterations: Int,
                                    checkpoint: Int?) -> (final: [UInt8], atCheckpoint: [UInt8]?) {
        let count = max(1, iterations)
        let first = prf.authenticationCode(for: salt + [UInt8(block >> 24), UInt8(block >> 16 & 0xff),
                                                        UInt8(block >> 8 & 0xff), UInt8(block & 0xff)])
        var atCheckpoint: [UInt8]?
        let final: [UInt8] = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64 + 8 + 8 + 8) { space in
            guard let base = space.baseAddress else { return [] }
            let w = base, u = base + 64, next = base + 72, t = base + 80
            for i in 0..<8 {
                let word = UInt32(first[4 * i]) << 24 | UInt32(first[4 * i + 1]) << 16
                    | UInt32(first[4 * i + 2]) << 8 | UInt32(first[4 * i + 3])
                u[i] = word
                t[i] = word
            }
            if checkpoint == 1 { atCheckpoint = bytes(t) }
            var iteration = 1
            while iteration < count {
                prf.authenticate(words: u, into: next, schedule: w)
                for i in 0..<8 {
                    u[i] = next[i]
                    t[i] ^= next[i]
                }
                iteration += 1
                if iteration == checkpoint { atCheckpoint = bytes(t) }
            }
            return bytes(t)
        }
        return (final, atCheckpoint)
    }

    private static func bytes(_ words: UnsafePointer<UInt32>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(32)
        for i in 0..<8 {
            let word = words[i]
            result += [UInt8(word >> 24), UInt8(word >> 16 & 0xff), UInt8(word >> 8 & 0xff), UInt8(word & 0xff)]
        }
        return result
    }
}
