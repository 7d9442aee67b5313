import CPSKit

/// An ``EventSink`` for tests (R-UOW-3): keeps every event, in order, for assertions.
///
/// ```swift
/// let events = RecordingEventSink()
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: .generated(), events: events.sink)
/// #expect(events.events.contains(.jobRun(job: "invoicing", processed: 1, hasMore: false)))
/// ```
public final class RecordingEventSink: Sendable {
    private let recorded = Locked<[CPSEvent]>([])

    /// An empty recorder.
    public init() {}

    /// The sink to give a ``CPSContext``.
    public var sink: EventSink { EventSink { [recorded] event in recorded.withLock { $0.append(event) } } }

    /// Every event so far, oldest first.
    public var events: [CPSEvent] { recorded.withLock { $0 } }

    /// Forgets every event so far.
    public func removeAll() { recorded.withLock { $0.removeAll() } }
}
