import Foundation

/// Decodes values from the binary payload format (``BinaryPayloadFormat``, R-ADP-1, issue 17 item 2).
/// Fields the type does not know are skipped, so a payload written by a newer minor version still
/// reads; a damaged payload throws ``BinaryPayloadError``, a value of the wrong shape a `DecodingError`
/// with its coding path.
///
/// How it reads: inside one `withUnsafeBytes` scope, first one pass over the whole payload checks it
/// without building anything (`BinaryReader.validate(payload:)`: the magic byte and version, every
/// tag, every length and count against the bytes left, nesting at most
/// ``BinaryPayloadFormat/maximumDepth`` deep, varints of at most 10 bytes, the UTF-8 of every string,
/// key and decimal, no bytes after the value) — so a damaged payload is refused before any
/// `init(from:)` runs, even where the damage is in a field the type never reads. Then the type's
/// `init(from:)` reads the fields it asks for straight from the bytes through one reused decoder
/// (`BinaryBytesDecoder`): no value tree, no key turned into a `String`, the coding path built only
/// for an error. Dates must be finite, a `Decimal` reads from its text (en_US_POSIX), a `URL` from a
/// string, integers only where they fit the asked type, a `Float` widens to a `Double`.
public struct BinaryPayloadDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// The value of type `T` in `payload`.
    public func decode<T: Decodable>(_ type: T.Type, from payload: Data) throws -> T {
        try payload.withUnsafeBytes { bytes in
            try BinaryReader.validate(payload: bytes)
            let decoder = BinaryBytesDecoder(bytes: bytes, offset: 2, path: .root)
            defer { decoder.isOpen = false }
            return try decoder.unbox(type, at: 2, .root)
        }
    }

    /// The value of type `T` in an already read value tree: the reference path the tests compare the
    /// byte decoder with (same answers, same errors).
    package func decode<T: Decodable>(_ type: T.Type, from value: BinaryValue) throws -> T {
        try BinaryDecodingContext.unbox(value, as: type, path: [])
    }

    /// The value of type `T` in `payload` through the reference path: the whole value tree first,
    /// then the type's `init(from:)` over it.
    package func decodeThroughTree<T: Decodable>(_ type: T.Type, from payload: Data) throws -> T {
        let value = try payload.withUnsafeBytes { bytes throws(BinaryPayloadError) in try BinaryValue.read(payload: bytes) }
        return try decode(type, from: value)
    }
}
