/// How a unit of work retries after a concurrent change (R-UOW-1): the one retry policy of every
/// service and job.
///
/// Attempt `n` (from 1) that fails with a conflict waits a random delay between 0 and
/// `min(maximumDelayMilliseconds, baseDelayMilliseconds × 2^(n−1))` ("full jitter"), drawn from the
/// context's ``RandomSource``, through the context's ``Sleeper``; after `attempts` attempts the call
/// fails with ``ConflictError``.
public struct RetryPolicy: Hashable, Codable, Sendable {
    /// How many times a unit runs at most (first run included); 1 means never retry.
    public var attempts: Int
    /// The first backoff's upper bound, in milliseconds.
    public var baseDelayMilliseconds: Int
    /// No backoff is longer than this, in milliseconds.
    public var maximumDelayMilliseconds: Int

    /// 10 attempts, backoff from up to 2 ms doubling to at most 200 ms.
    public init(attempts: Int = 10, baseDelayMilliseconds: Int = 2, maximumDelayMilliseconds: Int = 200) {
        self.attempts = attempts
        self.baseDelayMilliseconds = baseDelayMilliseconds
        self.maximumDelayMilliseconds = maximumDelayMilliseconds
    }

    /// The upper bound of the wait after failed attempt `attempt` (1-based), in milliseconds.
    public func delayBound(afterAttempt attempt: Int) -> Int {
        let shift = min(max(attempt - 1, 0), 30)
        let (grown, overflow) = max(baseDelayMilliseconds, 0).multipliedReportingOverflow(by: 1 << shift)
        return min(overflow ? Int.max : grown, max(maximumDelayMilliseconds, 0))
    }

    /// The wait after failed attempt `attempt`: a fraction `unit` (0 ..< 1) of ``delayBound(afterAttempt:)``.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        let bound = Double(delayBound(afterAttempt: attempt))
        return .microseconds(Int64((bound * 1_000 * min(max(unit, 0), 1)).rounded(.down)))
    }

    /// Checks the values (R-UOW-1).
    func validate() throws(PolicyError) {
        if !(1...1_000).contains(attempts) {
            throw PolicyError(.outOfRange, field: "retries.attempts", minimum: .number(1), maximum: .number(1000))
        }
        if !(0...60_000).contains(baseDelayMilliseconds) {
            throw PolicyError(.outOfRange, field: "retries.baseDelayMilliseconds", minimum: .number(0), maximum: .number(60000))
        }
        if !(0...600_000).contains(maximumDelayMilliseconds) || maximumDelayMilliseconds < baseDelayMilliseconds {
            throw PolicyError(.outOfRange, field: "retries.maximumDelayMilliseconds",
                              minimum: .text("retries.baseDelayMilliseconds"), maximum: .number(600_000))
        }
    }
}
