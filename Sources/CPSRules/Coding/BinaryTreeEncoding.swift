import Foundation

/// The reference encoder of the binary payload format (R-ADP-1): builds a tree of nodes, one per
/// value, resolves it into a ``BinaryValue`` (keyed fields sorted by the bytes of their keys) and
/// only then writes bytes. It is slow but obviously right for any use of the `Encoder` containers,
/// so ``BinaryPayloadEncoder`` falls back to it when a value uses its containers out of order, and
/// the tests check the fast encoder's bytes against it.
///
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
        try value.encode(to: BinaryTreeEncodingContext(node: node, codingPath: path))
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

/// The `Encoder` of the reference tree encoder (``EncodingNode``), handed to each value's `encode(to:)`.
struct BinaryTreeEncodingContext: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.fields == nil { node.fields = [:] }
        return KeyedEncodingContainer(BinaryTreeKeyedEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.items == nil { node.items = [] }
        return BinaryTreeUnkeyedEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinaryTreeSingleValueEncodingContainer(node: node, codingPath: codingPath)
    }
}
