/// A value the services persist through a ``RecordStore`` (R-ADP-1).
///
/// A conforming type names its ``kind``, its ``id`` and the keys the store enforces (``uniqueKeys``,
/// global across kinds) or indexes (``indexKeys``). Each new record kind comes with the in-memory and
/// file-backed stores for free, and joins the round-trip check of `StorageConformance` (in `CPSKitTesting`).
public protocol StoredRecord: Codable, Sendable {
    /// The record kind, stable forever (it is written to disk), e.g. `"application"`.
    static var kind: String { get }
    /// The type of the record's ID: ``Identifier`` for the records a host handles
    /// (`BusinessAccount.ID`, `Invoice.ID`, …), `String` for internal ones (counters, claims). Its
    /// `description` is the stored form.
    associatedtype ID: Hashable & Sendable & Codable & LosslessStringConvertible
    /// The record's ID, unique within its kind.
    var id: ID { get }
    /// Keys no other record may hold at the same time, e.g. `"vat:SE556677889901"`.
    var uniqueKeys: [String] { get }
    /// Keys to find records of this kind by, e.g. `"account:account-1"`.
    var indexKeys: [String] { get }
}

extension StoredRecord {
    /// No unique keys.
    public var uniqueKeys: [String] { [] }
    /// No index keys.
    public var indexKeys: [String] { [] }
}

/// A record together with the version it was read at: the token of optimistic concurrency
/// (R-ADP-1). Change ``record`` and pass the whole value to ``WriteBatch/update(_:)``.
public struct Stored<R: StoredRecord>: Sendable {
    /// The record.
    public var record: R
    /// The version it was read at.
    public let version: UInt64

    /// Creates a value.
    public init(record: R, version: UInt64) {
        self.record = record
        self.version = version
    }
}

extension Stored: Equatable where R: Equatable {}
