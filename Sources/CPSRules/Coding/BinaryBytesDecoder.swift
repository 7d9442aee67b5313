import Foundation

/// The `Decoder` of ``BinaryPayloadDecoder`` (R-ADP-1, issue 17 item 2): reads values straight from
/// a payload's bytes, which ``BinaryReader/validate(payload:)`` has already checked whole, so every
/// offset it follows is inside the buffer and every text is valid UTF-8.
///
/// One instance serves a whole decode: it is the `Decoder` (and the single-value container) of the
/// value at ``offset``, and is handed again to each nested value's `init(from:)` with ``offset`` and
/// ``path`` set for it and put back afterwards, so a nested value allocates no decoder. Keyed
/// containers index their object's fields into ``arena`` (a range of it each, released when the
/// value's `init(from:)` returns); nothing is turned into a `String` but the strings asked for (and
/// keys for `allKeys`). The instance lives only inside the `withUnsafeBytes` scope of the payload:
/// a decoder or container kept by a type past its `init(from:)` and used after the decode returned
/// stops with a precondition failure instead of reading freed bytes.
final class BinaryBytesDecoder: Decoder, SingleValueDecodingContainer {
    /// One field of a keyed value: where its key's bytes are and where its value starts. The first
    /// entry of each container's range is a header whose `valueOffset` is the lookup hint (the
    /// field after the last one found).
    struct Field {
        var keyOffset: Int
        var keyLength: Int
        var valueOffset: Int
    }

    typealias Tag = BinaryPayloadFormat.Tag

    let bytes: UnsafeRawBufferPointer
    // The mutable state is only touched by this decoder's own methods, one access at a time (no
    // overlapping `inout`), so its accesses go unchecked: the dynamic exclusivity checks were a
    // measurable share of a field's cost.
    /// Where the current value's tag is; `-1` for the nil a missing `super` field reads as.
    @exclusivity(unchecked) var offset: Int
    @exclusivity(unchecked) var path: BinaryCodingPath
    @exclusivity(unchecked) var arena: [Field] = []
    /// The decoder of the whole decode (`nil` for that one itself), whose ``isOpen`` says whether the
    /// bytes may still be read.
    private let root: BinaryBytesDecoder?
    /// Whether the decode is still running (set to `false` when it returns).
    @exclusivity(unchecked) var isOpen = true

    init(bytes: UnsafeRawBufferPointer, offset: Int, path: BinaryCodingPath, root: BinaryBytesDecoder? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.path = path
        self.root = root
    }

    /// Stops a decoder kept past its decode, whose bytes are gone.
    @inline(__always) func checkOpen() {
        precondition(root?.isOpen ?? isOpen, "a binary payload decoder was used after its decode returned")
    }

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static let posix = Locale(identifier: "en_US_POSIX")

    // MARK: - Reading validated bytes

    /// The tag byte of the value at `offset`.
    @inline(__always) func tag(at offset: Int) -> UInt8 {
        checkOpen()
        return offset < 0 ? Tag.null.rawValue : bytes[offset]
    }

