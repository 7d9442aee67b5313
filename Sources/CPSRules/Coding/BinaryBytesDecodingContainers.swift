import Foundation

/// The fields of a keyed value read from the bytes (R-ADP-1): indexed in the decoder's arena when the
/// container is made, a key found by comparing its UTF-8 with the key bytes (length and first byte
/// first), starting after the last field found (fields are usually read in the order they are
/// written), by binary search in a larger map; keys out of the encoder's order fall back to a
/// first-match scan. Decoding a scalar field allocates nothing.
struct BinaryBytesKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BinaryBytesDecoder
    let start: Int
    let count: Int
    let sorted: Bool
    /// This container's path, sealed (a child's path allocates nothing).
    let path: BinaryCodingPath

    var codingPath: [any CodingKey] { path.keys }

    var allKeys: [Key] { (0..<count).compactMap { Key(stringValue: decoder.keyString(start: start, index: $0)) } }

    private func find(_ key: Key) -> Int? {
        var name = key.stringValue
        return name.withUTF8 { decoder.lookup($0, start: start, count: count, sorted: sorted) }
    }

    private func find(named name: String) -> Int? {
        var name = name
        return name.withUTF8 { decoder.lookup($0, start: start, count: count, sorted: sorted) }
    }

    private func require(_ key: Key) throws -> Int {
        guard let offset = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no field \(key.stringValue)"))
        }
        return offset
    }

    @inline(__always) private func child(_ key: Key) -> BinaryCodingPath { path.child(.key(key)) }

    /// The scalar field `key` read by `read`; its path is made only for the error.
    @inline(__always) private func scalar<T>(_ type: T.Type, _ key: Key, _ read: (Int) -> T?) throws -> T {
        let offset = try require(key)
        guard let value = read(offset) else { throw decoder.mismatch(type, at: offset, child(key)) }
        return value
    }

    /// As ``scalar(_:_:_:)`` for `decodeIfPresent`: `nil` when the field is missing or nil.
    @inline(__always) private func scalarIfPresent<T>(_ type: T.Type, _ key: Key, _ read: (Int) -> T?) throws -> T? {
        guard let offset = present(key) else { return nil }
        guard let value = read(offset) else { throw decoder.mismatch(type, at: offset, child(key)) }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { decoder.isNil(at: try require(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) { decoder.bool(at: $0) } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) { decoder.string(at: $0) } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) { decoder.double(at: $0) } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) { decoder.float(at: $0) } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) { decoder.integer(type, at: $0) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(type, at: try require(key), child(key))
    }

    // One look-up instead of the default's three (contains, decodeNil, decode); the same answers.
    private func present(_ key: Key) -> Int? {
        guard let offset = find(key), !decoder.isNil(at: offset) else { return nil }
        return offset
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try scalarIfPresent(type, key) { decoder.bool(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try scalarIfPresent(type, key) { decoder.string(at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try scalarIfPresent(type, key) { decoder.double(at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try scalarIfPresent(type, key) { decoder.integer(type, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try decoder.unbox(type, at: $0, child(key)) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try decoder.keyedContainer(at: try require(key), child(key), keyedBy: type))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.unkeyedContainer(at: try require(key), child(key))
    }

    func superDecoder() throws -> any Decoder {
        decoder.detached(at: find(named: "super") ?? -1, path.child(.key(BinaryCodingKey("super"))))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.detached(at: find(key) ?? -1, child(key))
    }
}

/// The items of an array read from the bytes, in order: each item's offset found by stepping over
/// the one before.
struct BinaryBytesUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: BinaryBytesDecoder
    let total: Int
    /// Where the next item's tag is.
    var cursor: Int
    let path: BinaryCodingPath
    private(set) var currentIndex = 0

    init(decoder: BinaryBytesDecoder, total: Int, cursor: Int, path: BinaryCodingPath) {
        self.decoder = decoder
        self.total = total
        self.cursor = cursor
        self.path = path
    }

    var codingPath: [any CodingKey] { path.keys }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    /// The next item's offset and path, moving past it.
    private mutating func next() throws -> (Int, BinaryCodingPath) {
        let itemPath = path.child(.index(currentIndex))
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: itemPath.keys, debugDescription: "the array has \(total) items"))
        }
        let offset = cursor
        decoder.skip(&cursor)
        currentIndex += 1
        return (offset, itemPath)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, decoder.isNil(at: cursor) else { return false }
        cursor += 1
        currentIndex += 1
        return true
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { let (offset, path) = try next(); return try decoder.bool(at: offset, path) }
    mutating func decode(_ type: String.Type) throws -> String { let (offset, path) = try next(); return try decoder.string(at: offset, path) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (offset, path) = try next(); return try decoder.double(at: offset, path) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (offset, path) = try next(); return try decoder.float(at: offset, path) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (offset, path) = try next(); return try decoder.integer(type, at: offset, path) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (offset, path) = try next()
        return try decoder.unbox(type, at: offset, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (offset, path) = try next()
        return KeyedDecodingContainer(try decoder.keyedContainer(at: offset, path, keyedBy: type))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (offset, path) = try next()
        return try decoder.unkeyedContainer(at: offset, path)
    }

    mutating func superDecoder() throws -> any Decoder {
        let (offset, path) = try next()
        return decoder.detached(at: offset, path)
    }
}
