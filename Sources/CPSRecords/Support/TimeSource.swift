import Foundation

/// Where services get the current instant (R-ADP-3). Inject ``system`` in production and a fixed or
/// test clock in tests, so every date a rule computes is reproducible.
///
/// ```swift
/// let time = TimeSource.fixed(Date(timeIntervalSince1970: 1_764_000_000))
/// ```
public struct TimeSource: Sendable {
    private let nowProvider: @Sendable () -> Date

    /// Creates a source from a closure.
    public init(_ now: @escaping @Sendable () -> Date) { nowProvider = now }

    /// The current instant.
    public func now() -> Date { nowProvider() }

    /// The system clock.
    public static let system = TimeSource { Date() }

    /// Always `date`.
    public static func fixed(_ date: Date) -> TimeSource { TimeSource { date } }
}