    /// The varint at `offset` (validated: at most 10 bytes), moving `offset` past it.
    @inline(__always) func varint(_ offset: inout Int) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = bytes[offset]
            offset += 1
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    @inline(__always) func fixed64(at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Moves `offset` past the value whose tag is at `offset`.
    func skip(_ offset: inout Int) {
        checkOpen()
        let tag = bytes[offset]
        offset += 1
        switch tag {
        case Tag.int.rawValue, Tag.uint.rawValue: _ = varint(&offset)
        case Tag.double.rawValue, Tag.date.rawValue: offset += 8
        case Tag.float.rawValue: offset += 4
        case Tag.string.rawValue, Tag.data.rawValue, Tag.decimal.rawValue: offset += Int(varint(&offset))
        case Tag.array.rawValue:
            for _ in 0..<varint(&offset) { skip(&offset) }
        case Tag.object.rawValue:
            for _ in 0..<varint(&offset) {
                offset += Int(varint(&offset))
                skip(&offset)
            }
        default: return   // nil, false, true
        }
    }

    /// The bytes of the length-prefixed text or data whose tag is at `offset`.
    @inline(__always) func span(at offset: Int) -> UnsafeBufferPointer<UInt8> {
        var start = offset + 1
        let count = Int(varint(&start))
        return UnsafeBufferPointer(start: bytes.baseAddress!.advanced(by: start).assumingMemoryBound(to: UInt8.self), count: count)
    }

    // MARK: - Values

    /// The kind of the value at `offset`, for error details (as ``BinaryValue/kindName``).
    func kindName(at offset: Int) -> String {
        Tag(rawValue: tag(at: offset))?.kindName ?? Tag.null.kindName
    }

    func mismatch(_ type: Any.Type, at offset: Int, _ path: BinaryCodingPath) -> DecodingError {
        DecodingError.typeMismatch(type, DecodingError.Context(codingPath: path.keys, debugDescription: "found \(kindName(at: offset))"))
    }

    func isNil(at offset: Int) -> Bool { tag(at: offset) == Tag.null.rawValue }

    // The scalar readers give `nil` for a value of another kind (or out of range), so that a caller
    // builds the coding path only for the error.

    @inline(__always) func bool(at offset: Int) -> Bool? {
        switch tag(at: offset) {
        case Tag.trueValue.rawValue: true
        case Tag.falseValue.rawValue: false
        default: nil
        }
    }

    @inline(__always) func string(at offset: Int) -> String? {
        guard tag(at: offset) == Tag.string.rawValue else { return nil }
        return String(decoding: span(at: offset), as: UTF8.self)
    }

    @inline(__always) func double(at offset: Int) -> Double? {
        switch tag(at: offset) {
        case Tag.double.rawValue: Double(bitPattern: fixed64(at: offset + 1))
        case Tag.float.rawValue: float(at: offset).map { Double($0) }
        default: nil
        }
    }

    @inline(__always) func float(at offset: Int) -> Float? {
        guard tag(at: offset) == Tag.float.rawValue else { return nil }
        return Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
    }

    /// The integer at `offset` as an `I`, if it is one and fits.
    @inline(__always) func integer<I: FixedWidthInteger>(_ type: I.Type, at offset: Int) -> I? {
        var body = offset + 1
        switch tag(at: offset) {
        case Tag.int.rawValue:
            let raw = varint(&body)
            return I(exactly: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case Tag.uint.rawValue: return I(exactly: varint(&body))
        default: return nil
        }
    }

    func bool(at offset: Int, _ path: BinaryCodingPath) throws -> Bool {
        guard let value = bool(at: offset) else { throw mismatch(Bool.self, at: offset, path) }
        return value
    }

    func string(at offset: Int, _ path: BinaryCodingPath) throws -> String {
        guard let value = string(at: offset) else { throw mismatch(String.self, at: offset, path) }
        return value
    }

    func double(at offset: Int, _ path: BinaryCodingPath) throws -> Double {
        guard let value = double(at: offset) else { throw mismatch(Double.self, at: offset, path) }
        return value
    }

    func float(at offset: Int, _ path: BinaryCodingPath) throws -> Float {
        guard let value = float(at: offset) else { throw mismatch(Float.self, at: offset, path) }
        return value
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at offset: Int, _ path: BinaryCodingPath) throws -> I {
        guard let value = integer(type, at: offset) else { throw mismatch(type, at: offset, path) }
        return value
    }

    /// The value at `offset` as a `T`: the special Foundation types from their own tags, the common
    /// scalars directly, anything else through its `init(from:)` with this decoder moved to the value.
    func unbox<T: Decodable>(_ type: T.Type, at offset: Int, _ path: BinaryCodingPath) throws -> T {
        if T.self == String.self { return try string(at: offset, path) as! T }
        if T.self == Int.self { return try integer(Int.self, at: offset, path) as! T }
        if T.self == Bool.self { return try bool(at: offset, path) as! T }
        if T.self == Date.self {
            guard tag(at: offset) == Tag.date.rawValue else { throw mismatch(type, at: offset, path) }
            let seconds = Double(bitPattern: fixed64(at: offset + 1))
            // A date is a finite instant (as in the JSON payloads): NaN or an infinity is damage.
            guard seconds.isFinite else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: path.keys, debugDescription: "a date that is not a finite instant"))
            }
            return Date(timeIntervalSince1970: seconds) as! T
        }
        if T.self == Data.self {
            guard tag(at: offset) == Tag.data.rawValue else { throw mismatch(type, at: offset, path) }
            return Data(span(at: offset)) as! T
        }
        if T.self == Decimal.self {
            guard tag(at: offset) == Tag.decimal.rawValue,
                  let decimal = Decimal(string: String(decoding: span(at: offset), as: UTF8.self), locale: Self.posix) else {
                throw mismatch(type, at: offset, path)
            }
            return decimal as! T
        }
        if T.self == URL.self {
            guard tag(at: offset) == Tag.string.rawValue, let url = URL(string: String(decoding: span(at: offset), as: UTF8.self)) else {
                throw mismatch(type, at: offset, path)
            }
            return url as! T
        }
        let savedOffset = self.offset
        let savedPath = self.path
        let mark = arena.count
        self.offset = offset
        self.path = path
        defer {
            self.offset = savedOffset
            self.path = savedPath
            let count = arena.count
            if count > mark { arena.removeLast(count - mark) }
        }
        return try T(from: self)
    }

    // MARK: - Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try keyedContainer(at: offset, path, keyedBy: type))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(at: offset, path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// The keyed container of the object at `offset`: its fields indexed into the arena in one scan.
    func keyedContainer<Key: CodingKey>(at offset: Int, _ path: BinaryCodingPath,
                                        keyedBy type: Key.Type) throws -> BinaryBytesKeyedDecodingContainer<Key> {
        guard tag(at: offset) == Tag.object.rawValue else { throw mismatch([String: Any].self, at: offset, path) }
        var cursor = offset + 1
        let count = Int(varint(&cursor))
        let start = arena.count
        // One access to the arena: room for the header and the fields, then filled in place.
        arena += repeatElement(Field(keyOffset: 0, keyLength: 0, valueOffset: 0), count: count + 1)
        let sorted = arena.withUnsafeMutableBufferPointer { fields in
            var sorted = true
            var previous = UnsafeRawBufferPointer(start: nil, count: 0)
            for index in 0..<count {
                let keyLength = Int(varint(&cursor))
                let keyOffset = cursor
                cursor += keyLength
                fields[start + 1 + index] = Field(keyOffset: keyOffset, keyLength: keyLength, valueOffset: cursor)
                skip(&cursor)
                let key = UnsafeRawBufferPointer(rebasing: bytes[keyOffset..<keyOffset + keyLength])
                if sorted && index > 0 { sorted = Self.precedes(previous, key) }
                previous = key
            }
            return sorted
        }
        return BinaryBytesKeyedDecodingContainer(decoder: self, start: start, count: count, sorted: sorted, path: path.sealed())
    }

    func unkeyedContainer(at offset: Int, _ path: BinaryCodingPath) throws -> BinaryBytesUnkeyedDecodingContainer {
        guard tag(at: offset) == Tag.array.rawValue else { throw mismatch([Any].self, at: offset, path) }
        var cursor = offset + 1
        let count = Int(varint(&cursor))
        return BinaryBytesUnkeyedDecodingContainer(decoder: self, total: count, cursor: cursor, path: path.sealed())
    }

    /// Whether key bytes `a` sort strictly before `b` (the encoder's order, so no key repeats).
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// The value offset of the field named `name` among the `count` fields indexed at `start`.
    func lookup(_ name: UnsafeBufferPointer<UInt8>, start: Int, count: Int, sorted: Bool) -> Int? {
        checkOpen()
        guard count > 0 else { return nil }
        return arena.withUnsafeMutableBufferPointer { fields in
            let first = start + 1
            func matches(_ index: Int) -> Bool {
                let field = fields[index]
                guard field.keyLength == name.count else { return false }
                guard field.keyLength > 0 else { return true }
                let key = bytes.baseAddress!.advanced(by: field.keyOffset)
                return key.load(as: UInt8.self) == name[0] && memcmp(key, name.baseAddress!, name.count) == 0
            }
            guard sorted else {
                // Keys out of order (not the encoder's bytes) may repeat: the first one counts, as in the tree.
                for index in first..<first + count where matches(index) { return fields[index].valueOffset }
                return nil
            }
            // Fields are usually read in the order they are written: try the one after the last found.
            let hint = fields[start].valueOffset
            if hint < count, matches(first + hint) {
                fields[start].valueOffset = hint + 1
                return fields[first + hint].valueOffset
            }
            if count > 16 {
                var low = 0, high = count
                let wanted = UnsafeRawBufferPointer(name)
                while low < high {
                    let middle = (low + high) / 2
                    let field = fields[first + middle]
                    let key = UnsafeRawBufferPointer(rebasing: bytes[field.keyOffset..<field.keyOffset + field.keyLength])
                    if Self.precedes(key, wanted) { low = middle + 1 } else { high = middle }
                }
                guard low < count, matches(first + low) else { return nil }
                fields[start].valueOffset = low + 1
                return fields[first + low].valueOffset
            }
            for position in 0..<count where matches(first + position) {
                fields[start].valueOffset = position + 1
                return fields[first + position].valueOffset
            }
            return nil
        }
    }

    /// The key bytes of field `index` of the container at `start`, as a string.
    func keyString(start: Int, index: Int) -> String {
        checkOpen()
        let field = arena[start + 1 + index]
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.keyOffset..<field.keyOffset + field.keyLength]), as: UTF8.self)
    }

    /// A decoder of its own for a `superDecoder()`, which may outlive the current value's scope.
    func detached(at offset: Int, _ path: BinaryCodingPath) -> BinaryBytesDecoder {
        BinaryBytesDecoder(bytes: bytes, offset: offset, path: path, root: root ?? self)
    }

    // MARK: - SingleValueDecodingContainer

    func decodeNil() -> Bool { isNil(at: offset) }
    // (The single-value reads below use the path as it is: no child is made.)
    func decode(_ type: Bool.Type) throws -> Bool { try bool(at: offset, path) }
    func decode(_ type: String.Type) throws -> String { try string(at: offset, path) }
    func decode(_ type: Double.Type) throws -> Double { try double(at: offset, path) }
    func decode(_ type: Float.Type) throws -> Float { try float(at: offset, path) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type, at: offset, path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, at: offset, path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, at: offset, path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, at: offset, path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, at: offset, path) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type, at: offset, path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, at: offset, path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, at: offset, path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, at: offset, path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, at: offset, path) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try unbox(type, at: offset, path) }
}
