/// One write in a ``WriteBatch`` (R-ADP-1).
public enum RecordWrite: Hashable, Codable, Sendable {
    /// Stores `envelope` if the record's current version is `expectedVersion` (0: it must not exist
    /// yet). The stored version becomes `expectedVersion + 1`; the envelope's own `version` is ignored.
    case put(RecordEnvelope, expectedVersion: UInt64)
    /// Deletes the record if its current version is `expectedVersion`, releasing its keys. The store
    /// keeps a tombstone with the record's last version, so a later insert of the same kind and ID
    /// continues from it and no version of a (kind, id) ever repeats (R-UOW-1).
    case delete(kind: String, id: String, expectedVersion: UInt64)
    /// Writes nothing, but the batch applies only if the record's current version is
    /// `expectedVersion` (0: no live record, whether it never existed or was deleted). A unit of work
    /// adds one for every record its decision read and did not write, so a concurrent change to
    /// anything the decision rested on fails the whole batch with a conflict (R-UOW-1). A batch may
    /// check and write the same record only at the same expected version; otherwise it is
    /// ``StorageError/Reason/invalidBatch``.
    case check(kind: String, id: String, expectedVersion: UInt64)

    /// The kind of the record written.
    public var kind: String {
        switch self {
        case .put(let envelope, _): envelope.kind
        case .delete(let kind, _, _), .check(let kind, _, _): kind
        }
    }

    /// The ID of the record written.
    public var id: String {
        switch self {
        case .put(let envelope, _): envelope.id
        case .delete(_, let id, _), .check(_, let id, _): id
        }
    }

    /// The version the record must have for the write to apply.
    public var expectedVersion: UInt64 {
        switch self {
        case .put(_, let version), .delete(_, _, let version), .check(_, _, let version): version
        }
    }

    /// Whether the write changes the store (`put` and `delete`), rather than only checking (`check`).
    public var changesState: Bool {
        if case .check = self { return false }
        return true
    }
}
