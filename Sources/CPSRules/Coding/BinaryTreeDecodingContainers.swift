import Foundation

/// The fields of a keyed value of the reference path (a value tree, ``BinaryDecodingContext``),
/// found by key (a linear scan for the few fields of a record, a dictionary for larger maps).
struct BinaryKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [(key: String, value: BinaryValue)]
    let codingPath: [any CodingKey]
    private let index: [String: Int]?

    init(fields: [(key: String, value: BinaryValue)], codingPath: [any CodingKey]) {
        self.fields = fields
        self.codingPath = codingPath
        if fields.count > 16 {
            var index: [String: Int] = [:]
            index.reserveCapacity(fields.count)
            for (position, field) in fields.enumerated() where index[field.key] == nil { index[field.key] = position }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.key) } }

    private func find(_ key: Key) -> BinaryValue? {
        let name = key.stringValue
        if let index { return index[name].map { fields[$0].value } }
        for field in fields where field.key == name { return field.value }
        return nil
    }

    private func require(_ key: Key) throws -> BinaryValue {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no field \(key.stringValue)"))
        }
        return value
    }

    private func scalar<T>(_ type: T.Type, _ key: Key) throws -> T {
        let value = try require(key)
        guard let scalar = value.scalar(type) else { throw BinaryDecodingContext.mismatch(type, value, codingPath + [key]) }
        return scalar
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { if case .null = try require(key) { true } else { false } }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try BinaryDecodingContext.unbox(try require(key), as: type, path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try BinaryDecodingContext(value: try require(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BinaryDecodingContext(value: try require(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        BinaryDecodingContext(value: fields.first { $0.key == "super" }?.value ?? .null,
                              codingPath: codingPath + [BinaryCodingKey("super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        BinaryDecodingContext(value: find(key) ?? .null, codingPath: codingPath + [key])
    }
}

/// The items of an array of the reference path, read in order.
struct BinaryUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let items: [BinaryValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [BinaryValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (BinaryValue, [any CodingKey]) {
        let path = codingPath + [BinaryCodingKey(index: currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: path, debugDescription: "the array has \(items.count) items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    private mutating func scalar<T>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        guard let scalar = value.scalar(type) else { throw BinaryDecodingContext.mismatch(type, value, path) }
        return scalar
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try BinaryDecodingContext.unbox(value, as: type, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try BinaryDecodingContext(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try BinaryDecodingContext(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return BinaryDecodingContext(value: value, codingPath: path)
    }
}

/// A single value of the reference path.
struct BinarySingleValueDecodingContainer: SingleValueDecodingContainer {
    let value: BinaryValue
    let codingPath: [any CodingKey]

    private func scalar<T>(_ type: T.Type) throws -> T {
        guard let scalar = value.scalar(type) else { throw BinaryDecodingContext.mismatch(type, value, codingPath) }
        return scalar
    }

    func decodeNil() -> Bool { if case .null = value { true } else { false } }
    func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    func decode(_ type: String.Type) throws -> String { try scalar(type) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try BinaryDecodingContext.unbox(value, as: type, path: codingPath) }
}
