import CPSKit

/// A ``Sleeper`` for tests (R-UOW-1): records every delay a retry asked for and returns at once, so
/// a test can assert the backoff without waiting.
///
/// ```swift
/// let sleeper = RecordingSleeper()
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: .generated(), sleeper: sleeper.sleeper)
/// // … provoke conflicts …
/// #expect(sleeper.delays.count == 2)
/// ```
public final class RecordingSleeper: Sendable {
    private let recorded = Locked<[Duration]>([])

    /// A sleeper that records.
    public init() {}

    /// The sleeper to give a ``CPSContext``.
    public var sleeper: Sleeper {
        Sleeper { [recorded] duration in
            try Task.checkCancellation()
            recorded.withLock { $0.append(duration) }
        }
    }

    /// Every delay asked for, oldest first.
    public var delays: [Duration] { recorded.withLock { $0 } }
}
