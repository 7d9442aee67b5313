import Foundation

/// The password-set tokens' MAC and encoding: HMAC-SHA256 (RFC 2104, ``HMACSHA256``) for tokens
/// (R-ID-3): the token mailed is `HMAC-SHA256(key, record ID ‖ nonce)`, so the store alone cannot
/// produce it, and their base64url text (RFC 4648 §5).
struct TokenMAC {
    /// The 32-byte MAC of `message` under `key` (the shared ``HMACSHA256``).
    static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: message, key: key)
    }

    /// The token of a token record: `HMAC-SHA256(key, UTF-8(record ID) ‖ nonce)` (R-ID-3).
    static func token(recordID: String, nonce: [UInt8], key: [UInt8]) -> [UInt8] {
        authenticate(Array(recordID.utf8) + nonce, key: key)
    }

    /// RFC 4648 §5 base64url without padding.
    /// The alphabet is swapped byte by byte (base64 is ASCII), not with three `replacingOccurrences`
    /// through `NSString`.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        for byte in Data(bytes).base64EncodedData() {
            switch byte {
            case UInt8(ascii: "+"): text.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): text.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of base64url text without padding, or `nil` when it is not base64url.
    static func bytes(base64URL text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ byte in
            (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2d || byte == 0x5f
        }) else { return nil }
        // The alphabet back to standard base64 byte by byte: the text is ASCII (checked above).
        var standard = text.utf8.map { byte in
            byte == UInt8(ascii: "-") ? UInt8(ascii: "+") : byte == UInt8(ascii: "_") ? UInt8(ascii: "/") : byte
        }
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(standard)).map(Array.init)
    }
}
