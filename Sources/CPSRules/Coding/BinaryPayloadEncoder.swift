import Foundation

/// Encodes any `Encodable` value in the binary payload format (``BinaryPayloadFormat``, R-ADP-1):
/// keyed values with their fields sorted by key, `Date` as seconds since 1970, `Decimal` as its
/// canonical text, `Data` and strings as raw bytes. The same value always gives the same bytes.
///
/// ```swift
/// let bytes = try BinaryPayloadEncoder().encode(invoice)
/// let back = try BinaryPayloadDecoder().decode(Invoice.self, from: bytes)
/// ```
public struct BinaryPayloadEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The payload bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodeValue(value).payload())
    }

    /// The value tree of `value`, before its bytes.
    package func encodeValue<T: Encodable>(_ value: T) throws -> BinaryValue {
        try EncodingNode.box(value, path: []).resolve()
    }
}

/// One value being encoded: a single value, the fields of a keyed container or the items of an
/// unkeyed one (a reference, so nested containers fill it in place).
final class EncodingNode {
    var single: BinaryValue?
    var fields: [String: EncodingNode]?
    var items: [EncodingNode]?

    init() {}
    init(_ value: BinaryValue) { single = value }

    /// The finished value: keyed fields sorted by the bytes of their keys.
    func resolve() -> BinaryValue {
        if let fields {
            return .object(fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { (key: $0.key, value: $0.value.resolve()) })
        }
        if let items { return .array(items.map { $0.resolve() }) }
        return single ?? .object([])
    }

    /// The node of `value`: a special Foundation type as its own tag, anything else through its
    /// `encode(to:)`.
    static func box<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> EncodingNode {
        if let special = special(value) { return EncodingNode(special) }
        let node = EncodingNode()
        try value.encode(to: BinaryEncodingContext(node: node, codingPath: path))
        return node
    }

    static func special<T: Encodable>(_ value: T) -> BinaryValue? {
        switch value {
        case let date as Date: .date(date.timeIntervalSince1970)
        case let data as Data: .data(data)
        case let decimal as Decimal: .decimal(decimal.description)
        case let url as URL: .string(url.absoluteString)
        default: nil
        }
    }
}

/// The `Encoder` handed to each value's `encode(to:)`.
struct BinaryEncodingContext: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.fields == nil { node.fields = [:] }
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.items == nil { node.items = [] }
        return BinaryUnkeyedEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncodingContainer(node: node, codingPath: codingPath)
    }
}
