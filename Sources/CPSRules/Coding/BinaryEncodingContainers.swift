import Foundation

/// The `Encoder` of ``BinaryPayloadEncoder``'s fast path, handed to each value's `encode(to:)`: the
/// shared ``BinaryEncodingState`` and the open value (frame) it writes, by depth and frame id. A
/// container of a value that has closed, or of another kind than the value already has, makes the
/// state give up (the value is then encoded again by the reference encoder).
struct BinaryStreamEncoder: Encoder {
    let state: BinaryEncodingState
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { state.codingPath(depth: depth) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let live = state.decide(depth, id, .keyed)
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<Key>(state: state, depth: depth, id: live ? id : 0))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let live = state.decide(depth, id, .unkeyed)
        return BinaryUnkeyedEncodingContainer(state: state, depth: depth, id: live ? id : 0)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncodingContainer(state: state, depth: depth, id: id)
    }
}

/// The fields of a keyed value being written (fast path): each `key, value` goes straight into the
/// buffer in call order; the value sorts them when it closes.
struct BinaryKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: BinaryEncodingState
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { state.codingPath(depth: depth) }

    mutating func encodeNil(forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeInt(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { _ = try state.field(key.stringValue, depth, id); state.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let at = try state.field(key.stringValue, depth, id)
        try state.box(value, keyAt: at, index: -1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        guard let at = try? state.field(key.stringValue, depth, id) else {
            return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(state: state, depth: 0, id: 0))
        }
        let nested = state.push(.keyed, keyAt: at, index: -1)
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(state: state, depth: state.depth - 1, id: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        guard let at = try? state.field(key.stringValue, depth, id) else {
            return BinaryUnkeyedEncodingContainer(state: state, depth: 0, id: 0)
        }
        let nested = state.push(.unkeyed, keyAt: at, index: -1)
        return BinaryUnkeyedEncodingContainer(state: state, depth: state.depth - 1, id: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        guard let at = try? state.field(name, depth, id) else { return BinaryStreamEncoder(state: state, depth: 0, id: 0) }
        let nested = state.push(.undecided, keyAt: at, index: -1)
        return BinaryStreamEncoder(state: state, depth: state.depth - 1, id: nested)
    }
}

/// The items of an unkeyed value being written (fast path), straight into the buffer.
struct BinaryUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let state: BinaryEncodingState
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { state.codingPath(depth: depth) }
    var count: Int { state.itemCount(depth, id) }

    mutating func encodeNil() throws { _ = try state.item(depth, id); state.writeNil() }
    mutating func encode(_ value: Bool) throws { _ = try state.item(depth, id); state.writeBool(value) }
    mutating func encode(_ value: String) throws { _ = try state.item(depth, id); state.writeString(value) }
    mutating func encode(_ value: Double) throws { _ = try state.item(depth, id); state.writeDouble(value) }
    mutating func encode(_ value: Float) throws { _ = try state.item(depth, id); state.writeFloat(value) }
    mutating func encode(_ value: Int) throws { _ = try state.item(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8) throws { _ = try state.item(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16) throws { _ = try state.item(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32) throws { _ = try state.item(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64) throws { _ = try state.item(depth, id); state.writeInt(value) }
    mutating func encode(_ value: UInt) throws { _ = try state.item(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { _ = try state.item(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { _ = try state.item(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { _ = try state.item(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { _ = try state.item(depth, id); state.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = try state.item(depth, id)
        try state.box(value, keyAt: -1, index: index)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        guard let index = try? state.item(depth, id) else {
            return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(state: state, depth: 0, id: 0))
        }
        let nested = state.push(.keyed, keyAt: -1, index: index)
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(state: state, depth: state.depth - 1, id: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        guard let index = try? state.item(depth, id) else { return BinaryUnkeyedEncodingContainer(state: state, depth: 0, id: 0) }
        let nested = state.push(.unkeyed, keyAt: -1, index: index)
        return BinaryUnkeyedEncodingContainer(state: state, depth: state.depth - 1, id: nested)
    }

    mutating func superEncoder() -> any Encoder {
        guard let index = try? state.item(depth, id) else { return BinaryStreamEncoder(state: state, depth: 0, id: 0) }
        let nested = state.push(.undecided, keyAt: -1, index: index)
        return BinaryStreamEncoder(state: state, depth: state.depth - 1, id: nested)
    }
}

/// The one value of a single-value container (fast path); a second value gives up.
struct BinarySingleValueEncodingContainer: SingleValueEncodingContainer {
    let state: BinaryEncodingState
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { state.codingPath(depth: depth) }

    mutating func encodeNil() throws { try state.single(depth, id); state.writeNil() }
    mutating func encode(_ value: Bool) throws { try state.single(depth, id); state.writeBool(value) }
    mutating func encode(_ value: String) throws { try state.single(depth, id); state.writeString(value) }
    mutating func encode(_ value: Double) throws { try state.single(depth, id); state.writeDouble(value) }
    mutating func encode(_ value: Float) throws { try state.single(depth, id); state.writeFloat(value) }
    mutating func encode(_ value: Int) throws { try state.single(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try state.single(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try state.single(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try state.single(depth, id); state.writeInt(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try state.single(depth, id); state.writeInt(value) }
    mutating func encode(_ value: UInt) throws { try state.single(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try state.single(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try state.single(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try state.single(depth, id); state.writeUInt(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try state.single(depth, id); state.writeUInt(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.single(depth, id)
        try state.box(value, keyAt: -1, index: -1)
    }
}
