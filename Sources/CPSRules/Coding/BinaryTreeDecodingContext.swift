import Foundation

/// The `Decoder` of the reference path, ``BinaryPayloadDecoder/decode(_:from:)-(_,BinaryValue)``: walks
/// a value tree read whole by ``BinaryValue/read(payload:)``. Kept to check the byte decoder against
/// (the tests decode every record both ways) and for tools that already hold a tree.
struct BinaryDecodingContext: Decoder {
    let value: BinaryValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `value` as a `T`: the special Foundation types from their own tags, anything else through
    /// its `init(from:)`.
    static func unbox<T: Decodable>(_ value: BinaryValue, as type: T.Type, path: [any CodingKey]) throws -> T {
        if type == Date.self {
            guard case let .date(seconds) = value else { throw mismatch(type, value, path) }
            // A date is a finite instant (as in the JSON payloads): NaN or an infinity is damage, and
            // a NaN date would not even equal itself after a round trip.
            guard seconds.isFinite else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: "a date that is not a finite instant"))
            }
            return Date(timeIntervalSince1970: seconds) as! T
        }
        if type == Data.self {
            guard case let .data(data) = value else { throw mismatch(type, value, path) }
            return data as! T
        }
        if type == Decimal.self {
            guard case let .decimal(text) = value, let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw mismatch(type, value, path)
            }
            return decimal as! T
        }
        if type == URL.self {
            guard case let .string(text) = value, let url = URL(string: text) else { throw mismatch(type, value, path) }
            return url as! T
        }
        return try T(from: BinaryDecodingContext(value: value, codingPath: path))
    }

    static func mismatch(_ type: Any.Type, _ value: BinaryValue, _ path: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(type, DecodingError.Context(codingPath: path, debugDescription: "found \(value.kindName)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(fields) = value else { throw Self.mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(BinaryKeyedDecodingContainer<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = value else { throw Self.mismatch([Any].self, value, codingPath) }
        return BinaryUnkeyedDecodingContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecodingContainer(value: value, codingPath: codingPath)
    }
}

extension BinaryValue {
    /// The value's kind, for error details.
    var kindName: String { tag.kindName }

    /// The tag this value is written with.
    var tag: BinaryPayloadFormat.Tag {
        switch self {
        case .null: .null
        case .bool(let value): value ? .trueValue : .falseValue
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .float: .float
        case .string: .string
        case .data: .data
        case .date: .date
        case .decimal: .decimal
        case .array: .array
        case .object: .object
        }
    }

    /// The value as a `T` of the standard library's scalar types, or `nil` if it is another kind or
    /// out of `T`'s range.
    func scalar<T>(_ type: T.Type) -> T? {
        switch self {
        case let .bool(value): return value as? T
        case let .string(value): return value as? T
        case let .double(value):
            if T.self == Double.self { return value as? T }
            return nil
        case let .float(value):
            if T.self == Float.self { return value as? T }
            if T.self == Double.self { return Double(value) as? T }
            return nil
        case let .int(value): return Self.integer(value, as: type)
        case let .uint(value): return Self.integer(value, as: type)
        default: return nil
        }
    }

    private static func integer<T, Source: BinaryInteger>(_ value: Source, as type: T.Type) -> T? {
        switch type {
        case is Int.Type: Int(exactly: value) as? T
        case is Int8.Type: Int8(exactly: value) as? T
        case is Int16.Type: Int16(exactly: value) as? T
        case is Int32.Type: Int32(exactly: value) as? T
        case is Int64.Type: Int64(exactly: value) as? T
        case is UInt.Type: UInt(exactly: value) as? T
        case is UInt8.Type: UInt8(exactly: value) as? T
        case is UInt16.Type: UInt16(exactly: value) as? T
        case is UInt32.Type: UInt32(exactly: value) as? T
        case is UInt64.Type: UInt64(exactly: value) as? T
        default: nil
        }
    }
}
