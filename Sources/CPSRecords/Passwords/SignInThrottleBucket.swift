import Foundation

/// One of the records that hold sign-in throttling state (R-ID-2): the failed attempts of the keys
/// (digests of a normalised e-mail address or of a host's client key) that hash to this bucket.
/// Bounded (the policy's `entriesPerBucket`), expiring (an entry whose window and lock have passed
/// is dropped on the next write), in the store, so it survives a restart and is shared by every
/// process on the store.
public struct SignInThrottleBucket: StoredRecord, Equatable {
    /// The failures of one key.
    public struct Entry: Codable, Sendable, Equatable {
        /// Failed attempts counted since ``windowStart``.
        public var failures: Int
        /// When the first counted failure happened.
        public var windowStart: Date
        /// Until when the key is locked, if it is.
        public var lockedUntil: Date?

        /// Creates an entry.
        public init(failures: Int, windowStart: Date, lockedUntil: Date? = nil) {
            self.failures = failures
            self.windowStart = windowStart
            self.lockedUntil = lockedUntil
        }
    }

    public static let kind = "signin.throttle"

    /// `signin-throttle-<n>`.
    public let id: String
    /// The entries by key digest (lower-case hex; never an address or a client key itself).
    public var entries: [String: Entry]

    /// Creates an empty bucket.
    public init(id: String, entries: [String: Entry] = [:]) {
        self.id = id
        self.entries = entries
    }
}
