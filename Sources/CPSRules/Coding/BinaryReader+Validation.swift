import Foundation

extension BinaryReader {
    /// Checks a whole payload without building anything (R-ADP-1): the magic byte and version, then
    /// one skip-walk over the value that checks every tag, every length and count against the bytes
    /// left, the nesting depth, varints of at most 10 bytes, the UTF-8 of every string, key and
    /// decimal text, and that no bytes follow the value. It refuses exactly what
    /// ``BinaryValue/read(payload:)`` refuses, with the same first error, so that
    /// ``BinaryPayloadDecoder`` can then read the values it is asked for straight from the bytes.
    static func validate(payload bytes: UnsafeRawBufferPointer) throws(BinaryPayloadError) {
        guard bytes.count >= 2, bytes[0] == BinaryPayloadFormat.magic else {
            throw BinaryPayloadError("not a binary payload")
        }
        guard bytes[1] == BinaryPayloadFormat.version else {
            throw BinaryPayloadError("binary payload version \(bytes[1]) is not known (this reader knows \(BinaryPayloadFormat.version))")
        }
        var reader = BinaryReader(bytes: bytes, offset: 2)
        try reader.skipValue(depth: 0)
        guard reader.offset == bytes.count else {
            throw BinaryPayloadError("\(bytes.count - reader.offset) bytes after the value")
        }
    }

    /// Steps over the next value, checking it as ``value(depth:)`` does.
    mutating func skipValue(depth: Int) throws(BinaryPayloadError) {
        guard depth <= BinaryPayloadFormat.maximumDepth else {
            throw BinaryPayloadError("nested deeper than \(BinaryPayloadFormat.maximumDepth) levels")
        }
        let tagByte = try byte()
        guard let tag = BinaryPayloadFormat.Tag(rawValue: tagByte) else {
            throw BinaryPayloadError("unknown tag \(tagByte) at byte \(offset - 1)")
        }
        switch tag {
        case .null, .falseValue, .trueValue: return
        case .int, .uint: _ = try varint()
        case .double, .date: _ = try fixed(UInt64.self)
        case .float: _ = try fixed(UInt32.self)
        case .string, .decimal: try skipText()
        case .data: offset += try length()
        case .array:
            let count = try length()
            for _ in 0..<count { try skipValue(depth: depth + 1) }
        case .object:
            let count = try length()
            for _ in 0..<count {
                try skipText()
                try skipValue(depth: depth + 1)
            }
        }
    }

    /// Steps over a length-prefixed UTF-8 text, checking that it is valid UTF-8 (an ASCII text by a
    /// word-at-a-time scan, anything else by the standard library's validation).
    private mutating func skipText() throws(BinaryPayloadError) {
        let count = try length()
        let start = offset
        offset += count
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
        guard Self.isASCII(text) || String(validating: text, as: UTF8.self) != nil else {
            throw BinaryPayloadError("a string at byte \(start) is not valid UTF-8")
        }
    }

    private static func isASCII(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= text.count {
            high |= text.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < text.count {
            high |= UInt64(text[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
