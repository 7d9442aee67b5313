/// An index key of records of type `Record` (R-ADP-1, issue 17 item 4): the typed form of a string
/// in ``StoredRecord/indexKeys``, built by the record type's own builders —
/// `ProductRegistration.byAccount(accountID)`, `OutboxMail.pendingIndex` — so that the key a record
/// is written under and the key a service reads by come from one place, and a key of one kind
/// cannot be passed to a read of another.
///
/// ```swift
/// let products = try await store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(accountID))
/// ```
///
/// A host's own record type builds its keys with ``init(_:)`` in its own static functions and
/// lists their ``rawValue``s in ``StoredRecord/indexKeys``.
public struct IndexKey<Record: StoredRecord>: Hashable, Sendable, CustomStringConvertible {
    /// The key as stored, e.g. `"account:account-1"`.
    public let rawValue: String

    /// A key of `Record` as stored. Call it from the record type's key builders only.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The stored form.
    public var description: String { rawValue }
}
