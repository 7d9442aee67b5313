/// One write in a ``WriteBatch`` (R-ADP-1).
public enum RecordWrite: Hashable, Codable, Sendable {
    /// Stores `envelope` if the record's current version is `expectedVersion` (0: it must not exist
    /// yet). The stored version becomes `expectedVersion + 1`; the envelope's own `version` is ignored.
    case put(RecordEnvelope, expectedVersion: UInt64)
    /// Deletes the record if its current version is `expectedVersion`, releasing its keys.
    case delete(kind: String, id: String, expectedVersion: UInt64)

    /// The kind of the record written.
    public var kind: String {
        switch self {
        case .put(let envelope, _): envelope.kind
        case .delete(let kind, _, _): kind
        }
    }

    /// The ID of the record written.
    public var id: String {
        switch self {
        case .put(let envelope, _): envelope.id
        case .delete(_, let id, _): id
        }
    }

    /// The version the record must have for the write to apply.
    public var expectedVersion: UInt64 {
        switch self {
        case .put(_, let version), .delete(_, _, let version): version
        }
    }
}
