/// How CPSKit waits between retries (R-UOW-1, R-ADP-3): injected like time, so tests never sleep.
///
/// The default, ``system``, is `Task.sleep`: cancelling the task ends the wait with
/// `CancellationError`. The test kit's `RecordingSleeper` records each requested delay and returns at
/// once.
public struct Sleeper: Sendable {
    private let sleepFor: @Sendable (Duration) async throws -> Void

    /// Creates a sleeper from a closure that waits `duration` (or throws when cancelled).
    public init(_ sleep: @escaping @Sendable (Duration) async throws -> Void) { sleepFor = sleep }

    /// Waits `duration`; throws `CancellationError` when the task is cancelled meanwhile.
    public func sleep(_ duration: Duration) async throws { try await sleepFor(duration) }

    /// `Task.sleep` on the continuous clock.
    public static let system = Sleeper { duration in try await Task.sleep(for: duration) }

    /// Returns at once (still throws when the task is already cancelled).
    public static let immediate = Sleeper { _ in try Task.checkCancellation() }
}
