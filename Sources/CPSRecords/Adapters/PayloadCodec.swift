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

    /// The payload as the Foundation objects `JSONSerialization` gives, in either format (for tests
    /// and tools that inspect a stored record's fields).
    package static func foundationObject(of payload: Data) throws -> Any {
        if BinaryPayloadFormat.isBinary(payload) {
            return try payload.withUnsafeBytes { bytes throws(BinaryPayloadError) in try BinaryValue.read(payload: bytes) }.foundationObject
        }
        return try JSONSerialization.jsonObject(with: payload)
    }

    /// `payload` with its top-level object changed by `change`, written back in the format it was in
    /// (a binary leaf keeps its kind: a date stays a date) — for tests that tamper with stored data.
    package static func edited(_ payload: Data, _ change: (inout [String: Any]) -> Void) throws -> Data {
        guard var object = try foundationObject(of: payload) as? [String: Any] else {
            throw BinaryPayloadError("the payload is not a keyed value")
        }
        change(&object)
        if BinaryPayloadFormat.isBinary(payload) {
            let template = try payload.withUnsafeBytes { bytes throws(BinaryPayloadError) in try BinaryValue.read(payload: bytes) }
            return Data(BinaryValue(foundationObject: object, template: template).payload())
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
