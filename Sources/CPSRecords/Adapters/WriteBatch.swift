/// The writes that one ``RecordStore/commit(_:)`` applies atomically: a state change together with
/// its audit entries and the mails it sends (R-ADP-1, R-ADP-2).
///
/// Build it with the typed methods, which encode records through ``RecordCoder``:
///
/// ```swift
/// var batch = WriteBatch()
/// try batch.insert(application)              // must not exist yet
/// try batch.update(storedAccount)            // expects the version it was read at
/// try batch.insert(OutboxMail(...))          // the mail goes with the change, or not at all
/// try await store.commit(batch)
/// ```
public struct WriteBatch: Sendable, Hashable, Codable {
    /// The writes, in order.
    public private(set) var writes: [RecordWrite]
    /// How the typed methods encode records: pass the store's ``RecordStore/payloadCodec``
    /// (`WriteBatch(codec: store.payloadCodec)`); JSON unless told. Not part of the batch's own coding.
    public var codec: PayloadCodec

    private enum CodingKeys: String, CodingKey { case writes }

    /// An empty batch, or one with `writes`, encoding records in `codec`.
    public init(_ writes: [RecordWrite] = [], codec: PayloadCodec = .json) {
        self.writes = writes
        self.codec = codec
    }

    public init(from decoder: any Decoder) throws {
        writes = try decoder.container(keyedBy: CodingKeys.self).decode([RecordWrite].self, forKey: .writes)
        codec = .json
    }

    /// Whether the batch has no writes.
    public var isEmpty: Bool { writes.isEmpty }

    /// Appends a raw write.
    public mutating func append(_ write: RecordWrite) { writes.append(write) }

    /// Inserts a new record (its ID must be unused).
    public mutating func insert<R: StoredRecord>(_ record: R) throws(StorageError) {
        writes.append(.put(try RecordCoder.envelope(record, version: 1, codec: codec), expectedVersion: 0))
    }

    /// Replaces `stored`'s record with its current value, expecting the version it was read at.
    public mutating func update<R: StoredRecord>(_ stored: Stored<R>) throws(StorageError) {
        writes.append(.put(try RecordCoder.envelope(stored.record, version: stored.version + 1, codec: codec),
                           expectedVersion: stored.version))
    }

    /// Requires `stored`'s record to be still at the version it was read at, without writing it
    /// (R-UOW-1).
    public mutating func check<R: StoredRecord>(_ stored: Stored<R>) {
        writes.append(.check(kind: R.kind, id: stored.record.id.description, expectedVersion: stored.version))
    }

    /// Requires that no record of `type` with `id` exists when the batch commits (R-UOW-1).
    public mutating func checkAbsent<R: StoredRecord>(_ type: R.Type, id: R.ID) {
        writes.append(.check(kind: R.kind, id: id.description, expectedVersion: 0))
    }

    /// Deletes `stored`'s record, expecting the version it was read at.
    public mutating func delete<R: StoredRecord>(_ stored: Stored<R>) {
        writes.append(.delete(kind: R.kind, id: stored.record.id.description, expectedVersion: stored.version))
    }
}
