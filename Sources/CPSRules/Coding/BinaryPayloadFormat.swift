import Foundation

/// The binary payload format of stored records (R-ADP-1, issue 17 item 2): compact, canonical and
/// quick to read, written by ``BinaryPayloadEncoder`` and read by ``BinaryPayloadDecoder``.
///
/// A payload is the magic byte `0xCB`, the format version (`1`), then one value. A value is a tag
/// byte and its body; every variable part is length-prefixed, so a reader can skip what it does not
/// know, and a newer minor version's added fields are ignored by an older reader:
///
/// | tag | value | body |
/// | --- | --- | --- |
/// | `0x00` | nil | — |
/// | `0x01` / `0x02` | false / true | — |
/// | `0x03` | signed integer | zig-zag LEB128 varint |
/// | `0x04` | unsigned integer | LEB128 varint |
/// | `0x05` | `Double` | 8 bytes, IEEE 754 bit pattern, little-endian |
/// | `0x06` | `Float` | 4 bytes, little-endian |
/// | `0x07` | string | varint byte count, raw UTF-8 (no compression) |
/// | `0x08` | `Data` | varint byte count, bytes |
/// | `0x09` | `Date` | 8 bytes: seconds since 1970 as a `Double` (−0 as 0) |
/// | `0x0A` | `Decimal` | varint byte count, its canonical text (`12.5`) in ASCII |
/// | `0x0B` | array | varint count, values |
/// | `0x0C` | keyed (struct, dictionary) | varint count, then per field: varint key length, key UTF-8, value; sorted by key bytes |
///
/// Every length and count is checked against the bytes left before anything is allocated, nesting
/// is limited to ``maximumDepth``, and a varint longer than 10 bytes is refused: a damaged or hostile
/// payload is a ``BinaryPayloadError``, never a trap or a huge allocation (a fuzz target checks it).
/// A JSON payload begins with `{`, so a reader tells the two apart by the first byte.
public enum BinaryPayloadFormat {
    /// The first byte of every binary payload.
    public static let magic: UInt8 = 0xCB
    /// The format version written after the magic byte.
    public static let version: UInt8 = 1
    /// The deepest nesting of arrays and keyed values a payload may have.
    public static let maximumDepth = 64

    /// Whether `payload` is in the binary format (else it is JSON).
    public static func isBinary(_ payload: Data) -> Bool { payload.first == magic }

    enum Tag: UInt8 {
        case null = 0x00, falseValue = 0x01, trueValue = 0x02, int = 0x03, uint = 0x04, double = 0x05
        case float = 0x06, string = 0x07, data = 0x08, date = 0x09, decimal = 0x0A, array = 0x0B, object = 0x0C

        /// The value's kind in words, for error details ("found a string").
        var kindName: String {
            switch self {
            case .null: "nil"
            case .falseValue, .trueValue: "a Bool"
            case .int: "a signed integer"
            case .uint: "an unsigned integer"
            case .double: "a Double"
            case .float: "a Float"
            case .string: "a string"
            case .data: "bytes"
            case .date: "a date"
            case .decimal: "a decimal"
            case .array: "an array"
            case .object: "a keyed value"
            }
        }
    }
}
