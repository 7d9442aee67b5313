/// Where CPSKit reports ``CPSEvent``s (R-UOW-3): a closure, like ``TimeSource``.
///
/// The default, ``none``, drops every event. A host forwards them to its logger or metrics; the test
/// kit's `RecordingEventSink` keeps them for assertions. The closure is called after commit, outside
/// every lock, and must not throw or block for long.
///
/// ```swift
/// let events = EventSink { event in logger.info("\(event)") }
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: keys, events: events)
/// ```
public struct EventSink: Sendable {
    private let receive: @Sendable (CPSEvent) -> Void

    /// Creates a sink from a closure.
    public init(_ receive: @escaping @Sendable (CPSEvent) -> Void) { self.receive = receive }

    /// Hands `event` to the sink.
    public func emit(_ event: CPSEvent) { receive(event) }

    /// Drops every event.
    public static let none = EventSink { _ in }
}
