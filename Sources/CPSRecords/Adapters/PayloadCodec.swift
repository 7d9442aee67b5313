import Foundation

/// How a store's record payloads are encoded (R-ADP-1, issue 17 item 2). Each ``RecordStore`` names
/// its own in ``RecordStore/payloadCodec``; the typed layer (``RecordCoder``, ``WriteBatch``, the
/// unit of work) encodes with it, and reads either, telling them apart by the first byte.
public enum PayloadCodec: String, Sendable, Hashable, Codable, CaseIterable {
    /// JSON with sorted keys and dates as seconds since 1970: for stores a person reads in a database
    /// console (the default for a host's own adapter, and the PostgreSQL example).
    case json
    /// The compact binary format (``BinaryPayloadFormat``): the in-memory and file stores.
    case binary

    /// The payload bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        switch self {
        case .json: try RecordCoder.encoder().encode(value)
        case .binary: try BinaryPayloadEncoder().encode(value)
        }
    }

    /// The value in `payload`, in whichever of the two formats it was written.
    public static func decode<T: Decodable>(_ type: T.Type, from payload: Data) throws -> T {
        if BinaryPayloadFormat.isBinary(payload) {
            return try BinaryPayloadDecoder().decode(type, from: payload)
        }
        return try RecordCoder.decoder().decode(type, from: payload)
    }
}
