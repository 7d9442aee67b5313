import Foundation

/// Encodes any `Encodable` value in the binary payload format (``BinaryPayloadFormat``, R-ADP-1):
/// keyed values with their fields sorted by key, `Date` as seconds since 1970, `Decimal` as its
/// canonical text, `Data` and strings as raw bytes. The same value always gives the same bytes.
///
/// ```swift
/// let bytes = try BinaryPayloadEncoder().encode(invoice)
/// let back = try BinaryPayloadDecoder().decode(Invoice.self, from: bytes)
/// ```
///
/// How it works (issue 17 item 2): values are written straight into one growing byte buffer
/// (`BinaryEncodingState`) as their `encode(to:)` calls the containers — no value tree. A keyed
/// value writes its fields in call order and, when it closes, its field count and (once, if they
/// were not in order) its fields sorted by key bytes. `Date`, `Data`, `Decimal`, `URL` and the
/// scalars are written directly; the coding path is only rebuilt when asked for (an error).
///
/// The fallback: `Codable` lets a value use its containers out of order (write into a nested
/// container after a sibling field, keep a `superEncoder` for later, mix container kinds, encode a
/// key twice). The fast path notices that and gives up, and the value is encoded again by the
/// reference encoder, which builds the tree of the value first (`EncodingNode`); the bytes are the
/// same either way, only slower.
public struct BinaryPayloadEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The payload bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let state = BinaryEncodingState()
        if try Self.encodeFast(value, into: state) { return state.takeData() }
        return try encodeReference(value)
    }

    /// The payload bytes of `value` from the fast path, or `nil` when it had to give up (then
    /// ``encode(_:)`` uses the reference encoder); for tests.
    package func encodeFastPath<T: Encodable>(_ value: T) throws -> [UInt8]? {
        let state = BinaryEncodingState()
        return try Self.encodeFast(value, into: state) ? state.byteArray : nil
    }

    /// The payload bytes of `value` from the reference tree encoder (`EncodingNode`).
    package func encodeReference<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodeValue(value).payload())
    }

    /// The value tree of `value`, before its bytes (the reference encoder).
    package func encodeValue<T: Encodable>(_ value: T) throws -> BinaryValue {
        try EncodingNode.box(value, path: []).resolve()
    }

    /// Writes the payload of `value` into `state`; false if the fast path gave up. An error of the
    /// value's own `encode(to:)` is thrown as it is (unless the fast path had given up before it).
    private static func encodeFast<T: Encodable>(_ value: T, into state: BinaryEncodingState) throws -> Bool {
        state.write(BinaryPayloadFormat.magic)
        state.write(BinaryPayloadFormat.version)
        do {
            try state.box(value, keyAt: -1, index: -1)
        } catch {
            if state.abandoned { return false }
            throw error
        }
        return !state.abandoned
    }
}
