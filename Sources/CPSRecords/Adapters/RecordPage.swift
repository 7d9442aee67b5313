/// Where a paged read of ``RecordStore/records(kind:indexKey:after:limit:)`` goes on (R-ADP-1).
///
/// A cursor stands for a position in the kind's first-insertion order, not for an offset, so paging
/// stays stable while records are updated or deleted between pages: no record present for the whole
/// read is skipped or returned twice. Keep it opaque; it is `Codable` so a job can store it.
public struct RecordCursor: Hashable, Codable, Sendable {
    /// The insertion sequence of the last record returned (store-specific; only compare cursors of
    /// one store).
    public let sequence: UInt64
    /// The ID of the last record returned.
    public let lastID: String
    /// For a range read (``RecordStore/records(kind:indexKeysFrom:below:after:limit:)``): the index
    /// key under which the last record was returned; `nil` for a read of one key or the whole kind.
    public let indexKey: String?

    /// Creates a cursor after the record `lastID` at insertion sequence `sequence` (of the key
    /// `indexKey`, in a range read).
    public init(sequence: UInt64, lastID: String, indexKey: String? = nil) {
        self.sequence = sequence
        self.lastID = lastID
        self.indexKey = indexKey
    }
}

/// One page of a paged read (R-ADP-1): at most `limit` records in first-insertion order, and the
/// cursor to read on from, `nil` when there is nothing after this page.
public struct RecordPage: Hashable, Sendable {
    /// The records of this page, oldest insertion first.
    public let records: [RecordEnvelope]
    /// Where the next page starts; `nil` when this page reached the end.
    public let next: RecordCursor?

    /// Creates a page.
    public init(records: [RecordEnvelope], next: RecordCursor?) {
        self.records = records
        self.next = next
    }
}
