import Foundation

/// Reads the values of a binary payload (``BinaryPayloadFormat``), checking every length against
/// the bytes left before it allocates anything.
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    /// The next value, nested at most ``BinaryPayloadFormat/maximumDepth`` deep.
    mutating func value(depth: Int) throws(BinaryPayloadError) -> BinaryValue {
        guard depth <= BinaryPayloadFormat.maximumDepth else {
            throw BinaryPayloadError("nested deeper than \(BinaryPayloadFormat.maximumDepth) levels")
        }
        let tagByte = try byte()
        guard let tag = BinaryPayloadFormat.Tag(rawValue: tagByte) else {
            throw BinaryPayloadError("unknown tag \(tagByte) at byte \(offset - 1)")
        }
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int:
            let raw = try varint()
            return .int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case .uint: return .uint(try varint())
        case .double: return .double(Double(bitPattern: try fixed(UInt64.self)))
        case .float: return .float(Float(bitPattern: try fixed(UInt32.self)))
        case .string: return .string(try text())
        case .data:
            let count = try length()
            defer { offset += count }
            return .data(Data(bytes[offset..<offset + count]))
        case .date: return .date(Double(bitPattern: try fixed(UInt64.self)))
        case .decimal: return .decimal(try text())
        case .array:
            let count = try length()   // each value takes at least one byte
            var values: [BinaryValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try value(depth: depth + 1)) }
            return .array(values)
        case .object:
            let count = try length()   // each field takes at least two bytes
            var fields: [(key: String, value: BinaryValue)] = []
            fields.reserveCapacity(count / 2)
            for _ in 0..<count {
                let key = try text()
                fields.append((key, try value(depth: depth + 1)))
            }
            return .object(fields)
        }
    }

    mutating func byte() throws(BinaryPayloadError) -> UInt8 {
        guard offset < bytes.count else { throw BinaryPayloadError("the payload ends early, at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A LEB128 varint of at most 10 bytes whose value fits 64 bits.
    mutating func varint() throws(BinaryPayloadError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            if shift == 63 && next > 1 { throw BinaryPayloadError("a varint does not fit 64 bits") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw BinaryPayloadError("a varint is longer than 10 bytes") }
        }
    }

    /// A length or count, at most the bytes left (so nothing larger is ever allocated).
    mutating func length() throws(BinaryPayloadError) -> Int {
        let raw = try varint()
        guard raw <= UInt64(bytes.count - offset) else {
            throw BinaryPayloadError("a length of \(raw) is more than the \(bytes.count - offset) bytes left")
        }
        return Int(raw)
    }

    private mutating func text() throws(BinaryPayloadError) -> String {
        let count = try length()
        let start = offset
        offset += count
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self) else {
            throw BinaryPayloadError("a string at byte \(start) is not valid UTF-8")
        }
        return text
    }

    mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) throws(BinaryPayloadError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw BinaryPayloadError("the payload ends early, at byte \(offset)") }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size])) }
        offset += size
        return T(littleEndian: value)
    }
}
