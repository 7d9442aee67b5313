import CPSKit
import Foundation

/// A clock for tests that stands still until told to move (R-ADP-3). Hand ``source`` to a service;
/// call ``advance(by:)`` or ``set(_:)`` to move time. Tests never sleep.
public final class TestClock: Sendable {
    private let current: Locked<Date>

    /// A clock at `start`.
    public init(_ start: Date) { current = Locked(start) }

    /// A clock at `iso` (ISO 8601, e.g. `"2026-11-27T09:00:00+01:00"`); traps on a malformed literal,
    /// which is a bug in the test itself.
    public convenience init(iso: String) {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: iso) else { preconditionFailure("bad ISO 8601 literal \(iso)") }
        self.init(date)
    }

    /// The current test instant.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    /// Moves the clock forward by whole days.
    public func advance(days: Int) { advance(by: TimeInterval(days) * 86_400) }

    /// Sets the clock.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// A ``TimeSource`` reading this clock.
    public var source: TimeSource { TimeSource { [self] in self.now } }
}
