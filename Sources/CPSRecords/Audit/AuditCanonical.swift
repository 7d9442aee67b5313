import Foundation

/// The canonical byte form of the audit chain (R-GDPR-3): each field as a 4-byte big-endian length
/// and its UTF-8 bytes, so no field's content can shift into another.
public enum AuditCanonical {
    /// `fields`, length-prefixed, concatenated.
    public static func fields(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in fields {
            let utf8 = Array(field.utf8)
            let count = UInt32(utf8.count)
            bytes += [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
            bytes += utf8
        }
        return bytes
    }
}
