/// How repeated failed sign-ins are slowed down (R-ID-2): per normalised e-mail address (known or
/// not) and per client key the host passes (e.g. the client's network address).
///
/// A key that fails ``attempts`` times within ``windowSeconds`` is locked for ``lockSeconds``. The
/// state lives in the store in ``buckets`` records of at most ``entriesPerBucket`` keys each, so it
/// survives a restart, is shared by every process on the same store, expires, and never holds more
/// than `buckets × entriesPerBucket` keys.
public struct SignInThrottlePolicy: Hashable, Codable, Sendable {
    /// Failed attempts within the window that lock a key. Default 5.
    public var attempts: Int
    /// The window the attempts are counted in, in seconds. Default 900 (15 minutes).
    public var windowSeconds: Int
    /// How long a locked key stays locked, in seconds. Default 900 (15 minutes).
    public var lockSeconds: Int
    /// How many records the state is spread over. Default 1,024.
    public var buckets: Int
    /// The most keys one record keeps; a full record drops its oldest unlocked key first. Default 16.
    public var entriesPerBucket: Int

    /// Creates a policy.
    public init(attempts: Int = 5, windowSeconds: Int = 900, lockSeconds: Int = 900, buckets: Int = 1_024,
                entriesPerBucket: Int = 16) {
        self.attempts = attempts
        self.windowSeconds = windowSeconds
        self.lockSeconds = lockSeconds
        self.buckets = buckets
        self.entriesPerBucket = entriesPerBucket
    }
}
