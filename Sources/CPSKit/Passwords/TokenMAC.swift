import Foundation

/// HMAC-SHA256 (RFC 2104) over the library's ``SHA256`` (FIPS 180-4), for password-set tokens
/// (R-ID-3): the token mailed is `HMAC-SHA256(key, record ID ‖ nonce)`, so the store alone cannot
/// produce it. Internal and minimal; tested against the RFC 4231 vectors.
struct TokenMAC {
    private static let blockSize = 64

    /// The 32-byte MAC of `message` under `key`.
    static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var block = key.count > blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The token of a token record: `HMAC-SHA256(key, UTF-8(record ID) ‖ nonce)` (R-ID-3).
    static func token(recordID: String, nonce: [UInt8], key: [UInt8]) -> [UInt8] {
        authenticate(Array(recordID.utf8) + nonce, key: key)
    }

    /// RFC 4648 §5 base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text without padding, or `nil` when it is not base64url.
    static func bytes(base64URL text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ byte in
            (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2d || byte == 0x5f
        }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}
