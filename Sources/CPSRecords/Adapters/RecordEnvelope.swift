import Foundation

/// One stored record as every ``RecordStore`` sees it: its kind, ID, version, encoded payload and the
/// keys the store must enforce or index (R-ADP-1).
///
/// Stores never look inside ``payload``; the typed layer (``StoredRecord``, ``Stored``) encodes and
/// decodes it. That keeps an adapter small: a PostgreSQL adapter is one table of envelopes, one of
/// unique keys and one of index keys.
public struct RecordEnvelope: Hashable, Codable, Sendable {
    /// The record kind, e.g. `"application"` (``StoredRecord/kind``).
    public var kind: String
    /// The record's ID, unique within its kind.
    public var id: String
    /// The version: 1 after the first insert, +1 on every update (optimistic concurrency, R-ADP-1); an
    /// insert after a delete continues from the deleted record's last version (R-UOW-1).
    public var version: UInt64
    /// The record, encoded as JSON by ``RecordCoder``.
    public var payload: Data
    /// Keys that no other record of any kind may hold at the same time (e.g. `"email:anna@foo.se"`).
    public var uniqueKeys: [String]
    /// Keys to look records of this kind up by (e.g. `"status:open"`); not unique.
    public var indexKeys: [String]

    /// Creates an envelope.
    public init(kind: String, id: String, version: UInt64, payload: Data,
                uniqueKeys: [String] = [], indexKeys: [String] = []) {
        self.kind = kind
        self.id = id
        self.version = version
        self.payload = payload
        self.uniqueKeys = uniqueKeys
        self.indexKeys = indexKeys
    }
}
