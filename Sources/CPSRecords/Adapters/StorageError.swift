/// Why a ``RecordStore`` refused or failed a request (R-ADP-1).
///
/// A struct around a reason, so that adding a reason later breaks no client's `switch`: compare
/// ``reason`` with the static members (`error.reason == .conflict`).
public struct StorageError: LocalizedFailure, Equatable {
    /// The kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case conflict, uniqueKeyTaken, invalidBatch, unavailable, corrupt, unsupportedVersion, locked
            case lockLost, outOfOrder, incomplete, invalidOption
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``StorageError/code``.
        public var description: String { representation.rawValue }

        /// A write expected another version of the record (a concurrent change); nothing was written.
        public static let conflict = Reason(.conflict)
        /// A unique key is held by another record; nothing was written.
        public static let uniqueKeyTaken = Reason(.uniqueKeyTaken)
        /// The batch itself is malformed (e.g. two writes to the same record).
        public static let invalidBatch = Reason(.invalidBatch)
        /// The store could not read or write (I/O, full disk, closed store).
        public static let unavailable = Reason(.unavailable)
        /// Stored data is damaged or cannot be decoded.
        public static let corrupt = Reason(.corrupt)
        /// The stored data was written by a newer, unknown format version.
        public static let unsupportedVersion = Reason(.unsupportedVersion)
        /// Another process holds the store's lock.
        public static let locked = Reason(.locked)
        /// The store's lock file was deleted or replaced while the store was open, so another
        /// process may write to it too; the store stops committing (R-ADP-1). Nothing committed is lost:
        /// close and reopen it once no other process uses it.
        public static let lockLost = Reason(.lockLost)
        /// The journal holds a stale or repeated commit: a frame whose commit sequence or record
        /// versions do not follow the state before it (R-ADP-1). Nothing is replayed.
        public static let outOfOrder = Reason(.outOfOrder)
        /// Store files are missing: no journal (or one without commits) beside other files of a
        /// store, e.g. a snapshot without its journal (R-ADP-1).
        public static let incomplete = Reason(.incomplete)
        /// An option of the store is out of range (e.g. a negative compaction threshold) (R-ADP-1).
        public static let invalidOption = Reason(.invalidOption)
    }

    /// The kind of failure.
    public let reason: Reason
    /// The record kind concerned, if any.
    public let kind: String?
    /// The record ID or unique key concerned, if any.
    public let subject: String?
    /// A technical detail for logs.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, kind: String? = nil, subject: String? = nil, detail: String) {
        self.reason = reason
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }

    /// A conflict on the record `kind`/`id`: `expected` was written against, `actual` is stored.
    public static func conflict(kind: String, id: String, expected: UInt64, actual: UInt64) -> StorageError {
        StorageError(.conflict, kind: kind, subject: id,
                     detail: "\(kind) \(id): expected version \(expected), found \(actual)")
    }

    /// The unique key `key` is held by `kind`/`id`.
    public static func uniqueKeyTaken(_ key: String, heldBy kind: String, id: String) -> StorageError {
        StorageError(.uniqueKeyTaken, kind: kind, subject: key, detail: "\(key) is held by \(kind) \(id)")
    }

    /// `storage.<reason>`, e.g. `storage.conflict`.
    public var code: String { "storage.\(reason)" }

    /// A unique key taken is a `FailureCategory.refusal`; data written by a newer version is a
    /// `FailureCategory.configuration` error (the wrong program runs), as is an invalid option; the rest
    /// are failures.
    public var category: FailureCategory {
        switch reason.representation {
        case .uniqueKeyTaken: .refusal
        case .unsupportedVersion, .invalidOption: .configuration
        case .conflict, .invalidBatch, .unavailable, .corrupt, .locked, .lockLost, .outOfOrder, .incomplete: .failure
        }
    }

    // MARK: - LocalizedFailure

    /// `storage.error.<reason>`.
    public var textKey: TextKey { TextKey("storage.error.\(reason)") }

    /// None: kind, subject and detail are for logs and programs, never in the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] { [:] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [StorageError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .conflict: StorageError.conflict(kind: "businessAccount", id: "account-1", expected: 2, actual: 3)
            case .uniqueKeyTaken: StorageError.uniqueKeyTaken("email:anna@example.com", heldBy: "accountUser", id: "user-1")
            case .invalidBatch: StorageError(.invalidBatch, detail: "two writes to accountUser user-1")
            case .unavailable: StorageError(.unavailable, detail: "No space left on device")
            case .corrupt: StorageError(.corrupt, detail: "journal entry 12: bad checksum")
            case .unsupportedVersion: StorageError(.unsupportedVersion, detail: "format version 9")
            case .locked: StorageError(.locked, detail: "the lock file is held by process 4711")
            case .lockLost: StorageError(.lockLost, detail: "/var/lib/cps/LOCK was deleted or replaced")
            case .outOfOrder: StorageError(.outOfOrder, detail: "journal frame at offset 812 carries commit 7, expected 9")
            case .incomplete: StorageError(.incomplete, detail: "/var/lib/cps has a snapshot but no journal")
            case .invalidOption: StorageError(.invalidOption, detail: "compactionThreshold -1 is negative")
            }
        }
    }
}
