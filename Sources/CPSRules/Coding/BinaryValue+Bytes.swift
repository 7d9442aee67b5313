import Foundation

extension BinaryValue {
    /// The payload bytes of this value: magic, version, the value (``BinaryPayloadFormat``).
    package func payload() -> [UInt8] {
        var out: [UInt8] = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version]
        out.reserveCapacity(128)
        append(to: &out)
        return out
    }

    /// Appends this value's tag and body to `out`.
    package func append(to out: inout [UInt8]) {
        typealias Tag = BinaryPayloadFormat.Tag
        switch self {
        case .null: out.append(Tag.null.rawValue)
        case .bool(let value): out.append(value ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let value):
            out.append(Tag.int.rawValue)
            Self.writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), to: &out)
        case .uint(let value):
            out.append(Tag.uint.rawValue)
            Self.writeVarint(value, to: &out)
        case .double(let value):
            out.append(Tag.double.rawValue)
            Self.writeFixed(value.bitPattern, to: &out)
        case .float(let value):
            out.append(Tag.float.rawValue)
            Self.writeFixed(value.bitPattern, to: &out)
        case .string(let value):
            out.append(Tag.string.rawValue)
            var value = value
            value.withUTF8 { bytes in
                Self.writeVarint(UInt64(bytes.count), to: &out)
                out += bytes
            }
        case .data(let value):
            out.append(Tag.data.rawValue)
            Self.writeVarint(UInt64(value.count), to: &out)
            out += value
        case .date(let seconds):
            out.append(Tag.date.rawValue)
            Self.writeFixed((seconds == 0 ? 0 : seconds).bitPattern, to: &out)
        case .decimal(let text):
            out.append(Tag.decimal.rawValue)
            Self.writeVarint(UInt64(text.utf8.count), to: &out)
            out += text.utf8
        case .array(let values):
            out.append(Tag.array.rawValue)
            Self.writeVarint(UInt64(values.count), to: &out)
            for value in values { value.append(to: &out) }
        case .object(let fields):
            out.append(Tag.object.rawValue)
            Self.writeVarint(UInt64(fields.count), to: &out)
            for field in fields {
                var key = field.key
                key.withUTF8 { bytes in
                    Self.writeVarint(UInt64(bytes.count), to: &out)
                    out += bytes
                }
                field.value.append(to: &out)
            }
        }
    }

    /// The value of a payload written by ``payload()``; a damaged payload is a
    /// ``BinaryPayloadError``, never a trap.
    package static func read(payload bytes: UnsafeRawBufferPointer) throws(BinaryPayloadError) -> BinaryValue {
        guard bytes.count >= 2, bytes[0] == BinaryPayloadFormat.magic else {
            throw BinaryPayloadError("not a binary payload")
        }
        guard bytes[1] == BinaryPayloadFormat.version else {
            throw BinaryPayloadError("binary payload version \(bytes[1]) is not known (this reader knows \(BinaryPayloadFormat.version))")
        }
        var reader = BinaryReader(bytes: bytes, offset: 2)
        let value = try reader.value(depth: 0)
        guard reader.offset == bytes.count else {
            throw BinaryPayloadError("\(bytes.count - reader.offset) bytes after the value")
        }
        return value
    }

    static func writeVarint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    static func writeFixed<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { out += $0 }
    }
}
