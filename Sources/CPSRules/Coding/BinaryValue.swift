import Foundation

/// One value of the binary payload format (R-ADP-1): what the reference encoder builds
/// (``BinaryPayloadEncoder/encodeValue(_:)``; the fast path writes bytes without it) and
/// ``BinaryPayloadDecoder`` reads back, before or after its bytes.
///
/// The wire form of each value is a one-byte tag followed by its body; see ``BinaryPayloadFormat``.
package indirect enum BinaryValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case float(Float)
    case string(String)
    case data(Data)
    /// Seconds since 1970, the bit pattern kept (−0 written as 0).
    case date(Double)
    /// The canonical text of the decimal (`Decimal.description`).
    case decimal(String)
    case array([BinaryValue])
    /// Fields in the order they are written: sorted by key when encoded.
    case object([(key: String, value: BinaryValue)])

    /// Whether two values are the same, floating-point values by their bit patterns.
    package static func == (lhs: BinaryValue, rhs: BinaryValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.uint(a), .uint(b)): a == b
        case let (.double(a), .double(b)): a.bitPattern == b.bitPattern
        case let (.float(a), .float(b)): a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): a == b
        case let (.data(a), .data(b)): a == b
        case let (.date(a), .date(b)): a.bitPattern == b.bitPattern
        case let (.decimal(a), .decimal(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
