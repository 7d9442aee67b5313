import Foundation

/// Encodes records to envelope payloads and back, in the store's ``PayloadCodec``: JSON with sorted
/// keys and dates as seconds since 1970, or the binary format (``BinaryPayloadFormat``). Either way the
/// same record always gives the same bytes; decoding reads both.
public enum RecordCoder {
    /// The envelope of `record` at `version`.
    public static func envelope<R: StoredRecord>(_ record: R, version: UInt64,
                                                 codec: PayloadCodec = .json) throws(StorageError) -> RecordEnvelope {
        RecordEnvelope(kind: R.kind, id: record.id.description, version: version, payload: try encode(record, codec: codec),
                       uniqueKeys: record.uniqueKeys, indexKeys: record.indexKeys)
    }

    /// The record in `envelope`, with its version.
    public static func decode<R: StoredRecord>(_ type: R.Type, from envelope: RecordEnvelope) throws(StorageError) -> Stored<R> {
        guard envelope.kind == R.kind else {
            throw StorageError(.corrupt, kind: envelope.kind, subject: envelope.id,
                               detail: "expected a \(R.kind) record, found \(envelope.kind)")
        }
        do {
            return Stored(record: try PayloadCodec.decode(R.self, from: envelope.payload), version: envelope.version)
        } catch {
            throw StorageError(.corrupt, kind: envelope.kind, subject: envelope.id,
                               detail: "\(envelope.kind) \(envelope.id) cannot be decoded: \(error)")
        }
    }

    /// The bytes of `value` in `codec` (JSON unless told).
    public static func encode<T: Encodable>(_ value: T, codec: PayloadCodec = .json) throws(StorageError) -> Data {
        do { return try codec.encode(value) } catch {
            throw StorageError(.invalidBatch, detail: "cannot encode \(T.self): \(error)")
        }
    }

    /// The JSON encoder of record payloads: sorted keys, dates as seconds since 1970.
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }

    /// A decoder for the payloads the encoder writes (dates as seconds since 1970).
    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return decoder
    }
}

extension RecordStore {
    /// The record of type `R` with `id`, decoded, or `nil`.
    public func fetch<R: StoredRecord>(_ type: R.Type, id: R.ID) async throws(StorageError) -> Stored<R>? {
        guard let envelope = try await record(kind: R.kind, id: id.description) else { return nil }
        return try RecordCoder.decode(R.self, from: envelope)
    }

    /// The records of type `R` holding `indexKey` (all of them when `nil`), in insertion order.
    public func fetchAll<R: StoredRecord>(_ type: R.Type, indexKey: IndexKey<R>? = nil) async throws(StorageError) -> [Stored<R>] {
        var result: [Stored<R>] = []
        for envelope in try await records(kind: R.kind, indexKey: indexKey?.rawValue) {
            result.append(try RecordCoder.decode(R.self, from: envelope))
        }
        return result
    }

    /// The envelopes of the records of `R` holding `indexKey`, in insertion order (undecoded).
    public func records<R: StoredRecord>(_ indexKey: IndexKey<R>) async throws(StorageError) -> [RecordEnvelope] {
        try await records(kind: R.kind, indexKey: indexKey.rawValue)
    }

    /// One page of the envelopes of the records of `R` holding `indexKey`
    /// (``RecordStore/records(kind:indexKey:after:limit:)``).
    public func records<R: StoredRecord>(_ indexKey: IndexKey<R>, after cursor: RecordCursor?,
                                         limit: Int) async throws(StorageError) -> RecordPage {
        try await records(kind: R.kind, indexKey: indexKey.rawValue, after: cursor, limit: limit)
    }

    /// One page of the envelopes of the records of `R` holding a key of `range`, in key order
    /// (``RecordStore/records(kind:indexKeysFrom:below:after:limit:)``).
    public func records<R: StoredRecord>(_ range: IndexKeyRange<R>, after cursor: RecordCursor?,
                                         limit: Int) async throws(StorageError) -> RecordPage {
        try await records(kind: R.kind, indexKeysFrom: range.lower, below: range.upper, after: cursor, limit: limit)
    }

    /// The record of type `R` holding `uniqueKey`, or `nil` (also when a record of another kind holds it).
    public func fetch<R: StoredRecord>(_ type: R.Type, holding uniqueKey: String) async throws(StorageError) -> Stored<R>? {
        guard let envelope = try await record(holding: uniqueKey), envelope.kind == R.kind else { return nil }
        return try RecordCoder.decode(R.self, from: envelope)
    }
}
